// raw-address: IP addresses and networks written directly into access-list entries and network
// object-groups instead of an `object` or a `name`. One finding per (structure, address); the fix
// creates (or reuses) an object and rewrites every entry that holds the address, adding the new
// entry before removing the old one.
//
// The fix never rewrites an address to a `name`: a name is only an alias, the ASA stores the
// address and, while `names` is enabled, already shows the name in its place. `host 10.1.1.5` and
// `host srv1` are the same entry, so adding one and removing the other would delete it. Where an
// object is accepted the fix moves the address into an object; where only a name could go
// (standard access-lists) there is no rewrite, and the finding says which name the ASA shows.
import { isDnsName } from '../../dns/index.js';
import type { Line } from '../../parse/lines.js';
import type { Ace } from '../../parse/operands.js';
import { aceOf } from '../../model/types.js';
import { inBlock, isLegacyIpv6AclLine, networkObjectCommands } from '../commands.js';
import type { AuditRule, Finding, RuleContext } from '../types.js';
import {
  FIX_ORDER,
  applyEdits,
  classifyRaw,
  comment,
  effective,
  namePlan,
  rawMember,
  rawOperandsOfAce,
  removedBefore,
  renamedUsesOn,
  replaceLineCommands,
  staysAlive,
  type RawAddress,
  type RawOperand,
  type WordEdit,
} from './shared.js';

const REASON =
  "An address written into a rule says nothing about what it is, and when the host moves or is decommissioned every line that holds it must be found and changed by hand. An object gives the address one definition, a meaningful name and a single place to change; named after the host's DNS name, a later `asakit audit --dns` can tell whether the address is still right.";

interface Occurrence {
  line: Line;
  op: RawOperand;
}

interface Group {
  kind: 'access-list' | 'object-group';
  name: string;
  raw: RawAddress;
  occurrences: Occurrence[];
  /** a standard access-list (accepts no objects) */
  standard: boolean;
}

interface Suggestion {
  /** the object network the address moves into */
  name: string;
  create: boolean;
  source: 'existing' | 'dns' | 'generated';
  raw: RawAddress;
}

/** `host-10.1.1.5`, `net-10.1.1.0-24`, `host-2001-db8--1`: what ASA accepts as an object name. */
function generatedName(raw: RawAddress): string {
  const a = raw.address.replace(/:/g, '-');
  return raw.host ? `host-${a}` : `net-${a}-${raw.length}`;
}

function objectValue(
  raw: RawAddress,
): { type: 'host'; address: string } | { type: 'subnet'; address: string; mask: string } {
  if (raw.host) return { type: 'host', address: raw.address };
  return { type: 'subnet', address: raw.address, mask: raw.mask ?? `/${raw.length}` };
}

/** The words that replace a raw operand. */
function replacement(s: Suggestion): string[] {
  return ['object', s.name];
}

function describe(s: Suggestion): string {
  if (!s.create) return `the existing object network ${s.name}`;
  return `a new object network ${s.name}${s.source === 'dns' ? ' (named after its reverse DNS name)' : ''}`;
}

/** Occurrences of raw addresses, grouped per (structure, address), in order of first appearance. */
function collect(ctx: RuleContext, aces: Map<Line, Ace>): Group[] {
  const groups = new Map<string, Group>();
  const add = (
    kind: Group['kind'],
    name: string,
    standard: boolean,
    line: Line,
    op: RawOperand,
    ace?: Ace,
  ) => {
    if (ace) aces.set(line, ace);
    const key = `${kind}\u0000${name}\u0000${op.raw.key}`;
    let grp = groups.get(key);
    if (!grp) groups.set(key, (grp = { kind, name, raw: op.raw, occurrences: [], standard }));
    grp.occurrences.push({ line, op });
  };
  for (const acl of ctx.config.accessLists.values()) {
    for (const e of acl.entries) {
      const ace = aceOf(e);
      const kind = ace?.kind;
      if (kind !== 'extended' && kind !== 'standard') continue;
      const ops = rawOperandsOfAce(e, ace);
      // an `ipv6 access-list` entry of an ASA before 9.0 is not rewritten: whether that command
      // takes an `object` differs between releases, so the fix could not be trusted
      if (ops.length === 0 || isLegacyIpv6AclLine(e)) continue;
      for (const op of ops) add('access-list', acl.name, kind === 'standard', e, op, ace);
    }
  }
  for (const og of ctx.config.objectGroups.values()) {
    if (og.type !== 'network') continue;
    for (const m of og.members) {
      const op = rawMember(m.tokens);
      if (op) add('object-group', og.name, false, m, op);
    }
  }
  return [...groups.values()].sort(
    (a, b) => (a.occurrences[0]?.line.n ?? 0) - (b.occurrences[0]?.line.n ?? 0),
  );
}

