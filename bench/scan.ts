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

/** Scans the text; returns the number of lines, words and distinct words. */
export function scanWords(text: string): { lines: number; words: number; distinct: number } {
  const symbols = new Symbols();
  let lines = 0;
  let words = 0;
  let checksum = 0; // the ids are used, so the work cannot be left out
  for (let p = 0; p <= text.length;) {
    let end = text.indexOf('\n', p);
    if (end < 0) end = text.length;
    lines++;
    for (let i = p; i < end;) {
      if (isBlank(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < end && !isBlank(text.charCodeAt(j))) j++;
      checksum ^= symbols.intern(text, i, j);
      words++;
      i = j;
    }
    p = end + 1;
  }
  if (checksum < 0) throw new Error('unreachable: ids are not negative');
  return { lines, words, distinct: symbols.words.length };
}
