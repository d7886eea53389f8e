// THE grammar table: which ASA command defines which kind of structure, and which word positions
// reference which kinds. Adding a command is one entry here; the model, the reference graph,
// extract, audit and cross-references all read what these entries produce.
// Pattern syntax: see engine.ts. Order matters within a list: the first matching rule wins, so
// specific forms come before general ones.
import { PARENT_PREFIX, type Handler, type HandlerOutput, type RuleSpec } from './engine.js';
import type { Kind } from './kinds.js';
import { parseExtendedAce, parseNetworkObjectMember, parseStandardAce } from './operands.js';
import { parseLegacy, parseObjectNat, parseTopNat } from './nat.js';
import { isIPAddress, isIPv4 } from './ip.js';

/** the handlers whose result is an access-list entry (an Ace, see model/types.ts aceOf) */
export const ENTRY_HANDLERS: ReadonlySet<string> = new Set(['ace', 'standard-ace']);

/** Handlers for operand grammars a pattern cannot express (see operands.ts, nat.ts). */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  ace: parseExtendedAce,
  'standard-ace': parseStandardAce,
  netmember: parseNetworkObjectMember,
  'top-nat': parseTopNat,
  'object-nat': parseObjectNat,
  legacy: parseLegacy,
  // `name-server SERVER [SERVER...] [IFNAME]`: a server is an address or a `name` alias; a
  // trailing non-address word after at least one server is the interface
  'name-server': (tokens, start, out) => {
    for (let i = start; i < tokens.length; i++) {
      const w = tokens[i] as string;
      if (isIPAddress(w)) continue;
      if (i === tokens.length - 1 && i > start)
        out.ref('interface', w, i, 'dns server-group name-server interface');
      else out.ref('name', w, i, 'dns server-group name-server');
    }
    return undefined;
  },
  // `set peer A [B ...]`: addresses, or `name` aliases standing for them
  peers: (tokens, start, out, _ctx, stmt) => {
    const peers: string[] = [];
    for (let i = start; i < tokens.length; i++) {
      const w = tokens[i] as string;
      peers.push(w);
      aliasRef(
        out,
        w,
        i,
        `crypto map ${stmt.caps['map'] ?? ''} ${stmt.caps['seq'] ?? ''} set peer`,
      );
    }
    return peers;
  },
  // management access lines: `ssh|http|telnet ADDR MASK IFNAME`, `icmp permit ADDR MASK [type] IFNAME`
  'mgmt-if': (tokens, start, out) => {
    const first = tokens[start];
    const last = tokens[tokens.length - 1];
    // `ssh admin1 255.255.255.255 inside`: a `name` alias, then a mask
    const named =
      first !== undefined &&
      !isIPv4(first) &&
      !first.includes(':') &&
      isIPv4(tokens[start + 1] ?? '') &&
      tokens.length >= start + 3;
    if (named) out.ref('name', first, start, `${tokens[0]} management address`);
    const addressForm =
      first !== undefined &&
      (named ||
        isIPv4(first) ||
        first.includes(':') ||
        first === 'any' ||
        first === 'any4' ||
        first === 'any6' ||
        first === 'host');
    if (
      addressForm &&
      last !== undefined &&
      tokens.length >= start + 2 &&
      !isIPv4(last) &&
      !/^\d+$/.test(last)
    ) {
      out.ref('interface', last, tokens.length - 1, `${tokens[0]} management interface`);
    }
    return undefined;
  },
  // `dhcpd dns A [B] [interface IF]`: servers are addresses or `name` aliases
  'dns-servers': (tokens, start, out) => {
    for (let i = start; i < tokens.length && tokens[i] !== 'interface'; i++)
      aliasRef(out, tokens[i], i, 'dhcpd dns server');
    const at = tokens.indexOf('interface');
    if (at > 0 && tokens[at + 1] !== undefined)
      out.ref('interface', tokens[at + 1] as string, at + 1, 'dhcpd dns interface');
    return undefined;
  },
  // an address position that may hold a `name` alias instead (`logging host IF Machine01`)
  'address-words': (tokens, start, out) => {
    for (let i = start; i < tokens.length; i++) {
      const w = tokens[i] as string;
      if (isIPAddress(w) || w.includes('/')) continue;
      if (i > start) break; // options follow the address
      out.ref('name', w, i, `${tokens.slice(0, start).join(' ')} address`);
    }
    return undefined;
  },
  // `(ifname)` in `aaa-server G (inside) host ...`, `snmp-server host IF ...`
  'paren-if': (tokens, start, out) => {
    if (isParenIf(tokens[start]))
      out.ref('interface', (tokens[start] as string).slice(1, -1), start, `${tokens[0]} interface`);
    // `aaa-server G (inside) host SERVER`: the server may be a `name` alias
    const at = tokens.indexOf('host', start) + 1;
    if (at > start) aliasRef(out, tokens[at], at, `${tokens[0]} host`);
    return undefined;
  },
  // `tunnel destination PEER` on a virtual tunnel interface: an address or a `name` alias
  'tunnel-destination': (tokens, start, out) => {
    out.prefix(PARENT_PREFIX);
    aliasRef(out, tokens[start], start, 'tunnel destination');
    return undefined;
  },
  // `route IF DEST MASK GATEWAY ...`: the destination and the gateway may be `name` aliases
  'route-names': (tokens, start, out) => {
    for (const [at, role] of [
      [start - 3, 'route destination'],
      [start - 1, 'route gateway'],
    ] as const)
      aliasRef(out, tokens[at], at, role);
    return undefined;
  },
  // `ip address ADDR MASK [standby ADDR]` on an interface: either address may be a `name` alias
  'if-address': (tokens, start, out) => {
    out.prefix(PARENT_PREFIX);
    for (const at of [start, tokens.indexOf('standby', start) + 1]) {
      const w = tokens[at];
      if (at <= 0 || w === undefined || isIPAddress(w) || IF_ADDRESS_WORDS.has(w)) continue;
      out.ref('name', w, at, at === start ? 'ip address' : 'ip address standby');
    }
    return undefined;
  },
  // lines in a routing process: `distribute-list ACL in|out ...` (OSPF, EIGRP), `redistribute ...
  // route-map RM`, BGP `neighbor A distribute-list ACL in`, `neighbor A route-map RM out`
  'routing-refs': keywordRefs({ 'distribute-list': 'access-list', 'route-map': 'route-map' }),
  // `wccp SERVICE redirect-list ACL group-list ACL ...`
  wccp: keywordRefs({ 'redirect-list': 'access-list', 'group-list': 'access-list' }),
  // `match [not] request uri regex class NAME` (inspect class-maps and policy-maps): a regex
  // class-map; `match regex NAME` names a `regex`, which is not tracked
  'regex-class': (tokens, start, out) => {
    out.prefix(PARENT_PREFIX);
    for (let i = start; i + 2 < tokens.length; i++) {
      if (tokens[i] === 'regex' && tokens[i + 1] === 'class') {
        out.ref('class-map', tokens[i + 2] as string, i + 2, 'match regex class');
      }
    }
    return undefined;
  },
  // tunnel-group general-attributes: `address-pool [(ifname)] POOL...` and
  // `authentication-server-group [(ifname)] GROUP [LOCAL]`: per-interface forms of both
  'tg-pools': qualifiedRefs('ip-pool', true),
  'tg-aaa': qualifiedRefs('aaa-server', false),
  // `capture NAME [type T] access-list ACL interface IF ...`
  capture: keywordRefs({ 'access-list': 'access-list', interface: 'interface' }),
  // `dynamic-filter enable [interface IF] [classify-list ACL]`, `dynamic-filter drop blacklist
  // [interface IF] [action-classify-list ACL] ...`
  'dynamic-filter': keywordRefs({
    interface: 'interface',
    'classify-list': 'access-list',
    'action-classify-list': 'access-list',
  }),
  // SLA monitor `type echo protocol ipIcmpEcho TARGET interface IF`: the target may be a `name`
  'sla-echo': (tokens, start, out) => {
    out.prefix(PARENT_PREFIX);
    aliasRef(out, tokens[start], start, 'sla target');
    const at = tokens.indexOf('interface', start) + 1;
    if (at > start && tokens[at] !== undefined)
      out.ref('interface', tokens[at] as string, at, 'sla interface');
    return undefined;
  },
};

