// dns-nxdomain: a name or object named after a DNS name that no longer exists.
import type { AuditRule } from '../types.js';
import { dnsFindings, label } from './dns-shared.js';

const REASON =
  "The DNS name the configuration is named after does not exist any more: the host was most likely decommissioned or renamed, and its address may have been given to someone else. Find out which; remove the rules that use it, or rename it after the host's current DNS name.";

export const dnsNxdomain: AuditRule = {
  meta: {
    id: 'dns-nxdomain',
    severity: 'warning',
    description: 'names and objects whose DNS name no longer exists (NXDOMAIN)',
    reason: REASON,
  },
  needsDns: true,
  check(ctx) {
    return dnsFindings(ctx, {
      rule: 'dns-nxdomain',
      severity: 'warning',
      status: 'nxdomain',
      message: (c, r) =>
        `${label(c)} (${c.address}): ${c.fqdn} does not exist in DNS (${r.detail})`,
      reason: () => REASON,
    });
  },
};
