// Builds the typed model (types.ts) and the reference graph from the parser's statements.
import type { Statement } from '../parse/engine.js';
import { NONE, type Line } from '../parse/lines.js';
import type { LegacyNat, ObjectNat, TwiceNat } from '../parse/nat.js';
import { parseText, type ParseResult } from '../parse/parser.js';
import { decodeConfig, readInput } from '../parse/input.js';
import { InputError } from '../parse/errors.js';
import { addImplicitUse, buildGraph, type Def, type RefGraph } from '../graph/graph.js';
import { ImplicitRef, PARENT_PREFIX } from '../parse/engine.js';
import { isIPv4 } from '../parse/ip.js';
import {
  type AccessList,
  Block,
  Config,
  CryptoMap,
  CryptoMapEntry,
  Header,
  Interface,
  interfaceChildren,
  NetObject,
  ObjectGroup,
} from './types.js';

function block(map: Map<string, Block>, name: string, line: Line, type?: string): Block {
  let b = map.get(name);
  if (!b) {
    b = { name, lines: [] };
    if (type !== undefined) b.type = type;
    map.set(name, b);
  }
  if (type !== undefined && b.type === undefined) b.type = type;
  b.lines.push(line);
  return b;
}

function cryptoEntry(
  maps: Map<string, CryptoMap>,
  map: string,
  seq: string,
  line: Line,
): CryptoMapEntry {
  let m = maps.get(map);
  if (!m) maps.set(map, (m = { name: map, entries: new Map(), bindings: [] }));
  let e = m.entries.get(seq);
  if (!e) {
    e = { map, seq, lines: [], peers: [], transformSets: [], proposals: [] };
    m.entries.set(seq, e);
  }
  e.lines.push(line);
  return e;
}

/** the member lines of an object-group block (its children but the description), exact size */
function members(line: Line): Line[] {
  const out: Line[] = [];
  for (const m of line.children) if (m.stmt?.id !== 'description') out.push(m);
  return out.slice();
}

function rest(line: Line, from: number): string {
  return line.tokens.slice(from).join(' ');
}

