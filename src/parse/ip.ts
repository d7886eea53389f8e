// Address words: fast shape checks for the parser's hot path; anything beyond recognising a
// word (normalising, containment) uses ipaddr.js.
import ipaddr from 'ipaddr.js';

/** Dotted-quad IPv4 with octets 0..255 (no leading-zero octal forms). */
export function isIPv4(w: string): boolean {
  const n = w.length;
  if (n < 7 || n > 15) return false;
  let dots = 0;
  let val = 0;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      dots++;
      val = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      val = val * 10 + (c - 48);
      digits++;
      if (digits > 3 || val > 255) return false;
    } else {
      return false;
    }
  }
  return dots === 3 && digits > 0;
}

/** Looks like IPv4 (four dot-separated numbers) even if out of range, e.g. `999.1.1.1`. */
export function looksLikeIPv4(w: string): boolean {
  return /^\d{1,4}\.\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(w);
}

export function ipv4ToInt(w: string): number {
  const p = w.split('.');
  return (
    (((Number(p[0]) << 24) >>> 0) + (Number(p[1]) << 16) + (Number(p[2]) << 8) + Number(p[3])) >>> 0
  );
}

export function intToIPv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** A contiguous netmask (255.255.255.0, 0.0.0.0, 255.255.255.255). */
export function isIPv4Mask(w: string): boolean {
  if (!isIPv4(w)) return false;
  const v = ipv4ToInt(w);
  const inv = ~v >>> 0;
  return (inv & (inv + 1)) === 0;
}

export function maskToLength(mask: string): number {
  let v = ipv4ToInt(mask);
  let len = 0;
  while (v & 0x80000000) {
    len++;
    v = (v << 1) >>> 0;
  }
  return len;
}

export function isIPv6(w: string): boolean {
  return w.includes(':') && ipaddr.IPv6.isValid(w);
}

/** an IPv4 or IPv6 address (not a name standing for one) */
export function isIPAddress(w: string): boolean {
  return isIPv4(w) || isIPv6(w);
}

/** `2001:db8::/32` */
export function isIPv6Prefix(w: string): boolean {
  const slash = w.indexOf('/');
  if (slash < 0 || !w.includes(':')) return false;
  const len = Number(w.slice(slash + 1));
  return Number.isInteger(len) && len >= 0 && len <= 128 && ipaddr.IPv6.isValid(w.slice(0, slash));
}

/** Canonical text of an address (IPv6 as RFC 5952, lower case, no zone; IPv4 unchanged); other text unchanged. */
export function normalizeAddress(w: string): string {
  if (isIPv4(w)) return w;
  const bare = w.includes('%') ? w.slice(0, w.indexOf('%')) : w; // drop an IPv6 zone id
  if (!ipaddr.IPv6.isValid(bare)) return w;
  return ipaddr.IPv6.parse(bare).toRFC5952String().toLowerCase();
}

/** A CIDR range [first, last] as numbers, for IPv4 containment checks. */
export interface V4Range {
  first: number;
  last: number;
}

export function v4Range(address: string, mask?: string): V4Range {
  const a = ipv4ToInt(address);
  const m = mask === undefined ? 0xffffffff : ipv4ToInt(mask);
  const first = (a & m) >>> 0;
  return { first, last: (first | (~m >>> 0)) >>> 0 };
}

export function v4Contains(outer: V4Range, inner: V4Range): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function v4Overlaps(a: V4Range, b: V4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}
