// The reference graph: every definition (kind, name, lines) and every use (kind, name, line,
// usage context, and the definition the use sits in). extract, audit and cross-references all
// read this graph; none of them looks at configuration text again.
//
// Uses are the parser's Ref objects themselves (no copies), kept on their line (which is its own
// statement), so "the uses on this line" needs no index. Names are looked up per namespace in nested maps.
import { isBuiltin, namespaceOf, type Kind } from '../parse/kinds.js';
import { Ref, type Def as DefShape, type ImplicitRef, type Statement } from '../parse/engine.js';
import type { Line } from '../parse/lines.js';

export interface Def extends DefShape {
  kind: Kind;
  name: string;
  subtype?: string;
  /** lines that define or continue the definition (headers; their children belong to them) */
  lines: Line[];
}

/** Orders definitions by the line they are first defined on. */
export function byFirstLine(a: Def, b: Def): number {
  return (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0);
}

/** A use is a reference the parser found (or an implicit one the model derived). */
export type Use = Ref;

interface Symbol {
  /** the name as first seen: every use's name is made this one string */
  name: string;
  def: Def | undefined;
  uses: Use[];
}

const NO_USES: Use[] = [];

export class RefGraph {
  /** the statements whose references are the uses (see buildGraph) */
  constructor(private readonly statements: readonly Statement[]) {}

  /** every definition, in first-definition order (found by name through the symbol tables) */
  readonly defs: Def[] = [];
  /** the uses the model derived (see addImplicitUse), in the order they were added */
  private readonly implicitUses: Use[] = [];
  private readonly symbols = new Map<string, Map<string, Symbol>>();
  private readonly owned = new Map<Def, Use[]>();
  /** definitions whose name was defined again with another kind in the same namespace */
  readonly conflicts: { first: Def; kind: Kind; line: Line }[] = [];
  private last: Def | undefined;

  private symbol(kind: Kind, name: string, create: boolean): Symbol | undefined {
    const ns = namespaceOf(kind);
    let table = this.symbols.get(ns);
    if (!table) {
      if (!create) return undefined;
      this.symbols.set(ns, (table = new Map()));
    }
    let sym = table.get(name);
    if (!sym && create) table.set(name, (sym = { name, def: undefined, uses: [] }));
    return sym;
  }

  define(kind: Kind, name: string, line: Line, subtype?: string): Def {
    // consecutive lines of one access-list or crypto map define the same structure
    const last = this.last;
    let d: Def | undefined =
      last !== undefined && last.name === name && namespaceOf(last.kind) === namespaceOf(kind)
        ? last
        : (this.symbol(kind, name, true) as Symbol).def;
    if (!d) {
      d = { kind, name, lines: [line], subtype };
      (this.symbol(kind, name, true) as Symbol).def = d;
      this.defs.push(d);
    } else {
      if (d.kind !== kind) this.conflicts.push({ first: d, kind, line });
      if (d.lines[d.lines.length - 1] !== line) d.lines.push(line);
    }
    this.last = d;
    return d;
  }

  /** definitions withdrawn because a later line replaced them (see retract) */
  readonly retracted: { kind: Kind; name: string; line: Line; by: Line }[] = [];

  /**
   * Withdraws a line's definition of a name: a command the model found replaced by a later one
   * (`by`: an interface's second `nameif`). The name stays defined by its other lines, if any.
   */
  retract(kind: Kind, name: string, line: Line, by: Line): void {
    const sym = this.symbol(kind, name, false);
    const d = sym?.def;
    if (!sym || !d || d.kind !== kind || !d.lines.includes(line)) return;
    this.retracted.push({ kind, name, line, by });
    d.lines = d.lines.filter((l) => l !== line);
    if (d.lines.length > 0) return;
    sym.def = undefined;
    this.defs.splice(this.defs.indexOf(d), 1);
    if (this.last === d) this.last = undefined;
  }

  addUse(use: Use): void {
    if (use.implicit) this.implicitUses.push(use);
    const sym = this.symbol(use.kind, use.name, true) as Symbol;
    use.symbol = sym; // and its name becomes the symbol's: one string per name, not one per use
    sym.uses.push(use);
    if (use.owner) {
      let own = this.owned.get(use.owner);
      if (!own) this.owned.set(use.owner, (own = []));
      own.push(use);
    }
  }

