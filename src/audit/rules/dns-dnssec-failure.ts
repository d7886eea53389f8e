// dns-dnssec-failure: the DNS name resolves only with DNSSEC validation disabled.
import type { AuditRule } from '../types.js';
import { dnsFindings, label } from './dns-shared.js';

const REASON =
  "A validating resolver refuses the answer (SERVFAIL) while the same question with checking disabled (CD) gets one: the zone's DNSSEC chain is broken (expired signatures, a DS without matching key) or the answer was tampered with. Clients behind validating resolvers cannot resolve the name at all. The addresses of the unvalidated answer are shown but must not be trusted until the zone validates again.";

export const dnsDnssecFailure: AuditRule = {
  meta: {
    id: 'dns-dnssec-failure',
    severity: 'error',
    description: 'names and objects whose DNS name fails DNSSEC validation',
    reason: REASON,
  },
  needsDns: true,
  check(ctx) {
    return dnsFindings(ctx, {
      rule: 'dns-dnssec-failure',
      severity: 'error',
      status: 'dnssec-failure',
      message: (c, r) =>
        `${label(c)} (${c.address}): ${c.fqdn} fails DNSSEC validation (${r.detail})`,
      reason: () => REASON,
    });
  },
};
