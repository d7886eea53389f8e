// The block index (src/parse/blocks.ts) against the whole parse: every block that defines a name
// of an indexed kind is listed under that name, every wanted block is a seed, blocks read alone
// are the blocks the whole text has, and object-group types are the parser's. Over the corpus,
// the example, generated hosting configurations and mutated corpus configurations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  indexBlocks,
  type BlockIndex,
  type BlockIndexSpec,
  type BlockRun,
  type ConfigBytes,
} from '../../src/parse/blocks.js';
import { splitLines, topLine, type Line } from '../../src/parse/lines.js';
import { groupTypeEntry } from '../../src/parse/parser.js';
import { decodeConfig } from '../../src/parse/input.js';
import { InputError } from '../../src/parse/errors.js';
import { loadConfigText } from '../../src/model/build.js';
import type { Kind } from '../../src/parse/kinds.js';
import type { Config } from '../../src/model/types.js';
import { configsDir, corpusFiles, examplesDir } from '../support/paths.js';
import { FUZZ_FINDS, fuzz } from '../support/fuzz.js';
import { mutatedCorpusText } from '../support/mutations.js';
import { multiCustomerConfig } from '../support/multi-customer.js';

const KINDS = new Set<Kind>([
  'object',
  'object-group',
  'name',
  'time-range',
  'access-list',
  'interface',
]);
const SPEC: BlockIndexSpec = {
  seedRules: ['hostname', 'access-group', 'nat'],
  seedChildRules: ['obj-nat'],
  seedMeta: ['saved-header'],
  kinds: KINDS,
};
const SEED_IDS = new Set(['hostname', 'access-group', 'nat']);

/** n -> line, for the lines the runs read */
function read(index: BlockIndex, runs: BlockRun[]): Map<number, Line> {
  return new Map(index.tree(runs).all.map((l) => [l.n, l]));
}

/** the text's UTF-8 bytes, as the index reads them */
const bytesOf = (text: string): ConfigBytes => ({
  bytes: Buffer.from(text, 'utf8'),
  encoding: 'utf8',
});

/** The same line: text, indentation, parent and children (by line number). */
function sameLine(a: Line, b: Line | undefined, where: string): void {
  assert.ok(b, `${where}: line ${a.n} was not read`);
  assert.equal(b.raw, a.raw, `${where}: line ${a.n}`);
  assert.equal(b.parent?.n, a.parent?.n, `${where}: parent of line ${a.n}`);
  assert.deepEqual(
    b.children.map((c) => c.n),
    a.children.map((c) => c.n),
    `${where}: children of line ${a.n}`,
  );
}

/**
 * A pager prompt, a backspace, or a carriage return with more than blanks after it on its line:
 * lines that are read as a terminal showed them.
 */
const drawnOver = (text: string) =>
  text.includes('<--- More --->') || text.includes('\b') || /\r[\r \t\0]*[^\r \t\0\n]/.test(text);

/** Checks the index of one text against its whole parse; returns how many blocks it checked. */
function check(text: string, where: string): number {
  const index = indexBlocks(bytesOf(text), SPEC);
  if (!index) {
    assert.ok(drawnOver(text), `${where}: no index without lines a terminal drew over`);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfigText(text, where);
  } catch (e) {
    if (e instanceof InputError) return 0; // no configuration: nothing to compare with
    throw e;
  }
  let checked = 0;
  // every definition's blocks are listed under its name
  for (const def of config.graph.defs) {
    if (!KINDS.has(def.kind)) continue;
    const lines = read(index, index.defs.runsOf(def.name));
    for (const l of def.lines) {
      const block = topLine(l);
      sameLine(block, lines.get(block.n), `${where}: ${def.kind} ${def.name}`);
      sameLine(l, lines.get(l.n), `${where}: ${def.kind} ${def.name}`);
      checked++;
    }
  }
  // every wanted block is a seed, read as the whole text has it
  const seeds = read(index, index.seeds);
  for (const s of config.statements) {
    const wanted = (s.parent === undefined && SEED_IDS.has(s.id)) || s.id === 'obj-nat';
    if (!wanted) continue;
    for (const l of [topLine(s), s]) sameLine(l, seeds.get(l.n), `${where}: seed ${s.id}`);
    checked++;
  }
  for (const m of config.meta) {
    if (m.kind !== 'saved-header') continue;
    const tree = index.tree(index.headers);
    assert.ok(
      tree.meta.some((x) => x.n === m.n && x.raw === m.raw),
      `${where}: header line ${m.n} is read with the headers`,
    );
  }
  // the top-level blocks are the whole parse's, in order
  const roots = splitLines(text).roots;
  roots.forEach((r, i) => assert.equal(index.block(i).n, r.n, `${where}: block ${i}`));
  // each top-level line as eachLine sees it without parsing: the rule the parser matched it with,
  // the asked-for words it has and ends with, its text
  const words = [...config.interfacesByNameif.keys()].slice(0, 3).concat(['ifc', 'any']);
  const parsed = config.tree.roots;
  let k = 0;
  const all = { root: 0, pos: index.block(0).pos, n: index.block(0).n, blocks: parsed.length };
  if (parsed.length > 0) {
    index.eachLine([all], words, (root, rule, has, text, last) => {
      const line = parsed[k++] as Line;
      const at = `${where}: eachLine at line ${line.n}`;
      assert.equal(root, k - 1, at);
      assert.equal(rule?.spec.id, line.stmt?.id, at);
      const tokens = line.tokens;
      assert.equal(
        has,
        words.reduce((h, w, i) => (tokens.includes(w) ? h | (1 << i) : h), 0),
        at,
      );
      assert.equal(
        last,
        words.reduce((h, w, i) => (tokens[tokens.length - 1] === w ? h | (1 << i) : h), 0),
        at,
      );
      assert.equal(text(), line.raw, at);
    });
  }
  assert.equal(k, parsed.length, `${where}: eachLine visits every top-level line`);
  // object-group types as the parser collects them
  const types = new Map<string, string>();
  for (const r of roots) {
    const e = groupTypeEntry(r.tokens);
    if (e) types.set(e[0], e[1]);
  }
  assert.deepEqual(index.groupTypes, types, `${where}: object-group types`);
  return checked;
}

