// Splits configuration text into a tree of lines (parent/child by indentation), with 1-based line
// numbers, the original text (for faithful re-printing) and whitespace-split tokens. Lines that
// are not commands (comments, `: Saved` headers, checksums, CLI prompts, pager residue, blank
// lines) are kept aside as meta lines and do not take part in the tree.
import type { Def, DefDecl, MatchedRule, Ref, Statement } from './engine.js';

/**
 * One command line, and what the grammar recognised on it: a recognised line *is* its statement
 * (`line.stmt` is the line itself), so a million-line configuration holds one record per line,
 * not two. Not even the line's text is kept, only where it starts in the input: `raw` slices it and
 * `tokens` splits it into words on demand. A million-line configuration would otherwise hold a
 * million slices and ten million word strings that nobody reads after the parser has been over
 * them once.
 */
export class Line {
  parent: Line | undefined;
  children: Line[];
  /** the grammar rule that recognised the line (set by the parser); undefined: not recognised */
  rule: MatchedRule | undefined = undefined;
  /** captured words by pattern name */
  caps: Record<string, string> = NO_CAPS;
  defs: DefDecl[] = NONE;
  /** no reference (NONE), one, or a list of them: see refs */
  private written: Ref | Ref[] = NONE;
  /** what a handler parsed (an ACE, a NAT rule) */
  data: unknown = undefined;
  /** the definition the line's references belong to (set by the graph) */
  owner: Def | undefined = undefined;

  constructor(
    /** 1-based line number in the input */
    readonly n: number,
    /** the input the line is read from */
    private readonly src: LineSource,
    /** where the line starts in the input; EDITED: its text is in `src.edited` */
    private readonly start: number,
    parent: Line | undefined,
  ) {
    this.parent = parent;
    this.children = NO_CHILDREN;
  }

  /**
   * the line as it should be printed again: original indentation, no CR, no trailing blanks.
   * Sliced from the input on every call rather than kept: a million kept slices cost 40 MB.
   */
  get raw(): string {
    const start = this.start;
    if (start === EDITED) return this.src.edited.get(this.n) as string;
    const text = this.src.text;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    return text.slice(start, trimmedEnd(text, start, end));
  }

  /** number of leading blanks (a tab counts as one); counted on each call, not kept per line */
  get indent(): number {
    return leadingBlanks(this.raw);
  }

  /**
   * the references written on this line (and implicit ones derived from it). Half the lines of a
   * large configuration have exactly one: it is kept without a list around it (56 bytes less per
   * line), and handed out in a new one-entry list.
   */
  get refs(): readonly Ref[] {
    const w = this.written;
    return Array.isArray(w) ? w : [w];
  }

  /** adds a reference to the line (the parser's, or an implicit one the model derives) */
  addRef(r: Ref): void {
    const w = this.written;
    if (w === NONE) this.written = r;
    else if (Array.isArray(w)) w.push(r);
    else this.written = [w, r]; // exact size; a third reference grows it (see compactRefs)
  }

  /** a list of three or more references made exact-size once the line is parsed */
  compactRefs(): void {
    const w = this.written;
    if (Array.isArray(w) && w.length > 2) this.written = w.slice();
  }

  /** whitespace-separated words of the command (split anew on every call: keep the result) */
  get tokens(): string[] {
    const raw = this.raw;
    return words(raw, leadingBlanks(raw));
  }

  /** the line as a statement, if the grammar recognised it */
  get stmt(): Statement | undefined {
    return this.rule === undefined ? undefined : (this as Statement);
  }

  /** as a statement: the line it is on (itself) */
  get line(): Line {
    return this;
  }

  /** id of the rule that matched (e.g. "object-network", "acl-extended") */
  get id(): string | undefined {
    return this.rule?.id;
  }

  /** see RuleSpec.root */
  get root(): boolean {
    return this.rule?.root === true;
  }
}

/** The input a tree's lines are read from. */
export class LineSource {
  /** text of the lines that are not a plain slice of the input (pager residue taken out) */
  readonly edited = new Map<number, string>();
  constructor(readonly text: string) {}
}

/** the number of blanks and tabs a text starts with */
export function leadingBlanks(s: string): number {
  let n = 0;
  while (n < s.length && (s.charCodeAt(n) === 32 || s.charCodeAt(n) === 9)) n++;
  return n;
}

/** `Line.start` of a line whose text is in `LineSource.edited` */
const EDITED = -1;

/** where the text from..end ends without trailing CR, blanks, tabs and NULs */
export function trimmedEnd(text: string, from: number, end: number): number {
  while (end > from) {
    const c = text.charCodeAt(end - 1);
    if (c === 13 || c === 32 || c === 9 || c === 0) end--;
    else break;
  }
  return end;
}