/** A model from already-parsed statements. */
export function buildModel(p: ParseResult): Config {
  const graph = buildGraph(p.statements);
  const header: Header = { lines: [] };
  for (const m of p.tree.meta) {
    if (m.kind === 'saved-header') {
      const t = m.raw.replace(/^:\s?/, '');
      const w = /^Written by (.*)$/.exec(t.trim());
      if (w) header.writtenBy = w[1] as string;
      if (t.trim()) header.lines.push(m.raw);
    }
  }
  const c: Config = {
    source: p.source,
    tree: p.tree,
    statements: p.statements,
    unknown: p.unknown,
    warnings: p.warnings,
    header,
    meta: p.tree.meta,
    interfaces: [],
    interfacesByNameif: new Map(),
    names: new Map(),
    objects: new Map(),
    objectGroups: new Map(),
    accessLists: new Map(),
    accessGroups: [],
    nat: [],
    routes: [],
    cryptoMaps: new Map(),
    dynamicMaps: new Map(),
    transformSets: new Map(),
    ipsecProposals: new Map(),
    ipsecProfiles: new Map(),
    ldapAttributeMaps: new Map(),
    trustpoints: new Map(),
    tunnelGroups: new Map(),
    groupPolicies: new Map(),
    classMaps: new Map(),
    policyMaps: new Map(),
    failover: { enabled: false, lines: [] },
    graph,
  };
  let currentIf: Interface | undefined;
  /** the `interface` line whose block is being read (an interface may have several) */
  let currentIfBlock: Line | undefined;
  const interfacesByHw = new Map<string, Interface>();
  let currentObj: NetObject | undefined;
  let currentGroup: ObjectGroup | undefined;

  for (const s of p.statements) {
    const line = s.line;
    // words only where a case needs them: most statements are access-list entries and object
    // members, fully described by their captures and data already
    let words: string[] | undefined;
    const t = (): string[] => (words ??= line.tokens);
    const cap = s.caps;
    switch (s.id) {
      case 'asa-version':
        header.version = rest(line, 2);
        header.platform = t()[0];
        break;
      case 'hostname':
        header.hostname = cap['hostname'];
        break;
      case 'name': {
        const name = cap['name'] as string;
        const d = t().indexOf('description');
        const entry = {
          name,
          address: cap['address'] as string,
          line,
          ...(d > 0 ? { description: rest(line, d + 1) } : {}),
        };
        if (c.names.has(name))
          c.warnings.push({
            line: line.n,
            message: `name ${name} defined again (first at line ${c.names.get(name)?.line.n})`,
          });
        c.names.set(name, entry);
        break;
      }
      case 'interface': {
        // a block opened again continues the interface (the ASA merges them)
        const hw = cap['hw'] as string;
        currentIf = interfacesByHw.get(hw);
        if (currentIf) currentIf.blocks.push(line);
        else {
          currentIf = { hw, ipv6: [], shutdown: false, line, blocks: [line] };
          interfacesByHw.set(hw, currentIf);
          c.interfaces.push(currentIf);
        }
        currentIfBlock = line;
        break;
      }
      case 'if-nameif':
        if (currentIf && line.parent === currentIfBlock) {
          const previous = currentIf.nameif;
          if (previous !== undefined && previous !== cap['nameif']) {
            // the later nameif replaces the earlier one on the ASA: the earlier name is gone
            // (what still refers to it refers to nothing)
            if (c.interfacesByNameif.get(previous) === currentIf) {
              c.interfacesByNameif.delete(previous);
              // another interface line that names it still defines it (the graph keeps its
              // definition): the name stays that interface's
              const other = c.interfaces.find((o) => o !== currentIf && o.nameif === previous);
              if (other) c.interfacesByNameif.set(previous, other);
            }
            for (const earlier of interfaceChildren(currentIf)) {
              if (earlier === line) break;
              if (earlier.stmt?.id === 'if-nameif' && earlier.caps['nameif'] === previous)
                graph.retract('interface', previous, earlier, line);
            }
            c.warnings.push({
              line: line.n,
              message: `interface ${currentIf.hw}: nameif ${cap['nameif']} replaces nameif ${previous}`,
            });
          }
          currentIf.nameif = cap['nameif'];
          c.interfacesByNameif.set(cap['nameif'] as string, currentIf);
        }
        break;
      case 'if-security-level':
        if (currentIf) currentIf.securityLevel = Number(cap['level']);
        break;
      case 'if-ip': {
        const [, , address, mask, standby, standbyAddress] = t();
        if (currentIf && address !== undefined && mask !== undefined && isIPv4(mask)) {
          currentIf.ipv4 = {
            address,
            mask,
            ...(standby === 'standby' && standbyAddress ? { standby: standbyAddress } : {}),
          };
        }
        break;
      }
      case 'if-ipv6': {
        const address = t()[2];
        if (currentIf && address !== undefined) currentIf.ipv6.push(address);
        break;
      }
      case 'if-vlan':
        if (currentIf) currentIf.vlan = Number(cap['vlan']);
        break;
      case 'if-channel-group':
        if (currentIf) currentIf.channelGroup = Number(cap['id']);
        break;
      case 'if-mac':
        if (currentIf) {
          currentIf.macAddress = { active: cap['mac'] as string };
          if (t()[2] === 'standby' && t()[3]) currentIf.macAddress.standby = t()[3];
        }
        break;
      case 'if-shutdown':
        if (currentIf) currentIf.shutdown = true;
        break;
      case 'description':
        if (currentIf && line.parent === currentIfBlock) currentIf.description = rest(line, 1);
        else if (currentObj && line.parent === currentObj.blocks[currentObj.blocks.length - 1])
          currentObj.description = rest(line, 1);
        else if (
          currentGroup &&
          line.parent === currentGroup.blocks[currentGroup.blocks.length - 1]
        )
          currentGroup.description = rest(line, 1);
        break;
      case 'object-network':
      case 'object-service':
      case 'object-other': {
        const name = cap['name'] as string;
        const type = cap['type'] ?? (s.defs[0]?.subtype as string);
        let o = c.objects.get(name);
        if (!o)
          c.objects.set(
            name,
            (o = {
              name,
              type,
              blocks: [line],
              nat: NONE,
              value: undefined,
              description: undefined,
            }),
          );
        else o.blocks.push(line);
        currentObj = o;
        break;
      }
      case 'obj-host':
      case 'obj-subnet':
      case 'obj-range':
      case 'obj-fqdn':
        if (currentObj) {
          const v =
            s.id === 'obj-host'
              ? { type: 'host' as const, address: cap['address'] as string }
              : s.id === 'obj-subnet'
                ? {
                    type: 'subnet' as const,
                    address: (t()[1] as string).split('/')[0] as string,
                    mask: t()[2] ?? `/${(t()[1] as string).split('/')[1] ?? ''}`,
                  }
                : s.id === 'obj-range'
                  ? { type: 'range' as const, first: t()[1] as string, last: t()[2] as string }
                  : t()[1] === 'v4' || t()[1] === 'v6'
                    ? { type: 'fqdn' as const, fqdn: t()[2] ?? '', family: t()[1] as 'v4' | 'v6' }
                    : { type: 'fqdn' as const, fqdn: t()[1] ?? '' };
          if (currentObj.value && JSON.stringify(currentObj.value) !== JSON.stringify(v)) {
            c.warnings.push({
              line: line.n,
              message: `object ${currentObj.name} defined again with a different value (${line.tokens.join(' ')})`,
            });
          }
          currentObj.value = v;
        }
        break;
      case 'obj-nat':
        if (currentObj) {
          // most objects have no NAT rule: they share one empty list until their first
          if (currentObj.nat === NONE) currentObj.nat = [];
          currentObj.nat.push({ line, nat: s.data as ObjectNat });
        }
        break;
      case 'og-network':
      case 'og-service':
      case 'og-protocol':
      case 'og-icmp':
      case 'og-user':
      case 'og-security':
      case 'og-other':
      case 'og-group-network':
      case 'og-group-service':
      case 'og-group-protocol':
      case 'og-group-icmp': {
        const name = cap['name'] as string;
        let g = c.objectGroups.get(name);
        if (!g) {
          g = {
            name,
            type: (t()[1] === 'group' ? t()[2] : t()[1]) as string,
            blocks: [line],
            members: members(line),
          };
          if (t()[1] === 'service' && t()[3] !== undefined) g.protocol = t()[3];
          c.objectGroups.set(name, g);
        } else {
          g.blocks.push(line);
          for (const m of members(line)) g.members.push(m);
        }
        currentGroup = g;
        break;
      }
      case 'acl-remark':
      case 'acl-extended':
      case 'acl-advanced':
      case 'acl-standard':
      case 'acl-ethertype':
      case 'acl-webtype':
      case 'acl-other': {
        const name = cap['acl'] as string;
        let acl: AccessList | undefined = c.accessLists.get(name);
        const type = s.id === 'acl-remark' ? 'remark-only' : s.id.slice(4);
        if (!acl) c.accessLists.set(name, (acl = { name, type, entries: [] }));
        else if (acl.type === 'remark-only') acl.type = type;
        acl.entries.push(s);
        break;
      }
      case 'access-group':
        c.accessGroups.push({
          acl: cap['acl'] as string,
          direction: cap['dir'] === 'out' ? 'out' : 'in',
          interface: cap['if'] as string,
          perUserOverride: t().includes('per-user-override'),
          line,
        });
        break;
      case 'access-group-global':
        c.accessGroups.push({
          acl: cap['acl'] as string,
          direction: 'global',
          perUserOverride: false,
          line,
        });
        break;
      case 'nat':
      case 'legacy-nat':
        c.nat.push({ line, nat: s.data as TwiceNat | LegacyNat });
        break;
      case 'route':
        c.routes.push({
          interface: cap['if'] as string,
          network: cap['net'] as string,
          mask: cap['mask'] as string,
          gateway: cap['gw'] as string,
          line,
        });
        break;
      case 'crypto-map-interface': {
        const name = cap['map'] as string;
        let m = c.cryptoMaps.get(name);
        if (!m) c.cryptoMaps.set(name, (m = { name, entries: new Map(), bindings: [] }));
        m.bindings.push({ interface: cap['if'] as string, line });
        break;
      }
      case 'crypto-map-match':
      case 'crypto-map-peer':
      case 'crypto-map-ts':
      case 'crypto-map-proposal':
      case 'crypto-map-trustpoint':
      case 'crypto-map-dynamic':
      case 'crypto-map-set': {
        const e = cryptoEntry(c.cryptoMaps, cap['map'] as string, cap['seq'] as string, line);
        if (s.id === 'crypto-map-match') e.matchAddress = cap['acl'];
        if (s.id === 'crypto-map-peer') e.peers.push(...((s.data as string[]) ?? []));
        if (s.id === 'crypto-map-ts') e.transformSets.push(...s.refs.map((r) => r.name));
        if (s.id === 'crypto-map-proposal') e.proposals.push(...s.refs.map((r) => r.name));
        if (s.id === 'crypto-map-trustpoint') e.trustpoint = cap['tp'];
        if (s.id === 'crypto-map-dynamic') e.dynamicMap = cap['dm'];
        break;
      }
      case 'dynamic-map-match':
      case 'dynamic-map-ts':
      case 'dynamic-map-proposal':
      case 'dynamic-map-set':
        block(c.dynamicMaps, cap['map'] as string, line);
        break;
      case 'transform-set':
        block(c.transformSets, cap['name'] as string, line);
        break;
      case 'ipsec-proposal':
        block(c.ipsecProposals, cap['name'] as string, line);
        break;
      case 'ipsec-profile':
        block(c.ipsecProfiles, cap['name'] as string, line);
        break;
      case 'ldap-attribute-map':
        block(c.ldapAttributeMaps, cap['name'] as string, line);
        break;
      case 'if-tunnel-source':
      case 'if-tunnel-destination':
      case 'if-tunnel-protection':
        if (currentIf && line.parent === currentIfBlock) {
          const tunnel = (currentIf.tunnel ??= {});
          if (s.id === 'if-tunnel-source') tunnel.source = cap['if'];
          else if (s.id === 'if-tunnel-protection') tunnel.profile = cap['p'];
          else tunnel.destination = t()[2];
        }
        break;
      case 'trustpoint':
      case 'certificate-chain': {
        const name = cap['name'] as string;
        let tp = c.trustpoints.get(name);
        if (!tp) c.trustpoints.set(name, (tp = { name, lines: [], certificates: [] }));
        tp.lines.push(line);
        break;
      }
      case 'certificate': {
        const chain = line.parent;
        const tpName = chain?.tokens[4];
        const tp = tpName !== undefined ? c.trustpoints.get(tpName) : undefined;
        if (tp) {
          const ca = t()[1] === 'ca';
          const serial = (ca ? t()[2] : t()[1]) ?? '';
          const hex = line.children
            .filter((h) => h.tokens[0] !== 'quit')
            .map((h) => h.tokens.join(''))
            .join('');
          tp.certificates.push({ trustpoint: tp.name, serial, ca, hex, line });
        }
        break;
      }
      case 'tunnel-group-type':
        block(c.tunnelGroups, cap['name'] as string, line, cap['type']);
        break;
      case 'tunnel-group-general':
      case 'tunnel-group-ipsec':
      case 'tunnel-group-webvpn':
      case 'tunnel-group-ppp':
      case 'tunnel-group-other':
        block(c.tunnelGroups, cap['name'] as string, line);
        break;
      case 'group-policy':
        block(c.groupPolicies, cap['name'] as string, line, t()[2]);
        break;
      case 'group-policy-attributes':
        block(c.groupPolicies, cap['name'] as string, line);
        break;
      case 'class-map':
        block(c.classMaps, cap['name'] as string, line);
        break;
      case 'policy-map':
      case 'policy-map-type':
        block(c.policyMaps, cap['name'] as string, line);
        break;
      case 'failover':
        c.failover.lines.push(line);
        if (t().length === 1) c.failover.enabled = true;
        break;
      case 'failover-lan-interface':
      case 'failover-link':
        c.failover.lines.push(line);
        break;
      default:
        break;
    }
  }
  for (const n of c.names.values()) {
    const o = c.objects.get(n.name) ?? c.objectGroups.get(n.name);
    if (o) {
      const kind = c.objects.has(n.name) ? `object ${o.type}` : `object-group ${o.type}`;
      c.warnings.push({
        line: o.blocks[0]?.n ?? n.line.n,
        message: `name ${n.name} (line ${n.line.n}) and ${kind} ${n.name} (line ${o.blocks[0]?.n}) share a name: \`host ${n.name}\` and \`object ${n.name}\` mean different things`,
      });
    }
  }
  addImplicitUses(c, graph);
  for (const conflict of graph.conflicts) {
    c.warnings.push({
      line: conflict.line.n,
      message: `${conflict.kind} ${conflict.first.name} reuses the name of ${conflict.first.kind} ${conflict.first.name} (line ${conflict.first.lines[0]?.n})`,
    });
  }
  return c;
}