test('the index lists every definition and seed of the corpus and the example', () => {
  let checked = 0;
  for (const f of corpusFiles()) {
    checked += check(decodeConfig(readFileSync(join(configsDir, f)), f).text, f);
  }
  checked += check(readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8'), 'hosting.cfg');
  assert.ok(checked > 800, `checked ${checked} blocks`);
});

test('the index of generated hosting configurations', () => {
  fc.assert(
    fc.property(multiCustomerConfig(), (g) => {
      assert.ok(check(g.text, 'generated') > 0);
    }),
    fuzz(7, 60),
  );
});

test('the index of mutated corpus configurations (odd lines, capitals, CRLF, moved blocks)', () => {
  let checked = 0;
  fc.assert(
    fc.property(mutatedCorpusText(), (m) => {
      if (m) checked += check(m.text, m.where);
    }),
    fuzz(11, 300),
  );
  assert.ok(checked > 1000, `checked ${checked} blocks`);
});

test('runs: consecutive entries of one access-list are one run, a later entry another', () => {
  const text = [
    ': Saved',
    'hostname fw',
    'access-list A extended permit ip any any',
    'access-list A remark two',
    'access-list B extended permit ip any any',
    'ACCESS-LIST A extended deny ip any any',
    'object network o1',
    ' host 10.0.0.1',
    'fw# show run',
    'object network o1',
    ' nat (inside,outside) static 192.0.2.1',
    'interface Port-channel1.10',
    ' NAMEIF cust',
  ].join('\n');
  const index = indexBlocks(bytesOf(text), SPEC) as BlockIndex;
  const runs = (name: string) => index.defs.runsOf(name).map((r) => [r.n, r.blocks]);
  assert.deepEqual(runs('A'), [
    [3, 2],
    [6, 1],
  ]);
  assert.deepEqual(runs('B'), [[5, 1]]);
  // the prompt line is no block: the second `object` block follows the first directly
  assert.deepEqual(runs('o1'), [[7, 2]]);
  assert.deepEqual(runs('cust'), [[12, 1]]);
  assert.deepEqual(runs('nope'), []);
  // the object block holding NAT; the header with the first block
  assert.deepEqual(
    index.seeds.map((r) => [r.n, r.blocks]),
    [
      [2, 1],
      [10, 1],
    ],
  );
  assert.deepEqual(
    index.headers.map((r) => [r.n, r.blocks]),
    [[1, 0]],
  );
  assert.equal(indexBlocks(bytesOf(`${text}\n<--- More --->\n`), SPEC), undefined);
  // a backspace anywhere, a carriage return inside a line, lines ending in a carriage return
  assert.equal(indexBlocks(bytesOf(text.replace('any any', 'any anx\by')), SPEC), undefined);
  assert.equal(indexBlocks(bytesOf(text.replace('\nobject', '\n  \robject')), SPEC), undefined);
  assert.equal(indexBlocks(bytesOf(text.replaceAll('\n', '\r')), SPEC), undefined);
  // CRLF, and blanks or NULs after a carriage return at a line's end, are plain line ends
  assert.ok(indexBlocks(bytesOf(text.replaceAll('\n', '\r\n')), SPEC));
  assert.ok(indexBlocks(bytesOf(text.replaceAll('\n', '\r \0\t\r\n')), SPEC));
});

test('kinds whose names are composed of several words cannot be indexed, and say so', () => {
  assert.throws(
    () =>
      indexBlocks(bytesOf('crypto map m 10 match address a\n'), {
        ...SPEC,
        kinds: new Set(['crypto-map-entry']),
      }),
    /crypto-map-entry names are composed/,
  );
});

test('a prompt-like word on an indented line, then the prompt at indentation 0: blocks as the whole parse has them', () => {
  const text = FUZZ_FINDS.indentedPromptLike;
  assert.ok(check(text, 'indented prompt-like line') >= 2);
  const index = indexBlocks(bytesOf(text), SPEC) as BlockIndex;
  // the header is read with the first block (the indented line), as the whole parse has it
  assert.deepEqual(
    index.headers.map((r) => [r.n, r.blocks]),
    [[1, 1]],
  );
});

test('lines of blanks (with a CR or NUL after them) are blank lines, before the first block too', () => {
  const text =
    '   \n \t\r\n: Saved\nhostname fw\n  \0\ninterface e0\n nameif a\n   \naccess-group A in interface a\n';
  assert.ok(check(text, 'blank lines') > 0);
  const index = indexBlocks(bytesOf(text), SPEC) as BlockIndex;
  assert.deepEqual(
    index.defs.runsOf('a').map((r) => [r.n, r.blocks]),
    [[6, 1]],
  );
});
