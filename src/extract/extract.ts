// `asakit extract`: the part of a configuration that concerns some interfaces, and nothing else.
//
// Roots: the access-groups bound to the interfaces, the NAT rules on them, the global ACL's
// entries scoped to them (`ifc NAMEIF`, how Firepower Threat Defense binds a rule to an interface)
// and, with --include-global, the global ACL's other entries inside their address space.
// Everything else comes from the reference graph: the closure of the roots' uses over objects,
// groups, names and time-ranges. Nothing is matched by text; nothing outside the closure is printed.
import { VERSION } from '../version.js';
import { UsageError } from '../parse/errors.js';
import type { Statement } from '../parse/engine.js';
import type { Kind } from '../parse/kinds.js';
import { topLine, type Line } from '../parse/lines.js';
import type { ObjectNat } from '../parse/nat.js';
import type { Ace } from '../parse/operands.js';
import { closure } from '../graph/liveness.js';
import { postOrder } from '../graph/order.js';
import { byFirstLine, type Def, type Use } from '../graph/graph.js';
import {
  aceOf,
  remarkOf,
  ftdRuleIdOf,
  interfaceChildren,
  type AccessGroup,
  type AccessList,
  type Config,
  type Interface,
  type NatRule,
} from '../model/types.js';
import {
  AddressResolver,
  interfaceSpace,
  overlaps,
  within,
  type AddressSet,
} from '../model/addresses.js';
import type {
  ExtractBlock,
  ExtractJson,
  ExtractLine,
  ExtractOptions,
  ExtractResult,
  ExtractSection,
  SectionId,
} from './types.js';

/** Kinds an extract follows from its roots (the customer's own definitions and what they use). */
export const FOLLOWED: ReadonlySet<Kind> = new Set<Kind>([
  'object',
  'object-group',
  'name',
  'time-range',
]);

/** Kinds whose definitions an extract can reach: the followed ones, and the ACLs NAT names. */
export const REACHED_KINDS: ReadonlySet<Kind> = new Set<Kind>([...FOLLOWED, 'access-list']);

/**
 * What a line of the customer's own interface block may name and still be printed: other
 * interfaces, as stubs before it. The interfaces section comes first (the issue's order), so a
 * line naming a `name` or an ACL would use it before its definition.
 */
const PRINTED_FROM_INTERFACES: ReadonlySet<Kind> = new Set<Kind>(['interface', 'hw-interface']);

/**
 * A line as printed in the extract: relative to its top-level line's indentation, so a config
 * pasted with a uniform indent still yields an extract whose blocks parse the same way.
 */
const el = (l: Line): ExtractLine => {
  const root = topLine(l);
  return {
    line: l.n,
    text: root.indent > 0 && l.indent >= root.indent ? l.raw.slice(root.indent) : l.raw,
  };
};

function involves(ifs: { real?: string; mapped?: string }, set: Set<string>): boolean {
  return (
    (ifs.real !== undefined && set.has(ifs.real)) ||
    (ifs.mapped !== undefined && set.has(ifs.mapped))
  );
}

/**
 * A NAT rule whose real side is `any` (or not given) belongs to no interface in particular. A rule
 * whose real side is a specific interface belongs to that interface, even when it maps to `any`.
 */
export function onAny(ifs: { real?: string; mapped?: string }): boolean {
  return ifs.real === undefined || ifs.real === 'any';
}

