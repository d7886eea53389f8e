// dns-mismatch: a name or object named after a DNS name whose DNS answer no longer contains the
// configured address.
import type { Line } from '../../parse/lines.js';
import type { AuditRule, RuleContext } from '../types.js';
import { dnsFindings, label } from './dns-shared.js';
import { FIX_ORDER, effective, nameCommand, replaceLineCommands } from './shared.js';

/**
 * Moving a name to another address: a name is only an alias, and the lines that use it store the
 * address. So the name is removed (its lines now print the old address) and defined again at the
 * new one, then each line is entered again with the name (now the new address) and the old one,
 * printed with the old address, removed.
 */
function moveName(ctx: RuleContext, name: string, from: string, to: string): string[] {
  const out = [
    `no name ${from} ${name}`,
    nameCommand(to, name, ctx.config.names.get(name)?.description),
  ];
  const eff = effective(ctx);
  const lines = new Set<Line>();
  for (const u of ctx.config.graph.usesOf('name', name)) {
    if (!u.implicit && eff.kept(u.line)) lines.add(u.line);
  }
  for (const l of [...lines].sort((a, b) => a.n - b.n)) {
    const words = l.tokens;
    out.push(
      ...replaceLineCommands(
        ctx,
        l,
        words,
        words.map((w) => (w === name ? from : w)),
      ),
    );
  }
  return out;
}

const REASON =
  'The name (or the object named after it) says one thing and DNS another: either the host moved and the rule now points at an address that may belong to someone else, or DNS is stale. Check which side is right.';

export const dnsMismatch: AuditRule = {
  meta: {
    id: 'dns-mismatch',
    severity: 'warning',
    description: 'names and objects whose DNS name resolves to other addresses than configured',
    reason: REASON,
  },
  needsDns: true,
  check(ctx) {
    return dnsFindings(ctx, {
      rule: 'dns-mismatch',
      severity: 'warning',
      status: 'mismatch',
      order: FIX_ORDER.dnsMismatch,
      message: (c, r) =>
        `${label(c)} is ${c.address} in the configuration, but ${c.fqdn} ${r.detail}`,
      reason: (c, r) =>
        `${REASON} The fix assumes DNS is right and moves ${c.name} to ${r.resolved[0] ?? '?'}${r.resolved.length > 1 ? ` (the first of ${r.resolved.join(', ')})` : ''}; if the configuration is right, fix the DNS entry instead.${c.kind === 'name' ? ' A name is only an alias, and the lines that use it store its address: the fix removes the name, defines it again at the new address, and enters each line that uses it again (the old line, which still holds the old address, is removed after the new one is added).' : ''}`,
      fix: (c, r, alive) => {
        const to = r.resolved[0];
        if (to === undefined || !alive) return [];
        if (c.kind === 'object') return [`object network ${c.name}`, ` host ${to}`];
        return moveName(ctx, c.name, c.address, to);
      },
    });
  },
};
