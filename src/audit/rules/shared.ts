// What the rules that rewrite or remove configuration share, so that their fixes fit together in
// one combined fix script:
// - the order bands of the fix script (FIX_ORDER);
// - which crypto map entries are incomplete, and which structures stay alive once the fixes of
//   `undefined`, `unused` and `incomplete-crypto-map` have removed what they remove ("effective"
//   liveness): raw-address, name-trailing-dot and the DNS rules only rewrite what survives;
// - which names name-trailing-dot renames (namePlan). A `name` is only an alias: the ASA stores
//   the address and shows the name in its place, so a rename is `no name A OLD` + `name A NEW`
//   and never rewrites the lines that use the name. Only raw-address rewrites lines (raw address
//   -> object); its commands name the names as they are before the renames, which come later in
//   the script;
// - the access-list positions used by `access-list ACL line N ...`.
// Not a rule: RULES in index.ts lists the rules.
import { isRoot, UNUSABLE_KINDS, type Liveness } from '../../graph/liveness.js';
import type { Def, Use } from '../../graph/graph.js';
import { isIPv4, isIPv4Mask, maskToLength, normalizeAddress } from '../../parse/ip.js';
import type { Line } from '../../parse/lines.js';
import type { Ace, AddressOperand } from '../../parse/operands.js';
import type {
  AccessList,
  Config,
  CryptoMap,
  CryptoMapEntry,
  NameEntry,
} from '../../model/types.js';
import { inBlock, insertAclEntry, reissueLine } from '../commands.js';
import type { RuleContext } from '../types.js';

/**
 * Where each rule's fixes go in the combined fix script (lower first). `undefined` (50) and
 * `unused` (100 + removal position) are set by their rules. Removals of lines that use a
 * structure come before the removal of the structure; the rewrites (raw-address,
 * name-trailing-dot) come after every removal, so they only touch what stays. raw-address comes
 * before name-trailing-dot: the entries it adds and removes are written with the names as they
 * are before the renames.
 */
export const FIX_ORDER = {
  undefined: 50,
  expiredCertificate: 60,
  unused: 100,
  incompleteCryptoMap: 10_000_000,
  rawAddress: 20_000_000,
  nameTrailingDot: 30_000_000,
  portchannelFailoverMac: 40_000_000,
  dnsMismatch: 50_000_000,
} as const;

// --- incomplete crypto map entries -------------------------------------------------------------

export interface IncompleteEntry {
  map: CryptoMap;
  entry: CryptoMapEntry;
  /** what the entry lacks: "match address", "peer", "transform-set/proposal" */
  missing: string[];
  /** the map is applied to an interface and alive (else `unused` removes the whole map) */
  mapAlive: boolean;
}

export function incompleteEntries(config: Config, liveness: Liveness): IncompleteEntry[] {
  const out: IncompleteEntry[] = [];
  for (const map of config.cryptoMaps.values()) {
    const def = config.graph.get('crypto-map', map.name);
    const mapAlive = def !== undefined && liveness.alive.has(def);
    for (const entry of map.entries.values()) {
      if (entry.dynamicMap !== undefined) continue; // `ipsec-isakmp dynamic` is complete by itself
      const missing: string[] = [];
      if (entry.matchAddress === undefined) missing.push('match address');
      if (entry.peers.length === 0) missing.push('peer');
      if (entry.transformSets.length === 0 && entry.proposals.length === 0)
        missing.push('transform-set/proposal');
      if (missing.length > 0) out.push({ map, entry, missing, mapAlive });
    }
  }
  return out.sort((a, b) => (a.entry.lines[0]?.n ?? 0) - (b.entry.lines[0]?.n ?? 0));
}

// --- effective liveness --------------------------------------------------------------------------

export interface Effective {
  liveness: Liveness;
  /** the definition is still alive once the fixes of undefined, unused and incomplete-crypto-map ran */
  isAlive(d: Def): boolean;
  /** definitions alive now that those fixes leave unused */
  newlyDead: Set<Def>;
  incomplete: IncompleteEntry[];
  /** lines those fixes remove one by one (entries of incomplete crypto maps, uses of undefined) */
  removedLines: Set<Line>;
  /** lines removed by the `undefined` fixes (a line with a reference to an undefined structure) */
  undefinedLines: Set<Line>;
  /** the line survives all removals (its own, and that of the structure it belongs to) */
  kept(line: Line): boolean;
  /** the definition the line belongs to (undefined for top-level commands) */
  ownerOf(line: Line): Def | undefined;
}

