// dns-unverified: the DNS check could not be done (resolver unreachable, timed out, SERVFAIL).
import type { AuditRule } from '../types.js';
import { dnsFindings, label } from './dns-shared.js';

const REASON =
  'The DNS check could not tell whether the name still resolves to the configured address (no answer, a time-out, or a server failure also without validation). Nothing is known to be wrong; run the check again against a working resolver.';

export const dnsUnverified: AuditRule = {
  meta: {
    id: 'dns-unverified',
    severity: 'info',
    description:
      'names and objects whose DNS check could not be completed (resolver unreachable or failing)',
    reason: REASON,
  },
  needsDns: true,
  check(ctx) {
    return dnsFindings(ctx, {
      rule: 'dns-unverified',
      severity: 'info',
      status: 'unverified',
      message: (c, r) => `${label(c)} (${c.address}): ${c.fqdn} could not be checked (${r.detail})`,
      reason: () => REASON,
    });
  },
};
