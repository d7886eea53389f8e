// Depth-first post-order over definitions (or anything with successors): every item after the
// items it leads to, a cycle broken where it closes. With a stack, not recursion: a hostile
// configuration nests groups tens of thousands of levels deep.

/**
 * `roots` and everything `next` leads to from them, each once, every item after all the items
 * `next` gives for it (unless they lead back to it: a cycle), in the order a recursive depth-first
 * search that appends an item when it leaves it would give.
 */
export function postOrder<T>(roots: Iterable<T>, next: (item: T) => Iterable<T>): T[] {
  const done = new Set<T>();
  const active = new Set<T>();
  const out: T[] = [];
  const stack: { item: T; rest: Iterator<T> }[] = [];
  const enter = (item: T) => {
    if (done.has(item) || active.has(item)) return;
    active.add(item);
    stack.push({ item, rest: next(item)[Symbol.iterator]() });
  };
  for (const root of roots) {
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const step = top.rest.next();
      if (!step.done) {
        enter(step.value);
        continue;
      }
      stack.pop();
      active.delete(top.item);
      done.add(top.item);
      out.push(top.item);
    }
  }
  return out;
}
