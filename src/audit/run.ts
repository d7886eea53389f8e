// Runs the audit rules over one configuration and collects their findings.
import { computeLiveness, type Liveness } from '../graph/liveness.js';
import { AddressResolver } from '../model/addresses.js';
import { aceOf, type Config } from '../model/types.js';
import type { Line } from '../parse/lines.js';
import { isIPv4, normalizeAddress } from '../parse/ip.js';
import type { Kind } from '../parse/kinds.js';
import type { Resolver } from '../dns/index.js';
import { createDnsContext } from './dns-context.js';
import { RULES } from './rules/index.js';
import type { AuditReport, Finding, Reference, RuleContext, RuleId, Severity } from './types.js';

export interface AuditOptions {
  now?: Date;
  /** run only these rules (ids as in CLI.md) */
  rules?: RuleId[];
  /** run the DNS checks against these resolvers */
  dns?: {
    resolvers: Resolver[];
    timeoutMs?: number;
    onProgress?: (done: number, total: number) => void;
  };
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

const MAY_HOLD_ADDRESS = /\d\.\d|:/;

/** Lines per address (every word that is an IP address or prefix), built on first use. */
function addressIndex(config: Config): Map<string, Line[]> {
  const index = new Map<string, Line[]>();
  const add = (key: string, line: Line) => {
    const list = index.get(key);
    if (!list) index.set(key, [line]);
    else if (list[list.length - 1] !== line) list.push(line);
  };
  for (const line of config.tree.all) {
    const ace = line.stmt && aceOf(line.stmt);
    if (ace) {
      // parsed entries: their literal addresses are in the operands (no need to split again)
      for (const op of [ace.src, ace.dst]) {
        if (op && (op.type === 'host' || op.type === 'network' || op.type === 'prefix')) {
          const a = op.address.split('/')[0] as string;
          add(isIPv4(a) ? a : normalizeAddress(a), line);
        }
      }
      continue;
    }
    // most other lines hold no address at all: split only those with a dotted or colon word
    if (!MAY_HOLD_ADDRESS.test(line.raw)) continue;
    for (const w of line.tokens) {
      const c = w.charCodeAt(0);
      const digitOrHex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
      if (!digitOrHex) continue;
      let key: string | undefined;
      if (isIPv4(w)) key = w;
      else if (w.includes(':') && /^[0-9a-fA-F:./]+$/.test(w))
        key = normalizeAddress(w.split('/')[0] as string);
      if (key === undefined) continue;
      add(key, line);
    }
  }
  return index;
}

/** is line n among the lines (sorted by line number)? */
function hasLine(lines: readonly Line[], n: number): boolean {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = (lines[mid] as Line).n;
    if (m === n) return true;
    if (m < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function createContext(config: Config, opts: AuditOptions = {}): RuleContext {
  let liveness: Liveness | undefined;
  let addrIndex: Map<string, Line[]> | undefined;
  // one Reference per line, shared by every finding that lists it: a line may be among the
  // references of many findings (an address in every customer's access-list)
  const refs = new Map<Line, Reference>();
  const ref = (l: Line): Reference => {
    let r = refs.get(l);
    if (!r) refs.set(l, (r = Object.freeze({ line: l.n, text: l.raw.trim() })));
    return r;
  };
  const crossReferences = (
    lines: readonly Line[],
    exclude: readonly number[] = [],
    limit = Infinity,
  ) => {
    const skip = new Set(exclude);
    let total = lines.length;
    for (const n of skip) if (hasLine(lines, n)) total--;
    const references: Reference[] = [];
    for (let i = 0; i < lines.length && references.length < limit; i++) {
      const l = lines[i] as Line;
      if (!skip.has(l.n)) references.push(ref(l));
    }
    return total > references.length ? { references, referencesTotal: total } : { references };
  };
  const ctx: RuleContext = {
    config,
    now: opts.now ?? new Date(),
    liveness: () => (liveness ??= computeLiveness(config)),
    addresses: new AddressResolver(config),
    crossReferences,
    refsOf(kind: Kind, name: string, exclude: readonly number[] = [], also: readonly Line[] = []) {
      const g = config.graph;
      const lines = new Map<number, Line>();
      const d = g.get(kind, name);
      for (const l of d?.lines ?? []) lines.set(l.n, l);
      for (const u of g.usesOf(kind, name)) lines.set(u.line.n, u.line);
      for (const l of also) lines.set(l.n, l);
      return crossReferences(
        [...lines.values()].sort((a, b) => a.n - b.n),
        exclude,
      );
    },
    linesWithAddress(address: string) {
      addrIndex ??= addressIndex(config);
      const key = isIPv4(address) ? address : normalizeAddress(address.split('/')[0] as string);
      return addrIndex.get(key) ?? [];
    },
  };
  if (opts.dns) {
    ctx.dns = createDnsContext(config, opts.dns.resolvers, {
      ...(opts.dns.timeoutMs !== undefined ? { timeoutMs: opts.dns.timeoutMs } : {}),
      ...(opts.dns.onProgress ? { onProgress: opts.dns.onProgress } : {}),
    });
  }
  return ctx;
}

export async function runAudit(config: Config, opts: AuditOptions = {}): Promise<AuditReport> {
  const ctx = createContext(config, opts);
  const wanted = opts.rules && opts.rules.length > 0 ? new Set(opts.rules) : undefined;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const ids = [rule.meta.id, ...(rule.alsoReports ?? [])];
    if (wanted && !ids.some((id) => wanted.has(id))) continue;
    if (rule.needsDns && !ctx.dns) continue;
    const out = await rule.check(ctx);
    // a loop, not push(...out): a rule may return hundreds of thousands of findings
    for (const f of out) if (!wanted || wanted.has(f.rule)) findings.push(f);
  }
  findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  const counts: Partial<Record<RuleId, number>> = {};
  for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  return {
    source: config.source,
    ...(isFtd(config) ? { platform: 'ftd' as const } : {}),
    findings,
    summary: {
      lines: config.tree.lineCount,
      unknownLines: config.unknown.length,
      findings: counts,
    },
  };
}

/** a Firepower Threat Defense configuration: its version line says `NGFW Version` */
function isFtd(config: Config): boolean {
  return config.header.platform?.toUpperCase() === 'NGFW';
}

export function worstSeverity(findings: Finding[]): number {
  return findings.reduce((m, f) => Math.max(m, SEVERITY_RANK[f.severity]), 0);
}