const effectiveCache = new WeakMap<Config, Effective>();

/**
 * Same roots as graph/liveness.ts: kinds that cannot be unused, built-ins, and remote-access
 * tunnel-groups are alive by themselves.
 */
export function effective(ctx: RuleContext): Effective {
  const config = ctx.config;
  const cached = effectiveCache.get(config);
  if (cached) return cached;
  const g = config.graph;
  const liveness = ctx.liveness();
  const incomplete = incompleteEntries(config, liveness);
  const undefinedLines = new Set<Line>();
  for (const u of g.undefinedUses()) undefinedLines.add(u.line);
  const removedLines = new Set<Line>(undefinedLines);
  for (const e of incomplete) if (e.mapAlive) for (const l of e.entry.lines) removedLines.add(l);

  // Only what the removed lines reach can die: recompute liveness for that part alone. A
  // definition there stays alive when it is a root, or is used on a kept line at top level, or by
  // a definition that stays alive.
  const affected = new Set<Def>();
  const stack: Def[] = [];
  const reach = (d: Def | undefined): void => {
    if (d && liveness.alive.has(d) && !affected.has(d)) {
      affected.add(d);
      stack.push(d);
    }
  };
  for (const l of removedLines) for (const u of g.usesOnLine(l)) reach(g.target(u));
  while (stack.length > 0) for (const u of g.usesIn(stack.pop() as Def)) reach(g.target(u));
  const revived = new Set<Def>();
  const revive = (d: Def | undefined): void => {
    if (d && affected.has(d) && !revived.has(d)) {
      revived.add(d);
      stack.push(d);
    }
  };
  for (const d of affected) {
    if (isRoot(d, config)) revive(d);
    else
      for (const u of g.usesOf(d.kind, d.name)) {
        if (removedLines.has(u.line)) continue;
        if (!u.owner || (!affected.has(u.owner) && liveness.alive.has(u.owner))) {
          revive(d);
          break;
        }
      }
  }
  while (stack.length > 0) {
    for (const u of g.usesIn(stack.pop() as Def))
      if (!removedLines.has(u.line)) revive(g.target(u));
  }
  const newlyDead = new Set<Def>();
  for (const d of affected) if (!revived.has(d)) newlyDead.add(d);
  const isAlive = (d: Def): boolean => liveness.alive.has(d) && !newlyDead.has(d);

  const ownerCache = new Map<Line, Def | undefined>();
  // the first definition on the line or the nearest line above it (a loop: lines nest deep)
  const ownerOf = (line: Line): Def | undefined => {
    const path: Line[] = [];
    let owner: Def | undefined;
    for (let l: Line | undefined = line; l; l = l.parent) {
      if (ownerCache.has(l)) {
        owner = ownerCache.get(l);
        break;
      }
      path.push(l);
      const d = l.stmt?.defs[0];
      if (d) {
        owner = g.get(d.kind, d.name);
        break;
      }
    }
    for (const l of path) ownerCache.set(l, owner);
    return owner;
  };
  const kept = (line: Line): boolean => {
    if (removedLines.has(line)) return false;
    const owner = ownerOf(line);
    if (!owner || !UNUSABLE_KINDS.has(owner.kind)) return true;
    return isAlive(owner);
  };
  const e: Effective = {
    liveness,
    isAlive,
    newlyDead,
    incomplete,
    removedLines,
    undefinedLines,
    kept,
    ownerOf,
  };
  effectiveCache.set(config, e);
  return e;
}

/** The structure is alive now and stays alive after the removals of the other fixes. */
export function staysAlive(eff: Effective, d: Def | undefined): boolean {
  return d !== undefined && eff.isAlive(d);
}

// --- access-list positions ---------------------------------------------------------------------

