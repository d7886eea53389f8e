// The small engine behind the grammar table (grammar.ts): compiles the pattern strings once and
// matches each line of the tree against the rules that apply in its context.
//
// Pattern words:
//   word            a keyword (`a|b|c` for alternatives)
//   {x}             any one word, captured as x
//   {x:kind}        a reference to a structure of that kind, captured as x
//   {=x:kind}       a definition of a structure of that kind, captured as x
//   {x:kind...}     every remaining word is a reference of that kind
//   {x...}          every remaining word, captured as a list
//   {@handler}      the rest of the line is parsed by a named handler (ACE, NAT operands)
// A pattern matches a prefix of the line; more words may follow unless the rule says `exact`.
import type { Kind } from './kinds.js';
import { NONE, type Line } from './lines.js';
import type { OperandCache } from './operands.js';

/**
 * What the uses written at one place of the grammar share: the kind they refer to, how their
 * usage context is built, and the subtype they expect. Held once per place, not once per use.
 */
export class RefSite {
  constructor(
    readonly kind: Kind,
    /** what follows the prefix in the context; undefined: the words before the use */
    readonly role: string | undefined,
    /**
     * how many leading words of the line start the context (with a role); PARENT_PREFIX: the
     * enclosing line's words
     */
    readonly prefixWords: number,
    /** expected subtype (object-group network/service/..., object network/service) where known */
    readonly subtype: string | undefined,
  ) {}
}

/**
 * The sites handlers write to during one parse, one per (kind, role, prefix, subtype). Scoped to
 * the parse: some handlers build roles from the line's own words (`{words} address`), which a
 * module-wide table would keep for as long as a portal runs.
 */
export class RefSites {
  private readonly byRole = new Map<string | undefined, RefSite[]>();

  get(kind: Kind, role: string | undefined, prefixWords: number, subtype?: string): RefSite {
    let sites = this.byRole.get(role);
    if (!sites) this.byRole.set(role, (sites = []));
    for (const s of sites) {
      if (s.kind === kind && s.prefixWords === prefixWords && s.subtype === subtype) return s;
    }
    const site = new RefSite(kind, role, prefixWords, subtype);
    sites.push(site);
    return site;
  }
}

/** The graph's entry for a name (graph.ts); uses point at it once the graph is built. */
export interface RefSymbol {
  readonly name: string;
  def: Def | undefined;
}

/**
 * A reference: a word on a line (at word `at`) naming a structure of some kind. Its usage context
 * ("access-group in interface inside", "crypto map outside_map 10 match address") is built only
 * when asked for, so parsing a million lines does not build a million strings nobody reads.
 */
export class Ref {
  /** the name as written, until the graph points the use at its symbol (one string per name) */
  private named: string | RefSymbol;

  constructor(
    private site: RefSite,
    name: string,
    /** index of the word in line.tokens */
    readonly at: number,
    readonly line: Line,
  ) {
    this.named = name;
  }

  get kind(): Kind {
    return this.site.kind;
  }

  /** expected subtype (object-group network/service/..., object network/service) where known */
  get subtype(): string | undefined {
    return this.site.subtype;
  }

  get name(): string {
    const n = this.named;
    return typeof n === 'string' ? n : n.name;
  }

  /** the graph's entry for (namespace, name): where the definition is found without a look-up */
  get symbol(): RefSymbol | undefined {
    const n = this.named;
    return typeof n === 'string' ? undefined : n;
  }

  /** points the use at its graph entry, whose name is the same text */
  set symbol(sym: RefSymbol) {
    this.named = sym;
  }

  /**
   * the definition this use sits in: its statement's (set by the graph; undefined for a top-level
   * use). Read from the line, not stored: a million uses would each hold the same pointer.
   */
  get owner(): Def | undefined {
    return this.line.owner;
  }

  /** derived, not written as a reference (e.g. a crypto map peer selecting a tunnel-group) */
  get implicit(): boolean {
    return false;
  }

