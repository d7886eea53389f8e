// Properties: the parser never throws on arbitrary text (only a clean InputError for input that
// is not a configuration), on arbitrary bytes, or on mutated real configurations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigBytes, loadConfigText } from '../../src/model/build.js';
import { InputError } from '../../src/parse/errors.js';
import { modelToJson } from '../../src/model/summary.js';
import { fuzz } from '../support/fuzz.js';
import { configsDir, corpusFiles } from '../support/paths.js';

function parsesOrRefuses(run: () => unknown): void {
  try {
    const c = run();
    JSON.stringify(modelToJson(c as Parameters<typeof modelToJson>[0]));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    assert.ok(!e.message.includes('\n'), 'one line');
  }
}

const WORDS = [
  'access-list',
  'extended',
  'permit',
  'deny',
  'object',
  'object-group',
  'network',
  'host',
  'any',
  'nat',
  '(inside,outside)',
  'source',
  'static',
  'dynamic',
  'interface',
  'crypto',
  'map',
  'set',
  'peer',
  'name',
  '10.0.0.1',
  '255.255.255.0',
  'group-object',
  'network-object',
  'tunnel-group',
  'group-policy',
  'attributes',
  'eq',
  'range',
  'log',
  'time-range',
  'inactive',
  'X',
  'Y',
  '999.1.1.1',
  '2001:db8::/32',
  'description',
  'remark',
  'standby',
  'mac-address',
  'failover',
  'quit',
  'certificate',
];

test('arbitrary text never makes the parser throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) =>
      parsesOrRefuses(() => loadConfigText(s, 'fuzz')),
    ),
    fuzz(4242, 500),
  );
});

test('arbitrary ASA-ish word soup never makes the parser throw', () => {
  const line = fc
    .tuple(fc.nat({ max: 3 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }))
    .map(([ind, ws]) => ' '.repeat(ind) + ws.join(' '));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 60 }), (lines) =>
      parsesOrRefuses(() => loadConfigText(lines.join('\n'), 'fuzz')),
    ),
    fuzz(4243, 500),
  );
});

test('arbitrary bytes never make the loader throw anything but InputError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (b) =>
      parsesOrRefuses(() => loadConfigBytes(Buffer.from(b), 'fuzz')),
    ),
    fuzz(4244, 300),
  );
});

test('mutated corpus configs (truncate, drop, duplicate, re-indent lines) never make the parser throw', () => {
  const texts = corpusFiles().map((f) => readFileSync(join(configsDir, f), 'latin1'));
  const mutation = fc.tuple(
    fc.nat({ max: texts.length - 1 }),
    fc.array(
      fc.tuple(
        fc.constantFrom('drop', 'dup', 'indent', 'dedent', 'truncate', 'swap'),
        fc.nat(),
        fc.nat({ max: 80 }),
      ),
      { maxLength: 12 },
    ),
  );
  fc.assert(
    fc.property(mutation, ([i, ops]) => {
      const lines = (texts[i] as string).split('\n');
      for (const [op, at0, k] of ops) {
        if (lines.length === 0) break;
        const at = at0 % lines.length;
        const l = lines[at] as string;
        if (op === 'drop') lines.splice(at, 1);
        else if (op === 'dup') lines.splice(at, 0, l);
        else if (op === 'indent') lines[at] = ' '.repeat(1 + (k % 3)) + l;
        else if (op === 'dedent') lines[at] = l.trimStart();
        else if (op === 'truncate') lines[at] = l.slice(0, k % (l.length + 1));
        else lines.splice(at, 1, ...l.split(' ').reverse().join(' ').split('\n'));
      }
      parsesOrRefuses(() => loadConfigText(lines.join('\n'), 'mutant'));
    }),
    fuzz(4245, 300),
  );
});
