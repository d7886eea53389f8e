// expired-certificate: certificates in `crypto ca certificate chain` blocks (hex DER) past their
// notAfter (error), or expiring within 30 days (info). The fix for an expired one removes what
// uses the trustpoint, then the trustpoint with its certificates.
import { X509Certificate } from 'node:crypto';
import { isBuiltin } from '../../parse/kinds.js';
import type { Certificate } from '../../model/types.js';
import { removeLine } from '../commands.js';
import type { AuditRule, Finding, Severity } from '../types.js';
import { FIX_ORDER } from './shared.js';

const SOON_DAYS = 30;
const DAY = 86_400_000;

const REASON =
  'An expired certificate no longer authenticates anything: IKE peers and AnyConnect or browser clients reject it, so whatever uses the trustpoint (ssl trust-point, tunnel-group trust-point, crypto map entries, IKEv2 remote access) fails or falls back. Keeping it only hides the failure.';

interface Decoded {
  cert: Certificate;
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
}

function decode(cert: Certificate): Decoded | undefined {
  try {
    if (!/^[0-9a-fA-F]+$/.test(cert.hex) || cert.hex.length % 2 !== 0) return undefined;
    const x = new X509Certificate(Buffer.from(cert.hex, 'hex'));
    const validFrom = new Date(x.validFrom);
    const validTo = new Date(x.validTo);
    if (Number.isNaN(validTo.getTime())) return undefined;
    const dn = (s: string) => s.split('\n').filter(Boolean).join(', ');
    return { cert, subject: dn(x.subject), issuer: dn(x.issuer), validFrom, validTo };
  } catch {
    return undefined; // not DER, truncated, masked: skipped, never fatal
  }
}

const day = (d: Date) => (Number.isNaN(d.getTime()) ? '?' : d.toISOString().slice(0, 10));

function describe(d: Decoded): string {
  return `${d.cert.ca ? 'CA certificate' : 'certificate'} ${d.cert.serial} (subject ${d.subject}, issuer ${d.issuer}, valid ${day(d.validFrom)} to ${day(d.validTo)})`;
}

export const expiredCertificate: AuditRule = {
  meta: {
    id: 'expired-certificate',
    severity: 'error',
    description: 'certificates past their notAfter date (error) or expiring within 30 days (info)',
    reason: REASON,
  },
  check(ctx) {
    const now = ctx.now.getTime();
    const g = ctx.config.graph;
    const findings: Finding[] = [];
    for (const tp of ctx.config.trustpoints.values()) {
      const decoded = tp.certificates.map(decode).filter((d): d is Decoded => d !== undefined);
      const expired = decoded.filter((d) => d.validTo.getTime() < now);
      const soon = decoded.filter(
        (d) => d.validTo.getTime() >= now && d.validTo.getTime() - now <= SOON_DAYS * DAY,
      );
      if (expired.length === 0 && soon.length === 0) continue;
      const severity: Severity = expired.length > 0 ? 'error' : 'info';
      const shown = expired.length > 0 ? expired : soon;
      const first = shown[0] as Decoded;
      const uses = g.usesOf('trustpoint', tp.name).filter((u) => !u.implicit);
      const fix: string[] = [];
      const notes: string[] = [];
      if (expired.length > 0) {
        if (isBuiltin('trustpoint', tp.name)) {
          notes.push(
            `${tp.name} is a trustpoint the ASA maintains itself (Smart Call Home); update its certificates through the trustpool or a software upgrade instead of removing it.`,
          );
        } else {
          const seen = new Set<number>();
          for (const u of uses) {
            if (seen.has(u.line.n)) continue;
            seen.add(u.line.n);
            fix.push(...removeLine(u.line));
          }
          fix.push(`no crypto ca trustpoint ${tp.name}`);
          notes.push(
            `The fix first removes every command that uses ${tp.name}${uses.length > 0 ? ` (${uses.length})` : ''}, then the trustpoint: \`no crypto ca trustpoint ${tp.name}\` removes its certificate chain too (the ASA asks to confirm; answer yes). Enrol a new certificate first if the service is still needed, and point the users at it instead of removing them.`,
          );
        }
      } else {
        notes.push(
          `Renew or re-enrol the certificate before ${day(first.validTo)}; nothing needs removing yet.`,
        );
      }
      const list = shown.map(describe).join('; ');
      const message =
        expired.length > 0
          ? `trustpoint ${tp.name}: ${expired.length === 1 ? 'certificate expired' : `${expired.length} certificates expired`} (${list})`
          : `trustpoint ${tp.name}: certificate expires within ${SOON_DAYS} days (${list})`;
      findings.push({
        rule: 'expired-certificate',
        severity,
        subject: { kind: 'trustpoint', name: tp.name },
        line: first.cert.line.n,
        message,
        reason: [
          expired.length > 0
            ? REASON
            : 'A certificate that expires soon will stop authenticating on that date.',
          ...notes,
        ].join(' '),
        fix,
        ...ctx.refsOf('trustpoint', tp.name, [first.cert.line.n]),
        order: FIX_ORDER.expiredCertificate,
      });
    }
    return findings;
  },
};