  get context(): string {
    const { role, prefixWords } = this.site;
    if (role === undefined) {
      const own = this.line.tokens.slice(0, this.at).join(' ');
      const parent = this.line.parent;
      if (!parent || !parent.stmt) return own;
      const head = parent.tokens.join(' ');
      return own ? `${head} ${own}` : head;
    }
    if (prefixWords === PARENT_PREFIX) {
      const parent = this.line.parent;
      return parent ? `${parent.tokens.join(' ')} ${role}` : role;
    }
    if (prefixWords <= 0) return role;
    return `${this.line.tokens.slice(0, prefixWords).join(' ')} ${role}`;
  }

  /** a context of its own (rules with context templates; rare, so a site of its own) */
  set context(value: string) {
    this.site = new RefSite(this.kind, value, 0, this.subtype);
  }
}

/**
 * A use the model derives rather than reads (a crypto map peer selecting the tunnel-group named
 * after it). Its owner is given, not its line's.
 */
export class ImplicitRef extends Ref {
  constructor(
    kind: Kind,
    name: string,
    at: number,
    line: Line,
    role: string,
    prefixWords: number,
    private readonly ownerDef: Def | undefined,
  ) {
    super(new RefSite(kind, role, prefixWords, undefined), name, at, line);
  }

  override get owner(): Def | undefined {
    return this.ownerDef;
  }

  override get implicit(): boolean {
    return true;
  }
}

/** `HandlerOutput.prefix(PARENT_PREFIX)`: contexts start with the enclosing line's words */
export const PARENT_PREFIX = -1;

/** The graph's definition record (defined in graph.ts; declared here to avoid a cycle). */
export interface Def {
  kind: Kind;
  name: string;
  subtype?: string;
  lines: Line[];
}

export interface DefDecl {
  kind: Kind;
  name: string;
  at: number;
  subtype?: string;
}

/** the part of a rule a statement keeps */
export type MatchedRule = Pick<RuleSpec, 'id' | 'root' | 'p' | 'replacesList'>;

/**
 * Where the list of a `replacesList` rule starts: the word position of its `{x:kind...}` capture
 * or of its handler (patterns take one word per element up to there).
 */
export function listStart(rule: MatchedRule): number {
  return rule.p.split(' ').findIndex((w) => w.startsWith('{@') || w.endsWith('...}'));
}

/**
 * What the grammar recognised on one line: the line itself with its rule set (see Line: one
 * record per line, not a line and a statement).
 */
export type Statement = Line & { readonly rule: MatchedRule; readonly id: string };

export interface ParseContext {
  /** subtype of an object-group name ("network", "service", ...) as defined anywhere in the file */
  groupType(name: string): string | undefined;
  /** operands shared by the entries of this parse (see operands.ts) */
  readonly operands: OperandCache;
  /** where this parse's references are written (see RefSite) */
  readonly sites: RefSites;
}

export interface HandlerOutput {
  /**
   * A reference at word `at`. Its context is `context` — or, after `prefix(n)`, the line's first
   * n words followed by `context`, after `prefix(PARENT_PREFIX)` the enclosing line's words
   * followed by `context` (so hot handlers pass static strings).
   */
  ref(kind: Kind, name: string, at: number, context: string, subtype?: string): void;
  def(kind: Kind, name: string, at: number, subtype?: string): void;
  prefix(words: number): void;
}

export type Handler = (
  tokens: string[],
  start: number,
  out: HandlerOutput,
  ctx: ParseContext,
  stmt: Statement,
) => unknown;

