// Password hashing with scrypt (node:crypto) and a random per-user salt. The stored form carries
// its parameters, so they can be raised later without invalidating existing hashes:
//   scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const LOG_N = 15; // N = 32768: ~50-100 ms per hash on a current server core
const R = 8;
const P = 1;
const KEYLEN = 32;
const SALT_BYTES = 16;

export const MIN_PASSWORD_LENGTH = 12;

function scryptAsync(
  password: string,
  salt: Buffer,
  keylen: number,
  opts: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, opts, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

function params(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r * p + 1024 * 1024 };
}

export async function hashPassword(
  password: string,
  opts: { logN?: number } = {},
): Promise<string> {
  const logN = opts.logN ?? LOG_N;
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEYLEN, params(logN, R, P));
  return ['scrypt', logN, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison; false for any malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22) return false;
  const salt = Buffer.from(parts[4] as string, 'base64url');
  const expected = Buffer.from(parts[5] as string, 'base64url');
  if (salt.length === 0 || expected.length === 0) return false;
  const key = await scryptAsync(password, salt, expected.length, params(logN, r, p));
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: verifying against it costs the same as against a real one. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/** 24 characters from a 144-bit random value, URL- and shell-safe. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export function checkPasswordPolicy(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'the password is longer than 1024 characters';
  return undefined;
}