/** shared empty records of lines without captures, definitions or references (never written) */
export const NONE: never[] = [];
export const NO_CAPS: Record<string, string> = Object.freeze({});

/** shared by every line without children until it gets its first */
const NO_CHILDREN: Line[] = [];

export type MetaKind = 'blank' | 'comment' | 'saved-header' | 'checksum' | 'end' | 'prompt';

export interface MetaLine {
  readonly n: number;
  readonly kind: MetaKind;
  readonly raw: string;
}

export interface LineTree {
  /** top-level commands, in order */
  roots: Line[];
  /** every command line in input order (roots and children) */
  all: Line[];
  meta: MetaLine[];
  /** total number of physical lines in the input */
  lineCount: number;
  /**
   * the command lines read as the terminal that captured them showed them (pager prompts,
   * backspaces, carriage returns inside the line), by number
   */
  edited: number[];
}

/** what a terminal's pager leaves in a captured configuration */
export const PAGER = '<--- More --->';

/**
 * The line as the terminal that captured it showed it. A pager prompt (`<--- More --->`) is taken
 * out with the blanks, backspaces and carriage returns that erased it; what is left is drawn as a
 * terminal draws it: a carriage return goes back to the line's start, a backspace one character
 * back (not past the start), and every other character is written over what is there. Trailing
 * blanks are dropped.
 */
function asTerminalShows(s: string): string {
  let out = s;
  let at = out.indexOf(PAGER);
  while (at >= 0) {
    let end = at + PAGER.length;
    while (end < out.length && (out[end] === ' ' || out[end] === '\b' || out[end] === '\r')) end++;
    out = out.slice(0, at) + out.slice(end);
    at = out.indexOf(PAGER);
  }
  if (out.includes('\b') || out.includes('\r')) {
    const cells: string[] = [];
    let col = 0;
    for (const ch of out) {
      if (ch === '\r') col = 0;
      else if (ch === '\b') col = Math.max(0, col - 1);
      else cells[col++] = ch;
    }
    out = cells.join('');
  }
  return out.slice(0, trimmedEnd(out, 0, out.length));
}

function isPrompt(text: string): boolean {
  // e.g. "fw01# show running-config", "fw01/ctx1(config)# ", "fw01> en"
  return /^[A-Za-z0-9][\w.\-/]*(\([\w-]+\))?[#>]\s*(\S.*)?$/.test(text) && !text.startsWith('#');
}

/** the number of lines of the text (one more than its newlines, at least) */
function countLines(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * What a line that is not a command is (blank, comment, `: Saved` header, checksum, CLI prompt),
 * or undefined for a command line. `s` is the line without trailing blanks, `indent` its leading
 * blanks.
 */
export function metaKindOf(s: string, indent: number): MetaKind | undefined {
  if (indent === s.length) return 'blank';
  const first = s.charCodeAt(indent);
  if (first === 33 /* ! */ || first === 35 /* # */) return 'comment';
  if (first === 58 /* : */) return s.slice(indent + 1).trim() === 'end' ? 'end' : 'saved-header';
  if (indent > 0) return undefined;
  if (s.startsWith('Cryptochecksum:')) return 'checksum';
  if ((s.includes('#') || s.includes('>')) && isPrompt(s)) return 'prompt';
  return undefined;
}

/**
 * Does the text carry what a terminal drew over (a pager prompt, a backspace, a carriage return)?
 * Asked of the whole text once, so that the lines of a plain one are not searched one by one,
 * then of each line (trailing blanks and carriage returns already cut): such a line's text is
 * not a plain slice of the input.
 */
function isEdited(s: string): boolean {
  return s.includes('\b') || s.includes('\r') || s.includes(PAGER);
}

/**
 * Reads lines into a tree: the whole text (splitLines), or chosen top-level blocks of it
 * (splitBlocks). Both read a line the same way, so a block read alone is the block the whole
 * text has.
 */
class TreeReader {
  readonly roots: Line[];
  readonly all: Line[];
  nRoots = 0;
  nAll = 0;
  readonly meta: MetaLine[] = [];
  private readonly stack: Line[] = [];
  /** the indentation of each line on the stack */
  private readonly indents: number[] = [];
  readonly src: LineSource;
  /** the number of the last line read */
  n = 0;
  /** whether any line of the text can be edited (see isEdited) */
  private readonly mayBeEdited: boolean;
  /** the command lines read as a terminal showed them */
  readonly edited: number[] = [];

  constructor(
    private readonly text: string,
    most: number,
  ) {
    this.src = new LineSource(text);
    this.mayBeEdited = isEdited(text);
    this.roots = new Array<Line>(most);
    this.all = new Array<Line>(most);
  }

  /**
   * Reads from `pos` (the start of line number `n`) to the end of the text, or, with `blocks`,
   * until that many top-level lines have begun and the next would. Returns where it stopped.
   */
  read(
    pos: number,
    n: number,
    blocks = Infinity,
    record?: (line: Line, k: number) => void,
  ): number {
    const text = this.text;
    const len = text.length;
    const { stack, indents, src } = this;
    let begun = 0;
    this.n = n - 1;
    while (pos <= len) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = len;
      if (pos === len && nl === len) break; // no line after a final newline
      const start = pos;
      let s = text.slice(pos, trimmedEnd(text, pos, nl));
      const edited = this.mayBeEdited && isEdited(s);
      if (edited) s = asTerminalShows(s);
      const indent = leadingBlanks(s);
      const kind = metaKindOf(s, indent);
      if (kind !== undefined) {
        this.meta.push({ n: ++this.n, kind, raw: s });
        pos = nl + 1;
        continue;
      }
      while (stack.length > 0 && (indents[indents.length - 1] as number) >= indent) {
        closeBlock(stack.pop() as Line);
        indents.pop();
      }
      const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (!parent && begun++ === blocks) break;
      pos = nl + 1;
      const ln = ++this.n;
      if (edited) {
        src.edited.set(ln, s);
        this.edited.push(ln);
      }
      const line = new Line(ln, src, edited ? EDITED : start, parent);
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [];
        parent.children.push(line);
      } else {
        this.roots[this.nRoots++] = line;
        record?.(line, begun - 1);
      }
      this.all[this.nAll++] = line;
      stack.push(line);
      indents.push(indent);
    }
    for (const line of stack) closeBlock(line);
    stack.length = 0;
    indents.length = 0;
    return pos;
  }

  tree(lineCount: number): LineTree {
    this.roots.length = this.nRoots;
    this.all.length = this.nAll;
    return { roots: this.roots, all: this.all, meta: this.meta, lineCount, edited: this.edited };
  }
}