export function extract(
  config: Config,
  requested: string[],
  opts: ExtractOptions = {},
): ExtractResult {
  const nameifs = [...new Set(requested)];
  const g = config.graph;
  const wanted = new Set(nameifs);
  const unknown = nameifs.filter((n) => !config.interfacesByNameif.has(n));
  if (nameifs.length === 0 || unknown.length > 0) {
    const have = [...config.interfacesByNameif.keys()].sort();
    throw new UsageError(
      `${nameifs.length === 0 ? 'no interface given' : `unknown interface ${unknown.join(', ')}`}; ` +
        `${config.source} has: ${have.length ? have.join(', ') : '(no nameif at all)'}`,
    );
  }
  const notes: string[] = [];
  const omitted: Record<string, number> = {};
  const omit = (why: string, n = 1) => {
    if (n > 0) omitted[why] = (omitted[why] ?? 0) + n;
  };
  const usesOnLine = (l: Line): Use[] => stmtUses(config, l);

  // --- roots ------------------------------------------------------------------------------------
  const index = indexOf(config);
  const { accessGroups, natTop, anyTop, objNat, objNatAny } = findRoots(config, nameifs);
  for (const n of nameifs) {
    if (
      !accessGroups.some((a) => a.interface === n) &&
      !index.globals.some((g) => g.scopedByIf.has(n))
    )
      notes.push(`interface ${n} has no access-group: no access rules are bound to it`);
  }
  // in order of first binding (a set: a hosting firewall binds tens of thousands)
  const aclNames = new Set<string>();
  for (const a of accessGroups) aclNames.add(a.acl);
  const rootUses: Use[] = [];
  const aclLines: ExtractBlock[] = [];
  for (const name of aclNames) {
    const acl = config.accessLists.get(name);
    if (!acl) {
      notes.push(`access-list ${name} is bound to the interface but defined nowhere`);
      continue;
    }
    aclLines.push({ name, type: acl.type, lines: acl.entries.map(el) });
    for (const e of acl.entries) rootUses.push(...usesOnLine(e));
  }

  // The global ACLs: their entries scoped to these interfaces (FTD's `ifc`) always, and with
  // --include-global their unscoped entries inside the customer's address space; remarks go with
  // them when they carry the rule-id of an entry that is kept (FTD's rule names). Read from the
  // index, not from the ACL: an FMC policy is one global ACL of hundreds of thousands of entries,
  // and the portal extracts every customer from the same model.
  const globalGroups: AccessGroup[] = [];
  let inSpace: ((ace: Ace) => boolean) | undefined;
  if (opts.includeGlobal) {
    const resolver = new AddressResolver(config);
    const mine = unionSpace(nameifs.map((n) => interfaceSpace(config, n)));
    const others = unionSpace(
      [...config.interfacesByNameif.keys()]
        .filter((n) => !wanted.has(n))
        .map((n) => interfaceSpace(config, n)),
    );
    inSpace = (ace) => aceConcerns(ace, resolver, mine, others);
  }
  for (const g of index.globals) {
    const acl = g.acl;
    if (!acl) {
      if (!opts.includeGlobal) omit('global access-group (use --include-global)');
      continue;
    }
    const take = new Set<Statement>();
    for (const n of nameifs) for (const e of g.scopedByIf.get(n) ?? []) take.add(e);
    // a partial model counts the entries it left out (see AccessList.notLoaded)
    const elsewhere = (acl.notLoaded?.scopedElsewhere ?? 0) + g.scoped - take.size;
    let unscoped = (acl.notLoaded?.unscoped ?? 0) + g.unscoped.length;
    if (inSpace) {
      for (const e of g.unscoped) {
        if (inSpace(aceOf(e) as Ace)) {
          take.add(e);
          unscoped--;
        }
      }
    }
    const kept = [...take];
    for (const id of new Set(kept.map((e) => aceOf(e)?.ruleId))) {
      if (id !== undefined) for (const r of g.remarksByRuleId.get(id) ?? []) kept.push(r);
    }
    kept.sort((a, b) => a.n - b.n);
    for (const e of kept) for (const u of usesOnLine(e)) rootUses.push(u);
    if (kept.length === 0 && !opts.includeGlobal) {
      omit('global access-group (use --include-global)');
      continue;
    }
    omit('global access-list entries scoped to other interfaces (ifc)', elsewhere);
    if (opts.includeGlobal) {
      const remarks = g.others - (kept.length - take.size); // lines that are no entry, not kept
      omit('global access-list entries outside these interfaces', unscoped + remarks);
    } else omit('global access-list entries for every interface (use --include-global)', unscoped);
    // the binding is printed only with entries to bind; otherwise it would name an ACL the
    // extract does not define (and reveal its name)
    if (kept.length > 0) {
      aclLines.push({
        name: g.group.acl,
        type: `${acl.type} (global, filtered)`,
        lines: kept.map(el),
      });
      globalGroups.push(g.group);
    } else omit('global access-group without entries for these interfaces');
  }

  // NAT on the interfaces: twice NAT and legacy lines, object NAT inside object blocks
  for (const n of natTop) rootUses.push(...usesOnLine(n.line));
  for (const n of objNat) rootUses.push(...usesOnLine(n.line));

  const follow = (u: Use) => REACHED_KINDS.has(u.kind);
  let reached = closure(g, rootUses, follow);

  // NAT rules on `any` interfaces: only when everything they reference is already ours
  const inClosure = (l: Line) =>
    usesOnLine(l)
      .filter((u) => FOLLOWED.has(u.kind))
      .every((u) => {
        const d = g.target(u);
        return d !== undefined && reached.has(d);
      });
  const anyTopKept = anyTop.filter((n) => inClosure(n.line));
  const objNatAnyKept = objNatAny.filter((n) => inClosure(n.line));
  omit(
    'NAT rules on any interface referencing other structures',
    anyTop.length - anyTopKept.length + objNatAny.length - objNatAnyKept.length,
  );
  if (anyTopKept.length + objNatAnyKept.length > 0) {
    for (const n of [...anyTopKept, ...objNatAnyKept]) rootUses.push(...usesOnLine(n.line));
    reached = closure(g, rootUses, follow);
  }
  // legacy NAT may name an ACL (`nat (if) 0 access-list X`): print those ACLs too
  for (const d of reached) {
    if (d.kind === 'access-list' && !aclNames.has(d.name)) {
      const acl = config.accessLists.get(d.name);
      if (acl) {
        aclNames.add(d.name);
        aclLines.push({ name: d.name, type: acl.type, lines: acl.entries.map(el) });
      }
    }
  }

  // --- definitions, in an order that can be pasted: dependencies first ---------------------------
  const ordered = dependencyOrder(
    [...reached].filter((d) => d.kind !== 'access-list'),
    g,
  );
  const names = ordered.filter((d) => d.kind === 'name');
  const timeRanges = ordered.filter((d) => d.kind === 'time-range');
  const objectDefs = ordered.filter((d) => d.kind === 'object');
  const groupDefs = ordered.filter((d) => d.kind === 'object-group');
  const undefinedReached = rootUses.filter(
    (u) => FOLLOWED.has(u.kind) && !g.isDefined(u.kind, u.name),
  );
  if (undefinedReached.length > 0) {
    notes.push(
      `${undefinedReached.length} reference(s) in these rules point at structures the configuration does not define (see asakit audit)`,
    );
  }

  const objects: ExtractBlock[] = objectDefs.map((d) => {
    const o = config.objects.get(d.name);
    const lines: ExtractLine[] = [];
    for (const b of o?.blocks ?? d.lines) {
      const body = b.children.filter((c) => c.stmt?.id !== 'obj-nat');
      if (body.length === 0 && lines.length > 0) continue; // a re-opened block holding only NAT
      lines.push(el(b));
      for (const l of body) lines.push(el(l));
    }
    return { name: d.name, type: o?.type ?? 'network', lines };
  });
  const objectGroups: ExtractBlock[] = groupDefs.map((d) => {
    const grp = config.objectGroups.get(d.name);
    const lines: ExtractLine[] = [];
    for (const b of grp?.blocks ?? d.lines) {
      lines.push(el(b));
      for (const l of subtree(b)) lines.push(el(l));
    }
    return { name: d.name, type: grp?.type ?? 'network', lines };
  });
  const extraBlocks = (defs: Def[]): ExtractBlock[] =>
    defs.map((d) => ({
      name: d.name,
      lines: d.lines.flatMap((l) => [el(l), ...subtree(l).map(el)]),
    }));

  // NAT in original order: twice NAT lines and object NAT blocks
  const natEntries: ExtractJson['nat'] = [];
  const natItems: { n: number; entry: ExtractJson['nat'][number] }[] = [];
  for (const n of [...natTop, ...anyTopKept]) {
    natItems.push({
      n: n.line.n,
      entry: { ...el(n.line), form: n.nat.form },
    });
  }
  for (const n of [...objNat, ...objNatAnyKept]) {
    const header = n.line.parent as Line;
    natItems.push({
      n: n.line.n,
      entry: { ...el(n.line), form: 'object', object: n.object, lines: [el(header), el(n.line)] },
    });
  }
  natItems.sort((a, b) => a.n - b.n);
  for (const i of natItems) natEntries.push(i.entry);

  // interfaces: the customer's own blocks, each after stubs of the interfaces it names: the
  // physical ports a redundant interface names as `member-interface` (the `interface` line alone:
  // they exist on the box, their settings are not the customer's), the interfaces a tunnel
  // sources from or borrows an address from (`tunnel source interface`, `ip unnumbered`: the
  // `interface` and `nameif` lines). A line naming anything else (a `name` as its address, an
  // `igmp access-group` ACL, `policy-route route-map`, `tunnel protection ipsec profile`) is left
  // out and counted: the interfaces come first, so it would use a name or ACL before its
  // definition, or name what an extract does not print. Interfaces the rules name follow as stubs.
  const ifBlocks: ExtractBlock[] = [];
  const own = nameifs.map((n) => config.interfacesByNameif.get(n) as Interface);
  /**
   * each own interface's printed lines, block by block (an interface opened twice is printed as
   * it was written, twice: its blocks may indent their lines differently), and the interfaces
   * they name
   */
  const ownLines = new Map<Interface, { blocks: Line[][]; uses: Use[] }>();
  for (const i of own) {
    if (ownLines.has(i)) continue;
    const blocks: Line[][] = [];
    const uses: Use[] = [];
    for (const block of i.blocks) {
      const kept: Line[] = [];
      const stack = [...block.children].reverse();
      while (stack.length > 0) {
        const l = stack.pop() as Line;
        if (l.stmt?.id === 'if-nameif' && l.caps['nameif'] !== i.nameif) {
          // a name a later `nameif` replaced: the interface no longer has it
          omit('interface lines a later nameif replaced', 1);
          continue;
        }
        const on = usesOnLine(l);
        const foreign = on.find((u) => !PRINTED_FROM_INTERFACES.has(u.kind));
        if (foreign) {
          omit(`interface lines that name a structure (${foreign.kind})`, 1 + subtree(l).length);
          continue;
        }
        kept.push(l);
        uses.push(...on);
        for (let c = l.children.length - 1; c >= 0; c--) stack.push(l.children[c] as Line);
      }
      // a block left with no lines is not printed, unless it is the only one
      if (kept.length > 0) blocks.push([block, ...kept]);
    }
    ownLines.set(i, { blocks: blocks.length > 0 ? blocks : [[i.line]], uses });
  }
  const namedBy = (i: Interface) => ownLines.get(i)?.uses ?? [];
  // an own interface another one names (`ip unnumbered c1`) comes before it
  const ownSet = new Set(own);
  const ownOrder = postOrder(own, (i) =>
    namedBy(i)
      .map((u) => (u.kind === 'interface' ? config.interfacesByNameif.get(u.name) : undefined))
      .filter((x): x is Interface => x !== undefined && x !== i && ownSet.has(x)),
  );
  const shown = new Set<string>();
  for (const i of ownOrder) {
    for (const u of namedBy(i)) {
      if (shown.has(`${u.kind} ${u.name}`)) continue;
      if (u.kind === 'hw-interface') {
        const header = g.get(u.kind, u.name)?.lines[0];
        if (!header || own.some((o) => o.hw === u.name)) continue;
        shown.add(`${u.kind} ${u.name}`);
        ifBlocks.push({ name: u.name, lines: [el(header)] });
      } else if (u.kind === 'interface' && !wanted.has(u.name)) {
        const stub = interfaceStub(config, u.name);
        if (!stub) continue;
        shown.add(`${u.kind} ${u.name}`);
        ifBlocks.push(stub);
      }
    }
    for (const lines of ownLines.get(i)?.blocks ?? [])
      ifBlocks.push({ name: i.nameif ?? i.hw, lines: lines.map(el) });
  }
  const named = new Set<string>();
  for (const u of [
    ...rootUses,
    ...accessGroupUses(config, accessGroups),
    ...[...reached].flatMap((d) => g.usesIn(d)),
  ]) {
    if (u.kind === 'interface' && !wanted.has(u.name) && !shown.has(`interface ${u.name}`))
      named.add(u.name);
  }
  const stubs: ExtractBlock[] = [];
  for (const n of [...named].sort()) {
    const stub = interfaceStub(config, n);
    if (stub) stubs.push(stub);
  }

  // --- text -----------------------------------------------------------------------------------
  const now = opts.now ?? new Date();
  const sections: ExtractSection[] = [];
  const add = (id: SectionId, title: string, lines: string[]) =>
    sections.push({ id, title, lines });
  const headerLines: string[] = [];
  for (const h of config.header.lines)
    if (/^:\s*Written by/.test(h.trim())) headerLines.push(h.trim());
  if (config.header.version)
    headerLines.push(`${config.header.platform ?? 'ASA'} Version ${config.header.version}`);
  if (config.header.hostname) headerLines.push(`hostname ${config.header.hostname}`);
  add('header', `asakit extract for ${nameifs.join(', ')}`, headerLines);
  add(
    'interfaces',
    'interfaces',
    [...ifBlocks, ...stubs].flatMap((b) => b.lines.map((l) => l.text)),
  );
  const nameLines = names
    .map((d) => config.names.get(d.name)?.line)
    .filter((l): l is Line => l !== undefined);
  add(
    'names',
    'names',
    nameLines.map((l) => el(l).text),
  );
  add(
    'objects',
    'objects',
    objects.flatMap((b) => b.lines.map((l) => l.text)),
  );
  add(
    'object-groups',
    'object-groups',
    objectGroups.flatMap((b) => b.lines.map((l) => l.text)),
  );
  const tr = extraBlocks(timeRanges);
  add(
    'time-ranges',
    'time-ranges',
    tr.flatMap((b) => b.lines.map((l) => l.text)),
  );
  add(
    'access-lists',
    'access-lists',
    aclLines.flatMap((b) => b.lines.map((l) => l.text)),
  );
  add(
    'access-groups',
    'access-groups',
    [...accessGroups, ...globalGroups].map((a) => el(a.line).text),
  );
  add(
    'nat',
    'NAT',
    natEntries.flatMap((e) => (e.lines ? e.lines.map((l) => l.text) : [e.text])),
  );
  add('footer', 'end', [`! generated by asakit ${VERSION} at ${now.toISOString()}`]);

  const text = render(sections, config, nameifs);
  const json: ExtractJson = {
    source: config.source,
    ...(config.header.hostname ? { hostname: config.header.hostname } : {}),
    ...(config.header.version ? { version: config.header.version } : {}),
    ...(config.header.writtenBy ? { writtenBy: config.header.writtenBy } : {}),
    generatedAt: now.toISOString(),
    interfaces: own.map((i) => ({
      nameif: i.nameif as string,
      hw: i.hw,
      ...(i.securityLevel !== undefined ? { securityLevel: i.securityLevel } : {}),
      ...(i.ipv4 ? { address: i.ipv4.address, mask: i.ipv4.mask } : {}),
    })),
    accessGroups: [...accessGroups, ...globalGroups].map((a) => ({
      ...el(a.line),
      acl: a.acl,
      direction: a.direction,
      ...(a.interface ? { interface: a.interface } : {}),
    })),
    accessLists: aclLines,
    nat: natEntries,
    objectGroups,
    objects: [...objects, ...extraBlocks(names), ...tr].map((b, i) =>
      i < objects.length
        ? b
        : { ...b, type: i < objects.length + names.length ? 'name' : 'time-range' },
    ),
    omitted,
  };
  return { text, json, sections, notes };
}