export interface RuleSpec {
  id: string;
  p: string;
  /** rules for the indented lines below; 'any' = children are known free text (no references) */
  children?: RuleSpec[] | 'any';
  /** subtype recorded on the definitions and references of this rule */
  subtype?: string;
  /** extra definitions named from captures, e.g. crypto-map-entry "{map} {seq}" */
  alsoDefines?: { kind: Kind; name: string }[];
  /** usage context per captured reference, e.g. {acl: 'access-group {dir} interface {if}'} */
  contexts?: Record<string, string>;
  /** the pattern must cover the whole line (no further words) */
  exact?: boolean;
  /**
   * the line is live configuration by itself (e.g. the NAT rule inside an object block): its
   * references are top-level uses, not uses owned by the enclosing definition
   */
  root?: boolean;
  /**
   * entering the command again replaces its list of names (`set ikev1 transform-set A B`,
   * `address-pool P Q`, `set peer A B`): a fix drops a name by entering the shorter list, and
   * never with `no` (which would remove the whole list)
   */
  replacesList?: boolean;
}

type Elem =
  | { t: 'lit'; words: ReadonlySet<string> }
  | {
      t: 'cap';
      name: string;
      kind?: Kind;
      def: boolean;
      rest: boolean;
      /** a reference capture's site (one per grammar place); definitions have none */
      site?: RefSite;
    }
  | { t: 'handler'; name: string };

export interface CompiledRule {
  spec: RuleSpec;
  elems: Elem[];
  /** the handler that parses the rest of the line (`{@name}`), if any */
  handler: string | undefined;
  /** the kinds of the structures a line of the rule defines (by its pattern) */
  defines: ReadonlySet<Kind>;
  children: CompiledRuleSet | 'any' | undefined;
  /** hands out the captures of the rule's previous match again when they are equal */
  caps: ReusePrevious<Record<string, string>>;
}

export interface CompiledRuleSet {
  /** rules keyed by their first keyword */
  byFirst: Map<string, CompiledRule[]>;
  /** rules that start with a capture */
  wild: CompiledRule[];
}

function compilePattern(p: string, subtype: string | undefined): Elem[] {
  return p
    .split(' ')
    .filter((w) => w.length > 0)
    .map((w): Elem => {
      if (w.startsWith('{@')) return { t: 'handler', name: w.slice(2, -1) };
      if (w.startsWith('{')) {
        let inner = w.slice(1, -1);
        const def = inner.startsWith('=');
        if (def) inner = inner.slice(1);
        const rest = inner.endsWith('...');
        if (rest) inner = inner.slice(0, -3);
        const [name, kind] = inner.split(':') as [string, string | undefined];
        if (!kind) return { t: 'cap', name, def, rest };
        if (def) return { t: 'cap', name, kind: kind as Kind, def, rest };
        const site = new RefSite(kind as Kind, undefined, 0, subtype);
        return { t: 'cap', name, kind: kind as Kind, def, rest, site };
      }
      return { t: 'lit', words: new Set(w.split('|')) };
    });
}

export function compileRules(specs: RuleSpec[]): CompiledRuleSet {
  const set: CompiledRuleSet = { byFirst: new Map(), wild: [] };
  for (const spec of specs) {
    const elems = compilePattern(spec.p, spec.subtype);
    const children =
      spec.children === undefined
        ? undefined
        : spec.children === 'any'
          ? 'any'
          : compileRules(spec.children);
    const handler = elems.find((e) => e.t === 'handler')?.name;
    const defines = new Set<Kind>();
    for (const e of elems) if (e.t === 'cap' && e.def && e.kind) defines.add(e.kind);
    for (const extra of spec.alsoDefines ?? []) defines.add(extra.kind);
    const rule: CompiledRule = {
      spec,
      elems,
      handler,
      defines,
      children,
      caps: newCapsSharer(),
    };
    const first = elems[0];
    if (first && first.t === 'lit') {
      for (const w of first.words) {
        let list = set.byFirst.get(w);
        if (!list) set.byFirst.set(w, (list = []));
        list.push(rule);
      }
    } else {
      set.wild.push(rule);
    }
  }
  return set;
}

