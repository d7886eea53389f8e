// An index of a configuration's top-level blocks, made without parsing it: where each block
// starts, which blocks define which names, and which blocks a caller wants whatever they contain.
// It lets a caller that needs a small part of a large configuration (one customer's extract) parse
// just that part, with the one parser (splitBlocks, then parseTree).
//
// What a line defines is read from the grammar table itself (the `{=name:kind}` positions of the
// top-level rules and of their children's rules: an interface is defined by its `nameif` line), so
// the index knows nothing the grammar does not. It errs on the side of listing too much: a line
// whose first words look like a definition is listed even if no rule would match the rest of it.
//
// It reads the file's bytes, not its decoded text: a pass over bytes is faster than one over a
// string, and only the blocks that are read are decoded (see BlockIndex.tree).
import type { Kind } from './kinds.js';
import {
  definitionShapes,
  firstWords,
  isKeyword,
  ruleWordsRead,
  ruleShown,
  type CompiledRule,
  type CompiledRuleSet,
  type DefinitionShape,
} from './engine.js';
import {
  PAGER,
  leadingBlanks,
  metaKindOf,
  splitBlocks,
  type BlockStart,
  type Line,
  type LineTree,
  type MetaKind,
} from './lines.js';
import { groupTypeEntry, topRules } from './parser.js';

/** What the caller wants indexed, in the grammar's terms. */
export interface BlockIndexSpec {
  /** ids of top-level rules whose blocks are wanted, every one of them */
  seedRules: readonly string[];
  /** ids of child rules that make their top-level block wanted */
  seedChildRules: readonly string[];
  /** meta lines that are wanted (see BlockIndex.headers) */
  seedMeta: readonly MetaKind[];
  /** kinds whose definitions are indexed by name */
  kinds: ReadonlySet<Kind>;
}

/** A run of consecutive top-level blocks (see BlockStart); its `pos` is an offset in the bytes. */
export type BlockRun = BlockStart;

/** A configuration's bytes, and the encoding their text is decoded with (see plainBytes). */
export interface ConfigBytes {
  bytes: Buffer;
  encoding: 'utf8' | 'latin1';
}

export interface BlockIndex {
  /** wanted blocks, in text order */
  seeds: BlockRun[];
  /** the wanted meta lines, each with the block it is in (or alone before the first), in order */
  headers: BlockRun[];
  /** the runs of blocks that define each name (any indexed kind) */
  defs: NameRuns;
  /** object-group types by name, as the parser collects them (see groupTypeEntry) */
  groupTypes: Map<string, string>;
  /** physical lines of the text */
  lineCount: number;
  /** the run of the one top-level block with this ordinal */
  block(root: number): BlockRun;
  /**
   * The line tree of some runs (merged first), read as splitLines reads the whole text; only
   * their bytes are decoded. With `roots`, each top-level line read is mapped to its ordinal.
   */
  tree(runs: readonly BlockRun[], roots?: Map<Line, number>): LineTree;
  /**
   * Visits the top-level lines of the runs in text order without parsing them: the rule the
   * parser will match each with (its words decide, see ruleShown), which of `words` (at most 30)
   * it has as whole words (bit k: `words[k]`), which of them is its last word (the same bits),
   * and its text on demand (while the line is visited).
   */
  eachLine(runs: readonly BlockRun[], words: readonly string[], visit: LineVisitor): void;
  /**
   * The text of the top-level block with this ordinal as it is in the input: its first line, its
   * children, and the meta lines up to the next top-level block.
   */
  text(root: number): string;
}

/** see BlockIndex.eachLine */
export type LineVisitor = (
  root: number,
  rule: CompiledRule | undefined,
  has: number,
  text: () => string,
  last: number,
) => void;

/** The scanner's view of a spec: first words instead of rule ids. */
interface Compiled {
  seedFirst: Set<string>;
  /** for blocks starting with a key: child first words that make them wanted */
  seedChildren: Map<string, Keyword[]>;
  definers: Map<string, DefinitionShape[]>;
  /** for blocks starting with a key: the shapes of their lines that define names, by first word */
  childDefiners: Map<string, [Keyword, DefinitionShape[]][]>;
  seedMeta: Set<MetaKind>;
}

