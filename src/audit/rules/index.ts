// The audit rules, in the order their findings are explained. One rule per file (shared.ts and
// dns-shared.ts are helpers, not rules).
import type { AuditRule } from '../types.js';
import { undefinedRule } from './undefined.js';
import { unused } from './unused.js';
import { rawAddress } from './raw-address.js';
import { dnsMismatch } from './dns-mismatch.js';
import { dnsNxdomain } from './dns-nxdomain.js';
import { dnsDnssecFailure } from './dns-dnssec-failure.js';
import { dnsUnverified } from './dns-unverified.js';
import { fqdnObject } from './fqdn-object.js';
import { nameTrailingDot } from './name-trailing-dot.js';
import { expiredCertificate } from './expired-certificate.js';
import { incompleteCryptoMap } from './incomplete-crypto-map.js';
import { portchannelFailoverMac } from './portchannel-failover-mac.js';

export const RULES: AuditRule[] = [
  unused,
  undefinedRule,
  rawAddress,
  dnsMismatch,
  dnsNxdomain,
  dnsDnssecFailure,
  dnsUnverified,
  fqdnObject,
  nameTrailingDot,
  expiredCertificate,
  incompleteCryptoMap,
  portchannelFailoverMac,
];