/** The first keywords of the set's rules with these ids (the words such a line starts with). */
export function firstWords(set: CompiledRuleSet, ids: readonly string[]): Set<string> {
  for (const rule of set.wild) {
    if (ids.includes(rule.spec.id))
      throw new Error(`grammar: rule ${rule.spec.id} has no first keyword`);
  }
  const out = new Set<string>();
  for (const [first, rules] of set.byFirst) {
    if (rules.some((r) => ids.includes(r.spec.id))) out.add(first);
  }
  return out;
}

/**
 * Where a rule reads the name it defines: word `at`, after keywords (`words[i]`) or any words
 * (undefined) at the positions before it.
 */
export interface DefinitionShape {
  words: (ReadonlySet<string> | undefined)[];
  at: number;
}

/**
 * The shapes of the rules of a set that define a structure of one of the kinds, by first word.
 * Shapes with the name at the same word are joined (their keywords united; any word where one of
 * them takes any word): a line may then look like a definition that no rule would match, never
 * the other way round.
 */
export function definitionShapes(
  set: CompiledRuleSet,
  kinds: ReadonlySet<Kind>,
): Map<string, DefinitionShape[]> {
  const shapeOf = (rule: CompiledRule): DefinitionShape | undefined => {
    // names built from several captures cannot be read from one word: such kinds are not indexable
    for (const extra of rule.spec.alsoDefines ?? []) {
      if (kinds.has(extra.kind)) throw new Error(`grammar: ${extra.kind} names are composed`);
    }
    for (let at = 0; at < rule.elems.length; at++) {
      const e = rule.elems[at] as Elem;
      if (e.t === 'handler' || (e.t === 'cap' && e.rest)) return undefined;
      if (e.t === 'cap' && e.def && e.kind !== undefined && kinds.has(e.kind)) {
        const words = rule.elems.slice(0, at).map((x) => (x.t === 'lit' ? x.words : undefined));
        return { words, at };
      }
    }
    return undefined;
  };
  for (const rule of set.wild) {
    if (shapeOf(rule)) throw new Error(`grammar: rule ${rule.spec.id} defines without a keyword`);
  }
  const out = new Map<string, DefinitionShape[]>();
  for (const [first, rules] of set.byFirst) {
    for (const rule of rules) {
      const shape = shapeOf(rule);
      if (!shape) continue;
      const list = out.get(first) ?? [];
      const same = list.find((x) => x.at === shape.at);
      if (same) same.words = same.words.map((w, i) => joinWords(w, shape.words[i]));
      else list.push(shape);
      out.set(first, list);
    }
  }
  return out;
}

/** keywords either place accepts (undefined: any word) */
function joinWords(
  a: ReadonlySet<string> | undefined,
  b: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  if (a === undefined || b === undefined) return undefined;
  return new Set([...a, ...b]);
}

const UPPER = /[A-Z]/;

/** Is the word one of the keywords? Running configs print keywords in lower case; hand-typed
 * scripts may not (lower-casing only words that have capitals saves a copy per comparison). */
export function isKeyword(words: ReadonlySet<string>, tok: string): boolean {
  return words.has(tok) || (UPPER.test(tok) && words.has(tok.toLowerCase()));
}

export function matchLine(
  set: CompiledRuleSet,
  line: Line,
  tokens: string[],
  handlers: Readonly<Record<string, Handler>>,
  ctx: ParseContext,
): { rule: CompiledRule; stmt: Statement } | undefined {
  matching = tokens;
  const rule = ruleShown(set, tokens[0] as string, tokens.length, keywordInMatching);
  return rule && { rule, stmt: recordMatch(rule, line, tokens, handlers, ctx) };
}

/** the words of the line matchLine is matching (one function for every call, not a closure each) */
let matching: readonly string[] = [];
const keywordInMatching = (k: number, words: ReadonlySet<string>): boolean =>
  isKeyword(words, matching[k] as string);

/**
 * Does a line show the rule's fixed words: each keyword in its place and a word for each capture,
 * up to the handler or a capture of the rest, and no more words for an `exact` rule? A line that
 * does is the rule's: what follows (captures, handler) always matches. `n` is the number of the
 * line's words; `keywordAt(i, words)` says whether word i is one of the keywords (as isKeyword).
 */