/**
 * Uses that are not written as references but exist all the same:
 * - a crypto map peer, or a virtual tunnel interface's `tunnel destination` (an address or a
 *   `name` alias), selects the L2L tunnel-group named after that address;
 * - an LDAP attribute map whose `map-name` maps an LDAP attribute to `Group-Policy` (or, in
 *   older releases, `IETF-Radius-Class`) assigns the group-policy each `map-value` names last.
 */
function addImplicitUses(c: Config, g: RefGraph): void {
  const nameAddress = new Map<string, string>();
  for (const n of c.names.values()) nameAddress.set(n.name, n.address);
  const addressNames = new Map<string, string[]>();
  for (const n of c.names.values()) {
    const list = addressNames.get(n.address) ?? [];
    list.push(n.name);
    addressNames.set(n.address, list);
  }
  /** the tunnel-group names a peer written as `peer` can select: itself, its address, its aliases */
  const tunnelGroupsOf = (peer: string): Set<string> => {
    const candidates = new Set([peer]);
    const addr = nameAddress.get(peer);
    if (addr) candidates.add(addr);
    for (const alias of addressNames.get(peer) ?? []) candidates.add(alias);
    return candidates;
  };
  for (const m of c.cryptoMaps.values()) {
    const owner: Def | undefined = g.get('crypto-map', m.name);
    for (const e of m.entries.values()) {
      const peerLine = e.lines.find((l) => l.tokens[4] === 'set' && l.tokens[5] === 'peer');
      if (!peerLine) continue;
      for (const peer of e.peers) {
        const at = Math.max(6, peerLine.tokens.indexOf(peer));
        for (const name of tunnelGroupsOf(peer)) {
          addImplicitUse(
            g,
            new ImplicitRef('tunnel-group', name, at, peerLine, 'set peer', 4, owner),
          );
        }
      }
    }
  }
  for (const i of c.interfaces) {
    const destination = i.tunnel?.destination;
    if (destination === undefined) continue;
    for (const line of interfaceChildren(i)) {
      if (line.stmt?.id !== 'if-tunnel-destination' || line.tokens[2] !== destination) continue;
      for (const name of tunnelGroupsOf(destination)) {
        addImplicitUse(
          g,
          new ImplicitRef(
            'tunnel-group',
            name,
            2,
            line,
            'tunnel destination',
            PARENT_PREFIX,
            undefined,
          ),
        );
      }
    }
  }
  for (const [name, map] of c.ldapAttributeMaps) {
    // the map's uses live and die with it: an unused map leaves its group-policies unused too
    const owner: Def | undefined = g.get('ldap-attribute-map', name);
    const children = map.lines.flatMap((l) => l.children);
    // LDAP attribute names are case-insensitive; the ASA's own attribute names are matched so too
    const assigning = new Set(
      children
        .filter((l) => l.stmt?.id === 'ldap-map-name')
        .filter((l) => GROUP_POLICY_ATTRIBUTES.has((l.tokens[2] ?? '').toLowerCase()))
        .map((l) => (l.tokens[1] ?? '').toLowerCase()),
    );
    for (const l of children) {
      if (l.stmt?.id !== 'ldap-map-value' || !assigning.has((l.tokens[1] ?? '').toLowerCase()))
        continue;
      const at = l.tokens.length - 1;
      if (at < 3) continue;
      addImplicitUse(
        g,
        new ImplicitRef(
          'group-policy',
          l.tokens[at] as string,
          at,
          l,
          'map-value',
          PARENT_PREFIX,
          owner,
        ),
      );
    }
  }
}