function compileSpec(spec: BlockIndexSpec): Compiled {
  const top = topRules();
  const seedChildren = childTables(top, (set) => {
    return new Map([...firstWords(set, spec.seedChildRules)].map((w) => [w, []]));
  });
  const childDefiners = childTables(top, (set) => definitionShapes(set, spec.kinds));
  return {
    seedFirst: firstWords(top, spec.seedRules),
    seedChildren: new Map(
      [...seedChildren].map(([k, byWord]) => [k, [...byWord.keys()].map(keyword)]),
    ),
    definers: definitionShapes(top, spec.kinds),
    childDefiners: new Map(
      [...childDefiners].map(([k, byWord]) => [
        k,
        [...byWord].map(([w, shapes]): [Keyword, DefinitionShape[]] => [keyword(w), shapes]),
      ]),
    ),
    seedMeta: new Set(spec.seedMeta),
  };
}

/**
 * For each top-level first word, what `of` finds (by child first word) in the child rules of the
 * rules starting with it, merged.
 */
function childTables<T>(
  top: CompiledRuleSet,
  of: (children: CompiledRuleSet) => Map<string, T[]>,
): Map<string, Map<string, T[]>> {
  const out = new Map<string, Map<string, T[]>>();
  for (const [first, rules] of top.byFirst) {
    for (const rule of rules) {
      if (rule.children === undefined || rule.children === 'any') continue;
      const found = of(rule.children);
      if (found.size === 0) continue;
      const into = out.get(first) ?? new Map<string, T[]>();
      for (const [w, list] of found) into.set(w, [...(into.get(w) ?? []), ...list]);
      out.set(first, into);
    }
  }
  return out;
}

/** the end of the word starting at `p` (a blank, a tab or `end`) */
function wordEnd(b: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = b[p] as number;
    if (c === 32 || c === 9) return p;
    p++;
  }
  return end;
}

/** the start of the next word at or after `p` (or `end`) */
function skipBlanks(b: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = b[p] as number;
    if (c !== 32 && c !== 9) return p;
    p++;
  }
  return end;
}

/** where the line from..end ends without trailing CR, blanks, tabs and NULs (as splitLines) */
function trimmedEnd(b: Uint8Array, from: number, end: number): number {
  while (end > from) {
    const c = b[end - 1] as number;
    if (c === 13 || c === 32 || c === 9 || c === 0) end--;
    else break;
  }
  return end;
}

/** Can a line whose first non-blank byte is `c` be a command (not blank, no comment)? */
function isCommandStart(c: number | undefined): boolean {
  // not: end of line or of the text, CR, NUL, `!`, `#`, `:`
  return c !== undefined && c > 32 && c !== 33 && c !== 35 && c !== 58;
}

/** do the bytes at `p` equal `word`'s? */
function bytesAt(b: Uint8Array, p: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
  return true;
}

/** where `word` ends if the bytes have it as a whole word at `p` (else -1) */
function wordAt(b: Uint8Array, p: number, end: number, word: Uint8Array): number {
  const after = p + word.length;
  if (word.length === 0 || after > end || !bytesAt(b, p, word)) return -1;
  const c = b[after];
  return after === end || c === 32 || c === 9 ? after : -1;
}

/** bytes from..to equal `word`'s */
function isWord(b: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  return to - from === word.length && bytesAt(b, from, word);
}

/** A keyword with its bytes (keywords are ASCII: the same bytes in UTF-8 and latin1). */
interface Keyword {
  word: string;
  bytes: Uint8Array;
}

const keyword = (word: string): Keyword => ({ word, bytes: Buffer.from(word, 'latin1') });

/**
 * Does a line of the bytes hold what a terminal drew over: a pager prompt (`<--- More --->`), a
 * backspace, or a carriage return with more than blanks after it before the newline (which also
 * covers text whose lines end in a carriage return alone)?
 */
function drawnOver(b: Buffer): boolean {
  if (b.indexOf(PAGER) >= 0 || b.indexOf(8) >= 0) return true;
  for (let at = b.indexOf(13); at >= 0; at = b.indexOf(13, at + 1)) {
    let p = at + 1;
    while (p < b.length && (b[p] === 13 || b[p] === 32 || b[p] === 9 || b[p] === 0)) p++;
    if (p < b.length && b[p] !== 10) return true;
  }
  return false;
}

/**
 * Indexes the configuration's top-level blocks. Undefined when a terminal drew over some of its
 * lines (see drawnOver): those are read as the terminal showed them, and only a whole parse
 * reads them right.
 */
