// Lines keep their place in the input, not a copy of their text, and keep one reference without a
// list around it: what they hand out must be what a kept copy and a plain list would have been.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLines } from '../../src/parse/lines.js';
import { loadConfigText } from '../../src/model/build.js';

test('line text, indentation and words are read from the input as written', () => {
  const text = [
    'object network A \t ',
    '\t host 10.0.0.1\r',
    '  description two  blanks\u0000',
    '<--- More --->   object network B',
    'access-list X extended permit ip any any',
  ].join('\n'); // and no newline after the last line
  const tree = splitLines(text);
  assert.deepEqual(
    tree.all.map((l) => [l.n, l.raw, l.indent, l.tokens]),
    [
      [1, 'object network A', 0, ['object', 'network', 'A']],
      [2, '\t host 10.0.0.1', 2, ['host', '10.0.0.1']],
      [3, '  description two  blanks', 2, ['description', 'two', 'blanks']],
      [4, 'object network B', 0, ['object', 'network', 'B']],
      [
        5,
        'access-list X extended permit ip any any',
        0,
        ['access-list', 'X', 'extended', 'permit', 'ip', 'any', 'any'],
      ],
    ],
  );
  assert.deepEqual(
    tree.roots.map((l) => l.n),
    [1, 4, 5],
  );
  assert.deepEqual(
    tree.all[0]?.children.map((l) => l.n),
    [2, 3],
  );
});

test('a line a terminal drew over is read as the terminal showed it, and said so', () => {
  const bs = '\b'.repeat(14);
  const text = [
    'access-list A extended permit ip any any',
    '<--- More --->',
    // the pager's prompt erased on the next line: blanks, a carriage return, backspaces
    `              \r${bs}access-list A extended deny ip any any`,
    // a mistyped word corrected with backspaces
    'access-list A extended deny tcp any anx\by eq ssh',
    // the prompt erased by backspaces and blanks, then a command shorter than the prompt
    `<--- More --->${bs}              ${bs}names`,
    // a carriage return inside the line: what follows is drawn over what came before
    'access-list B remark first draft\raccess-list B extended deny ip any any',
    'access-list A extended permit udp any any eq domain',
  ].join('\n');
  const c = loadConfigText(text, 'x');
  assert.deepEqual(
    c.tree.all.map((l) => [l.n, l.raw]),
    [
      [1, 'access-list A extended permit ip any any'],
      [3, 'access-list A extended deny ip any any'],
      [4, 'access-list A extended deny tcp any any eq ssh'],
      [5, 'names'],
      [6, 'access-list B extended deny ip any any'],
      [7, 'access-list A extended permit udp any any eq domain'],
    ],
  );
  assert.deepEqual(
    c.accessLists.get('A')?.entries.map((e) => e.line.n),
    [1, 3, 4, 7],
  );
  assert.equal(c.unknown.length, 0);
  assert.deepEqual(
    c.warnings.map((w) => w.line),
    [3],
  );
  assert.match(
    c.warnings[0]?.message ?? '',
    /^4 lines \(3, 4, 5, 6\) were read as shown on the terminal/,
  );
});

test('a line hands out its references as a list whether it has none, one or several', () => {
  const c = loadConfigText(
    [
      'object network W',
      ' host 10.0.0.1',
      'object-group network G',
      ' network-object object W',
      'access-list A extended permit tcp object W object-group G eq https',
      'access-list A extended permit tcp object W any',
      'access-list A extended permit tcp object-group G object W object-group G',
      'access-group A in interface inside',
    ].join('\n'),
    'x',
  );
  const byLine = new Map(c.statements.map((s) => [s.n, s.refs.map((r) => `${r.kind} ${r.name}`)]));
  assert.deepEqual(byLine.get(2), []);
  assert.deepEqual(byLine.get(4), ['object W']);
  assert.deepEqual(byLine.get(5), ['object W', 'object-group G']);
  assert.deepEqual(byLine.get(6), ['object W']);
  assert.deepEqual(byLine.get(7), ['object-group G', 'object W', 'object-group G']);
  // the graph's uses are the line's references, and every use knows its symbol and owner
  const uses = c.graph.usesOf('object', 'W');
  assert.deepEqual(
    uses.map((u) => u.line.n),
    [4, 5, 6, 7],
  );
  for (const u of uses) assert.ok(c.graph.usesOnLine(u.line).includes(u));
  assert.equal(c.graph.target(uses[0] as (typeof uses)[number])?.name, 'W');
  assert.equal(uses[1]?.owner?.name, 'A');
  assert.equal(
    c.graph.allUses().length,
    c.statements.reduce((n, s) => n + s.refs.length, 0),
  );
});