/** A word where an address stands: unless it is an address, a `name` alias standing for one. */
function aliasRef(out: HandlerOutput, w: string | undefined, at: number, role: string): void {
  if (w !== undefined && !isIPAddress(w)) out.ref('name', w, at, role);
}

/** words that follow `ip address` where no address is written */
const IF_ADDRESS_WORDS: ReadonlySet<string> = new Set(['dhcp', 'pppoe', 'setroute', 'standby']);

/**
 * A handler that reads the word after each of some keywords as a reference (the keywords may be
 * anywhere on the line, after options of their own). A keyword followed by another one, or by
 * `prefix`/`gateway` (prefix-list forms), names nothing by itself.
 */
function keywordRefs(refs: Readonly<Record<string, Kind>>): Handler {
  // a Map, not the object: a word such as `constructor` must not find Object's prototype
  const kinds = new Map(Object.entries(refs));
  return (tokens, _start, out) => {
    out.prefix(PARENT_PREFIX);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const kind = kinds.get(tokens[i] as string);
      const w = tokens[i + 1] as string;
      if (kind === undefined || kinds.has(w) || w === 'prefix' || w === 'gateway') continue;
      out.ref(kind, w, i + 1, tokens.slice(0, i + 1).join(' '));
    }
    return undefined;
  };
}

/** an interface qualifier `(ifname)` (`address-pool (inside) P`, `aaa-server G (inside) host`) */
export function isParenIf(w: string | undefined): boolean {
  return w !== undefined && w.length > 2 && w.startsWith('(') && w.endsWith(')');
}

/**
 * A handler for `KEYWORD [(ifname)] NAME...` inside a block: the optional interface qualifier,
 * then the first name (or every name, `many`) as references of `kind`. Contexts start with the
 * enclosing line (`tunnel-group RA general-attributes address-pool`).
 */
function qualifiedRefs(kind: Kind, many: boolean): Handler {
  return (tokens, start, out) => {
    out.prefix(PARENT_PREFIX);
    const keyword = tokens.slice(0, start).join(' ');
    let i = start;
    if (isParenIf(tokens[i])) {
      out.ref('interface', (tokens[i] as string).slice(1, -1), i, `${keyword} interface`);
      i++;
    }
    for (; i < tokens.length; i++) {
      out.ref(kind, tokens[i] as string, i, keyword);
      if (!many) break;
    }
    return undefined;
  };
}