/**
 * What the fix does, in the reason. It names no object (the message and the fix do), so the
 * reasons of a million findings are a handful of strings.
 */
function fixSentence(s: Suggestion, kind: Group['kind']): string {
  const uses = s.create
    ? 'creates the object network the message names'
    : 'uses the existing object network the message names';
  const then =
    kind === 'access-list'
      ? ', then for each entry inserts the rewritten entry at the same position (`access-list ACL line N ...`) before removing the old one, so the access-list never lacks the permit or deny it had'
      : ', then adds the new member to the group before removing the old one';
  const named =
    s.create && s.source === 'generated'
      ? ' The name is generated from the address; rename it to something meaningful before pasting (run with --dns to take names from reverse DNS).'
      : '';
  return ` The fix ${uses}${then}.${named}`;
}

/**
 * A raw-address finding lists the first 100 other lines that hold its address (and how many
 * there are): every finding of an address would otherwise list all of them, and a shared address
 * written into 3,000 customers' access-lists made 3,000 findings of 6,000 references each (2.4 GB
 * of JSON). Findings about a structure list every reference: one finding per structure.
 */
export const RAW_REFERENCES = 100;

/**
 * The lines on which the address appears as written (a network with its mask or length), in
 * line order, computed once per address: every finding of the address lists them.
 */
function linesOf(ctx: RuleContext, raw: RawAddress, cache: Map<string, readonly Line[]>) {
  let lines = cache.get(raw.key);
  if (lines) return lines;
  lines = ctx.linesWithAddress(raw.address);
  if (!raw.host) {
    lines = lines.filter((l) => {
      const words = l.tokens;
      if (raw.family === 4)
        return words.some((w, i) => w === raw.address && words[i + 1] === raw.mask);
      return words.some((w) => w.includes('/') && classifyRaw(w)?.key === raw.key);
    });
  }
  cache.set(raw.key, lines);
  return lines;
}

