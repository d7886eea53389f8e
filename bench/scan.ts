// The scan yardstick: what a parser built on offsets would do at the least. It walks the text by
// its characters, finds every word of every line and interns it: a symbol table keyed by the
// characters, which makes a string only for a word it has not seen before. No word becomes a
// string on its own, no line is sliced, nothing else is kept.

/** Open addressing over the words' FNV-1a hashes; the table doubles when half full. */
class Symbols {
  private hashes = new Int32Array(1 << 16);
  private ids = new Int32Array(1 << 16).fill(-1);
  readonly words: string[] = [];

  /** the id of text[from, to), a new one for a word not seen before */
  intern(text: string, from: number, to: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.ids.length - 1;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const id = this.ids[k] as number;
      if (id < 0) {
        this.ids[k] = this.words.length;
        this.hashes[k] = h;
        this.words.push(text.slice(from, to));
        if (this.words.length * 2 > this.ids.length) this.grow();
        return this.words.length - 1;
      }
      if (this.hashes[k] === h && same(this.words[id] as string, text, from, to)) return id;
    }
  }

  private grow(): void {
    const { hashes, ids } = this;
    this.hashes = new Int32Array(hashes.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    const mask = this.ids.length - 1;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as number;
      if (id < 0) continue;
      let k = (hashes[j] as number) & mask;
      while ((this.ids[k] as number) >= 0) k = (k + 1) & mask;
      this.ids[k] = id;
      this.hashes[k] = hashes[j] as number;
    }
  }
}

function same(word: string, text: string, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let i = 0; i < word.length; i++)
    if (word.charCodeAt(i) !== text.charCodeAt(from + i)) return false;
  return true;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 13;

/**
 * The words of text[start, end) as offsets: the k-th is text[from[k], to[k]). Returns how many.
 */
function splitWords(text: string, start: number, end: number, from: number[], to: number[]) {
  let n = 0;
  for (let i = start; i < end;) {
    if (isBlank(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && !isBlank(text.charCodeAt(j))) j++;
    from[n] = i;
    to[n++] = j;
    i = j;
  }
  return n;
}

/** Scans the text; returns the number of lines, words and distinct words. */
export function scanWords(text: string): { lines: number; words: number; distinct: number } {
  const symbols = new Symbols();
  const from: number[] = [];
  const to: number[] = [];
  let lines = 0;
  let words = 0;
  let checksum = 0; // the ids are used, so the work cannot be left out
  for (let p = 0; p <= text.length;) {
    let end = text.indexOf('\n', p);
    if (end < 0) end = text.length;
    lines++;
    const n = splitWords(text, p, end, from, to);
    for (let k = 0; k < n; k++)
      checksum ^= symbols.intern(text, from[k] as number, to[k] as number);
    words += n;
    p = end + 1;
  }
  if (checksum < 0) throw new Error('unreachable: ids are not negative');
  return { lines, words, distinct: symbols.words.length };
}

/** text[a, b) and text[c, d) are the same characters */
function sameSpan(text: string, a: number, b: number, c: number, d: number): boolean {
  if (b - a !== d - c) return false;
  for (let i = 0; i < b - a; i++)
    if (text.charCodeAt(a + i) !== text.charCodeAt(c + i)) return false;
  return true;
}

/** text[from, to) is the word w */
function isWord(text: string, from: number, to: number, w: string): boolean {
  return to - from === w.length && same(w, text, from, to);
}

/**
 * The references yardstick: the least a parser must do to find what an audit of the generated
 * configurations is about. Like the scan it walks the text by its characters, but it tells the
 * commands and keywords apart by comparing characters and interns only the names at definition
 * and reference positions of the commands that make up nearly all of those files: `access-list`
 * (its name; the word after `object` or `object-group`), `object`, `object-group`,
 * `network-object object`, `group-object` and `access-group`. An access-list's name that is the
 * same as the previous line's is compared, not interned again. It keeps a definition and a
 * reference list of symbol ids and counts the names defined but never referenced. No address,
 * port or NAT rule is read, nothing else is kept: a lower bound, not a parser.
 */
export function scanReferences(text: string): {
  lines: number;
  names: number;
  defs: number;
  refs: number;
  unreferenced: number;
} {
  const symbols = new Symbols();
  const defs: number[] = [];
  const refs: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let lines = 0;
  let aclFrom = 0;
  let aclTo = 0;
  let aclId = -1;
  for (let p = 0; p <= text.length;) {
    let end = text.indexOf('\n', p);
    if (end < 0) end = text.length;
    lines++;
    const n = splitWords(text, p, end, from, to);
    p = end + 1;
    if (n < 2) continue;
    const at = (k: number, w: string) => isWord(text, from[k] as number, to[k] as number, w);
    const name = (k: number) => symbols.intern(text, from[k] as number, to[k] as number);
    if (at(0, 'access-list')) {
      const a = from[1] as number;
      const b = to[1] as number;
      if (aclId < 0 || !sameSpan(text, aclFrom, aclTo, a, b)) aclId = name(1);
      aclFrom = a;
      aclTo = b;
      defs.push(aclId);
      if (n > 2 && at(2, 'remark')) continue;
      for (let k = 3; k < n - 1; k++)
        if (at(k, 'object') || at(k, 'object-group')) refs.push(name(++k));
    } else if ((at(0, 'object') || at(0, 'object-group')) && n > 2) defs.push(name(2));
    else if (at(0, 'network-object') && at(1, 'object') && n > 2) refs.push(name(2));
    else if (at(0, 'group-object') || at(0, 'access-group')) refs.push(name(1));
  }
  const referenced = new Uint8Array(symbols.words.length);
  for (const id of refs) referenced[id] = 1;
  let unreferenced = 0;
  for (const id of new Set(defs)) if (!referenced[id]) unreferenced++;
  return { lines, names: symbols.words.length, defs: defs.length, refs: refs.length, unreferenced };
}