const DESCRIPTION: RuleSpec = { id: 'description', p: 'description' };

const NETWORK_GROUP_CHILDREN: RuleSpec[] = [
  DESCRIPTION,
  { id: 'og-group-object', p: 'group-object {g:object-group}', subtype: 'network' },
  { id: 'og-network-object', p: 'network-object {@netmember}' },
];

const SERVICE_GROUP_CHILDREN: RuleSpec[] = [
  DESCRIPTION,
  { id: 'og-group-object', p: 'group-object {g:object-group}', subtype: 'service' },
  { id: 'og-service-object-ref', p: 'service-object object {o:object}', subtype: 'service' },
  { id: 'og-service-object', p: 'service-object' },
  { id: 'og-port-object', p: 'port-object' },
];

const SIMPLE_GROUP_CHILDREN = (subtype: string, member: string): RuleSpec[] => [
  DESCRIPTION,
  { id: 'og-group-object', p: 'group-object {g:object-group}', subtype },
  { id: 'og-member', p: member },
];

const CRYPTO_MAP_ENTRY = 'crypto map {=map:crypto-map} {seq}';
const ENTRY = [{ kind: 'crypto-map-entry' as const, name: '{map} {seq}' }];
const DYN_ENTRY = 'crypto dynamic-map {=map:dynamic-map} {seq}';

const TUNNEL_GROUP_GENERAL: RuleSpec[] = [
  { id: 'tg-default-group-policy', p: 'default-group-policy {gp:group-policy}' },
  { id: 'tg-address-pool', p: 'address-pool {@tg-pools}', replacesList: true },
  {
    id: 'tg-aaa',
    p: 'authentication-server-group|authorization-server-group|accounting-server-group {@tg-aaa}',
  },
  { id: 'tg-dhcp', p: 'dhcp-server' },
  { id: 'tg-other', p: '{x}' },
];

const TUNNEL_GROUP_IPSEC: RuleSpec[] = [
  { id: 'tg-ikev1-trustpoint', p: 'ikev1 trust-point {tp:trustpoint}' },
  { id: 'tg-trustpoint', p: 'trust-point {tp:trustpoint}' },
  { id: 'tg-ikev2-local-cert', p: 'ikev2 local-authentication certificate {tp:trustpoint}' },
  // the peer authenticates by certificate: a named L2L tunnel-group is selected by it (isRoot)
  { id: 'tg-ikev2-remote-cert', p: 'ikev2 remote-authentication certificate' },
  // dynamic VTI: spokes select this tunnel-group by their identity (see liveness isRoot)
  { id: 'tg-virtual-template', p: 'virtual-template {n}' },
  { id: 'tg-other', p: '{x}', children: 'any' },
];

const GROUP_POLICY_ATTRIBUTES: RuleSpec[] = [
  { id: 'gp-split-tunnel-acl', p: 'split-tunnel-network-list value {acl:access-list}' },
  { id: 'gp-vpn-filter', p: 'vpn-filter value {acl:access-list}' },
  { id: 'gp-ipv6-split-tunnel-acl', p: 'ipv6-split-tunnel-network-list value {acl:access-list}' },
  { id: 'gp-address-pools', p: 'address-pools value {pools:ip-pool...}', replacesList: true },
  {
    id: 'gp-address-pools',
    p: 'ipv6-address-pools value {pools:ip-pool...}',
    replacesList: true,
  },
  {
    id: 'gp-webvpn',
    p: 'webvpn',
    children: [
      { id: 'gp-webvpn-filter', p: 'filter value {acl:access-list}' },
      { id: 'gp-webvpn-other', p: '{x}', children: 'any' },
    ],
  },
  { id: 'gp-other', p: '{x}', children: 'any' },
];

const INTERFACE_CHILDREN: RuleSpec[] = [
  { id: 'if-nameif', p: 'nameif {=nameif:interface}' },
  { id: 'if-ip', p: 'ip address {@if-address}' },
  { id: 'if-ip', p: 'ip address' },
  { id: 'if-igmp-acl', p: 'igmp access-group {acl:access-list}' },
  { id: 'if-unnumbered', p: 'ip unnumbered {if:interface}' },
  { id: 'if-ipv6', p: 'ipv6 address' },
  { id: 'if-vlan', p: 'vlan {vlan}' },
  { id: 'if-channel-group', p: 'channel-group {id}' },
  { id: 'if-mac', p: 'mac-address {mac}' },
  { id: 'if-member', p: 'member-interface {hw:hw-interface}' },
  { id: 'if-policy-route', p: 'policy-route route-map {rm:route-map}' },
  { id: 'if-security-level', p: 'security-level {level}' },
  DESCRIPTION,
  { id: 'if-shutdown', p: 'shutdown' },
  { id: 'if-no', p: 'no' },
  { id: 'if-switchport', p: 'switchport' },
  // a virtual tunnel interface (route-based VPN): its IPsec profile, the interface whose address
  // it sources from, and the peer (an address or a `name` alias; the L2L tunnel-group named after
  // it is selected by it, see addImplicitUses in model/build.ts)
  { id: 'if-tunnel-protection', p: 'tunnel protection ipsec profile {p:ipsec-profile}' },
  { id: 'if-tunnel-source', p: 'tunnel source interface {if:interface}' },
  { id: 'if-tunnel-destination', p: 'tunnel destination {@tunnel-destination}' },
  { id: 'if-tunnel', p: 'tunnel' },
  // TrustSec on the link (`cts manual`, then `propagate sgt ...`, `policy static sgt ...`)
  { id: 'if-cts', p: 'cts', children: 'any' },
  {
    id: 'if-other',
    p: 'management-only|speed|duplex|lacp|mtu|ospf|ipv6|ip|pppoe|delay|flowcontrol|bridge-group|igmp|pim|nve-only|port-channel|authentication|zone-member|ddns|dhcp|dhcprelay|mfib|multicast|nameif|security-group|vrf|policy-route|load-interval',
  },
];

