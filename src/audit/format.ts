// Audit output: text for people (grouped by rule, colour only when asked), the JSON contract of
// CLI.md, SARIF 2.1.0 for CI systems, and a paste-ready fix script.
import { VERSION } from '../version.js';
import { RemovalDeduper, removedWhole } from './dedupe.js';
import { RULES } from './rules/index.js';
import type { AuditReport, Finding, RuleId } from './types.js';

const ALL_IDS: RuleId[] = [
  'unused',
  'undefined',
  'raw-address',
  'dns-mismatch',
  'dns-nxdomain',
  'dns-dnssec-failure',
  'dns-unverified',
  'fqdn-object',
  'name-trailing-dot',
  'expired-certificate',
  'incomplete-crypto-map',
  'portchannel-failover-mac',
];

export function toJson(report: AuditReport): unknown {
  return {
    findings: report.findings.map((f) => {
      const o: Record<string, unknown> = {
        rule: f.rule,
        severity: f.severity,
        subject: f.subject,
        line: f.line,
        message: f.message,
        reason: f.reason,
        fix: f.fix,
        references: f.references,
      };
      if (f.referencesTotal !== undefined) o['referencesTotal'] = f.referencesTotal;
      if (f.address !== undefined) o['address'] = f.address;
      if (f.chain) o['chain'] = f.chain;
      return o;
    }),
    summary: report.summary,
    ...(report.platform ? { platform: report.platform } : {}),
  };
}

const COLORS = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/** Said once in a report on a Firepower Threat Defense configuration (text and fix script). */
const FTD_NOTE =
  'this is a Firepower Threat Defense configuration; FMC or FDM owns it, so make the changes there: the fix commands say what to change in LINA terms, the device does not take them from its CLI.';

export interface TextOptions {
  color: boolean;
  maxReferences?: number;
}

export function formatAuditText(report: AuditReport, opts: TextOptions): string {
  return [...auditTextLines(report, opts)].join('\n') + '\n';
}

/**
 * The text report line by line (no line ends): a report of a million findings is longer than
 * the longest string V8 can build, so the CLI writes the lines as they come.
 */
export function* auditTextLines(report: AuditReport, opts: TextOptions): Generator<string> {
  const c = (k: keyof typeof COLORS, s: string) =>
    opts.color ? `${COLORS[k]}${s}${COLORS.reset}` : s;
  const max = opts.maxReferences ?? 10;
  const byRule = new Map<RuleId, Finding[]>();
  for (const f of report.findings) {
    const list = byRule.get(f.rule) ?? [];
    list.push(f);
    byRule.set(f.rule, list);
  }
  for (const id of ALL_IDS) {
    const list = byRule.get(id);
    if (!list) continue;
    yield c('bold', `${id} (${list.length})`);
    for (const f of list) {
      yield `  ${c(f.severity, f.severity.padEnd(7))} line ${f.line}: ${f.message}`;
      yield `    ${c('dim', 'why:')} ${f.reason}`;
      if (f.fix.length > 0) {
        yield `    ${c('dim', 'fix:')}`;
        for (const cmd of f.fix) yield `      ${cmd}`;
      }
      if (f.references.length > 0) {
        const total = f.referencesTotal ?? f.references.length;
        yield `    ${c('dim', `also at (${total}):`)}`;
        for (const r of f.references.slice(0, max)) yield `      ${r.line}: ${r.text}`;
        const json =
          total > f.references.length
            ? `--format json lists the first ${f.references.length}`
            : '--format json lists all';
        if (total > max) yield `      ... ${total - max} more (${json})`;
      }
    }
    yield '';
  }
  if (report.platform === 'ftd' && report.findings.some((f) => f.fix.length > 0))
    yield `note: ${FTD_NOTE}`;
  const counts = Object.entries(report.summary.findings)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  yield `${report.source}: ${report.summary.lines} lines, ${report.findings.length} finding(s)${counts ? ` (${counts})` : ''}, ${report.summary.unknownLines} unknown line(s)`;
}

/**
 * Only the fix commands, ready to paste, with `!` comment lines naming each finding. Findings
 * are ordered so that users are removed before what they use. A removal that an earlier finding's
 * fix already made is said once: later, a comment stands in its place (see dedupe.ts). The
 * findings' own `fix` lists (text, JSON, SARIF) keep every command.
 */
export function formatFixScript(report: AuditReport): string {
  return [...fixScriptLines(report)].join('\n') + '\n';
}

/** The fix script line by line (no line ends), as auditTextLines. */
export function* fixScriptLines(report: AuditReport): Generator<string> {
  yield `! asakit ${VERSION} fix script for ${report.source}`;
  yield '! Review before pasting. Commands are ordered: references are removed before what they reference.';
  if (report.platform === 'ftd') yield `! ${FTD_NOTE}`;
  const fixable = report.findings.filter((f) => f.fix.length > 0);
  const ordered = [...fixable].sort(
    (a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.line - b.line,
  );
  const dedupe = new RemovalDeduper(removedWhole(ordered.map((f) => f.fix)));
  for (const f of ordered) {
    yield '!';
    yield `! [${f.rule}] line ${f.line}: ${f.message}`;
    yield* dedupe.take(f.fix);
  }
  if (ordered.length === 0) yield '! nothing to fix';
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function toSarif(report: AuditReport): unknown {
  const rules = RULES.flatMap((r) =>
    [r.meta.id, ...(r.alsoReports ?? [])].map((id) => ({ id, meta: r.meta })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'asakit',
            version: VERSION,
            informationUri: 'https://www.npmjs.com/package/asakit',
            rules: rules.map(({ id, meta }) => ({
              id,
              shortDescription: { text: meta.description },
              fullDescription: { text: meta.reason },
              defaultConfiguration: { level: LEVEL[meta.severity] },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          level: LEVEL[f.severity],
          message: { text: `${f.message}. ${f.reason}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: report.source },
                region: { startLine: Math.max(1, f.line) },
              },
            },
          ],
          relatedLocations: f.references.slice(0, 100).map((r, i) => ({
            id: i + 1,
            physicalLocation: {
              artifactLocation: { uri: report.source },
              region: { startLine: r.line },
            },
            message: { text: r.text },
          })),
          properties: {
            subject: f.subject,
            fix: f.fix,
            ...(f.address !== undefined ? { address: f.address } : {}),
            ...(f.referencesTotal !== undefined ? { referencesTotal: f.referencesTotal } : {}),
          },
        })),
      },
    ],
  };
}