export function indexBlocks(input: ConfigBytes, spec: BlockIndexSpec): BlockIndex | undefined {
  const { bytes: b, encoding } = input;
  if (drawnOver(b)) return undefined;
  const decode = (from: number, to: number) => b.toString(encoding, from, to);
  const c = compileSpec(spec);
  const seeds: BlockRun[] = [];
  const headers: BlockRun[] = [];
  const defs = new NameRuns(input);
  const groupTypes = new Map<string, string>();
  const roots = new RootTable();
  const len = b.length;
  let pos = 0;
  let n = 0;
  /** ordinal of the current top-level block (-1: none yet) and its indentation */
  let root = -1;
  let rootIndent = -1;
  let rootWanted = true;
  /** child first words that make the current block wanted */
  let childSeeds: Keyword[] | undefined;
  /** the shapes of the current block's lines that define names */
  let childShapes: [Keyword, DefinitionShape[]][] | undefined;
  /** where the current block starts */
  let blockPos = 0;
  let blockN = 0;
  /** the previous top-level line's first word, and what it means */
  const meanings = new FirstWords(c, decode);
  let prev: FirstWord = NO_WORD;
  /** where the name the previous top-level line defined starts (-1: none, or several) */
  let prevName = -1;
  let prevNameLength = 0;
  /** the run of the previous line's (first) name */
  let prevRun = -1;
  /** adds the current block (or, before the first, the lines up to it) to a list of runs */
  const addBlock = (list: BlockRun[], from: number, line: number, blocks: number) =>
    appendRun(list, { root: Math.max(root, 0), pos: from, n: line, blocks });

  while (pos < len) {
    let nl = b.indexOf(10, pos);
    if (nl < 0) nl = len;
    n++;
    const start = pos;
    pos = nl + 1;
    let p = start;
    while (p < nl && (b[p] === 32 || b[p] === 9)) p++;
    const indent = p - start;
    const ch = p < nl ? b[p] : undefined;
    if (root >= 0 && indent > rootIndent && isCommandStart(ch) && !childSeeds && !childShapes) {
      continue; // a command inside a block nobody asks about
    }
    const end = trimmedEnd(b, start, nl);
    if (p > end) p = end; // blanks then CR or NUL: a blank line
    // Meta lines: blank, comments, `:` headers; at indentation 0 also checksums and prompts. Both
    // are known by their first word (a prompt's has its `#` or `>`), so a line that starts with
    // the word the command line before it started with is neither. Not when that line was
    // indented: a prompt is one only at indentation 0, so its word may be a prompt here.
    let firstEnd = p === end || rootIndent > 0 ? -1 : wordAt(b, p, end, prev.bytes);
    if (
      p === end ||
      ch === 33 ||
      ch === 35 ||
      ch === 58 ||
      (indent === 0 && firstEnd < 0 && oddFirst(b, p, end))
    ) {
      const line = decode(start, end);
      const kind = metaKindOf(line, leadingBlanks(line));
      if (kind !== undefined) {
        // a wanted meta line is read with the block it is in (or, before the first, alone)
        if (c.seedMeta.has(kind)) {
          if (root < 0) addBlock(headers, start, n, 0);
          else addBlock(headers, blockPos, blockN, 1);
        }
        continue;
      }
    }
    if (root >= 0 && indent > rootIndent) {
      // a line inside the current block
      if (childSeeds !== undefined && !rootWanted) {
        const q = wordEnd(b, p, end);
        if (childSeeds.some((k) => isKeywordAt(b, p, q, k, decode))) {
          rootWanted = true;
          addBlock(seeds, blockPos, blockN, 1);
        }
      }
      if (childShapes !== undefined) {
        const q = wordEnd(b, p, end);
        for (const [k, shapes] of childShapes) {
          if (!isKeywordAt(b, p, q, k, decode)) continue;
          for (const shape of shapes) {
            const at = nameStart(b, q, end, shape, decode);
            if (at >= 0) defs.add(at, wordEnd(b, at, end), root, blockPos, blockN);
          }
        }
      }
      continue;
    }
    // a new top-level block
    root++;
    roots.add(start, n);
    rootIndent = indent;
    blockPos = start;
    blockN = n;
    if (firstEnd < 0) {
      firstEnd = wordEnd(b, p, end);
      prev = meanings.get(b, p, firstEnd);
    }
    const { key, shapes } = prev;
    rootWanted = prev.wanted;
    if (rootWanted) addBlock(seeds, start, n, 1);
    childSeeds = prev.children;
    childShapes = prev.childShapes;
    if (shapes === undefined) {
      prevName = -1;
      continue;
    }
    let named = 0;
    for (let i = 0; i < shapes.length; i++) {
      const at = nameStart(b, firstEnd, end, shapes[i] as DefinitionShape, decode);
      if (at < 0) continue;
      named++;
      // the next entry of the same access-list (or block of the same name): one run longer
      if (
        named === 1 &&
        prevName >= 0 &&
        sameWord(b, prevName, prevNameLength, at, end) &&
        defs.extend(prevRun, root)
      ) {
        prevName = at;
        continue;
      }
      const to = wordEnd(b, at, end);
      prevRun = defs.add(at, to, root, start, n);
      prevName = named === 1 ? at : -1;
      prevNameLength = to - at;
    }
    if (named !== 1) prevName = -1;

    if (key === 'object-group') {
      const e = groupTypeEntry(leadingWords(b, p, end, 4, decode));
      if (e) groupTypes.set(e[0], e[1]);
    }
  }
  const lineCount = n;
  const block = (r: number): BlockRun => ({ root: r, pos: roots.pos(r), n: roots.n(r), blocks: 1 });
  /** where the top-level block with this ordinal (and the meta lines after it) ends */
  const endOf = (root: number): number => (root + 1 < roots.size ? roots.pos(root + 1) : len);
  const tree = (runs: readonly BlockRun[], ordinals?: Map<Line, number>): LineTree => {
    // the runs' bytes, up to the next top-level block after each, decoded into one text
    const chunks: string[] = [];
    const rebased: BlockRun[] = [];
    let at = 0;
    for (const r of mergeRuns(runs)) {
      const chunk = decode(r.pos, endOf(r.root + r.blocks - 1));
      chunks.push(chunk);
      rebased.push({ ...r, pos: at });
      at += chunk.length;
    }
    return splitBlocks(chunks.join(''), rebased, lineCount, ordinals);
  };
  const eachLine = (runs: readonly BlockRun[], words: readonly string[], visit: LineVisitor) => {
    const reader = new LineWords(b, words, decode);
    for (const r of mergeRuns(runs)) {
      for (let root = r.root; root < r.root + r.blocks; root++) {
        const from = roots.pos(root);
        const has = reader.read(from, len);
        visit(root, reader.rule(), has, reader.text, reader.last);
      }
    }
  };
  const text = (root: number): string => decode(roots.pos(root), endOf(root));
  return { seeds, headers, defs, groupTypes, lineCount, block, tree, eachLine, text };
}

