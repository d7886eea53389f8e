// The asakit command line. Every command reads the model and graph; errors become one line on
// stderr with exit status 2 (no stack trace).
import { VERSION } from '../version.js';
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError } from '../parse/errors.js';
import { loadConfigFile } from '../model/build.js';
import { formatSummary, modelToJson, summarize } from '../model/summary.js';
import { registerExtract } from './extract.js';
import { registerAudit } from './audit.js';
import { registerPortal } from './portal.js';
import { quietOnClosedOutput, writeJson, writeOut } from './output.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('asakit')
    .description(
      'Cisco ASA / FTD (LINA) configuration toolkit: per-customer extracts, audits with safe fixes, customer portal',
    )
    .version(VERSION, '-V, --version')
    .configureOutput({
      // usage errors are one line on stderr, like every other error (CLI.md)
      outputError: (str, write) => write(`asakit: ${str.replace(/^error: /, '').trimEnd()}\n`),
    })
    .exitOverride();

  program
    .command('parse')
    .description(
      'parse a configuration and print counts per structure kind, unknown lines and warnings (or the model as JSON)',
    )
    .argument('[file]', 'configuration file (plain or gzip), or - for standard input', '-')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['summary', 'json'])
        .default('summary'),
    )
    .addHelpText(
      'after',
      `
Examples:
  asakit parse fw.cfg
  zcat cf.asa.20180111.gz | asakit parse --format json > model.json
  asakit parse cf.asa.20180111.gz        # gzip is detected by its magic bytes`,
    )
    .action(async (file: string, opts: { format: string }) => {
      const config = loadConfigFile(file);
      if (opts.format === 'json') await writeJson(modelToJson(config));
      else writeOut(formatSummary(summarize(config)));
    });

  registerExtract(program);
  registerAudit(program);
  registerPortal(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  quietOnClosedOutput();
  try {
    await program.parseAsync(argv);
    if (process.exitCode === undefined) process.exitCode = 0;
  } catch (err) {
    process.exitCode = exitFor(err);
  }
}

function exitFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // help and version exit 0; commander already printed its message
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof InputError || err instanceof UsageError) {
    process.stderr.write(`asakit: ${err.message}\n`);
    return 2;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'EPIPE') return 0;
  process.stderr.write(
    `asakit: internal error: ${e?.message ?? String(err)} (please report this with the input that caused it)\n`,
  );
  if (process.env['ASAKIT_DEBUG']) process.stderr.write(`${e?.stack ?? ''}\n`);
  return 2;
}