// A routing process's lines and its address-families' lines: the access-lists and route-maps
// they name wherever they name them (see routing-refs); everything else references nothing.
const ROUTING_LINE: RuleSpec = { id: 'router-line', p: '{x} {@routing-refs}', children: 'any' };
const ROUTER_CHILDREN: RuleSpec[] = [
  { id: 'router-af', p: 'address-family', children: [ROUTING_LINE] },
  ROUTING_LINE,
];

// An inspect policy-map's lines: `class NAME` (an inspect class-map), inline `match ...` lines
// that may name a regex class-map, `parameters` and the actions below them.
const INSPECT_POLICY_CHILDREN: RuleSpec[] = [
  { id: 'pmi-class', p: 'class {cm:class-map}', children: 'any' },
  { id: 'pmi-match', p: 'match {@regex-class}', children: 'any' },
  { id: 'pmi-other', p: '{x}', children: 'any' },
];
const INSPECT_CLASS_CHILDREN: RuleSpec[] = [
  { id: 'cm-match-regex', p: 'match {@regex-class}' },
  { id: 'cm-other', p: '{x}' },
];

const POLICY_MAP_CLASS: RuleSpec[] = [
  { id: 'pm-inspect-h323', p: 'inspect h323 h225|ras {map:policy-map}', exact: true },
  { id: 'pm-inspect-h323', p: 'inspect h323 h225|ras', exact: true },
  { id: 'pm-inspect-map', p: 'inspect {proto} {map:policy-map}', exact: true },
  { id: 'pm-inspect', p: 'inspect' },
  { id: 'pm-service-policy', p: 'service-policy {pm:policy-map}' },
  { id: 'pm-other', p: '{x}', children: 'any' },
];

