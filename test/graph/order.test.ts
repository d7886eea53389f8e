// postOrder (src/graph/order.ts) is the order a recursive depth-first search gives, without its
// recursion: compared with one on random graphs (cycles, self-loops, shared successors), and run
// on a chain deeper than the stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { postOrder } from '../../src/graph/order.js';
import { fuzz } from '../support/fuzz.js';

function recursive(roots: number[], next: (n: number) => number[]): number[] {
  const done = new Set<number>();
  const active = new Set<number>();
  const out: number[] = [];
  const visit = (n: number) => {
    if (done.has(n) || active.has(n)) return;
    active.add(n);
    for (const m of next(n)) visit(m);
    active.delete(n);
    done.add(n);
    out.push(n);
  };
  for (const r of roots) visit(r);
  return out;
}

test('postOrder: the order of the recursive search', () => {
  const graph = fc.integer({ min: 1, max: 30 }).chain((size) =>
    fc.record({
      edges: fc.array(fc.array(fc.nat(size - 1), { maxLength: 5 }), {
        minLength: size,
        maxLength: size,
      }),
      roots: fc.array(fc.nat(size - 1), { maxLength: 10 }),
    }),
  );
  fc.assert(
    fc.property(graph, ({ edges, roots }) => {
      const next = (n: number) => edges[n] ?? [];
      assert.deepEqual(postOrder(roots, next), recursive(roots, next));
    }),
    fuzz(7, 500),
  );
});

test('postOrder: a chain of 200,000 (a recursive search overflows the stack)', () => {
  const N = 200_000;
  const next = (n: number) => (n + 1 < N ? [n + 1] : []);
  assert.throws(() => recursive([0], next), RangeError);
  const out = postOrder([0], next);
  assert.equal(out.length, N);
  assert.equal(out[0], N - 1);
  assert.equal(out[N - 1], 0);
});