/** What an extract starts from, before it follows references. */
interface Roots {
  /** the access-groups bound to the interfaces, in line order */
  accessGroups: AccessGroup[];
  /** twice and legacy NAT rules naming the interfaces */
  natTop: NatRule[];
  /** twice NAT rules on `any` not naming them (kept when all they use is the customer's) */
  anyTop: NatRule[];
  objNat: ObjectNatEntry[];
  objNatAny: ObjectNatEntry[];
  /** entries of the global ACLs scoped to the interfaces (FTD `ifc`), in line order */
  scoped: Line[];
}

function findRoots(config: Config, nameifs: string[]): Roots {
  const index = indexOf(config);
  const wanted = new Set(nameifs);
  const byLine = <T extends { line: Line }>(a: T, b: T) => a.line.n - b.line.n;
  return {
    accessGroups: nameifs.flatMap((n) => index.groupsByIf.get(n) ?? []).sort(byLine),
    scoped: [
      ...new Set(index.globals.flatMap((g) => nameifs.flatMap((n) => g.scopedByIf.get(n) ?? []))),
    ].sort((a, b) => a.n - b.n),
    natTop: [...new Set(nameifs.flatMap((n) => index.natByIf.get(n) ?? []))].sort(byLine),
    anyTop: index.natAny.filter((n) => !involves(n.nat.ifs, wanted)),
    objNat: [...new Set(nameifs.flatMap((n) => index.objNatByIf.get(n) ?? []))].sort(byLine),
    objNatAny: index.objNatAny.filter((n) => !involves(n.nat.ifs, wanted)),
  };
}

