// dns-mismatch: a name or object named after a DNS name whose DNS answer no longer contains the
// configured address.
import type { AuditRule } from '../types.js';
import { dnsFindings, label } from './dns-shared.js';
import { FIX_ORDER } from './shared.js';

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
        `${REASON} The fix assumes DNS is right and moves ${c.name} to ${r.resolved[0] ?? '?'}${r.resolved.length > 1 ? ` (the first of ${r.resolved.join(', ')})` : ''}; if the configuration is right, fix the DNS entry instead.${c.kind === 'name' ? ' A name cannot be changed in place: it is removed and defined again with the new address.' : ''}`,
      fix: (c, r, alive) => {
        const to = r.resolved[0];
        if (to === undefined || !alive) return [];
        if (c.kind === 'object') return [`object network ${c.name}`, ` host ${to}`];
        const d = ctx.config.names.get(c.name)?.description;
        return [
          `no name ${c.address} ${c.name}`,
          `name ${to} ${c.name}${d !== undefined ? ` description ${d}` : ''}`,
        ];
      },
    });
  },
};
