// The reference graph: every definition (kind, name, lines) and every use (kind, name, line,
// usage context, and the definition the use sits in). extract, audit and cross-references all
// read this graph; none of them looks at configuration text again.
import { isBuiltin, namespaceOf, type Kind } from '../parse/kinds.js';
import type { Statement } from '../parse/engine.js';
import type { Line } from '../parse/lines.js';

export interface Def {
  key: string;
  kind: Kind;
  name: string;
  subtype?: string;
  /** lines that define or continue the definition (headers; their children belong to them) */
  lines: Line[];
}

export interface Use {
  kind: Kind;
  name: string;
  line: Line;
  /** index of the word in line.tokens */
  at: number;
  context: string;
  subtype?: string;
  /** the definition this use sits in (undefined: a top-level use such as access-group) */
  owner?: Def;
  /** derived, not written as a reference (e.g. a crypto map peer naming an L2L tunnel-group) */
  implicit?: boolean;
}

export function defKey(kind: Kind, name: string): string {
  return `${namespaceOf(kind)}\u0000${name}`;
}

export class RefGraph {
  readonly defs = new Map<string, Def>();
  readonly uses: Use[] = [];
  private readonly byTarget = new Map<string, Use[]>();
  private readonly byOwner = new Map<Def, Use[]>();
  private readonly byLine = new Map<Line, Use[]>();
  /** definitions whose name was defined again with another kind in the same namespace */
  readonly conflicts: { first: Def; kind: Kind; line: Line }[] = [];

  define(kind: Kind, name: string, line: Line, subtype?: string): Def {
    const key = defKey(kind, name);
    let d = this.defs.get(key);
    if (!d) {
      d = { key, kind, name, lines: [line] };
      if (subtype !== undefined) d.subtype = subtype;
      this.defs.set(key, d);
    } else {
      if (d.kind !== kind) this.conflicts.push({ first: d, kind, line });
      if (d.lines[d.lines.length - 1] !== line) d.lines.push(line);
    }
    return d;
  }

  addUse(use: Use): void {
    this.uses.push(use);
    const key = defKey(use.kind, use.name);
    let list = this.byTarget.get(key);
    if (!list) this.byTarget.set(key, (list = []));
    list.push(use);
    let onLine = this.byLine.get(use.line);
    if (!onLine) this.byLine.set(use.line, (onLine = []));
    onLine.push(use);
    if (use.owner) {
      let own = this.byOwner.get(use.owner);
      if (!own) this.byOwner.set(use.owner, (own = []));
      own.push(use);
    }
  }

  get(kind: Kind, name: string): Def | undefined {
    return this.defs.get(defKey(kind, name));
  }

  /** every use of the structure (kind, name); objects and object-groups share a namespace */
  usesOf(kind: Kind, name: string): Use[] {
    return this.byTarget.get(defKey(kind, name)) ?? [];
  }

  /** the uses written inside a definition (its outgoing edges) */
  usesIn(def: Def): Use[] {
    return this.byOwner.get(def) ?? [];
  }

  /** the uses written on one line (implicit ones included) */
  usesOnLine(line: Line): Use[] {
    return this.byLine.get(line) ?? [];
  }

  /** the definition a use points at, if any */
  target(use: Use): Def | undefined {
    return this.defs.get(defKey(use.kind, use.name));
  }

  isDefined(kind: Kind, name: string): boolean {
    return this.defs.has(defKey(kind, name)) || isBuiltin(kind, name);
  }

  /** uses whose structure is defined nowhere (built-ins and implicit uses excepted) */
  undefinedUses(): Use[] {
    return this.uses.filter((u) => !u.implicit && !this.isDefined(u.kind, u.name));
  }

  /** the definitions of one kind, in first-line order */
  defsOf(kind: Kind): Def[] {
    const out: Def[] = [];
    for (const d of this.defs.values()) if (d.kind === kind) out.push(d);
    return out;
  }
}

/**
 * Builds the graph from the statements the grammar produced. The owner of a use is the first
 * definition on its own line, else the nearest enclosing line's definition.
 */
export function buildGraph(statements: Statement[], stmtByLine: Map<number, Statement>): RefGraph {
  const g = new RefGraph();
  const ownerOf = new Map<Statement, Def | undefined>();
  for (const s of statements) {
    let owner: Def | undefined;
    for (const d of s.defs) {
      const def = g.define(d.kind, d.name, s.line, d.subtype);
      owner ??= def;
    }
    if (!owner && !s.root) {
      let p = s.line.parent;
      while (p && !owner) {
        const ps = stmtByLine.get(p.n);
        owner = ps ? ownerOf.get(ps) : undefined;
        p = p.parent;
      }
    }
    ownerOf.set(s, owner);
    for (const r of s.refs) {
      const use: Use = { kind: r.kind, name: r.name, line: s.line, at: r.at, context: r.context };
      if (r.subtype !== undefined) use.subtype = r.subtype;
      if (owner) use.owner = owner;
      g.addUse(use);
    }
  }
  return g;
}
