// name-trailing-dot: IPv4 `name`s should end with a dot (so they can never be taken for a DNS name
// that resolves), IPv6 names should not.
//
// A `name` is only an alias: the running configuration stores the address, and `show
// running-config` prints the name in place of the address while `names` is enabled. So the fix
// renames the alias and nothing else: `no name ADDRESS OLD`, then `name ADDRESS NEW`. The lines
// that use the name are NOT rewritten: they keep their address and show the new name. Rewriting
// them (add the line with the new name, remove the one with the old) would be destructive: both
// lines are the same address, so the add is a duplicate of the existing entry and the `no`
// removes the entry itself (a syslog host, a DNS server, an access-list permit).
import { isIPv4 } from '../../parse/ip.js';
import type { AuditRule, Finding } from '../types.js';
import { FIX_ORDER, badName, namePlan, renameCreate } from './shared.js';

const REASON_V4 =
  'A `name` is family-agnostic: nothing in `name ADDRESS NAME` says whether NAME is a label or a DNS name. Without a trailing dot, an IPv4 name such as `www.example.net` reads like a DNS name that resolves, and people take the config for what DNS says (or the reverse); with the trailing dot (`www.example.net.`) it is visibly a label fixed to the address in the config, and cannot be confused with a resolvable DNS name. The address stays the same, and a DNS check (--dns) still checks it.';
const REASON_V6 =
  'A `name` is family-agnostic, but for IPv6 names a trailing dot is not recommended: IPv6 names are not written with one, and a dotted IPv6 name stands out from the convention of the rest of the configuration (where only IPv4 names carry the dot).';

/** What the fix does, in the reason. */
function howSentence(from: string, to: string, exists: boolean, described: boolean): string {
  const rename = exists
    ? ` The fix removes the alias ${from}; ${to} exists already for the same address.`
    : ` The fix renames the alias: it removes ${from} and then defines ${to} for the same address${described ? ' with the same description' : ''}.`;
  return (
    rename +
    ' A name is only an alias for its address: the lines that use it (listed under references) store the address, so they are not rewritten; they keep their address, and while `names` is enabled the ASA shows them with the new name. Between the two commands they show the address.'
  );
}

export const nameTrailingDot: AuditRule = {
  meta: {
    id: 'name-trailing-dot',
    severity: 'info',
    description: 'IPv4 names without a trailing dot, and IPv6 names with one',
    reason: REASON_V4,
  },
  async check(ctx) {
    const config = ctx.config;
    const plan = await namePlan(ctx);

    const findings: Finding[] = [];
    let seq = 0;
    for (const n of config.names.values()) {
      if (!badName(n)) continue;
      const v4 = isIPv4(n.address);
      const r = plan.renames.get(n.name);
      const notes: string[] = [];
      const fix: string[] = [];
      const skipped = plan.skipped.get(n.name);
      if (skipped) notes.push(skipped);
      if (r) {
        // Remove first, then add. The ASA keeps one name per address, so `name ADDRESS NEW`
        // while OLD still holds the address would be refused (and the `no name` after it would
        // leave the address without a name). In this order a refusal is harmless: if `no name`
        // is refused, OLD still holds the address, so the `name` is refused too and nothing
        // changed; if `name` is refused (a clash), the address is left without a name and its
        // lines show the address. Either way no line that uses the name changes what it
        // matches or does: only the label is at stake.
        fix.push(`no name ${n.address} ${n.name}`, ...renameCreate(r));
      }
      const message = v4
        ? `IPv4 name ${n.name} (${n.address}) has no trailing dot${r ? `; rename it to ${r.to}` : ''}`
        : `IPv6 name ${n.name} (${n.address}) ends with a dot${r ? `; rename it to ${r.to}` : ''}`;
      const how = r ? howSentence(n.name, r.to, r.exists, n.description !== undefined) : '';
      findings.push({
        rule: 'name-trailing-dot',
        severity: 'info',
        subject: { kind: 'name', name: n.name },
        line: n.line.n,
        message,
        reason: [(v4 ? REASON_V4 : REASON_V6) + how, ...notes].join(' '),
        fix,
        ...ctx.refsOf('name', n.name, [n.line.n]),
        order: FIX_ORDER.nameTrailingDot + seq++,
      });
    }
    return findings;
  },
};
