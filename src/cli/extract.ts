// `asakit extract [--config FILE] NAMEIF...`
import { Option, type Command } from 'commander';
import { extract } from '../extract/extract.js';
import { loadFileForExtract } from '../extract/load.js';
import { existsSync, statSync } from 'node:fs';
import { InputError, UsageError } from '../parse/errors.js';
import { parseNow } from './options.js';
import { writeJson } from './output.js';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      "print exactly the part of a configuration that concerns the given interfaces (a customer's part), as valid ASA syntax",
    )
    .argument('<nameif...>', 'interface names (nameif); several = one customer with several VLANs')
    .option('-c, --config <file>', 'configuration file (plain or gzip); default: standard input')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option(
      '--include-global',
      "also include the global ACL's entries that lie inside these interfaces' address space",
    )
    .option('--now <iso-date>', 'generation time printed in the footer (default: now)')
    .addHelpText(
      'after',
      `
Examples:
  zcat cf.asa.20180111.gz | asakit extract iks-lab
  asakit extract --config fw.cfg cust-17 cust-17-dmz > cust-17.txt
  asakit extract --config fw.cfg cust-17 --format json | jq .omitted`,
    )
    .action(
      async (
        nameifs: string[],
        opts: { config?: string; format: string; includeGlobal?: boolean; now?: string },
      ) => {
        if (opts.config === undefined && process.stdin.isTTY) {
          throw new UsageError(
            'no configuration: give --config FILE or pipe one on standard input',
          );
        }
        const extractOpts = {
          includeGlobal: opts.includeGlobal === true,
          ...(opts.now !== undefined ? { now: parseNow(opts.now) } : {}),
        };
        // only the blocks this extract can reach are parsed (see extract/load.ts)
        const result = withFileHint(nameifs, opts.config, () =>
          extract(
            loadFileForExtract(opts.config ?? '-', nameifs, extractOpts).config,
            nameifs,
            extractOpts,
          ),
        );
        for (const n of result.notes) process.stderr.write(`asakit: note: ${n}\n`);
        if (opts.format === 'json') await writeJson(result.json);
        else process.stdout.write(result.text);
      },
    );
}

/**
 * `asakit extract fw.cfg outside` reads standard input and takes `fw.cfg` for an interface: when
 * that load fails and an interface argument is an existing file, say how to give it instead.
 */
function withFileHint<T>(nameifs: string[], config: string | undefined, load: () => T): T {
  try {
    return load();
  } catch (e) {
    const file =
      config === undefined && (e instanceof InputError || e instanceof UsageError)
        ? nameifs.find((n) => existsSync(n) && statSync(n).isFile())
        : undefined;
    if (file === undefined) throw e;
    throw new UsageError(
      `${(e as Error).message} (${file} is a file: the interface names are the arguments, the configuration is --config ${file} or standard input)`,
    );
  }
}