export function splitLines(text: string): LineTree {
  // The line lists are sized once from a count of the newlines (a fraction of the split's time):
  // grown by pushing, a million-entry list leaves twice its size in discarded copies, which live
  // long enough to be promoted and then swell the heap until the next full collection.
  const reader = new TreeReader(text, countLines(text));
  reader.read(0, 1);
  return reader.tree(reader.n);
}

/** A run of consecutive top-level blocks: where the first starts (offset, line number). */
export interface BlockStart {
  /** the first block's ordinal among all the text's top-level blocks */
  root: number;
  pos: number;
  n: number;
  /** how many consecutive top-level blocks to read from there (0: only the meta lines before) */
  blocks: number;
}

/**
 * The tree of some top-level blocks of the text, read exactly as splitLines reads them, with
 * their line numbers. `starts` are in text order and do not overlap. `lineCount` is the text's.
 * With `ordinals`, each top-level line read is mapped to its block's ordinal (the k-th block of a
 * run is its `root` + k).
 */
export function splitBlocks(
  text: string,
  starts: readonly BlockStart[],
  lineCount: number,
  ordinals?: Map<Line, number>,
): LineTree {
  const reader = new TreeReader(text, 0);
  let reached = 0;
  for (const b of starts) {
    if (b.pos < reached) throw new Error(`splitBlocks: overlapping block at line ${b.n}`);
    const record = ordinals ? (line: Line, k: number) => ordinals.set(line, b.root + k) : undefined;
    reached = reader.read(b.pos, b.n, b.blocks, record);
  }
  return reader.tree(lineCount);
}

/** the top-level line a line belongs to (itself, for a top-level line) */
export function topLine(line: Line): Line {
  let top = line;
  while (top.parent) top = top.parent;
  return top;
}

/**
 * A block's child list is complete when the block ends: made exact-size then (a pushed-to array
 * keeps room for ~17 entries, most blocks have one or two), while the first copy is still young
 * garbage, rather than all at the end of the file when every first copy has been promoted.
 */
function closeBlock(line: Line): void {
  if (line.children.length > 0) line.children = line.children.slice();
}

/** Splits at blanks and tabs (the text has no leading or trailing blanks past `from`). */
function words(line: string, from: number): string[] {
  // a tab separates words like a blank; the engine's indexOf is faster than split()
  const s = line.indexOf('\t', from) < 0 ? line : line.replace(/\t/g, ' ');
  const out: string[] = [];
  const n = s.length;
  let p = from;
  while (p < n) {
    let q = s.indexOf(' ', p);
    if (q < 0) q = n;
    if (q > p) out.push(s.slice(p, q));
    p = q + 1;
  }
  return out;
}

/** Text of the line without its indentation. */
export function body(line: Line): string {
  const raw = line.raw;
  return raw.slice(leadingBlanks(raw));
}