/**
 * Reads top-level lines for BlockIndex.eachLine: where their words are, which of the asked-for
 * words they have, and the rule they show (see ruleShown), without decoding them.
 */
class LineWords {
  private readonly asked: Keyword[];
  /** the asked-for words' indexes by length (a word of another length is none of them) */
  private readonly byLength: number[][] = [];
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private n = 0;
  /** which asked-for word the line just read ends with (bit k: `words[k]`; 0: none) */
  last = 0;
  /**
   * the previous line's words and rule, and what its rule depends on: the positions of the words
   * ruleShown compared with keywords to find it (the same words find it again), and how many words
   * the line has up to `most` + 1 (see ruleWordsRead)
   */
  private prevStarts = new Int32Array(64);
  private prevEnds = new Int32Array(64);
  private prevN = 0;
  private prevRule: CompiledRule | undefined = undefined;
  private compared: number[] = [];
  private most = 0;
  private readonly top = topRules();
  private readonly keywordsOf = new Map<ReadonlySet<string>, Keyword[]>();
  private readonly keywordAt = (i: number, set: ReadonlySet<string>) => {
    if (!this.compared.includes(i)) this.compared.push(i);
    return this.isKeywordIn(set, this.starts[i] as number, this.ends[i] as number);
  };
  /** where the line just read starts and ends (see read) */
  private from = 0;
  private end = 0;
  /** the text of the line just read (one function for every line, not a closure each) */
  readonly text = (): string => this.decode(this.from, this.end);
  /** the previous first word */
  private first = new Uint8Array(0);
  private firstWord = '';

