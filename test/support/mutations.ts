// Mutations of configuration bytes for the fuzz and equivalence properties: truncation, flipped
// bytes, and line edits (drop, duplicate, swap, re-indent, move, insert a prompt, comment, header
// or pager residue, capitalise first words, CRLF line ends).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConfig } from '../../src/parse/input.js';
import { InputError } from '../../src/parse/errors.js';
import { configsDir, corpusFiles } from './paths.js';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; bytes: [number, number][] }
  | { kind: 'drop'; at: number; count: number }
  | { kind: 'duplicate'; at: number; count: number; times: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'reindent'; at: number; count: number; indent: string }
  | { kind: 'splice'; at: number; from: number; count: number }
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'upper'; at: number; count: number }
  | { kind: 'crlf' };

/** Lines a saved or captured configuration may carry besides commands. */
const ODD_LINES = [
  'fw01# show running-config',
  'fw01/ctx1(config)# ',
  '!',
  ': Saved',
  ': Written by enable_15 at 10:00:00.000 UTC Mon Jan 1 2024',
  'Cryptochecksum:0123456789abcdef',
  '',
  '   ',
  '<--- More --->',
  '\b\b\b\b        ',
];

const pos = fc.double({ min: 0, max: 1, noNaN: true });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: pos }),
  fc.record({
    kind: fc.constant('flip' as const),
    bytes: fc.array(fc.tuple(pos, fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 24,
    }),
  }),
  fc.record({
    kind: fc.constant('drop' as const),
    at: pos,
    count: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: pos,
    count: fc.integer({ min: 1, max: 30 }),
    times: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('swap' as const), a: pos, b: pos }),
  fc.record({
    kind: fc.constant('reindent' as const),
    at: pos,
    count: fc.integer({ min: 1, max: 40 }),
    indent: fc.constantFrom('', ' ', '  ', '\t', '    ', ' \t '),
  }),
  // Moves a run of lines elsewhere (children under a different parent).
  fc.record({
    kind: fc.constant('splice' as const),
    at: pos,
    from: pos,
    count: fc.integer({ min: 1, max: 15 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, line: fc.constantFrom(...ODD_LINES) }),
  // hand-typed scripts may write keywords in capitals
  fc.record({
    kind: fc.constant('upper' as const),
    at: pos,
    count: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('crlf' as const) }),
);

const idx = (p: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(p * n)));

/** Applies the mutations in order; line mutations work on latin1 text so bytes survive. */
export function mutate(input: Buffer, muts: Mutation[]): Buffer {
  let buf = Buffer.from(input);
  for (const m of muts) {
    if (m.kind === 'truncate') {
      buf = buf.subarray(0, Math.floor(m.at * buf.length));
      continue;
    }
    if (m.kind === 'flip') {
      if (buf.length === 0) continue;
      buf = Buffer.from(buf);
      for (const [p, x] of m.bytes) {
        const i = idx(p, buf.length);
        buf[i] = (buf[i] as number) ^ x;
      }
      continue;
    }
    const lines = buf.toString('latin1').split('\n');
    const n = lines.length;
    switch (m.kind) {
      case 'drop':
        lines.splice(idx(m.at, n), m.count);
        break;
      case 'duplicate': {
        const i = idx(m.at, n);
        const run = lines.slice(i, i + m.count);
        for (let t = 0; t < m.times; t++) lines.splice(i + run.length * (t + 1), 0, ...run);
        break;
      }
      case 'swap': {
        const a = idx(m.a, n);
        const b = idx(m.b, n);
        [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
        break;
      }
      case 'reindent': {
        const i = idx(m.at, n);
        for (let j = i; j < Math.min(n, i + m.count); j++)
          lines[j] = m.indent + (lines[j] as string).replace(/^[ \t]+/, '');
        break;
      }
      case 'insert':
        lines.splice(idx(m.at, n + 1), 0, m.line);
        break;
      case 'upper': {
        const i = idx(m.at, n);
        for (let j = i; j < Math.min(n, i + m.count); j++)
          lines[j] = (lines[j] as string).replace(
            /^(\s*)(\S+)/,
            (_, b: string, w: string) => b + w.toUpperCase(),
          );
        break;
      }
      case 'crlf':
        for (let j = 0; j < n; j++) lines[j] = (lines[j] as string) + '\r';
        break;
      case 'splice': {
        const moved = lines.splice(idx(m.from, n), m.count);
        lines.splice(idx(m.at, lines.length + 1), 0, ...moved);
        break;
      }
    }
    buf = Buffer.from(lines.join('\n'), 'latin1');
  }
  return buf;
}

/**
 * A corpus configuration after 1 to 6 mutations, decoded as the CLI decodes it; undefined when
 * the bytes are no longer text.
 */
export function mutatedCorpusText(): fc.Arbitrary<{ where: string; text: string } | undefined> {
  const corpus = corpusFiles().map((f) => ({ f, bytes: readFileSync(join(configsDir, f)) }));
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([{ f, bytes }, muts]) => {
      try {
        return { where: `${f} (mutated)`, text: decodeConfig(mutate(bytes, muts), f).text };
      } catch (e) {
        if (e instanceof InputError) return undefined;
        throw e;
      }
    });
}
