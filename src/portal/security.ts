// Security helpers for the portal: response headers, cookies, the login-form token and the
// same-origin check for POSTs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Store } from './store.js';

export const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Headers sent with every response. */
export function setSecurityHeaders(res: ServerResponse, secure: boolean): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  );
  if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k && !out.has(k)) out.set(k, v);
  }
  return out;
}

/** `__Host-` prefix when secure: the browser then refuses it without Secure, Path=/ and a Domain. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-asakit_session' : 'asakit_session';
}

export function sessionCookie(secure: boolean, token: string, maxAgeSec: number): string {
  const parts = [
    `${cookieName(secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSec}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  const parts = [`${cookieName(secure)}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

const LOGIN_TOKEN_MAX_AGE_MS = 2 * 60 * 60 * 1000;

/**
 * The login form's anti-CSRF token without a cookie: "<time>.<nonce>.<HMAC(secret, time.nonce)>".
 * Valid for two hours; forged or altered tokens fail the HMAC.
 */
export function loginToken(store: Store, now = Date.now()): string {
  const body = `${now.toString(36)}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${store.hmac(`login:${body}`)}`;
}

export function verifyLoginToken(
  store: Store,
  token: string | null | undefined,
  now = Date.now(),
): boolean {
  if (!token || token.length > 200) return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const body = `${parts[0]}.${parts[1]}`;
  if (!safeEqual(store.hmac(`login:${body}`), parts[2] as string)) return false;
  const t = parseInt(parts[0] as string, 36);
  return Number.isFinite(t) && t <= now + 60_000 && now - t <= LOGIN_TOKEN_MAX_AGE_MS;
}

/** The host name of a Host header, lower-case, without port, brackets or a trailing dot. */
export function hostName(header: string): string {
  let h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    return close > 0 ? h.slice(1, close) : h;
  }
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && h.indexOf(':') === colon) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * Does the portal answer to this Host header? A DNS-rebinding page reaches a portal on a private
 * address through a name its attacker controls, and the browser then treats the portal as that
 * name's origin (the Origin check in sameOrigin passes). An address literal or `localhost` cannot
 * be rebound, so they are always answered; other names only when the operator listed them
 * (`allowed`), or, behind a reverse proxy (which routes by name), when no list was given.
 * Requests without a Host header (HTTP/1.0 tools) do not come from a browser and are answered.
 */
export function hostAllowed(
  header: string | undefined,
  allowed: ReadonlySet<string>,
  trustProxy: boolean,
): boolean {
  if (header === undefined || header === '') return true;
  const name = hostName(header);
  if (isIP(name) !== 0 || name === 'localhost') return true;
  if (allowed.has(name)) return true;
  return trustProxy && allowed.size === 0;
}

/**
 * Browsers say where a POST comes from: Sec-Fetch-Site, Origin (the string "null" under
 * Referrer-Policy: no-referrer), Referer. Any of them naming another site rejects the request.
 * Clients that send none of them (curl, scripts) are not browsers and cannot be forged into
 * sending a request; they still need the token.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    try {
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  }
  const referer = req.headers.referer;
  if (typeof referer === 'string' && referer) {
    try {
      if (new URL(referer).host !== host) return false;
    } catch {
      return false;
    }
  }
  return true;
}