  constructor(
    private readonly b: Uint8Array,
    words: readonly string[],
    private readonly decode: (from: number, to: number) => string,
  ) {
    if (words.length > 30) throw new Error('eachLine: more than 30 words');
    this.asked = words.map(keyword);
    this.asked.forEach((k, i) => (this.byLength[k.bytes.length] ??= []).push(i));
  }

  /**
   * Reads the line starting at `from` (up to a newline or `limit`; its text ends without trailing
   * CR, blanks, tabs and NULs, as trimmedEnd) and returns which of the asked-for words it has.
   */
  read(from: number, limit: number): number {
    const b = this.b;
    const prevStarts = this.prevStarts;
    const prevEnds = this.prevEnds;
    this.prevStarts = this.starts;
    this.prevEnds = this.ends;
    this.prevN = this.n;
    let starts = (this.starts = prevStarts);
    let ends = (this.ends = prevEnds);
    let nl = b.indexOf(10, from);
    if (nl < 0 || nl > limit) nl = limit;
    const end = trimmedEnd(b, from, nl);
    this.from = from;
    this.end = end;
    const byLength = this.byLength;
    let n = 0;
    let has = 0;
    let word = 0; // the asked-for word the current word is
    let p = from;
    while (p < end) {
      let c = b[p] as number;
      if (c === 32 || c === 9) {
        p++;
        continue;
      }
      let q = p + 1;
      while (q < end && (c = b[q] as number) !== 32 && c !== 9) q++;
      if (n === starts.length) {
        starts = this.starts = doubled(starts);
        ends = this.ends = doubled(ends);
      }
      starts[n] = p;
      ends[n++] = q;
      word = 0;
      const same = byLength[q - p];
      if (same !== undefined) {
        for (const k of same) if (bytesAt(b, p, (this.asked[k] as Keyword).bytes)) word |= 1 << k;
        has |= word;
      }
      p = q + 1;
    }
    this.n = n;
    this.last = word;
    return has;
  }

  /** the rule the parser will match the line just read with (undefined: none, or no words) */
  rule(): CompiledRule | undefined {
    const n = this.n;
    if (n === 0) return undefined;
    // consecutive lines mostly start with the same word: decoded once
    const from = this.starts[0] as number;
    const to = this.ends[0] as number;
    if (!isWord(this.b, from, to, this.first)) {
      this.first = this.b.slice(from, to);
      this.firstWord = this.decode(from, to);
      this.most = ruleWordsRead(this.top, this.firstWord);
    } else if (this.shownAsBefore()) return this.prevRule;
    this.compared.length = 0;
    return (this.prevRule = ruleShown(this.top, this.firstWord, n, this.keywordAt));
  }

  /**
   * Does the line just read show what the previous one did (same first word)? ruleShown would
   * compare the same words with the same keywords, in the same order, and find the same rule.
   */
  private shownAsBefore(): boolean {
    const most = this.most;
    const n = this.n;
    const prevN = this.prevN;
    if (Math.min(n, most + 1) !== Math.min(prevN, most + 1)) return false;
    // every position compared is below `most`, and so below both lines' number of words
    for (const i of this.compared) {
      const from = this.starts[i] as number;
      const length = (this.ends[i] as number) - from;
      const prev = this.prevStarts[i] as number;
      if ((this.prevEnds[i] as number) - prev !== length) return false;
      for (let k = 0; k < length; k++) if (this.b[from + k] !== this.b[prev + k]) return false;
    }
    return true;
  }

  /** is the word from..to one of the keywords, as the parser compares them (isKeyword)? */
  private isKeywordIn(set: ReadonlySet<string>, from: number, to: number): boolean {
    let list = this.keywordsOf.get(set);
    if (!list) this.keywordsOf.set(set, (list = [...set].map(keyword)));
    for (const k of list) if (isKeywordAt(this.b, from, to, k, this.decode)) return true;
    return false;
  }
}

/** The start and line number of every top-level block, by ordinal. */
class RootTable {
  size = 0;
  private at = new Int32Array(1 << 16);
  private line = new Int32Array(1 << 16);

  add(pos: number, n: number): void {
    if (this.size === this.at.length) {
      this.at = doubled(this.at);
      this.line = doubled(this.line);
    }
    this.at[this.size] = pos;
    this.line[this.size++] = n;
  }

  pos(root: number): number {
    return this.at[root] as number;
  }

  n(root: number): number {
    return this.line[root] as number;
  }
}

