// Access-list entries are their statements (aceOf, remarkOf); their words are split on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../src/model/build.js';
import { aceOf, remarkOf } from '../../src/model/types.js';

test('remarks: the text after the keyword, also for an ACL whose name starts with "remark" and after `line N`', () => {
  const c = loadConfigText(
    [
      'access-list remarks remark web  servers (keep both blanks)',
      'access-list remarks extended permit tcp any host 10.0.0.1 eq https',
      'access-list A remark',
      'access-list A extended deny ip any any',
      'access-list A line 1 remark inserted at the top',
    ].join('\n'),
    'x',
  );
  const entries = c.accessLists.get('remarks')?.entries ?? [];
  assert.deepEqual(
    entries.map((e) => [e.line.n, remarkOf(e), aceOf(e)?.action]),
    [
      [1, 'web  servers (keep both blanks)', undefined],
      [2, undefined, 'permit'],
    ],
  );
  assert.deepEqual(
    (c.accessLists.get('A')?.entries ?? []).map((e) => [remarkOf(e), aceOf(e)?.action]),
    [
      ['', undefined],
      [undefined, 'deny'],
      ['inserted at the top', undefined],
    ],
  );
});

test('words: blanks, runs of blanks and tabs all separate words; indentation is not a word', () => {
  const c = loadConfigText(
    'object-group network G\n \tnetwork-object  host\t10.0.0.1\naccess-list B extended permit ip any any\n',
    'x',
  );
  const member = c.objectGroups.get('G')?.members[0];
  assert.deepEqual(member?.tokens, ['network-object', 'host', '10.0.0.1']);
  const entry = c.accessLists.get('B')?.entries[0];
  assert.deepEqual(entry?.line.tokens, [
    'access-list',
    'B',
    'extended',
    'permit',
    'ip',
    'any',
    'any',
  ]);
  // the parse understood the member despite the odd spacing
  assert.deepEqual(member?.stmt?.data, { type: 'host', address: '10.0.0.1', at: 2 });
});
