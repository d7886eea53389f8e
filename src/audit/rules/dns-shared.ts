// What the four dns-* rules share: the findings of one DNS status from the shared results of
// ctx.dns (computed once per audit). Not a rule.
import type { DnsCheckResult, DnsStatus } from '../../dns/index.js';
import type { DnsCandidate, Finding, RuleContext, RuleId, Severity } from '../types.js';
import { effective, staysAlive } from './shared.js';

export interface DnsFindingSpec {
  rule: RuleId;
  severity: Severity;
  status: DnsStatus;
  message(c: DnsCandidate, r: DnsCheckResult): string;
  reason(c: DnsCandidate, r: DnsCheckResult): string;
  fix?(c: DnsCandidate, r: DnsCheckResult, alive: boolean): string[];
  order?: number;
}

export function label(c: DnsCandidate): string {
  return c.kind === 'name' ? `name ${c.name}` : `object network ${c.name}`;
}

export async function dnsFindings(ctx: RuleContext, spec: DnsFindingSpec): Promise<Finding[]> {
  if (!ctx.dns) return [];
  const eff = effective(ctx);
  const out: Finding[] = [];
  for (const { candidate: c, result: r } of await ctx.dns.results()) {
    if (r.status !== spec.status) continue;
    const alive = staysAlive(eff, ctx.config.graph.get(c.kind, c.name));
    const f: Finding = {
      rule: spec.rule,
      severity: spec.severity,
      subject: { kind: c.kind, name: c.name },
      line: c.line.n,
      message: spec.message(c, r),
      reason: spec.reason(c, r),
      fix: spec.fix ? spec.fix(c, r, alive) : [],
      ...ctx.refsOf(c.kind, c.name, [c.line.n]),
    };
    if (spec.order !== undefined && f.fix.length > 0) f.order = spec.order;
    out.push(f);
  }
  return out;
}