/** Is the word at `at` the same as the `length` bytes at `prev` (a whole word)? */
function sameWord(b: Uint8Array, prev: number, length: number, at: number, end: number): boolean {
  const after = at + length;
  if (after > end) return false;
  for (let i = 0; i < length; i++) if (b[prev + i] !== b[at + i]) return false;
  const c = b[after];
  return after === end || c === 32 || c === 9;
}

/** the first `k` words of from..end */
function leadingWords(
  b: Uint8Array,
  from: number,
  end: number,
  k: number,
  decode: (from: number, to: number) => string,
): string[] {
  const out: string[] = [];
  for (let p = skipBlanks(b, from, end); p < end && out.length < k;) {
    const q = wordEnd(b, p, end);
    out.push(decode(p, q));
    p = skipBlanks(b, q, end);
  }
  return out;
}

/** What a first word means to the index. */
interface FirstWord {
  word: string;
  bytes: Uint8Array;
  /** the word as the tables know it (lower-cased as the parser would, if they know it so) */
  key: string;
  wanted: boolean;
  children: Keyword[] | undefined;
  childShapes: [Keyword, DefinitionShape[]][] | undefined;
  shapes: DefinitionShape[] | undefined;
}

const NO_WORD: FirstWord = {
  word: '',
  bytes: new Uint8Array(0),
  key: '',
  wanted: false,
  children: undefined,
  childShapes: undefined,
  shapes: undefined,
};

/**
 * The meanings of the first words seen so far (a configuration has a hundred or so different
 * ones), found by first byte and length without decoding the word again.
 */
class FirstWords {
  private readonly byShape = new Map<number, FirstWord[]>();
  constructor(
    private readonly c: Compiled,
    private readonly decode: (from: number, to: number) => string,
  ) {}

  get(b: Uint8Array, from: number, to: number): FirstWord {
    const shape = (b[from] as number) * 4096 + Math.min(to - from, 4095);
    let list = this.byShape.get(shape);
    if (list === undefined) this.byShape.set(shape, (list = []));
    for (const m of list) if (isWord(b, from, to, m.bytes)) return m;
    const m = this.meaning(this.decode(from, to), b.slice(from, to));
    list.push(m);
    return m;
  }

  private meaning(word: string, bytes: Uint8Array): FirstWord {
    const c = this.c;
    const known = c.seedFirst.has(word) || c.definers.has(word) || c.seedChildren.has(word);
    const key = known || !UPPER.test(word) ? word : word.toLowerCase();
    return {
      word,
      bytes,
      key,
      wanted: c.seedFirst.has(key),
      children: c.seedChildren.get(key),
      childShapes: c.childDefiners.get(key),
      shapes: c.definers.get(key),
    };
  }
}

const UPPER = /[A-Z]/;

/** Are the bytes from..to the keyword (as the parser compares them)? */
function isKeywordAt(
  b: Uint8Array,
  from: number,
  to: number,
  k: Keyword,
  decode: (from: number, to: number) => string,
): boolean {
  if (isWord(b, from, to, k.bytes)) return true;
  if (to - from !== k.bytes.length || !hasCapital(b, from, to)) return false;
  const word = decode(from, to);
  return UPPER.test(word) && word.toLowerCase() === k.word;
}