export const GRAMMAR: RuleSpec[] = [
  // --- identity and meta -------------------------------------------------------------------
  // Firepower Threat Defense prints its LINA configuration with an `NGFW Version` line
  { id: 'asa-version', p: 'ASA|NGFW Version {version}' },
  { id: 'hostname', p: 'hostname {hostname}' },
  { id: 'exit', p: 'exit' },
  { id: 'end', p: 'end' },
  { id: 'clear', p: 'clear' },
  { id: 'configure', p: 'configure|config|conf' },
  { id: 'terminal', p: 'terminal' },
  { id: 'names', p: 'names', exact: true },
  { id: 'name', p: 'name {address} {=name:name}' },

  // --- interfaces ----------------------------------------------------------------------------
  { id: 'interface', p: 'interface {=hw:hw-interface}', children: INTERFACE_CHILDREN },

  // --- objects and groups --------------------------------------------------------------------
  {
    id: 'object-network',
    p: 'object network {=name:object}',
    subtype: 'network',
    children: [
      { id: 'obj-host', p: 'host {address}' },
      { id: 'obj-subnet', p: 'subnet {address}' },
      { id: 'obj-range', p: 'range {first} {last}' },
      { id: 'obj-fqdn', p: 'fqdn' },
      { id: 'obj-nat', p: 'nat {@object-nat}', root: true },
      DESCRIPTION,
    ],
  },
  {
    id: 'object-service',
    p: 'object service {=name:object}',
    subtype: 'service',
    children: [{ id: 'obj-service', p: 'service' }, DESCRIPTION],
  },
  { id: 'object-other', p: 'object {type} {=name:object}', children: 'any' },
  {
    id: 'og-network',
    p: 'object-group network {=name:object-group}',
    subtype: 'network',
    children: NETWORK_GROUP_CHILDREN,
  },
  {
    id: 'og-service',
    p: 'object-group service {=name:object-group}',
    subtype: 'service',
    children: SERVICE_GROUP_CHILDREN,
  },
  {
    id: 'og-protocol',
    p: 'object-group protocol {=name:object-group}',
    subtype: 'protocol',
    children: SIMPLE_GROUP_CHILDREN('protocol', 'protocol-object'),
  },
  {
    id: 'og-icmp',
    p: 'object-group icmp-type {=name:object-group}',
    subtype: 'icmp-type',
    children: SIMPLE_GROUP_CHILDREN('icmp-type', 'icmp-object'),
  },
  {
    id: 'og-user',
    p: 'object-group user {=name:object-group}',
    subtype: 'user',
    children: SIMPLE_GROUP_CHILDREN('user', 'user|user-group'),
  },
  {
    id: 'og-security',
    p: 'object-group security {=name:object-group}',
    subtype: 'security',
    children: SIMPLE_GROUP_CHILDREN('security', 'security-group'),
  },
  // `object-group group TYPE NAME` (a group of groups, as some tools write it)
  {
    id: 'og-group-network',
    p: 'object-group group network {=name:object-group}',
    subtype: 'network',
    children: NETWORK_GROUP_CHILDREN,
  },
  {
    id: 'og-group-service',
    p: 'object-group group service {=name:object-group}',
    subtype: 'service',
    children: SERVICE_GROUP_CHILDREN,
  },
  {
    id: 'og-group-protocol',
    p: 'object-group group protocol {=name:object-group}',
    subtype: 'protocol',
    children: SIMPLE_GROUP_CHILDREN('protocol', 'protocol-object'),
  },
  {
    id: 'og-group-icmp',
    p: 'object-group group icmp-type {=name:object-group}',
    subtype: 'icmp-type',
    children: SIMPLE_GROUP_CHILDREN('icmp-type', 'icmp-object'),
  },
  { id: 'og-other', p: 'object-group {type} {=name:object-group}', children: 'any' },

  // --- access lists --------------------------------------------------------------------------
  { id: 'acl-remark', p: 'access-list {=acl:access-list} remark' },
  { id: 'acl-extended', p: 'access-list {=acl:access-list} extended {action} {@ace}' },
  { id: 'acl-extended', p: 'access-list {=acl:access-list} line {pos} extended {action} {@ace}' },
  { id: 'acl-remark', p: 'access-list {=acl:access-list} line {pos} remark' },
  // FTD: entries the management center generates (`advanced permit|deny|trust`, `ifc` qualifiers,
  // `rule-id`, `event-log`); an extended entry with a few more operands
  { id: 'acl-advanced', p: 'access-list {=acl:access-list} advanced {action} {@ace}' },
  { id: 'acl-advanced', p: 'access-list {=acl:access-list} line {pos} advanced {action} {@ace}' },
  { id: 'acl-standard', p: 'access-list {=acl:access-list} standard {action} {@standard-ace}' },
  { id: 'acl-ethertype', p: 'access-list {=acl:access-list} ethertype' },
  { id: 'acl-webtype', p: 'access-list {=acl:access-list} webtype' },
  { id: 'acl-extended', p: 'access-list {=acl:access-list} {action} {@ace}' },
  { id: 'acl-other', p: 'access-list {=acl:access-list}' },
  // ASA before 9.0: IPv6 entries in access-lists of their own (9.0 merged them into `access-list`
  // ... `extended`), applied by the same `access-group`
  { id: 'acl-remark', p: 'ipv6 access-list {=acl:access-list} remark' },
  { id: 'acl-remark', p: 'ipv6 access-list {=acl:access-list} line {pos} remark' },
  { id: 'acl-extended', p: 'ipv6 access-list {=acl:access-list} line {pos} {action} {@ace}' },
  { id: 'acl-extended', p: 'ipv6 access-list {=acl:access-list} {action} {@ace}' },
  { id: 'acl-other', p: 'ipv6 access-list {=acl:access-list}' },
  {
    id: 'access-group-global',
    p: 'access-group {acl:access-list} global',
    exact: true,
    contexts: { acl: 'access-group global' },
  },
  {
    id: 'access-group',
    p: 'access-group {acl:access-list} {dir} interface {if:interface}',
    contexts: {
      acl: 'access-group {dir} interface {if}',
      if: 'access-group {acl} {dir} interface',
    },
  },

  // --- NAT -----------------------------------------------------------------------------------
  { id: 'nat', p: 'nat {@top-nat}' },
  { id: 'legacy-nat', p: 'global|static {@legacy}' },

  // --- routing -------------------------------------------------------------------------------
  { id: 'route', p: 'route {if:interface} {net} {mask} {gw} {@route-names}' },
  { id: 'ipv6-route', p: 'ipv6 route {if:interface}' },
  { id: 'router', p: 'router', children: ROUTER_CHILDREN },
  {
    id: 'route-map',
    p: 'route-map {=name:route-map}',
    children: [
      { id: 'rm-match-acl', p: 'match ip address {acls:access-list...}' },
      { id: 'rm-other', p: '{x}' },
    ],
  },
  { id: 'prefix-list', p: 'prefix-list' },

  // --- management access ---------------------------------------------------------------------
  { id: 'http-redirect', p: 'http redirect {if:interface}' },
  { id: 'ssh-mgmt', p: 'ssh {@mgmt-if}' },
  { id: 'http-mgmt', p: 'http {@mgmt-if}' },
  { id: 'telnet-mgmt', p: 'telnet {@mgmt-if}' },
  { id: 'icmp-mgmt', p: 'icmp permit|deny {@mgmt-if}' },
  { id: 'icmp', p: 'icmp' },
  { id: 'mtu', p: 'mtu {if:interface} {mtu}' },
  { id: 'monitor-interface', p: 'monitor-interface {if:interface}' },
  { id: 'same-security', p: 'same-security-traffic' },
  { id: 'arp', p: 'arp {if:interface} {address} {mac}' },
  { id: 'arp-other', p: 'arp' },
  { id: 'dhcpd-if', p: 'dhcpd address {range} {if:interface}' },
  { id: 'dhcpd-enable', p: 'dhcpd enable {if:interface}' },
  { id: 'dhcpd-dns', p: 'dhcpd dns {@dns-servers}' },
  { id: 'dhcpd', p: 'dhcpd' },
  { id: 'dhcprelay', p: 'dhcprelay' },
  { id: 'management-access', p: 'management-access {if:interface}' },
  { id: 'logging-host', p: 'logging host {if:interface} {@address-words}' },
  { id: 'logging', p: 'logging' },
  { id: 'snmp-host', p: 'snmp-server host {if:interface} {@address-words}' },
  { id: 'snmp', p: 'snmp-server' },
  { id: 'snmp-map', p: 'snmp-map', children: 'any' },
  { id: 'ntp-server', p: 'ntp server {@address-words}' },
  { id: 'ntp', p: 'ntp' },
  { id: 'tftp-server', p: 'tftp-server {if:interface} {@address-words}' },
  { id: 'wccp', p: 'wccp {@wccp}' },
  { id: 'capture', p: 'capture {name} {@capture}' },
  { id: 'capture', p: 'capture' },
  { id: 'dynamic-filter', p: 'dynamic-filter enable|drop {@dynamic-filter}' },
  {
    id: 'sla-monitor',
    p: 'sla monitor {n}',
    exact: true,
    children: [
      { id: 'sla-echo', p: 'type echo protocol ipIcmpEcho {@sla-echo}' },
      { id: 'sla-other', p: '{x}' },
    ],
  },
  {
    id: 'threat-shun-except',
    p: 'threat-detection scanning-threat shun except object-group {g:object-group}',
    subtype: 'network',
  },

  // --- DNS -----------------------------------------------------------------------------------
  { id: 'dns-lookup', p: 'dns domain-lookup {if:interface}' },
  {
    id: 'dns-server-group',
    p: 'dns server-group {=name:dns-server-group}',
    children: [
      { id: 'dns-name-server', p: 'name-server {@name-server}' },
      { id: 'dns-other', p: '{x}' },
    ],
  },
  {
    id: 'dns-group-map',
    p: 'dns-group-map',
    children: [{ id: 'dns-to-domain', p: 'dns-to-domain {g:dns-server-group}' }],
  },
  { id: 'dns-group', p: 'dns-group {g:dns-server-group}' },
  { id: 'dns', p: 'dns' },
  { id: 'domain-name', p: 'domain-name {domain}' },

  // --- AAA -----------------------------------------------------------------------------------
  { id: 'aaa-server-protocol', p: 'aaa-server {=name:aaa-server} protocol', children: 'any' },
  {
    id: 'aaa-server-host',
    p: 'aaa-server {name:aaa-server} {@paren-if}',
    children: [
      { id: 'aaa-ldap-attribute-map', p: 'ldap-attribute-map {map:ldap-attribute-map}' },
      { id: 'aaa-host-other', p: '{x}', children: 'any' },
    ],
    contexts: { name: 'aaa-server host' },
  },
  {
    id: 'aaa-match',
    p: 'aaa authentication|authorization|accounting match {acl:access-list} {if:interface} {server:aaa-server}',
  },
  {
    id: 'aaa-console',
    p: 'aaa authentication|authorization|accounting {what} console {servers:aaa-server...}',
  },
  { id: 'aaa', p: 'aaa', children: 'any' },
  {
    id: 'username-attributes',
    p: 'username {=name:username} attributes',
    children: [
      { id: 'user-group-policy', p: 'vpn-group-policy {gp:group-policy}' },
      { id: 'user-vpn-filter', p: 'vpn-filter value {acl:access-list}' },
      { id: 'user-other', p: '{x}', children: 'any' },
    ],
  },
  { id: 'username', p: 'username {=name:username}' },

  // --- time ranges ---------------------------------------------------------------------------
  {
    id: 'time-range',
    p: 'time-range {=name:time-range}',
    children: [
      { id: 'tr-absolute', p: 'absolute' },
      { id: 'tr-periodic', p: 'periodic' },
    ],
  },

  // --- VPN pools, policies, tunnel groups ------------------------------------------------------
  { id: 'ip-local-pool', p: 'ip local pool {=name:ip-pool}' },
  { id: 'ipv6-local-pool', p: 'ipv6 local pool {=name:ip-pool}' },
  { id: 'ip-verify', p: 'ip verify reverse-path interface {if:interface}' },
  { id: 'ip-other', p: 'ip|ipv6' },
  {
    id: 'group-policy-attributes',
    p: 'group-policy {=name:group-policy} attributes',
    children: GROUP_POLICY_ATTRIBUTES,
  },
  { id: 'group-policy', p: 'group-policy {=name:group-policy} internal|external' },
  { id: 'tunnel-group-type', p: 'tunnel-group {=name:tunnel-group} type {type}' },
  {
    id: 'tunnel-group-general',
    p: 'tunnel-group {=name:tunnel-group} general-attributes',
    children: TUNNEL_GROUP_GENERAL,
  },
  {
    id: 'tunnel-group-ipsec',
    p: 'tunnel-group {=name:tunnel-group} ipsec-attributes',
    children: TUNNEL_GROUP_IPSEC,
  },
  {
    id: 'tunnel-group-webvpn',
    p: 'tunnel-group {=name:tunnel-group} webvpn-attributes',
    children: 'any',
  },
  {
    id: 'tunnel-group-ppp',
    p: 'tunnel-group {=name:tunnel-group} ppp-attributes',
    children: 'any',
  },
  { id: 'tunnel-group-other', p: 'tunnel-group {=name:tunnel-group}', children: 'any' },
  { id: 'tunnel-group-list', p: 'tunnel-group-list' },
  // `tunnel-group-map default-group TG`, `tunnel-group-map CERTMAP PRIORITY TG`: a certificate
  // map selects the tunnel-group (an L2L one too, without an address)
  { id: 'tunnel-group-map', p: 'tunnel-group-map enable' },
  { id: 'tunnel-group-map', p: 'tunnel-group-map default-group {tg:tunnel-group}' },
  { id: 'tunnel-group-map', p: 'tunnel-group-map {map} {prio} {tg:tunnel-group}' },
  { id: 'tunnel-group-map', p: 'tunnel-group-map', children: 'any' },
  { id: 'webvpn', p: 'webvpn', children: 'any' },
  { id: 'anyconnect', p: 'anyconnect|anyconnect-custom-data|vpn-sessiondb|vpn' },

  // --- crypto ----------------------------------------------------------------------------------
  { id: 'transform-set', p: 'crypto ipsec ikev1 transform-set {=name:transform-set}' },
  { id: 'transform-set', p: 'crypto ipsec transform-set {=name:transform-set}' },
  {
    id: 'ipsec-proposal',
    p: 'crypto ipsec ikev2 ipsec-proposal {=name:ipsec-proposal}',
    children: 'any',
  },
  {
    id: 'ipsec-profile',
    p: 'crypto ipsec profile {=name:ipsec-profile}',
    children: [
      {
        id: 'ipsec-profile-ts',
        p: 'set ikev1 transform-set {ts:transform-set...}',
        replacesList: true,
      },
      {
        id: 'ipsec-profile-proposal',
        p: 'set ikev2 ipsec-proposal {p:ipsec-proposal...}',
        replacesList: true,
      },
      { id: 'ipsec-profile-trustpoint', p: 'set trustpoint {tp:trustpoint}' },
      { id: 'ipsec-profile-other', p: '{x}' },
    ],
  },
  { id: 'crypto-ipsec', p: 'crypto ipsec' },
  {
    id: 'crypto-map-interface',
    p: 'crypto map {map:crypto-map} interface {if:interface}',
    contexts: { map: 'crypto map interface {if}' },
  },
  {
    id: 'crypto-map-match',
    p: `${CRYPTO_MAP_ENTRY} match address {acl:access-list}`,
    alsoDefines: ENTRY,
  },
  {
    id: 'crypto-map-peer',
    p: `${CRYPTO_MAP_ENTRY} set peer {@peers}`,
    alsoDefines: ENTRY,
    replacesList: true,
  },
  {
    id: 'crypto-map-ts',
    p: `${CRYPTO_MAP_ENTRY} set ikev1 transform-set {ts:transform-set...}`,
    alsoDefines: ENTRY,
    replacesList: true,
  },
  {
    id: 'crypto-map-ts',
    p: `${CRYPTO_MAP_ENTRY} set transform-set {ts:transform-set...}`,
    alsoDefines: ENTRY,
    replacesList: true,
  },
  {
    id: 'crypto-map-proposal',
    p: `${CRYPTO_MAP_ENTRY} set ikev2 ipsec-proposal {p:ipsec-proposal...}`,
    alsoDefines: ENTRY,
    replacesList: true,
  },
  {
    id: 'crypto-map-trustpoint',
    p: `${CRYPTO_MAP_ENTRY} set trustpoint {tp:trustpoint}`,
    alsoDefines: ENTRY,
  },
  {
    id: 'crypto-map-dynamic',
    p: `${CRYPTO_MAP_ENTRY} ipsec-isakmp dynamic {dm:dynamic-map}`,
    alsoDefines: ENTRY,
  },
  { id: 'crypto-map-set', p: `${CRYPTO_MAP_ENTRY}`, alsoDefines: ENTRY },
  { id: 'dynamic-map-match', p: `${DYN_ENTRY} match address {acl:access-list}` },
  {
    id: 'dynamic-map-ts',
    p: `${DYN_ENTRY} set ikev1 transform-set {ts:transform-set...}`,
    replacesList: true,
  },
  {
    id: 'dynamic-map-ts',
    p: `${DYN_ENTRY} set transform-set {ts:transform-set...}`,
    replacesList: true,
  },
  {
    id: 'dynamic-map-proposal',
    p: `${DYN_ENTRY} set ikev2 ipsec-proposal {p:ipsec-proposal...}`,
    replacesList: true,
  },
  { id: 'dynamic-map-set', p: `${DYN_ENTRY}` },
  { id: 'trustpoint', p: 'crypto ca trustpoint {=name:trustpoint}', children: 'any' },
  {
    id: 'certificate-chain',
    p: 'crypto ca certificate chain {=name:trustpoint}',
    children: [{ id: 'certificate', p: 'certificate', children: 'any' }],
  },
  { id: 'crypto-ca-other', p: 'crypto ca', children: 'any' },
  { id: 'ikev2-ra-trustpoint', p: 'crypto ikev2 remote-access trustpoint {tp:trustpoint}' },
  { id: 'ikev1-policy', p: 'crypto ikev1 policy {=prio:ikev1-policy}', children: 'any' },
  { id: 'ikev2-policy', p: 'crypto ikev2 policy {=prio:ikev2-policy}', children: 'any' },
  { id: 'crypto-ike-enable', p: 'crypto ikev1|ikev2|isakmp enable {if:interface}' },
  { id: 'crypto-isakmp-policy', p: 'crypto isakmp policy', children: 'any' },
  { id: 'crypto-other', p: 'crypto', children: 'any' },
  { id: 'isakmp', p: 'isakmp' },
  { id: 'ssl-trustpoint', p: 'ssl trust-point {tp:trustpoint}' },
  { id: 'ssl', p: 'ssl' },

  // --- modular policy framework ----------------------------------------------------------------
  // `class-map type inspect PROTO [match-all|match-any] NAME`, `class-map type regex match-any
  // NAME`, `class-map type management NAME`: the name is the word after the type's own words
  {
    id: 'class-map',
    p: 'class-map type inspect {proto} match-all|match-any {=name:class-map}',
    children: INSPECT_CLASS_CHILDREN,
  },
  {
    id: 'class-map',
    p: 'class-map type inspect {proto} {=name:class-map}',
    children: INSPECT_CLASS_CHILDREN,
  },
  {
    id: 'class-map',
    p: 'class-map type {type} match-all|match-any {=name:class-map}',
    children: INSPECT_CLASS_CHILDREN,
  },
  {
    id: 'class-map',
    p: 'class-map type {type} {=name:class-map}',
    children: INSPECT_CLASS_CHILDREN,
  },
  {
    id: 'class-map',
    p: 'class-map {=name:class-map}',
    children: [
      { id: 'cm-match-acl', p: 'match access-list {acl:access-list}' },
      { id: 'cm-other', p: '{x}' },
    ],
  },
  {
    id: 'policy-map-type',
    p: 'policy-map type inspect {proto} {=name:policy-map}',
    children: INSPECT_POLICY_CHILDREN,
  },
  { id: 'policy-map-type', p: 'policy-map type {type} {=name:policy-map}', children: 'any' },
  {
    id: 'policy-map',
    p: 'policy-map {=name:policy-map}',
    children: [
      { id: 'pm-class', p: 'class {cm:class-map}', children: POLICY_MAP_CLASS },
      { id: 'pm-parameters', p: 'parameters', children: 'any' },
      DESCRIPTION,
    ],
  },
  {
    id: 'service-policy',
    p: 'service-policy {pm:policy-map} global',
    exact: true,
    contexts: { pm: 'service-policy global' },
  },
  {
    id: 'service-policy-if',
    p: 'service-policy {pm:policy-map} interface {if:interface}',
    contexts: { pm: 'service-policy interface {if}' },
  },

  // --- failover ------------------------------------------------------------------------------
  { id: 'failover-lan-interface', p: 'failover lan interface {name} {hw:hw-interface}' },
  { id: 'failover-link', p: 'failover link {name} {hw:hw-interface}' },
  { id: 'failover', p: 'failover' },
  { id: 'no-failover', p: 'no failover' },

  // --- dynamic access policies ------------------------------------------------------------------
  {
    id: 'dap-record',
    p: 'dynamic-access-policy-record {name}',
    children: [
      { id: 'dap-acl', p: 'network-acl|webtype-acl {acl:access-list}' },
      { id: 'dap-other', p: '{x}', children: 'any' },
    ],
  },

  // --- LDAP attribute maps -------------------------------------------------------------------
  // `map-name LDAP-ATTR CISCO-ATTR`, `map-value LDAP-ATTR LDAP-VALUE CISCO-VALUE`: where the Cisco
  // attribute is Group-Policy, the value names a group-policy (see addImplicitUses in build.ts)
  {
    id: 'ldap-attribute-map',
    p: 'ldap attribute-map {=name:ldap-attribute-map}',
    children: [
      { id: 'ldap-map-name', p: 'map-name {ldap} {cisco}' },
      { id: 'ldap-map-value', p: 'map-value {ldap}' },
      { id: 'ldap-map-other', p: '{x}' },
    ],
  },

  // --- everything known that references nothing -------------------------------------------------
  {
    id: 'known',
    p: 'enable|passwd|password|domain-name|boot|ftp|clock|pager|mac-address|asdm|timeout|user-identity|sysopt|threat-detection|service|prompt|console|banner|license|call-home|firewall|xlate|tls-proxy|phone-proxy|mgcp|http|ssh|telnet|no|priority-queue|jumbo-frame|resource|context|admin-context|mode|config-url|allocate-interface|dynamic-access-policy-record|ldap|ca|eou|h323|sla|track|wccp|flow-export|nat-assigned-to-public-ip|virtual|auth-prompt|scansafe|object-group-search|forward-reference|as-path|community-list|zone|cluster|bfd|multicast-routing|igmp|pim|ipsec|vpdn|vpnclient|url-server|filter|fragment|coredump|checkheaps|quota|archive|smart-licensing|tftp-server|dynamic-filter|crashinfo|dhcp|group-delimiter|hpm|password-policy|key|vpn-addr-assign|access-list-commit|ddns|webvpn-sso|inspect|regex|rest-api|app-agent|cts|failover-group|nve|tcp-map|quit|command-alias|fixup|established|alias|privilege|pdm|floodguard|isakmp|url-block|url-cache|gtp-map|dns-guard|service-module|cpu|fips|kernel|memory|ipsec-udp|sunrpc-server|setroute|client-update|web-update|auto-update|dhcpd|dynamic-access-policy-config|cache|smtp-server|pop3s|imap4s|mail-proxy|ngips|snort|flow-offload|aaa-server|login|switch|strong-encryption-disable',
    children: 'any',
  },
];