export function showsRule(
  rule: CompiledRule,
  n: number,
  keywordAt: (i: number, words: ReadonlySet<string>) => boolean,
): boolean {
  let i = 0;
  for (const e of rule.elems) {
    if (e.t === 'handler') break;
    if (e.t === 'cap' && e.rest) {
      i = n;
      break;
    }
    if (i >= n) return false;
    if (e.t === 'lit' && !keywordAt(i, e.words)) return false;
    i++;
  }
  return !rule.spec.exact || i === n;
}

/** the rules of the set for a first word (compared as isKeyword compares), in grammar order */
function candidatesFor(set: CompiledRuleSet, first: string): readonly CompiledRule[] {
  return (
    set.byFirst.get(first) ??
    (UPPER.test(first) ? set.byFirst.get(first.toLowerCase()) : undefined) ??
    NO_RULES
  );
}
const NO_RULES: readonly CompiledRule[] = [];

/**
 * The rule of the set a line is matched with, from its words alone (see showsRule): the first of
 * the rules for its first word, else of those starting with a capture. `first` is the first word.
 */
export function ruleShown(
  set: CompiledRuleSet,
  first: string,
  n: number,
  keywordAt: (i: number, words: ReadonlySet<string>) => boolean,
): CompiledRule | undefined {
  for (const rule of candidatesFor(set, first)) if (showsRule(rule, n, keywordAt)) return rule;
  for (const rule of set.wild) if (showsRule(rule, n, keywordAt)) return rule;
  return undefined;
}

/**
 * The most words ruleShown reads of a line with this first word (the most a candidate rule's
 * keywords and captures take before its handler). Besides the words at the positions where it
 * compares keywords, what it finds depends on how many words the line has up to this many + 1.
 */
export function ruleWordsRead(set: CompiledRuleSet, first: string): number {
  let most = 0;
  for (const rule of [...candidatesFor(set, first), ...set.wild]) {
    let m = 0;
    for (const e of rule.elems) {
      if (e.t === 'handler' || (e.t === 'cap' && e.rest)) break;
      m++;
    }
    most = Math.max(most, m);
  }
  return most;
}

/** Records on the line what the rule it shows (see showsRule) captures, defines and references. */
function recordMatch(
  rule: CompiledRule,
  line: Line,
  tokens: string[],
  handlers: Readonly<Record<string, Handler>>,
  ctx: ParseContext,
): Statement {
  const elems = rule.elems;
  line.rule = rule.spec; // the line becomes its statement
  const stmt = line as Statement;
  stmt.caps = {};
  const subtype = rule.spec.subtype;
  let i = 0;
  for (const e of elems) {
    if (e.t === 'lit') {
      i++;
      continue;
    }
    if (e.t === 'handler') {
      const h = handlers[e.name];
      if (!h) throw new Error(`grammar: no handler ${e.name}`);
      collector.start(stmt, ctx.sites);
      stmt.data = h(tokens, i, collector, ctx, stmt);
      break;
    }
    if (e.rest) {
      if (e.kind) {
        for (let k = i; k < tokens.length; k++)
          addCapture(stmt, e, tokens[k] as string, k, subtype);
      }
      break;
    }
    const tok = tokens[i] as string;
    stmt.caps[e.name] = tok;
    if (e.kind) addCapture(stmt, e, tok, i, subtype);
    i++;
  }
  const also = rule.spec.alsoDefines;
  if (also) {
    for (const extra of also) addDef(stmt, extra.kind, fill(extra.name, stmt.caps), 0, undefined);
  }
  // exact-size arrays: `push` leaves room for ~17 entries, which a million lines pay for
  stmt.compactRefs();
  if (stmt.defs.length > 0) stmt.defs = definitions.take(stmt.defs);
  stmt.caps = rule.caps.take(stmt.caps);
  const contexts = rule.spec.contexts;
  if (contexts) {
    for (const r of stmt.refs) {
      const capName = capAt(elems, r.at);
      const template = capName === undefined ? undefined : contexts[capName];
      if (template !== undefined) r.context = fill(template, stmt.caps);
    }
  }
  return stmt;
}

