// Name and address helpers for the DNS checks: which config names are DNS names, address
// normalisation (so `2001:0db8:0:0::1` equals `2001:db8::1`) and reverse (PTR) query names.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { normalizeAddress } from '../parse/ip.js';

const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ALPHA_TLD = /^[A-Za-z]+$/;
const IDN_TLD = /^xn--[A-Za-z0-9-]*[A-Za-z0-9]$/i;

/**
 * True for host names as written in an ASA config that look like DNS names: letter/digit/hyphen
 * labels (no leading or trailing hyphen, at most 63 characters), at least two labels, the last
 * one alphabetic (or an IDN `xn--` label), an optional trailing dot. `10.1.1.1`, `web01`,
 * `192.0.2.1.` and `my_host.example.com` are not DNS names.
 */
export function isDnsName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length > 63 || !LDH_LABEL.test(label)) return false;
  }
  const tld = labels[labels.length - 1] ?? '';
  return ALPHA_TLD.test(tld) || IDN_TLD.test(tld);
}

/** `www.example.com.` → `www.example.com`; the root stays ``. */
export function stripTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Case-insensitive comparison of DNS names, ignoring a trailing dot. */
export function sameName(a: string, b: string): boolean {
  return stripTrailingDot(a).toLowerCase() === stripTrailingDot(b).toLowerCase();
}

/**
 * The name as it can be put on the wire (trailing dot removed), or a reason why it cannot:
 * empty labels, labels over 63 bytes, names over 253 bytes, spaces or non-ASCII characters.
 */
export function queryableName(
  name: string,
): { ok: true; name: string } | { ok: false; reason: string } {
  const n = stripTrailingDot(name.trim());
  if (n === '') return { ok: false, reason: 'empty name' };
  if (!/^[\x21-\x7e]+$/.test(n))
    return { ok: false, reason: 'contains spaces or non-ASCII characters' };
  if (n.length > 253) return { ok: false, reason: 'longer than 253 characters' };
  for (const label of n.split('.')) {
    if (label === '') return { ok: false, reason: 'contains an empty label' };
    if (label.length > 63) return { ok: false, reason: 'has a label longer than 63 characters' };
  }
  return { ok: true, name: n };
}

export interface NormalisedAddress {
  family: 4 | 6;
  /** Dotted quad for IPv4; RFC 5952 lower-case compressed form for IPv6 (zone id dropped). */
  text: string;
}

/** Normalises an IPv4/IPv6 literal, or returns null if `s` is not one. */
export function normaliseAddress(s: string): NormalisedAddress | null {
  const t = s.trim();
  const family = isIP(t.includes('%') ? t.slice(0, t.indexOf('%')) : t);
  if (family !== 4 && family !== 6) return null;
  return { family, text: normalizeAddress(t) };
}

/** Normalised text of an address (for answers from the wire); unchanged if it does not parse. */
export function normaliseAddressText(s: string): string {
  return normaliseAddress(s)?.text ?? s;
}

/** `192.0.2.10` → `10.2.0.192.in-addr.arpa`; IPv6 → nibble form under `ip6.arpa`. */
export function reverseName(address: string): string | null {
  const a = normaliseAddress(address);
  if (!a) return null;
  if (a.family === 4) return `${a.text.split('.').reverse().join('.')}.in-addr.arpa`;
  const bytes = ipaddr.IPv6.parse(a.text).toByteArray();
  const nibbles: string[] = [];
  for (const b of bytes) nibbles.push((b >> 4).toString(16), (b & 0xf).toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}
