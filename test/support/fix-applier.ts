// A small applier of asakit fix scripts to configuration TEXT, for the tests: it understands
// exactly the commands asakit emits (see src/audit/commands.ts and the rules), behaves like the
// ASA where that matters (a block command enters the block, `exit` leaves it, an entry inserted
// with `access-list ACL line N` takes position N, a value command in `object network` replaces the
// value, re-creating an identical name is a no-op) and records an error, as the ASA prints one,
// for every command whose target does not exist.
//
// Names are aliases, as on the ASA: the configuration stores the address and the text (`show
// running-config` with `names` enabled) shows the name in its place. So `no name A N` makes every
// line that showed N show A (or the other name A still has), and a following `name A M` makes
// those lines show M: a rename in place. The ASA keeps one name per address, so `name A M` while
// another name holds A is refused. (A raw A that was in the text before is left as it is: in a
// real `show running-config` with `names` on, there would be none.)
//
// It is deliberately strict: a fix that removes something twice, or refers to a line that is not
// there, shows up in `errors`.

export interface ApplyResult {
  text: string;
  /** "<command>: <problem>", one per command the ASA would have refused */
  errors: string[];
  /** commands applied (comments and `exit` not counted) */
  applied: number;
}

/**
 * Marks a word that shows an address because its name was removed (`no name`): a later `name` for
 * the address shows the new name there. Invisible to matching (words) and to the result.
 */
const SHOWN = '\u0001';
const words = (s: string): string[] =>
  s
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.startsWith(SHOWN) ? w.slice(1) : w));
const indentOf = (s: string): number => s.length - s.trimStart().length;
const same = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((w, i) => w === b[i]);
const startsWith = (a: string[], prefix: string[]): boolean => prefix.every((w, i) => a[i] === w);

/** A line that is not a command: blank, comment, `:` header, checksum. */
function isMeta(s: string): boolean {
  const t = s.trim();
  return t === '' || t.startsWith('!') || t.startsWith(':') || t.startsWith('Cryptochecksum:');
}

class ConfigText {
  lines: string[];

  constructor(text: string) {
    this.lines = text.replace(/\r/g, '').split('\n');
    if (this.lines[this.lines.length - 1] === '') this.lines.pop();
  }

  /** Index one past the block that starts at `i` (its children: following lines indented deeper). */
  blockEnd(i: number): number {
    const base = indentOf(this.lines[i] as string);
    let j = i + 1;
    while (j < this.lines.length) {
      const s = this.lines[j] as string;
      if (s.trim() === '' || indentOf(s) <= base) break;
      j++;
    }
    return j;
  }

  /** Top-level command lines matching `pred`, by index. */
  top(pred: (w: string[]) => boolean): number[] {
    const out: number[] = [];
    this.lines.forEach((s, i) => {
      if (indentOf(s) === 0 && !isMeta(s) && pred(words(s))) out.push(i);
    });
    return out;
  }

  /** The direct children of the block at `i`, by index. */
  children(i: number): number[] {
    const end = this.blockEnd(i);
    const childIndent = Math.min(
      ...this.lines.slice(i + 1, end).map((s) => indentOf(s)),
      Number.POSITIVE_INFINITY,
    );
    const out: number[] = [];
    for (let j = i + 1; j < end; j++)
      if (indentOf(this.lines[j] as string) === childIndent) out.push(j);
    return out;
  }

  /** Removes the blocks starting at the given indices (highest first). */
  removeBlocks(indices: number[]): void {
    for (const i of [...indices].sort((a, b) => b - a)) this.lines.splice(i, this.blockEnd(i) - i);
  }

  /** Where new top-level commands go: before the trailing `Cryptochecksum` / `: end` lines. */
  endOfBody(): number {
    let j = this.lines.length;
    while (j > 0 && isMeta(this.lines[j - 1] as string)) j--;
    return j;
  }