const positionCache = new WeakMap<Config, Map<Line, { position: number; removedBefore: number }>>();

function positions(ctx: RuleContext, acl: AccessList, line: Line) {
  let cache = positionCache.get(ctx.config);
  if (!cache) positionCache.set(ctx.config, (cache = new Map()));
  let known = cache.get(line);
  if (known) return known;
  const eff = effective(ctx);
  let n = 0;
  let removed = 0;
  for (const e of acl.entries) {
    if (eff.undefinedLines.has(e)) {
      cache.set(e, { position: n + 1, removedBefore: removed });
      removed++;
      continue;
    }
    n++;
    cache.set(e, { position: n, removedBefore: removed });
  }
  known = cache.get(line);
  return known ?? { position: n + 1, removedBefore: removed };
}

/**
 * The 1-based position of an entry in its access-list, remarks counted as on the ASA, once the
 * `undefined` fixes (which come first in the fix script) have removed their entries.
 */
export function aclPosition(ctx: RuleContext, acl: AccessList, line: Line): number {
  return positions(ctx, acl, line).position;
}

/** Entries of the access-list before `line` that the `undefined` fixes remove. */
export function removedBefore(ctx: RuleContext, acl: AccessList, line: Line): number {
  return positions(ctx, acl, line).removedBefore;
}

// --- raw addresses -------------------------------------------------------------------------------

export interface RawAddress {
  /** grouping key and the `address` of the finding: `10.1.1.5`, `10.1.1.0/24`, `2001:db8::/64` */
  key: string;
  host: boolean;
  family: 4 | 6;
  /** the (normalised) address without mask */
  address: string;
  /** IPv4 dotted mask for IPv4 networks */
  mask?: string;
  /** prefix length (32/128 for hosts) */
  length: number;
}

function v6(address: string): string {
  return normalizeAddress(address);
}

/** An address written as `host A`, `A MASK`, `A/len`; undefined for `0.0.0.0 0.0.0.0` (any). */
export function classifyRaw(address: string, mask?: string): RawAddress | undefined {
  if (isIPv4(address)) {
    if (mask === undefined || mask === '255.255.255.255')
      return { key: address, host: true, family: 4, address, length: 32 };
    if (!isIPv4Mask(mask)) return undefined;
    const length = maskToLength(mask);
    if (length === 0) return undefined;
    return { key: `${address}/${length}`, host: false, family: 4, address, mask, length };
  }
  if (!address.includes(':')) return undefined;
  const [a, len] = address.split('/') as [string, string | undefined];
  const length = len === undefined ? 128 : Number(len);
  if (!Number.isInteger(length) || length <= 0 || length > 128) return undefined;
  const norm = v6(a);
  if (length === 128) return { key: norm, host: true, family: 6, address: norm, length };
  return { key: `${norm}/${length}`, host: false, family: 6, address: norm, length };
}

/** A raw address operand of an ACE, with the words it occupies. */
export interface RawOperand {
  raw: RawAddress;
  /** first word index in line.tokens and number of words (`host A` = 2, `A MASK` = 2, `A/len` = 1) */
  at: number;
  len: number;
  /** written with the `host` keyword (or as `A 255.255.255.255`) */
  hostForm: boolean;
}

export function rawOperand(
  tokens: string[],
  op: AddressOperand | undefined,
): RawOperand | undefined {
  if (!op) return undefined;
  if (op.type === 'host') {
    const raw = classifyRaw(op.address);
    if (!raw) return undefined;
    const keyword = tokens[op.at - 1] === 'host';
    return { raw, at: keyword ? op.at - 1 : op.at, len: keyword ? 2 : 1, hostForm: true };
  }
  if (op.type === 'network') {
    const raw = classifyRaw(op.address, op.mask);
    if (!raw) return undefined;
    return { raw, at: op.at, len: 2, hostForm: raw.host };
  }
  if (op.type === 'prefix') {
    const raw = classifyRaw(op.address);
    if (!raw) return undefined;
    return { raw, at: op.at, len: 1, hostForm: false };
  }
  return undefined;
}

