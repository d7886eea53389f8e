// `asakit audit [FILE]`
import { Option, type Command } from 'commander';
import { loadConfigFile } from '../model/build.js';
import { UsageError } from '../parse/errors.js';
import {
  auditTextLines,
  fixScriptLines,
  runAudit,
  SEVERITY_RANK,
  toJson,
  toSarif,
  type RuleId,
} from '../audit/index.js';
import { RULES } from '../audit/rules/index.js';
import { parseResolver, systemResolvers, type Resolver } from '../dns/index.js';
import { parseNow } from './options.js';
import { ProgressBar } from './progress.js';
import { writeJson, writeLines } from './output.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerAudit(program: Command): void {
  const ids = RULES.flatMap((r) => [r.meta.id, ...(r.alsoReports ?? [])]);
  program
    .command('audit')
    .description(
      'find unused and undefined structures, raw addresses, DNS drift, expired certificates, incomplete crypto maps and port-channel failover MACs — with reasons, safe fix commands and cross-references',
    )
    .argument('[file]', 'configuration file (plain or gzip), or - for standard input', '-')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'sarif'])
        .default('text'),
    )
    .option('--rule <id>', `run only this rule (repeatable): ${ids.join(', ')}`, collect, [])
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists')
        .choices(['error', 'warning', 'info', 'never'])
        .default('warning'),
    )
    .option('--now <iso-date>', 'the date certificates are checked against (default: now)')
    .option(
      '--dns',
      'check DNS names in names and objects against a resolver (off by default: audits stay offline)',
    )
    .option(
      '--resolver <ip[:port]>',
      'resolver for --dns (repeatable; default: the system resolvers)',
      collect,
      [],
    )
    .option('--dns-timeout <ms>', 'per-query timeout for --dns', '1500')
    .option(
      '--fix-script',
      'print only the fix commands, ready to paste, with ! comments naming each finding',
    )
    .addHelpText(
      'after',
      `
Examples:
  asakit audit fw.cfg.gz
  asakit audit fw.cfg --rule unused --rule undefined --format json
  asakit audit fw.cfg --fix-script > cleanup.txt
  asakit audit fw.cfg --dns --resolver 127.0.0.1:5353
  asakit audit fw.cfg --format sarif > asakit.sarif

Exit status: 0 nothing at or above --fail-on, 1 findings reported, 2 usage or input error.`,
    )
    .action(
      async (
        file: string,
        opts: {
          format: string;
          rule: string[];
          failOn: string;
          now?: string;
          dns?: boolean;
          resolver: string[];
          dnsTimeout: string;
          fixScript?: boolean;
        },
      ) => {
        for (const r of opts.rule)
          if (!ids.includes(r as RuleId))
            throw new UsageError(`unknown rule ${r}; rules: ${ids.join(', ')}`);
        if (opts.resolver.length > 0 && !opts.dns) throw new UsageError('--resolver needs --dns');
        let resolvers: Resolver[] = [];
        if (opts.dns) {
          try {
            resolvers =
              opts.resolver.length > 0 ? opts.resolver.map(parseResolver) : systemResolvers();
          } catch (err) {
            throw new UsageError(`--resolver: ${(err as Error).message}`);
          }
          if (resolvers.length === 0)
            throw new UsageError(
              '--dns: no resolver configured on this system; give --resolver IP[:PORT]',
            );
        }
        const timeoutMs = Number(opts.dnsTimeout);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
          throw new UsageError(`--dns-timeout: not a positive number: ${opts.dnsTimeout}`);
        const config = loadConfigFile(file);
        // the number of names is known only once the checks start
        let bar: ProgressBar | undefined;
        const onProgress = (done: number, total: number) =>
          (bar ??= new ProgressBar(total, 'dns')).update(done);
        const report = await runAudit(config, {
          ...(opts.now !== undefined ? { now: parseNow(opts.now) } : {}),
          ...(opts.rule.length > 0 ? { rules: opts.rule as RuleId[] } : {}),
          ...(opts.dns ? { dns: { resolvers, timeoutMs, onProgress } } : {}),
        });
        bar?.clear();
        if (opts.fixScript) await writeLines(fixScriptLines(report));
        else if (opts.format === 'json') await writeJson(toJson(report));
        else if (opts.format === 'sarif') await writeJson(toSarif(report));
        else await writeLines(auditTextLines(report, { color: useColor() }));
        const threshold =
          opts.failOn === 'never'
            ? Infinity
            : SEVERITY_RANK[opts.failOn as 'error' | 'warning' | 'info'];
        process.exitCode = report.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)
          ? 1
          : 0;
      },
    );
}

function useColor(): boolean {
  return process.stdout.isTTY === true && !process.env['NO_COLOR'];
}