/**
 * The lines an extract for the interfaces starts from (without --include-global): `roots`, whose
 * references it follows, and `ifReached`, the NAT rules on `any` it keeps only when everything
 * of a followed kind they name is reached from the roots. Every structure it prints is reached
 * from these lines.
 */
export function rootLines(config: Config, nameifs: string[]): { roots: Line[]; ifReached: Line[] } {
  const r = findRoots(config, [...new Set(nameifs)]);
  const lines = (lists: { line: Line }[][]) => lists.flatMap((list) => list.map((x) => x.line));
  return {
    roots: [...lines([r.accessGroups, r.natTop, r.objNat]), ...r.scoped],
    ifReached: lines([r.anyTop, r.objNatAny]),
  };
}

interface ObjectNatEntry {
  line: Line;
  object: string;
  nat: ObjectNat;
}

/** Per-interface lookups, built once per model, so extracting every customer stays linear. */
interface ExtractIndex {
  groupsByIf: Map<string, AccessGroup[]>;
  globals: GlobalAcl[];
  /** twice and legacy NAT rules by each interface they name */
  natByIf: Map<string, NatRule[]>;
  /** twice NAT rules whose real side is `any` */
  natAny: NatRule[];
  objNatByIf: Map<string, ObjectNatEntry[]>;
  objNatAny: ObjectNatEntry[];
}