/** The raw operand of an object-group member line (`network-object host A`, `A MASK`, `A/len`). */
export function rawMember(tokens: string[]): RawOperand | undefined {
  if (tokens[0] !== 'network-object') return undefined;
  const a = tokens[1];
  if (a === undefined || a === 'object') return undefined;
  if (a === 'host') {
    const h = tokens[2];
    if (h === undefined || !(isIPv4(h) || h.includes(':'))) return undefined;
    const raw = classifyRaw(h);
    return raw ? { raw, at: 1, len: 2, hostForm: true } : undefined;
  }
  if (isIPv4(a)) {
    const raw = classifyRaw(a, tokens[2]);
    return raw
      ? { raw, at: 1, len: tokens[2] === undefined ? 1 : 2, hostForm: raw.host }
      : undefined;
  }
  if (a.includes(':')) {
    const raw = classifyRaw(a);
    return raw ? { raw, at: 1, len: 1, hostForm: raw.host } : undefined;
  }
  return undefined;
}

export function aclOfLine(
  config: Config,
  line: Line,
  tokens: readonly string[] = line.tokens,
): AccessList | undefined {
  if (tokens[0] !== 'access-list' || line.parent) return undefined;
  const name = tokens[1];
  return name === undefined ? undefined : config.accessLists.get(name);
}

/** Raw operands of an ACE (extended or standard), in word order. */
export function rawOperandsOfAce(line: Line, ace: Ace | undefined): RawOperand[] {
  if (!ace) return [];
  const s = ace.src;
  const d = ace.dst;
  const rawType = (t: string | undefined) => t === 'host' || t === 'network' || t === 'prefix';
  if (!rawType(s?.type) && !rawType(d?.type)) return [];
  const out: RawOperand[] = [];
  const tokens = line.tokens;
  const a = rawOperand(tokens, s);
  if (a) out.push(a);
  const b = rawOperand(tokens, d);
  if (b) out.push(b);
  return out;
}

// --- names: trailing dots ----------------------------------------------------------------------

/** IPv4 names without a trailing dot and IPv6 names with one. */
export function badName(n: NameEntry): boolean {
  const v4 = isIPv4(n.address);
  return v4 ? !n.name.endsWith('.') : n.name.endsWith('.');
}

export function renamedName(n: NameEntry): string {
  return isIPv4(n.address) ? `${n.name}.` : n.name.slice(0, -1);
}

export interface Rename {
  entry: NameEntry;
  to: string;
  /** the new name exists already with the same address (nothing to create) */
  exists: boolean;
}

export interface NamePlan {
  /** names the name-trailing-dot fix renames (old name -> rename) */
  renames: Map<string, Rename>;
  /** names and objects whose DNS check is a mismatch ("name:X", "object:X"); empty without --dns */
  dnsMismatch: Set<string>;
  /** why a bad name is not renamed by a fix */
  skipped: Map<string, string>;
}

const namePlanCache = new WeakMap<RuleContext, Promise<NamePlan>>();

/**
 * The names that name-trailing-dot renames (shared with raw-address, which says when a line it
 * rewrites also uses one, and uses dnsMismatch to avoid suggesting a suspect object).
 */
export function namePlan(ctx: RuleContext): Promise<NamePlan> {
  let p = namePlanCache.get(ctx);
  if (!p) {
    p = (async () => {
      const dnsMismatch = new Set<string>();
      if (ctx.dns) {
        for (const { candidate, result } of await ctx.dns.results()) {
          if (result.status === 'mismatch') dnsMismatch.add(`${candidate.kind}:${candidate.name}`);
        }
      }
      const eff = effective(ctx);
      const renames = new Map<string, Rename>();
      const skipped = new Map<string, string>();
      const g = ctx.config.graph;
      for (const n of ctx.config.names.values()) {
        if (!badName(n)) continue;
        const to = renamedName(n);
        const other = ctx.config.names.get(to);
        if (!staysAlive(eff, g.get('name', n.name))) {
          skipped.set(
            n.name,
            'The name is unused (or only used by structures that other fixes remove): the `unused` fix removes it, so there is nothing to rename.',
          );
        } else if (dnsMismatch.has(`name:${n.name}`)) {
          skipped.set(
            n.name,
            `The DNS check found that ${n.name} no longer resolves to ${n.address} (see dns-mismatch): settle the address first, then rename.`,
          );
        } else if (other && other.address !== n.address) {
          skipped.set(
            n.name,
            `The name ${to} already exists for another address (${other.address}): choose another name by hand.`,
          );
        } else if (to === '' || to === '.') {
          skipped.set(n.name, 'The name cannot be renamed.');
        } else {
          renames.set(n.name, { entry: n, to, exists: other !== undefined });
        }
      }
      return { renames, dnsMismatch, skipped };
    })();
    namePlanCache.set(ctx, p);
  }
  return p;
}