/** Do the bytes from..to hold a capital A-Z (which no other character's bytes contain)? */
function hasCapital(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** FNV-1a over the bytes from..to */
function hashOf(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  return h >>> 0;
}

const NO_RUN = -1;

/**
 * The runs of blocks that define each name. A large configuration defines a hundred thousand
 * names, most in one run, and a handful are ever asked for: the names stay in the bytes (a run
 * keeps where its name is written), the runs in flat number arrays under a hash of the name.
 */
export class NameRuns {
  private size = 0;
  private capacity = 1024;
  private root = new Int32Array(this.capacity);
  private pos = new Int32Array(this.capacity);
  private n = new Int32Array(this.capacity);
  private blocks = new Int32Array(this.capacity);
  private namePos = new Int32Array(this.capacity);
  private nameLength = new Int32Array(this.capacity);
  private hash = new Uint32Array(this.capacity);
  /** the next run in the same bucket */
  private next = new Int32Array(this.capacity);
  private buckets = new Int32Array(2048).fill(NO_RUN);

  constructor(private readonly input: ConfigBytes) {}

  /**
   * top-level block `root` (at `pos`, line `n`) defines the name written at from..to; returns
   * the new run
   */
  add(from: number, to: number, root: number, pos: number, n: number): number {
    if (this.size === this.capacity) this.grow();
    const k = this.size++;
    const h = hashOf(this.input.bytes, from, to);
    this.root[k] = root;
    this.pos[k] = pos;
    this.n[k] = n;
    this.blocks[k] = 1;
    this.namePos[k] = from;
    this.nameLength[k] = to - from;
    this.hash[k] = h;
    const b = h & (this.buckets.length - 1);
    this.next[k] = this.buckets[b] as number;
    this.buckets[b] = k;
    return k;
  }

  /** adds block `root` to run `k` if it follows it directly (and says whether it did) */
  extend(k: number, root: number): boolean {
    const blocks = this.blocks[k] as number;
    if ((this.root[k] as number) + blocks !== root) return false;
    this.blocks[k] = blocks + 1;
    return true;
  }

  /** the runs defining `name`, in text order */
  runsOf(name: string): BlockRun[] {
    const { bytes, encoding } = this.input;
    const want = Buffer.from(name, encoding);
    const h = hashOf(want, 0, want.length);
    const out: BlockRun[] = [];
    for (let k = this.buckets[h & (this.buckets.length - 1)] as number; k !== NO_RUN;) {
      if (
        this.hash[k] === h &&
        this.nameLength[k] === want.length &&
        bytesAt(bytes, this.namePos[k] as number, want)
      ) {
        out.push({
          root: this.root[k] as number,
          pos: this.pos[k] as number,
          n: this.n[k] as number,
          blocks: this.blocks[k] as number,
        });
      }
      k = this.next[k] as number;
    }
    return out.sort((a, b) => a.root - b.root);
  }

  private grow(): void {
    this.capacity *= 2;
    this.root = doubled(this.root);
    this.pos = doubled(this.pos);
    this.n = doubled(this.n);
    this.blocks = doubled(this.blocks);
    this.namePos = doubled(this.namePos);
    this.nameLength = doubled(this.nameLength);
    this.hash = doubled(this.hash);
    this.next = doubled(this.next);
    // twice as many buckets as runs: chains stay short
    this.buckets = new Int32Array(this.capacity * 2).fill(NO_RUN);
    const mask = this.buckets.length - 1;
    for (let k = 0; k < this.size; k++) {
      const b = (this.hash[k] as number) & mask;
      this.next[k] = this.buckets[b] as number;
      this.buckets[b] = k;
    }
  }
}

/**
 * Could the first word (from `from` up to a blank) make an indentation-0 line a checksum or a
 * prompt (see metaKindOf)?
 */
function oddFirst(b: Uint8Array, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = b[i] as number;
    if (c === 35 || c === 62 || c === 58) return true;
    if (c === 32 || c === 9) return false;
  }
  return false;
}

/** Where the name a line defines by the shape starts (the words after the first), or -1. */
function nameStart(
  b: Uint8Array,
  from: number,
  end: number,
  shape: DefinitionShape,
  decode: (from: number, to: number) => string,
): number {
  let p = from;
  for (let i = 1; i <= shape.at; i++) {
    p = skipBlanks(b, p, end);
    if (p === end) return -1;
    if (i === shape.at) return p;
    const q = wordEnd(b, p, end);
    const lit = shape.words[i];
    if (lit !== undefined && !isKeyword(lit, decode(p, q))) return -1;
    p = q;
  }
  return -1;
}

/** Runs in text order, overlapping or adjacent ones joined (so no block is read twice). */
export function mergeRuns(runs: readonly BlockRun[]): BlockRun[] {
  const sorted = [...runs].sort((a, b) => a.root - b.root || a.pos - b.pos);
  const out: BlockRun[] = [];
  for (const r of sorted) appendRun(out, { ...r });
  return out;
}

/**
 * Adds a run to runs in text order (none starting after it): joined with the last one when they
 * overlap or touch, else appended (it is then the list's own).
 */
function appendRun(runs: BlockRun[], r: BlockRun): void {
  const last = runs[runs.length - 1];
  if (last && r.root <= last.root + last.blocks) {
    last.blocks = Math.max(last.blocks, r.root + r.blocks - last.root);
  } else runs.push(r);
}

/** a copy of the array in one twice as long */
function doubled<T extends Int32Array | Uint32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
