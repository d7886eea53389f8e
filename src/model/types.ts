// The typed model of a configuration. Every structure keeps the lines it came from (1-based line
// numbers via Line.n), so every finding and every extract can point back at the config.
import type { Statement } from '../parse/engine.js';
import type { Line, LineTree, MetaLine } from '../parse/lines.js';
import { Ace } from '../parse/operands.js';
import type { LegacyNat, ObjectNat, TwiceNat } from '../parse/nat.js';
import type { Warning } from '../parse/parser.js';
import type { RefGraph } from '../graph/graph.js';

export interface Header {
  writtenBy?: string;
  hostname?: string;
  version?: string;
  /** the word before `Version`: `ASA`, or `NGFW` on Firepower Threat Defense */
  platform?: string;
  /** `: Saved` / `: Written by` / `ASA Version` lines as printed */
  lines: string[];
}

export interface InterfaceAddress {
  address: string;
  mask: string;
  standby?: string;
}

export interface Interface {
  /** hardware name, e.g. Port-channel1.101 */
  hw: string;
  nameif?: string;
  securityLevel?: number;
  ipv4?: InterfaceAddress;
  ipv6: string[];
  vlan?: number;
  channelGroup?: number;
  macAddress?: { active: string; standby?: string };
  description?: string;
  shutdown: boolean;
  /** a virtual tunnel interface's `tunnel source interface`, `tunnel destination`, IPsec profile */
  tunnel?: { source?: string; destination?: string; profile?: string };
  /** the first `interface HW` line */
  line: Line;
  /**
   * every `interface HW` block of this interface, in order, `line` first: a configuration may
   * open one again (a pasted change), and the ASA merges them into one interface
   */
  blocks: Line[];
}

/** The lines inside an interface's blocks, in order. */
export function interfaceChildren(i: Interface): Line[] {
  return i.blocks.length === 1 ? i.line.children : i.blocks.flatMap((b) => b.children);
}

export interface NameEntry {
  name: string;
  address: string;
  description?: string;
  line: Line;
}

export type NetworkValue =
  | { type: 'host'; address: string }
  | { type: 'subnet'; address: string; mask: string }
  | { type: 'range'; first: string; last: string }
  | { type: 'fqdn'; fqdn: string; family?: 'v4' | 'v6' };

export interface NetObject {
  name: string;
  type: string; // network | service | ...
  /** the `object ... NAME` lines (an object may be re-opened, e.g. for its NAT rule) */
  blocks: Line[];
  value?: NetworkValue;
  description?: string;
  nat: { line: Line; nat: ObjectNat }[];
}

export interface ObjectGroup {
  name: string;
  type: string; // network | service | protocol | icmp-type | user | security
  /** legacy service groups: `object-group service NAME tcp` */
  protocol?: string;
  blocks: Line[];
  description?: string;
  /** member lines (children), in order */
  members: Line[];
}

const REMARK = /^\s*(?:ipv6\s+)?access-list\s+\S+\s+(?:line\s+\S+\s+)?remark\s?(.*)$/i;

/**
 * The parsed entry of an access-list line (extended, advanced or standard); undefined for remarks
 * and for any other statement. Entries are their statements, not view objects over them:
 * hundreds of thousands of views cost 23 MB and say nothing new.
 */
export function aceOf(entry: Statement): Ace | undefined {
  const data = entry.data;
  return data instanceof Ace ? data : undefined;
}

/** the remark text, for `access-list NAME remark TEXT` (and `ipv6 access-list NAME remark TEXT`) */
export function remarkOf(entry: Statement): string | undefined {
  if (entry.id !== 'acl-remark') return undefined;
  return remarkText(entry.raw);
}

/** the text of a line the grammar matched as a remark (acl-remark) */
export function remarkText(raw: string): string {
  return (REMARK.exec(raw)?.[1] ?? '').trimEnd();
}

/**
 * N of a Firepower Threat Defense remark `rule-id N: ...` (the management center writes the
 * rule's name and policy as remarks before the rule's entries), else undefined
 */
export function ftdRuleIdOf(remark: string): string | undefined {
  return /^rule-id (\d+):/.exec(remark)?.[1];
}

export interface AccessList {
  name: string;
  type: string; // extended | advanced (FTD) | standard | ethertype | webtype | remark-only
  /** the access-list's lines, in order (see aceOf, remarkOf) */
  entries: Statement[];
  /**
   * A model of part of a configuration (an extract's, see extract/load.ts) may leave out the
   * entries of a global access-list that cannot concern the extract's interfaces: they are
   * counted, not parsed. Entries scoped (FTD `ifc`) to other interfaces, and unscoped entries.
   */
  notLoaded?: { scopedElsewhere: number; unscoped: number };
}

export interface AccessGroup {
  acl: string;
  direction: 'in' | 'out' | 'global';
  interface?: string;
  perUserOverride: boolean;
  line: Line;
}

export interface NatRule {
  line: Line;
  nat: TwiceNat | LegacyNat;
}

export interface Route {
  interface: string;
  network: string;
  mask: string;
  gateway: string;
  line: Line;
}

export interface CryptoMapEntry {
  map: string;
  seq: string;
  lines: Line[];
  matchAddress?: string;
  peers: string[];
  transformSets: string[];
  proposals: string[];
  dynamicMap?: string;
  trustpoint?: string;
}

export interface CryptoMap {
  name: string;
  entries: Map<string, CryptoMapEntry>;
  /** `crypto map NAME interface IF` */
  bindings: { interface: string; line: Line }[];
}

export interface Certificate {
  trustpoint: string;
  serial: string;
  ca: boolean;
  /** DER bytes as hex */
  hex: string;
  line: Line;
}

export interface Trustpoint {
  name: string;
  lines: Line[];
  certificates: Certificate[];
}

export interface Block {
  name: string;
  lines: Line[];
  type?: string;
}

export interface Failover {
  enabled: boolean;
  lines: Line[];
}

export interface Config {
  source: string;
  tree: LineTree;
  statements: Statement[];
  unknown: Line[];
  warnings: Warning[];
  header: Header;
  meta: MetaLine[];
  interfaces: Interface[];
  interfacesByNameif: Map<string, Interface>;
  names: Map<string, NameEntry>;
  objects: Map<string, NetObject>;
  objectGroups: Map<string, ObjectGroup>;
  accessLists: Map<string, AccessList>;
  accessGroups: AccessGroup[];
  nat: NatRule[];
  routes: Route[];
  cryptoMaps: Map<string, CryptoMap>;
  dynamicMaps: Map<string, Block>;
  transformSets: Map<string, Block>;
  ipsecProposals: Map<string, Block>;
  /** `crypto ipsec profile NAME` (route-based VPN) */
  ipsecProfiles: Map<string, Block>;
  /** `ldap attribute-map NAME` */
  ldapAttributeMaps: Map<string, Block>;
  trustpoints: Map<string, Trustpoint>;
  tunnelGroups: Map<string, Block>;
  groupPolicies: Map<string, Block>;
  classMaps: Map<string, Block>;
  policyMaps: Map<string, Block>;
  failover: Failover;
  graph: RefGraph;
}