/** A global access-group and its ACL's entries, sorted for extracting each interface's part. */
interface GlobalAcl {
  group: AccessGroup;
  acl: AccessList | undefined;
  /** the entries scoped (FTD `ifc`) to each interface they name */
  scopedByIf: Map<string, Statement[]>;
  /** how many entries are scoped to some interface */
  scoped: number;
  /** the entries scoped to no interface, in line order */
  unscoped: Statement[];
  /** the lines that are no entry (remarks) carrying an FTD rule-id, by that rule-id */
  remarksByRuleId: Map<string, Statement[]>;
  /** how many lines are no entry */
  others: number;
}

const INDEXES = new WeakMap<Config, ExtractIndex>();

function indexOf(config: Config): ExtractIndex {
  const cached = INDEXES.get(config);
  if (cached) return cached;
  const push = <T>(m: Map<string, T[]>, k: string | undefined, v: T) => {
    if (k === undefined || k === 'any') return;
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const ix: ExtractIndex = {
    groupsByIf: new Map(),
    globals: [],
    natByIf: new Map(),
    natAny: [],
    objNatByIf: new Map(),
    objNatAny: [],
  };
  for (const a of config.accessGroups) {
    if (a.direction !== 'global') {
      push(ix.groupsByIf, a.interface, a);
      continue;
    }
    const acl = config.accessLists.get(a.acl);
    const g: GlobalAcl = {
      group: a,
      acl,
      scopedByIf: new Map(),
      scoped: 0,
      unscoped: [],
      remarksByRuleId: new Map(),
      others: 0,
    };
    for (const e of acl?.entries ?? []) {
      const ace = aceOf(e);
      if (!ace) {
        g.others++;
        push(g.remarksByRuleId, remarkRuleId(e), e);
      } else if (!ifcScoped(ace)) g.unscoped.push(e);
      else {
        g.scoped++;
        push(g.scopedByIf, ace.srcIfc, e);
        if (ace.dstIfc !== ace.srcIfc) push(g.scopedByIf, ace.dstIfc, e);
      }
    }
    ix.globals.push(g);
  }
  for (const n of config.nat) {
    push(ix.natByIf, n.nat.ifs.real, n);
    if (n.nat.ifs.mapped !== n.nat.ifs.real) push(ix.natByIf, n.nat.ifs.mapped, n);
    if (n.nat.form === 'twice' && onAny(n.nat.ifs)) ix.natAny.push(n);
  }
  for (const o of config.objects.values()) {
    for (const n of o.nat) {
      const e = { line: n.line, object: o.name, nat: n.nat };
      push(ix.objNatByIf, n.nat.ifs.real, e);
      if (n.nat.ifs.mapped !== n.nat.ifs.real) push(ix.objNatByIf, n.nat.ifs.mapped, e);
      if (onAny(n.nat.ifs)) ix.objNatAny.push(e);
    }
  }
  ix.objNatAny.sort((a, b) => a.line.n - b.line.n);
  INDEXES.set(config, ix);
  return ix;
}

function render(sections: ExtractSection[], config: Config, nameifs: string[]): string {
  const out: string[] = [];
  for (const s of sections) {
    if (s.id === 'header') {
      out.push(`! ${'='.repeat(70)}`);
      out.push(`! ${s.title}`);
      out.push(`! source: ${config.source}`);
      out.push(`! interfaces: ${nameifs.join(' ')}`);
      out.push(`! ${'='.repeat(70)}`);
      for (const l of s.lines) out.push(l);
      continue;
    }
    if (s.id === 'footer') {
      out.push('!');
      for (const l of s.lines) out.push(l);
      continue;
    }
    out.push('!');
    out.push(`! --- ${s.title} ${'-'.repeat(Math.max(3, 66 - s.title.length))}`);
    out.push('!');
    if (s.lines.length === 0) out.push(`! (no ${s.title} for these interfaces)`);
    else for (const l of s.lines) out.push(l);
  }
  return out.join('\n') + '\n';
}

/** The uses written on one configuration line (derived ones excluded). */
function stmtUses(config: Config, l: Line): Use[] {
  return config.graph.usesOnLine(l).filter((u) => !u.implicit);
}

function accessGroupUses(config: Config, groups: { line: Line }[]): Use[] {
  return groups.flatMap((a) => config.graph.usesOnLine(a.line));
}

/** Another interface, as an extract names it: its `interface` line and the `nameif` line. */
function interfaceStub(config: Config, nameif: string): ExtractBlock | undefined {
  const i = config.interfacesByNameif.get(nameif);
  if (!i) return undefined;
  // the nameif line that names this interface (a block may carry an older, replaced one)
  const nameifLine = interfaceChildren(i).find(
    (c) => c.stmt?.id === 'if-nameif' && c.caps['nameif'] === nameif,
  );
  return { name: nameif, lines: [el(i.line), ...(nameifLine ? [el(nameifLine)] : [])] };
}

/** Every line below a header line, depth first (a stack: hostile input nests deep). */
function subtree(l: Line): Line[] {
  const out: Line[] = [];
  const stack = [...l.children].reverse();
  while (stack.length > 0) {
    const x = stack.pop() as Line;
    out.push(x);
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i] as Line);
  }
  return out;
}