/** the ASA attributes an LDAP attribute map can map to that name a group-policy */
const GROUP_POLICY_ATTRIBUTES: ReadonlySet<string> = new Set(['group-policy', 'ietf-radius-class']);

/** Reads, decodes, parses and models a configuration file (or standard input for `-`). */
export function loadConfigFile(file: string | undefined): Config {
  const { source, text } = readConfigText(file);
  return loadConfigText(text, source);
}

/**
 * The decoded text only: the file's bytes (as large as the text) become garbage when this returns,
 * while they are still young, instead of being held, and promoted, through the whole parse.
 */
function readConfigText(file: string | undefined): { source: string; text: string } {
  const { source, bytes } = readInput(file);
  return { source, text: decodeConfig(bytes, source).text };
}

export function loadConfigBytes(bytes: Buffer, source: string): Config {
  return loadConfigText(decodeConfig(bytes, source).text, source);
}

/** Parses configuration text. Throws InputError when the text is not an ASA configuration. */
export function loadConfigText(text: string, source: string): Config {
  const p = parseText(text, source);
  assertLooksLikeConfig(p);
  return buildModel(p);
}

/** Text with no recognised command at all is not a configuration (one clear error, exit 2). */
function assertLooksLikeConfig(p: ParseResult): void {
  if (p.statements.length > 0) return;
  if (p.tree.all.length === 0) {
    throw new InputError(p.source, 0, 'empty input: no configuration commands found');
  }
  const first = p.unknown[0];
  throw new InputError(
    p.source,
    first?.n ?? 0,
    `not an ASA configuration: no known command in ${p.tree.all.length} line(s) (first: "${(first?.raw ?? '').slice(0, 60)}")`,
  );
}

export type { Statement };
