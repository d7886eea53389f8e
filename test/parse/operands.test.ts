// Access-list operands: shared within one parse (memory), never across parses (a long-running
// portal parses many configurations), and the compact Ace serialises to the plain shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../src/model/build.js';
import { aceOf } from '../../src/model/types.js';
import type { Ace } from '../../src/parse/operands.js';

const TEXT = [
  'object network WEB',
  ' host 10.0.0.1',
  'access-list A extended permit tcp any object WEB eq https',
  'access-list A extended permit tcp any object WEB eq https log',
  'access-list A extended permit icmp any any echo-reply time-range T inactive',
].join('\n');

function aces(text: string): Ace[] {
  const entries = loadConfigText(text, 'x').accessLists.get('A')?.entries ?? [];
  return entries.map((e) => aceOf(e) as Ace);
}

test('equal operands are one frozen object within a parse, separate objects across parses', () => {
  const [a1, a2] = aces(TEXT) as [Ace, Ace];
  assert.equal(a1.dst, a2.dst);
  assert.equal(a1.dstPort, a2.dstPort);
  assert.ok(Object.isFrozen(a1.dst));
  const [b1] = aces(TEXT) as [Ace];
  assert.deepEqual(b1.dst, a1.dst);
  assert.notEqual(b1.dst, a1.dst, 'the second parse must not reuse the first parse’s operands');
});

test('an entry serialises with its set fields only, rare ones included', () => {
  const [, logged, icmp] = aces(TEXT) as [Ace, Ace, Ace];
  assert.deepEqual(JSON.parse(JSON.stringify(logged)), {
    kind: 'extended',
    action: 'permit',
    protocol: 'tcp',
    src: { type: 'any', word: 'any', at: 5 },
    dst: { type: 'object', name: 'WEB', at: 7 },
    dstPort: { type: 'op', op: 'eq', ports: ['https'], at: 8 },
    inactive: false,
    log: true,
  });
  assert.equal(icmp.icmpType, 'echo-reply');
  assert.equal(icmp.timeRange, 'T');
  assert.equal(icmp.inactive, true);
  assert.equal(icmp.log, false);
  assert.equal(logged.timeRange, undefined);
});