/** Definitions ordered so that each comes after everything it uses; ties by line number. */
function dependencyOrder(defs: Def[], g: Config['graph']): Def[] {
  const set = new Set(defs);
  const byLine = [...defs].sort(byFirstLine);
  return postOrder(byLine, (d) =>
    g
      .usesIn(d)
      .map((u) => g.target(u))
      .filter((x): x is Def => x !== undefined && set.has(x) && x !== d)
      .sort(byFirstLine),
  );
}

function unionSpace(sets: AddressSet[]): AddressSet {
  const out: AddressSet = { v4: [], v6: [], unknown: false, any: false };
  for (const s of sets) {
    for (const r of s.v4) out.v4.push(r);
    for (const r of s.v6) out.v6.push(r);
  }
  return out;
}

/** an entry FTD binds to interfaces: `ifc NAMEIF` before its source or destination */
function ifcScoped(ace: Ace): boolean {
  return ace.srcIfc !== undefined || ace.dstIfc !== undefined;
}

/** N of an FTD remark `rule-id N: ...` (the rule's name or policy), else undefined */
function remarkRuleId(entry: Line): string | undefined {
  const remark = entry.stmt && remarkOf(entry.stmt);
  return remark === undefined ? undefined : ftdRuleIdOf(remark);
}

/**
 * A global ACE concerns the customer when its source or destination lies wholly inside the
 * customer's address space and no operand touches another interface's space.
 */
function aceConcerns(ace: Ace, r: AddressResolver, mine: AddressSet, others: AddressSet): boolean {
  const ops = [ace.src, ace.dst].filter((o) => o !== undefined).map((o) => r.operand(o));
  if (ops.length === 0) return false;
  if (!ops.some((o) => within(o, mine))) return false;
  return ops.every((o) => o.any || !overlaps(o, others));
}