export const rawAddress: AuditRule = {
  meta: {
    id: 'raw-address',
    severity: 'info',
    description:
      'IP addresses and networks written directly into access-list entries or object-groups instead of an object or name',
    reason: REASON,
  },
  async check(ctx) {
    const config = ctx.config;
    const g = config.graph;
    const eff = effective(ctx);
    const plan = await namePlan(ctx);
    const aces = new Map<Line, Ace>();
    const groups = collect(ctx, aces);
    if (groups.length === 0) return [];

    const fixable = (grp: Group) =>
      !grp.standard &&
      staysAlive(eff, g.get(grp.kind, grp.name)) &&
      grp.occurrences.some((o) => eff.kept(o.line));

    // Existing objects and names that stand for exactly one address (and stay).
    const wanted = new Set(groups.map((grp) => grp.raw.address));
    const addressOf = (a: string) => (a.includes(':') ? (classifyRaw(a)?.address ?? a) : a);
    const objectsByKey = new Map<string, string>();
    for (const o of config.objects.values()) {
      const v = o.value;
      if (o.type !== 'network' || !v || (v.type !== 'host' && v.type !== 'subnet')) continue;
      if (!wanted.has(addressOf(v.address))) continue;
      if (!staysAlive(eff, g.get('object', o.name)) || plan.dnsMismatch.has(`object:${o.name}`))
        continue;
      const raw =
        v.type === 'host'
          ? classifyRaw(v.address)
          : v.type === 'subnet'
            ? v.mask.startsWith('/')
              ? classifyRaw(`${v.address}${v.mask}`)
              : classifyRaw(v.address, v.mask)
            : undefined;
      if (raw && !objectsByKey.has(raw.key)) objectsByKey.set(raw.key, o.name);
    }
    // Names that stay, by address: never a replacement (a name is an alias of the address, the
    // same entry to the ASA), only said in the finding: the ASA shows the name for the address.
    const namesByAddress = new Map<string, string>();
    for (const n of config.names.values()) {
      if (!wanted.has(addressOf(n.address))) continue;
      if (!staysAlive(eff, g.get('name', n.name))) continue;
      const raw = classifyRaw(n.address);
      if (raw && !namesByAddress.has(raw.address)) namesByAddress.set(raw.address, n.name);
    }
    /** The name the ASA shows for the address (a name for a network goes with its mask). */
    const nameFor = (raw: RawAddress): string | undefined =>
      raw.host || raw.family === 4 ? namesByAddress.get(raw.address) : undefined;
    const shown = (name: string): string => {
      const r = plan.renames.get(name);
      return r ? `${name} (${r.to} once the name-trailing-dot fix renames it)` : name;
    };
    /** Why the address is not rewritten to its name (standard and extended access-lists alike). */
    const aliasNote = (alias: string): string =>
      `The address has the name ${shown(alias)}: a name is only an alias, the entry stores the address, and while \`names\` is enabled the ASA already shows the name in its place. Writing the name into the entry would change nothing (to the ASA, adding the entry with the name and removing the one with the address deletes the entry)`;

    // One suggestion per address, shared by every finding that holds it.
    const suggestions = new Map<string, Suggestion>();
    const needNew: RawAddress[] = [];
    const needNewKeys = new Set<string>();
    for (const grp of groups) {
      if (!fixable(grp) || suggestions.has(grp.raw.key)) continue;
      const raw = grp.raw;
      const obj = objectsByKey.get(raw.key);
      if (obj !== undefined)
        suggestions.set(raw.key, { name: obj, create: false, source: 'existing', raw });
      else if (!needNewKeys.has(raw.key)) {
        needNewKeys.add(raw.key);
        needNew.push(raw);
      }
    }
    let ptr = new Map<string, string | null>();
    const hosts = needNew.filter((r) => r.host).map((r) => r.address);
    if (ctx.dns && hosts.length > 0) ptr = await ctx.dns.reverse(hosts);
    const taken = (n: string) =>
      g.get('object', n) !== undefined || config.objects.has(n) || config.objectGroups.has(n);
    const chosen = new Set<string>();
    for (const raw of needNew) {
      const fromDns = raw.host ? ptr.get(raw.address) : undefined;
      let base = generatedName(raw);
      let source: 'dns' | 'generated' = 'generated';
      if (
        fromDns &&
        isDnsName(fromDns) &&
        fromDns.length <= 64 &&
        !taken(fromDns) &&
        !chosen.has(fromDns)
      ) {
        base = fromDns;
        source = 'dns';
      }
      let name = base;
      for (let i = 2; taken(name) || chosen.has(name); i++) name = `${base}-${i}`;
      chosen.add(name);
      suggestions.set(raw.key, { name, create: true, source, raw });
    }

    // Findings; each rewritten access-list line belongs to the first finding that holds it.
    const lineOwner = new Map<Line, Group>();
    const linesByAddress = new Map<string, readonly Line[]>();
    const reasons = new Map<string, string>();
    const findings: Finding[] = [];
    let seq = 0;
    for (const grp of groups) {
      const lines = [...new Set(grp.occurrences.map((o) => o.line))];
      const first = lines[0] as Line;
      const label = `${grp.kind} ${grp.name}`;
      const count = `${lines.length} ${grp.kind === 'access-list' ? 'entr' + (lines.length === 1 ? 'y' : 'ies') : 'member' + (lines.length === 1 ? '' : 's')}`;
      const notes: string[] = [];
      const fix: string[] = [];
      const s = suggestions.get(grp.raw.key);
      const def = g.get(grp.kind, grp.name);
      const alias = nameFor(grp.raw);
      if (grp.standard) {
        const standard =
          'A standard access-list accepts no objects (only `host ADDRESS`, `ADDRESS MASK` or a `name`), so there is no object to move it into.';
        notes.push(
          alias === undefined
            ? `${standard} A \`name\` documents the address: the entry keeps the address, and while \`names\` is enabled the ASA shows the name in its place.`
            : `${standard} ${aliasNote(alias)}, so there is no fix.`,
        );
      } else if (!staysAlive(eff, def)) {
        notes.push(
          `The ${grp.kind} is unused (or used only by what other fixes remove); removing it (see the unused finding) removes the address too, so no rewrite is proposed.`,
        );
      } else if (s) {
        if (alias !== undefined)
          notes.push(`${aliasNote(alias)}. The fix moves the address into an object instead.`);
        const creates: string[] = [];
        const created = new Set<string>();
        const create = (sg: Suggestion) => {
          if (!sg.create || created.has(sg.name)) return;
          created.add(sg.name);
          creates.push(...networkObjectCommands(sg.name, objectValue(sg.raw)));
        };
        const body: string[] = [];
        const gone = lines.filter((l) => !eff.kept(l));
        if (gone.length > 0) {
          notes.push(
            `Line(s) ${gone.map((l) => l.n).join(', ')} are removed by the fix of the undefined reference they hold, so they are not rewritten.`,
          );
        }
        if (grp.kind === 'access-list') {
          const acl = config.accessLists.get(grp.name);
          let shifted = 0;
          const laterRenamed = new Set<string>();
          for (const l of lines) {
            if (!eff.kept(l)) continue;
            const owner = lineOwner.get(l);
            if (owner) {
              body.push(
                comment(
                  `line ${l.n} is rewritten by the fix for ${owner.raw.key} in ${owner.kind} ${owner.name}`,
                ),
              );
              continue;
            }
            // The line may also use a name that name-trailing-dot renames. That fix does not
            // rewrite lines (it renames the alias), so this rewrite is the only one; its commands
            // name the names as they are now, which is why they come first in the fix script.
            for (const u of renamedUsesOn(ctx, plan, l)) laterRenamed.add(u.name);
            lineOwner.set(l, grp);
            const edits: WordEdit[] = [];
            for (const op of rawOperandsOfAce(l, aces.get(l))) {
              const sg = suggestions.get(op.raw.key);
              if (!sg) continue;
              create(sg);
              edits.push({ at: op.at, len: op.len, words: replacement(sg) });
            }
            body.push(...replaceLineCommands(ctx, l, applyEdits(l.tokens, edits)));
            if (acl) shifted = Math.max(shifted, removedBefore(ctx, acl, l));
          }
          if (laterRenamed.size > 0) {
            notes.push(
              `The entries also use name(s) ${[...laterRenamed].join(', ')}, which the name-trailing-dot fix renames; these commands write the names as they are now, so apply this fix before that one (the combined fix script does), and the entries then show the new names.`,
            );
          }
          if (shifted > 0) {
            notes.push(
              `The positions (\`line N\`) count the entries as they are once the undefined fixes, which come first in the fix script, have removed ${shifted} entr${shifted === 1 ? 'y' : 'ies'} above; applied on its own, add ${shifted}.`,
            );
          }
        } else {
          // network object-group members: one operand per line, edited inside the group's block
          const byBlock = new Map<Line, string[]>();
          for (const o of grp.occurrences) {
            const l = o.line;
            if (!eff.kept(l) || !l.parent) continue;
            create(s);
            const words = applyEdits(l.tokens, [
              { at: o.op.at, len: o.op.len, words: replacement(s) },
            ]);
            let cmds = byBlock.get(l.parent);
            if (!cmds) byBlock.set(l.parent, (cmds = []));
            cmds.push(words.join(' '), `no ${l.tokens.join(' ')}`);
          }
          for (const [header, cmds] of byBlock) for (const c of inBlock(header, cmds)) body.push(c);
        }
        if (body.some((c) => !c.startsWith('!'))) for (const c of creates) fix.push(c);
        for (const c of body) fix.push(c);
      }
      const what = grp.raw.host ? 'address' : 'network';
      const message =
        `${what} ${grp.raw.key} is written directly into ${label} (${count})` +
        (s && fix.length > 0 ? `; use ${describe(s)}` : '');
      // REASON and the fix sentence, once per kind of suggestion (see fixSentence)
      const key = `${s?.create}|${s?.source}|${grp.kind}|${fix.length > 0}`;
      let reason = reasons.get(key);
      if (reason === undefined) {
        reason = REASON + (s && fix.length > 0 ? fixSentence(s, grp.kind) : '');
        reasons.set(key, reason);
      }
      findings.push({
        rule: 'raw-address',
        severity: 'info',
        subject: { kind: grp.kind, name: grp.name },
        line: first.n,
        message,
        reason: notes.length === 0 ? reason : [reason, ...notes].join(' '),
        fix,
        ...ctx.crossReferences(linesOf(ctx, grp.raw, linesByAddress), [first.n], RAW_REFERENCES),
        address: grp.raw.key,
        order: FIX_ORDER.rawAddress + seq++,
      });
    }
    return findings;
  },
};
