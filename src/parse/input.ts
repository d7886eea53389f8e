// Reading a saved configuration: from a path, `-` or standard input; gzip detected by its magic
// bytes (never by name); text decoded without losing a byte of meaning.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from './errors.js';

export interface ConfigText {
  /** where it came from: a path or "<stdin>" */
  source: string;
  text: string;
  /** how the bytes were decoded */
  encoding: 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';
  gzip: boolean;
  bytes: number;
}

const GZIP_MAGIC0 = 0x1f;
const GZIP_MAGIC1 = 0x8b;

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === GZIP_MAGIC0 && buf[1] === GZIP_MAGIC1;
}

/** Reads FILE (or standard input for `-` / undefined) into a Buffer; errors become InputError. */
export function readInput(file: string | undefined): { source: string; bytes: Buffer } {
  const source = file === undefined || file === '-' ? '<stdin>' : file;
  try {
    const bytes = source === '<stdin>' ? readFileSync(0) : readFileSync(file as string);
    return { source, bytes };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new InputError(source, 0, `cannot read: ${why}`);
  }
}

/** Gunzips if needed and decodes to text. Throws InputError for input that is not text. */
export function decodeConfig(bytes: Buffer, source: string): ConfigText {
  let raw = bytes;
  let gzip = false;
  if (isGzip(raw)) {
    gzip = true;
    raw = gunzip(raw, source);
  }
  const { text, encoding } = decodeText(raw, source);
  return {
    source,
    text: endsLinesWithCr(text) ? text.replaceAll('\r', '\n') : text,
    encoding,
    gzip,
    bytes: raw.length,
  };
}

/**
 * Do the text's lines end in a carriage return alone (as classic Mac OS and some terminal logs
 * write them)? Judged from its first 64 KiB: more carriage returns without a newline after them
 * than newlines. A carriage return inside a line of a text whose lines end otherwise is a
 * terminal's (see splitLines).
 */
function endsLinesWithCr(text: string): boolean {
  const head = text.slice(0, 65536);
  if (!head.includes('\r')) return false;
  let lf = 0;
  let bareCr = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 10) lf++;
    else if (c === 13 && head.charCodeAt(i + 1) !== 10) bareCr++;
  }
  return bareCr > lf;
}

/**
 * The bytes of a configuration whose text is a plain decoding of them — gunzipped, without a
 * UTF-8 byte-order mark — with the encoding decodeConfig would choose (UTF-8 if they are valid
 * UTF-8, else latin1); undefined for UTF-16, whose text is not a slice-by-slice decoding. Throws
 * InputError as decodeConfig does.
 */
export function plainBytes(
  bytes: Buffer,
  source: string,
): { bytes: Buffer; encoding: 'utf8' | 'latin1' } | undefined {
  const l = layout(isGzip(bytes) ? gunzip(bytes, source) : bytes);
  if (l.utf16) return undefined;
  assertTextual(l.body, source);
  return { bytes: l.body, encoding: isUtf8(l.body) ? 'utf8' : 'latin1' };
}

/**
 * How the bytes are laid out: UTF-16 (after a byte-order mark, or without one: every other byte
 * NUL), else single bytes, a UTF-8 byte-order mark taken off.
 */
function layout(raw: Buffer): { utf16: 'le' | 'be' | undefined; body: Buffer } {
  if (raw.length >= 2 && raw[0] === 0xff && raw[1] === 0xfe) {
    return { utf16: 'le', body: raw.subarray(2) };
  }
  if (raw.length >= 2 && raw[0] === 0xfe && raw[1] === 0xff) {
    return { utf16: 'be', body: raw.subarray(2) };
  }
  const utf8Bom = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const body = utf8Bom ? raw.subarray(3) : raw;
  return { utf16: sniffUtf16(body) ?? undefined, body };
}

function gunzip(bytes: Buffer, source: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new InputError(source, 0, `corrupt or truncated gzip data (${(err as Error).message})`);
  }
}

function decodeText(
  raw: Buffer,
  source: string,
): { text: string; encoding: ConfigText['encoding'] } {
  const { utf16, body } = layout(raw);
  if (utf16) {
    // a trailing odd byte is no character (and swap16 needs whole pairs)
    const buf = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
    if (utf16 === 'be') buf.swap16();
    return { text: buf.toString('utf16le'), encoding: utf16 === 'be' ? 'utf-16be' : 'utf-16le' };
  }
  assertTextual(body, source);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: decoder.decode(body), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: latin1 maps every byte to one code point, so nothing is lost.
    return { text: body.toString('latin1'), encoding: 'latin1' };
  }
}

function sniffUtf16(body: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(body.length, 512) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (body[i] === 0) evenNul++;
    if (body[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.8 && evenNul < half * 0.1) return 'le';
  if (evenNul > half * 0.8 && oddNul < half * 0.1) return 'be';
  return null;
}

/**
 * A configuration is text. Binary data (many NUL or control bytes in the first 64 KiB) is refused
 * with one clear message rather than parsed into thousands of "unknown" lines.
 */
function assertTextual(body: Uint8Array, source: string): void {
  const n = Math.min(body.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = body[i] as number;
    if (
      b === 0 ||
      (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x08 && b !== 0x1b)
    ) {
      control++;
    }
  }
  if (n > 0 && control / n > 0.05) {
    throw new InputError(source, 0, 'not a configuration: the input is binary data');
  }
}