  /** After the block of the last top-level line matching `pred`, else at the end of the body. */
  afterLast(pred: (w: string[]) => boolean): number {
    const hits = this.top(pred);
    const last = hits[hits.length - 1];
    return last === undefined ? this.endOfBody() : this.blockEnd(last);
  }

  insert(at: number, ...lines: string[]): void {
    this.lines.splice(at, 0, ...lines);
  }

  /**
   * Replaces the word `from` by `to` in every line but `name` lines, up to a `description` or
   * `remark` (free text): how the display of a line changes when an alias changes.
   */
  replaceWord(from: string, to: string): void {
    this.lines = this.lines.map((line) => {
      if (isMeta(line)) return line;
      const indent = line.slice(0, indentOf(line));
      const ws = line.trim().split(/\s+/);
      if (ws[0] === 'name') return line;
      const stop = ws.findIndex((w) => w === 'description' || w === 'remark');
      const out = ws.map((w, i) => ((stop >= 0 && i > stop) || w !== from ? w : to));
      return indent + out.join(' ');
    });
  }

  toString(): string {
    return this.lines.map((l) => l.split(SHOWN).join('')).join('\n') + '\n';
  }
}

/** Applies a fix script (text or lines) to configuration text. */
export function applyFixScript(configText: string, script: string | string[]): ApplyResult {
  const cfg = new ConfigText(configText);
  const commands = typeof script === 'string' ? script.split('\n') : script;
  const errors: string[] = [];
  let applied = 0;
  /** indices of the headers of the blocks we are in (outermost first) */
  let stack: number[] = [];
  const fail = (cmd: string, why: string) => errors.push(`${cmd.trim()}: ${why}`);

  // Inserting or removing lines moves the indices of the blocks we are in.
  const shift = (at: number, delta: number) => {
    stack = stack.map((i) => (i >= at ? i + delta : i));
  };
  const insertLines = (at: number, lines: string[]) => {
    cfg.insert(at, ...lines);
    shift(at, lines.length);
  };
  const removeBlocks = (indices: number[]) => {
    for (const i of [...indices].sort((a, b) => b - a)) {
      const n = cfg.blockEnd(i) - i;
      if (stack.some((s) => s >= i && s < i + n)) stack = [];
      cfg.lines.splice(i, n);
      shift(i + n, -n);
    }
  };

  const childCommand = (cmd: string) => {
    const header = stack[stack.length - 1];
    if (header === undefined) return fail(cmd, 'not inside a block');
    const w = words(cmd);
    const headerWords = words(cfg.lines[header] as string);
    const kids = cfg.children(header);
    const childIndent = ' '.repeat(indentOf(cfg.lines[header] as string) + 1);
    if (w[0] === 'no') {
      const target = w.slice(1);
      // one structure may be shown in several blocks (an object's NAT in an `object network X`
      // block of its own, after the objects): the ASA looks in all of them
      const again = cfg.top((x) => same(x, headerWords)).filter((i) => i !== header);
      const hit = [header, ...again]
        .flatMap((i) => (i === header ? kids : cfg.children(i)))
        .find((j) => same(words(cfg.lines[j] as string), target));
      if (hit === undefined) return fail(cmd, `no such line in "${headerWords.join(' ')}"`);
      removeBlocks([hit]);
      return void applied++;
    }
    // value commands that replace the current value
    const replaces = (kw: string[]) =>
      kids.find((j) => kw.includes(words(cfg.lines[j] as string)[0] as string));
    let old: number | undefined;
    if (
      headerWords[0] === 'object' &&
      headerWords[1] === 'network' &&
      ['host', 'subnet', 'range', 'fqdn'].includes(w[0] as string)
    ) {
      old = replaces(['host', 'subnet', 'range', 'fqdn']);
    } else if (headerWords[0] === 'interface' && w[0] === 'mac-address') {
      old = replaces(['mac-address']);
    }
    if (old !== undefined) {
      cfg.lines[old] = childIndent + w.join(' ');
      return void applied++;
    }
    if (kids.some((j) => same(words(cfg.lines[j] as string), w))) return void applied++; // already there
    // `object network` values go first (before description / nat), anything else at the end
    const at =
      headerWords[0] === 'object' && ['host', 'subnet', 'range', 'fqdn'].includes(w[0] as string)
        ? header + 1
        : cfg.blockEnd(header);
    insertLines(at, [childIndent + w.join(' ')]);
    applied++;
  };

  const removeTop = (cmd: string, pred: (w: string[]) => boolean, blocks = true) => {
    const hits = cfg.top(pred);
    if (hits.length === 0) return fail(cmd, 'nothing to remove');
    removeBlocks(blocks ? hits : hits.slice(0, 1));
    applied++;
  };

  const topCommand = (cmd: string) => {
    const w = words(cmd);
    // a sub-mode of the block we are in (e.g. `class X` inside `policy-map Y`)
    const header = stack[stack.length - 1];
    if (header !== undefined) {
      const kid = cfg.children(header).find((j) => same(words(cfg.lines[j] as string), w));
      if (kid !== undefined) {
        stack.push(kid);
        return;
      }
    }
    stack = [];
    const [a, b, c, d] = w;
    if (a === 'no' && b === 'object' && d !== undefined && w.length === 4) {
      return removeTop(cmd, (x) => x[0] === 'object' && x[1] === c && x[2] === d);
    }
    if (a === 'no' && b === 'object-group' && d !== undefined && w.length === 4) {
      return removeTop(cmd, (x) => x[0] === 'object-group' && x[1] === c && x[2] === d);
    }
    if (a === 'clear' && b === 'configure') {
      const rest = w.slice(2);
      if (rest[0] === 'access-list' && rest[1] && rest.length === 2) {
        return removeTop(cmd, (x) => x[0] === 'access-list' && x[1] === rest[1]);
      }
      if (rest[0] === 'crypto' && rest[1] === 'map' && rest[2] && rest.length <= 4) {
        return removeTop(
          cmd,
          (x) =>
            startsWith(x, ['crypto', 'map', rest[2] as string]) &&
            (rest[3] === undefined || x[3] === rest[3]),
        );
      }
      if (rest[0] === 'crypto' && rest[1] === 'dynamic-map' && rest[2] && rest.length === 3) {
        return removeTop(cmd, (x) => startsWith(x, ['crypto', 'dynamic-map', rest[2] as string]));
      }
      if (
        (rest[0] === 'tunnel-group' || rest[0] === 'group-policy') &&
        rest[1] &&
        rest.length === 2
      ) {
        return removeTop(cmd, (x) => x[0] === rest[0] && x[1] === rest[1]);
      }
      return fail(cmd, 'unknown clear configure command');
    }
    if (
      a === 'no' &&
      b === 'crypto' &&
      c === 'ca' &&
      d === 'trustpoint' &&
      w[4] &&
      w.length === 5
    ) {
      const t = w[4];
      return removeTop(
        cmd,
        (x) =>
          same(x, ['crypto', 'ca', 'trustpoint', t]) ||
          same(x, ['crypto', 'ca', 'certificate', 'chain', t]),
      );
    }
    if (a === 'no' && b === 'crypto' && c === 'ipsec') {
      // transform-sets (one line) and ikev2 ipsec-proposals (a block), by name
      const target = w.slice(1);
      return removeTop(cmd, (x) => startsWith(x, target) && x.length >= target.length);
    }
    if (a === 'no' && (b === 'class-map' || b === 'policy-map')) {
      const target = w.slice(1);
      return removeTop(cmd, (x) => same(x, target));
    }
    if (a === 'no' && b === 'name' && c && d && w.length === 4) {
      const hit = cfg.top((x) => x[0] === 'name' && x[1] === c && x[2] === d);
      if (hit.length === 0) return fail(cmd, 'nothing to remove');
      removeBlocks(hit.slice(0, 1));
      // the lines that showed the name show the address (or the address's other name)
      const other = cfg.top((x) => x[0] === 'name' && x[1] === c)[0];
      cfg.replaceWord(
        d,
        other === undefined ? SHOWN + c : (words(cfg.lines[other] as string)[2] as string),
      );
      return void applied++;
    }
    if (a === 'name' && b && c) {
      const existing = cfg.top((x) => x[0] === 'name' && x[2] === c);
      if (existing.length > 0) {
        const ew = words(cfg.lines[existing[0] as number] as string);
        if (ew[1] !== b) return fail(cmd, `name ${c} exists for ${ew[1]}`);
        return void applied++;
      }
      const named = cfg.top((x) => x[0] === 'name' && x[1] === b)[0];
      if (named !== undefined) {
        return fail(cmd, `${b} has the name ${words(cfg.lines[named] as string)[2]} already`);
      }
      const at = cfg.afterLast((x) => x[0] === 'name' || same(x, ['names']));
      insertLines(at, [w.join(' ')]);
      // lines that show the address because its name was removed show the new name
      cfg.replaceWord(SHOWN + b, c);
      return void applied++;
    }
    if (a === 'access-list' && b && c === 'line' && d !== undefined) {
      const n = Number(d);
      if (!Number.isInteger(n) || n < 1) return fail(cmd, 'bad line number');
      const entries = cfg.top((x) => x[0] === 'access-list' && x[1] === b);
      const text = ['access-list', b, ...w.slice(4)].join(' ');
      let at: number;
      if (n - 1 < entries.length) at = entries[n - 1] as number;
      else if (entries.length > 0) at = (entries[entries.length - 1] as number) + 1;
      else at = cfg.afterLast((x) => x[0] === 'access-list');
      insertLines(at, [text]);
      return void applied++;
    }
    if (a === 'no' && b === 'access-list') {
      return removeTop(cmd, (x) => same(x, w.slice(1)), false);
    }
    if (a === 'crypto' && b === 'map' && w[4] === 'set' && w[5] === 'peer') {
      const prefix = w.slice(0, 6);
      const old = cfg.top((x) => startsWith(x, prefix));
      if (old.length > 0) cfg.lines[old[0] as number] = w.join(' ');
      else
        insertLines(
          cfg.afterLast((x) => startsWith(x, w.slice(0, 4))),
          [w.join(' ')],
        );
      return void applied++;
    }
    if (a === 'no') {
      return removeTop(cmd, (x) => same(x, w.slice(1)), false);
    }
    // a block header (or any other command): enter the existing one, or create it
    const existing = cfg.top((x) => same(x, w));
    if (existing.length > 0) {
      stack = [existing[0] as number];
      return void applied++;
    }
    let at: number;
    if (a === 'object' && (b === 'network' || b === 'service')) {
      // after the last object definition (a block with a value, not a NAT-only re-opening)
      const defs = cfg.top((x) => x[0] === 'object');
      const last = defs
        .filter((i) => !cfg.children(i).every((j) => words(cfg.lines[j] as string)[0] === 'nat'))
        .pop();
      at =
        last === undefined
          ? cfg.afterLast((x) => x[0] === 'name' || x[0] === 'interface')
          : cfg.blockEnd(last);
    } else if (a === 'object-group') {
      at = cfg.afterLast((x) => x[0] === 'object-group' || x[0] === 'object');
    } else {
      at = cfg.endOfBody();
    }
    insertLines(at, [w.join(' ')]);
    stack = [at];
    applied++;
  };

  for (const raw of commands) {
    const cmd = raw.replace(/\s+$/, '');
    if (cmd.trim() === '' || cmd.trim().startsWith('!')) continue;
    if (cmd.trim() === 'exit') {
      stack.pop();
      continue;
    }
    if (cmd.startsWith(' ')) childCommand(cmd);
    else topCommand(cmd);
  }
  return { text: cfg.toString(), errors, applied };
}
