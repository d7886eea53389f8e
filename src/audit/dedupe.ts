// The combined fix script says each removal once. Findings fix independently, so two of them may
// remove the same line (an access-list entry that uses two undefined objects, an object NAT line
// with an undefined interface and an undefined mapped object): the second identical `no` fails on
// the ASA. Only removals (`no ...`, `clear configure ...`) are dropped, and only while repeating
// them cannot do anything: nothing since has added a command of the same kind (its first two
// words, e.g. `access-list ACL`, `name ADDRESS`, `nat (in,out)`), which could have put the line
// back. Commands that add or enter something (`name ...`, `object network X`, block headers) are
// always kept, and a removal inside a block is the same only under the same block headers.
//
// Fix commands inside a block look like removeLine's and inBlock's: the block's header lines
// (outermost first, unindented), the sub-commands (indented by one space), `exit`.

const isComment = (s: string) => s.trimStart().startsWith('!');
const isChild = (s: string) => s.startsWith(' ');

/** The words a removal removes: after `no` or `clear configure`; undefined for other commands. */
function removed(cmd: string): string[] | undefined {
  const w = cmd.trim().split(/\s+/);
  if (w[0] === 'no') return w.slice(1);
  if (w[0] === 'clear' && w[1] === 'configure') return w.slice(2);
  return undefined;
}

/** What an addition must share with a removal to put its line back: the first two words. */
const kindOf = (words: readonly string[]) => words.slice(0, 2).join(' ');

const already = (what: string) => `! (already above: ${what})`;

/**
 * The structure a block header enters, as `object NAME` or `object-group NAME` (one namespace
 * per keyword, whatever the type): `object network O`, `object-group service G tcp`, `object-group
 * group service G` (as some tools print it).
 */
function blockOf(words: readonly string[]): string | undefined {
  if (words[0] !== 'object' && words[0] !== 'object-group') return undefined;
  const at = words[1] === 'group' ? 3 : 2;
  return words[at] !== undefined ? `${words[0]} ${words[at]}` : undefined;
}

/**
 * The structure a command removes whole: `clear configure access-list X` -> `access-list X`
 * (the first words of its entries), `no object-group network G` -> `object-group G` and `no
 * object network O` -> `object O` (see blockOf).
 */
function wholeRemoval(cmd: string): string | undefined {
  const w = cmd.trim().split(/\s+/);
  if (w.length === 4 && w[0] === 'clear' && w[1] === 'configure' && w[2] === 'access-list')
    return `access-list ${w[3]}`;
  if (w.length === 4 && w[0] === 'no') return blockOf(w.slice(1));
  return undefined;
}

/**
 * The structures a fix script removes whole (unused ones), each with the command that does:
 * removing what is inside them as well is needless, and when it was the last entry or member
 * the structure is gone and the whole removal fails. (Fixes add nothing to a structure another
 * fix removes: raw-address rewrites only what survives.)
 */
export function removedWhole(fixes: readonly (readonly string[])[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const fix of fixes) {
    for (const cmd of fix) {
      const what = wholeRemoval(cmd);
      if (what !== undefined) out.set(what, cmd.trim());
    }
  }
  return out;
}

const removedBelow = (by: string, what: string) => `! (removed whole by ${by}): ${what}`;

export class RemovalDeduper {
  /** removals emitted so far, by kind: "headers\nremoval" */
  private readonly seen = new Map<string, Set<string>>();

  /** `whole`: the structures the script removes whole (see removedWhole) */
  constructor(private readonly whole: ReadonlyMap<string, string> = new Map()) {}

  /** The lines of one finding's fix to emit: repeated removals replaced by a comment. */
  take(fix: readonly string[]): string[] {
    const out: string[] = [];
    /** unindented commands other than removals, not yet emitted: the headers of a block */
    let headers: string[] = [];
    /**
     * the current block's sub-commands (and comments between them), once it has one; `skipped`:
     * the comment that stands in its place, given what it removes
     */
    let body: { line: string; skipped?: (what: string) => string }[] = [];

    const flush = (exit: boolean) => {
      const subs = body.filter((b) => !isComment(b.line));
      // a block whose sub-commands all went: nothing to enter (one header only: with more, the
      // first ones might be commands of their own rather than headers, so they stay)
      if (headers.length === 1 && subs.length > 0 && subs.every((b) => b.skipped)) {
        for (const b of body)
          out.push(b.skipped ? b.skipped(`${headers[0]} / ${b.line.trim()}`) : b.line);
      } else {
        out.push(...headers);
        for (const b of body) out.push(b.skipped ? b.skipped(b.line.trim()) : b.line);
        if (exit) out.push('exit');
      }
      headers = [];
      body = [];
    };

    for (const line of fix) {
      if (isComment(line)) {
        if (body.length > 0) body.push({ line });
        else if (headers.length > 0) headers.push(line);
        else out.push(line);
        continue;
      }
      if (line.trim() === 'exit') {
        if (headers.length > 0 || body.length > 0) flush(true);
        else out.push(line);
        continue;
      }
      const words = removed(line);
      if (isChild(line)) {
        // (a sub-command without headers in this fix: its block is unknown, so never the same)
        const block =
          headers.length === 1 ? blockOf((headers[0] ?? '').trim().split(/\s+/)) : undefined;
        const by = block !== undefined ? this.whole.get(block) : undefined;
        if (words === undefined) {
          this.added(line);
          body.push({ line });
        } else if (by !== undefined) body.push({ line, skipped: (w) => removedBelow(by, w) });
        else if (headers.length > 0 && this.repeated(headers, line, words))
          body.push({ line, skipped: already });
        else body.push({ line });
        continue;
      }
      // unindented: a block ends (without `exit`, as `object network X` / ` host A` does)
      if (body.length > 0) flush(false);
      if (words === undefined) {
        this.added(line);
        headers.push(line);
        continue;
      }
      // a removal at top level: what came before it were commands, not headers
      if (headers.length > 0) flush(false);
      const by =
        words[0] === 'access-list' && words.length > 2
          ? this.whole.get(`access-list ${words[1]}`)
          : undefined;
      if (by !== undefined) out.push(removedBelow(by, line.trim()));
      else out.push(this.repeated([], line, words) ? already(line.trim()) : line);
    }
    if (headers.length > 0 || body.length > 0) flush(false);
    return out;
  }

  /** Records the removal; true if the same one (under the same headers) was emitted already. */
  private repeated(headers: readonly string[], line: string, words: readonly string[]): boolean {
    const kind = kindOf(words);
    const key = [...headers.filter((h) => !isComment(h)), line.trim()].join('\n');
    let keys = this.seen.get(kind);
    if (keys?.has(key)) return true;
    if (!keys) this.seen.set(kind, (keys = new Set()));
    keys.add(key);
    return false;
  }

  /** An added command may put back what a removal of its kind removed: that removal counts again. */
  private added(line: string): void {
    this.seen.delete(kindOf(line.trim().split(/\s+/)));
  }
}