  /**
   * Trims the per-name use lists to their size once the parser's uses are in (an array that was
   * pushed to keeps room for ~17 entries; most names are used a handful of times).
   */
  compact(): void {
    for (const table of this.symbols.values()) {
      for (const sym of table.values()) if (sym.uses.length > 0) sym.uses = sym.uses.slice();
    }
  }

  /**
   * Every use, in line order, implicit uses last. Collected from the lines on each call (a
   * million-entry list kept beside the lines would only repeat them): keep the result.
   */
  allUses(): Use[] {
    const out: Use[] = [];
    this.forEachUse((u) => out.push(u));
    return out;
  }

  /** every use in the order of allUses, without collecting them */
  forEachUse(visit: (use: Use) => void): void {
    for (const s of this.statements) {
      const refs = s.refs;
      for (let i = 0; i < refs.length; i++) {
        const r = refs[i] as Ref;
        if (!r.implicit) visit(r);
      }
    }
    for (const u of this.implicitUses) visit(u);
  }

  get(kind: Kind, name: string): Def | undefined {
    return this.symbol(kind, name, false)?.def;
  }

  /** every use of the structure (kind, name); objects and object-groups share a namespace */
  usesOf(kind: Kind, name: string): Use[] {
    return this.symbol(kind, name, false)?.uses ?? NO_USES;
  }

  /** the uses written inside a definition (its outgoing edges) */
  usesIn(def: Def): Use[] {
    return this.owned.get(def) ?? NO_USES;
  }

  /** the uses written on one line (implicit ones derived from it included) */
  usesOnLine(line: Line): readonly Use[] {
    return line.stmt?.refs ?? NO_USES;
  }

  /** the definition a use points at, if any */
  target(use: Use): Def | undefined {
    return use.symbol ? use.symbol.def : this.get(use.kind, use.name);
  }

  isDefined(kind: Kind, name: string): boolean {
    return this.get(kind, name) !== undefined || isBuiltin(kind, name);
  }

  /** uses whose structure is defined nowhere (built-ins and implicit uses excepted) */
  undefinedUses(): Use[] {
    const out: Use[] = [];
    for (const table of this.symbols.values()) {
      for (const sym of table.values()) {
        if (sym.def) continue;
        for (const u of sym.uses) if (!u.implicit && !isBuiltin(u.kind, u.name)) out.push(u);
      }
    }
    return out.sort((a, b) => a.line.n - b.line.n || a.at - b.at);
  }

  /** the definitions of one kind, in first-line order */
  defsOf(kind: Kind): Def[] {
    const out: Def[] = [];
    for (const d of this.defs) if (d.kind === kind) out.push(d);
    return out;
  }
}

/**
 * Builds the graph from the statements the grammar produced. The owner of a use is the first
 * definition on its own line, else the nearest enclosing line's owner; `root` lines (live by
 * themselves) own nothing.
 */
export function buildGraph(statements: Statement[]): RefGraph {
  const g = new RefGraph(statements);
  for (const s of statements) {
    let owner: Def | undefined;
    const defs = s.defs;
    for (let i = 0; i < defs.length; i++) {
      const d = defs[i] as Statement['defs'][number];
      const def = g.define(d.kind, d.name, s.line, d.subtype);
      owner ??= def;
    }
    if (!owner && !s.root) {
      let p = s.line.parent;
      while (p && !owner) {
        owner = p.stmt?.owner as Def | undefined;
        p = p.parent;
      }
    }
    if (owner) s.owner = owner; // and so of every use on the line (Ref.owner)
    const refs = s.refs;
    for (let i = 0; i < refs.length; i++) g.addUse(refs[i] as Ref);
  }
  g.compact();
  return g;
}

/** Adds a derived use to the graph and to its line's statement. */
export function addImplicitUse(g: RefGraph, use: ImplicitRef): void {
  const stmt = use.line.stmt;
  if (stmt) {
    stmt.addRef(use);
  }
  g.addUse(use);
}