/**
 * `name ADDR NEW [description ...]`: defines the renamed alias, keeping the description. It goes
 * after `no name ADDR OLD` (the ASA keeps one name per address).
 */
export function renameCreate(r: Rename): string[] {
  if (r.exists) return [];
  return [nameCommand(r.entry.address, r.to, r.entry.description)];
}

/** `name ADDRESS NAME [description TEXT]` */
export function nameCommand(address: string, name: string, description?: string): string {
  return `name ${address} ${name}${description !== undefined ? ` description ${description}` : ''}`;
}

/**
 * The name uses on a line that the name plan renames: the line shows the new name once the
 * name-trailing-dot fix has run (it is not rewritten).
 */
export function renamedUsesOn(ctx: RuleContext, plan: NamePlan, line: Line): Use[] {
  return ctx.config.graph
    .usesOnLine(line)
    .filter((u) => u.kind === 'name' && !u.implicit && plan.renames.has(u.name));
}

// --- rewriting lines ---------------------------------------------------------------------------

export interface WordEdit {
  at: number;
  len: number;
  words: string[];
}

export function applyEdits(tokens: string[], edits: WordEdit[]): string[] {
  const out = [...tokens];
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out.splice(e.at, e.len, ...e.words);
  return out;
}

/**
 * The two word lists are the same command on the ASA: equal once every `name` is replaced by its
 * address (what the ASA stores).
 */
export function sameOnTheAsa(config: Config, a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const stored = (w: string) => config.names.get(w)?.address ?? w;
  return a.every((w, i) => stored(w) === stored(b[i] as string));
}

/**
 * Commands that replace `line` by `tokens`, adding before removing: an access-list entry is
 * inserted at its own position (`access-list ACL line N ...`) before the old entry is removed;
 * a line inside a block is added and the old one removed inside the block; any other line is
 * added, then the old removed.
 *
 * The new line must differ from the old in what the ASA stores (an object in place of an
 * address), never only by a `name` versus its address: the ASA stores the address for both, so
 * the add would duplicate the existing entry and the `no` would delete it. Such a "rewrite" gives
 * no commands, only a comment.
 */
export function replaceLineCommands(
  ctx: RuleContext,
  line: Line,
  tokens: string[],
  /**
   * the line as the ASA prints it when these commands run, if not as written (a name it uses was
   * moved to another address first: the line still holds the old address)
   */
  printed?: string[],
): string[] {
  const was = printed ?? line.tokens; // split once: every `line.tokens` splits the line anew
  if (printed === undefined && sameOnTheAsa(ctx.config, was, tokens)) {
    return [
      comment(
        `line ${line.n} is left as it is: the ASA stores the same command for it (a name is only an alias for its address)`,
      ),
    ];
  }
  const old = was.join(' ');
  const acl = aclOfLine(ctx.config, line, was);
  if (acl && was[2] !== 'remark') {
    return [insertAclEntry(tokens, aclPosition(ctx, acl, line)), `no ${old}`];
  }
  // entered again, the command replaces its list (`set peer A B`): no `no`, which would remove it
  if (line.rule?.replacesList) return reissueLine(line, tokens);
  if (line.parent) return inBlock(line.parent, [tokens.join(' '), `no ${old}`]);
  return [tokens.join(' '), `no ${old}`];
}

/** One line for a `!` comment in a fix (ASA ignores lines that start with `!`). */
export function comment(text: string): string {
  return `! ${text}`;
}
