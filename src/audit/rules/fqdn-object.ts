// fqdn-object: `object network X` / `fqdn [v4|v6] NAME` objects. Recommended only for addresses that
// really change; a `host` object named after the DNS name can be checked against DNS later.
import { checkNames } from '../../dns/index.js';
import type { AuditRule, Finding } from '../types.js';

const REASON =
  'An fqdn object follows whatever DNS answers at the moment, so the rule silently changes when the DNS entry changes (or is hijacked), and nothing can tell whether the address it matches is still the intended one. Unless the address is truly dynamic (a cloud service whose addresses rotate), prefer a `host` object named after the DNS name: the intended address is then written down, and a later DNS check (`asakit audit --dns`) reports when DNS and the configuration disagree.';

export const fqdnObject: AuditRule = {
  meta: {
    id: 'fqdn-object',
    severity: 'info',
    description: 'fqdn network objects, recommended only for truly dynamic addresses',
    reason: REASON,
  },
  async check(ctx) {
    const objects = [...ctx.config.objects.values()].filter(
      (o) => o.type === 'network' && o.value?.type === 'fqdn',
    );
    if (objects.length === 0) return [];
    // with --dns: what the names resolve to now (a configured address that matches nothing)
    let now: (string[] | undefined)[] = [];
    if (ctx.dns) {
      const results = await checkNames(
        objects.map((o) => {
          const v = o.value as { fqdn: string; family?: 'v4' | 'v6' };
          return { name: v.fqdn, address: v.family === 'v6' ? '::' : '0.0.0.0' };
        }),
        { resolvers: ctx.dns.resolvers },
      );
      now = results.map((r) =>
        r.status === 'mismatch' || r.status === 'match' ? r.resolved : undefined,
      );
    }
    const findings: Finding[] = [];
    objects.forEach((o, i) => {
      const v = o.value as { fqdn: string; family?: 'v4' | 'v6' };
      const line =
        o.blocks.find((b) => b.children.some((c) => c.stmt?.id === 'obj-fqdn')) ?? o.blocks[0];
      if (!line) return;
      const resolved = now[i];
      const addr = resolved && resolved.length > 0 ? resolved.join(', ') : undefined;
      findings.push({
        rule: 'fqdn-object',
        severity: 'info',
        subject: { kind: 'object', name: o.name },
        line: line.n,
        message: `object network ${o.name} is an fqdn object (fqdn ${v.family ? `${v.family} ` : ''}${v.fqdn})${addr ? `, currently resolving to ${addr}` : ''}`,
        reason: `${REASON} To pin it: \`object network ${o.name}\` / \` host ${resolved?.[0] ?? '<address>'}\` (after checking that ${v.fqdn} is not meant to move).`,
        fix: [],
        ...ctx.refsOf(
          'object',
          o.name,
          o.blocks.map((b) => b.n),
        ),
      });
    });
    return findings;
  },
};