/** `{name}` placeholders of a template replaced by the statement's captures */
function fill(template: string, caps: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => caps[k] ?? '');
}

/** What handlers write to: one instance, pointed at the statement being parsed. */
class Collector implements HandlerOutput {
  private stmt: Statement | undefined;
  private sites: RefSites | undefined;
  private prefixWords = 0;

  start(stmt: Statement, sites: RefSites): void {
    this.stmt = stmt;
    this.sites = sites;
    this.prefixWords = 0;
  }

  ref(kind: Kind, name: string, at: number, context: string, sub?: string): void {
    const stmt = this.stmt as Statement;
    const site = (this.sites as RefSites).get(kind, context, this.prefixWords, sub);
    stmt.addRef(new Ref(site, name, at, stmt.line));
  }

  def(kind: Kind, name: string, at: number, sub?: string): void {
    addDef(this.stmt as Statement, kind, name, at, sub);
  }

  prefix(words: number): void {
    this.prefixWords = words;
  }
}
const collector = new Collector();

/**
 * Parsed records are read-only, and consecutive lines often parse to equal ones: every entry of
 * one access-list captures the same name and action and declares the same definition. Such a
 * line gets the previous line's frozen record instead of its own copy.
 */
class ReusePrevious<T extends object> {
  private last: T | undefined = undefined;

  constructor(
    private readonly equal: (a: T, b: T) => boolean,
    /** freezes the record that is kept (and returns it) */
    private readonly keep: (x: T) => T,
  ) {}

  take(next: T): T {
    const last = this.last;
    if (last !== undefined && this.equal(last, next)) return last;
    return (this.last = this.keep(next));
  }
}

/** Captures of one rule always have the same names (every capture of the pattern is filled). */
function sameCaps(a: Record<string, string>, b: Record<string, string>): boolean {
  for (const k in b) if (a[k] !== b[k]) return false;
  return true;
}

function sameDefs(a: DefDecl[], b: DefDecl[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as DefDecl;
    const y = b[i] as DefDecl;
    if (x.kind !== y.kind || x.name !== y.name || x.at !== y.at || x.subtype !== y.subtype) {
      return false;
    }
  }
  return true;
}

function newCapsSharer(): ReusePrevious<Record<string, string>> {
  return new ReusePrevious(sameCaps, Object.freeze);
}

/** consecutive definition lists (kept exact-size: `push` leaves room for ~17 entries) */
const definitions = new ReusePrevious<DefDecl[]>(sameDefs, (defs) => {
  const copy = defs.slice();
  for (const d of copy) Object.freeze(d);
  Object.freeze(copy);
  return copy;
});

/** the capture name at word position `at` (patterns without handlers map 1:1 to words) */
function capAt(elems: Elem[], at: number): string | undefined {
  const e = elems[at] ?? elems[elems.length - 1];
  return e && e.t === 'cap' ? e.name : undefined;
}

function addCapture(
  stmt: Statement,
  e: Extract<Elem, { t: 'cap' }>,
  name: string,
  at: number,
  subtype: string | undefined,
): void {
  if (e.def) addDef(stmt, e.kind as Kind, name, at, subtype);
  else stmt.addRef(new Ref(e.site as RefSite, name, at, stmt));
}

function addDef(
  stmt: Statement,
  kind: Kind,
  name: string,
  at: number,
  subtype: string | undefined,
): void {
  // every field in the literal: one object shape, no separate property store for `subtype`
  const d: DefDecl = { kind, name, at, subtype };
  if (stmt.defs === NONE) stmt.defs = [];
  stmt.defs.push(d);
}
