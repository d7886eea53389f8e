// Which definitions are alive: reachable from the configuration's live roots (top-level uses such
// as access-group, NAT, service-policy, crypto map bindings, and structures that are entry points
// by themselves: interfaces, users, remote-access tunnel-groups, ...). Definitions of the kinds
// that can be "unused" are dead when nothing alive uses them; a dead definition that is used only
// by dead ones is part of a chain and becomes unused once its users are removed.
import { postOrder } from './order.js';
import { isBuiltin, type Kind } from '../parse/kinds.js';
import type { Config } from '../model/types.js';
import { isIPAddress } from '../parse/ip.js';
import { byFirstLine, type Def, type RefGraph, type Use } from './graph.js';

/**
 * Kinds the `unused` rule reports: PRODUCT.md's list (CLI.md's subject kinds), and the IPsec
 * profiles of route-based VPN and LDAP attribute maps, which CLI.md allows as additions.
 */
export const UNUSABLE_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'access-list',
  'object',
  'object-group',
  'name',
  'tunnel-group',
  'group-policy',
  'class-map',
  'policy-map',
  'transform-set',
  'ipsec-proposal',
  'ipsec-profile',
  'crypto-map',
  'dynamic-map',
  'ldap-attribute-map',
]);

export interface Liveness {
  alive: Set<Def>;
  /** dead definitions nobody uses at all */
  unused: Def[];
  /** dead definitions whose only users are dead definitions (removing those makes them unused) */
  chained: Def[];
  /** for each dead definition: the dead definitions that use it */
  deadUsers: Map<Def, Def[]>;
}

/** A definition that is an entry point by itself (alive without being referenced). */
export function isRoot(def: Def, config: Config): boolean {
  if (!UNUSABLE_KINDS.has(def.kind)) return true;
  if (isBuiltin(def.kind, def.name)) return true;
  if (def.kind === 'tunnel-group') {
    // remote-access / webvpn tunnel-groups are selected by connecting clients, not by config;
    // so are L2L ones bound to a dynamic VTI's template (`virtual-template N`), by the spokes
    const group = config.tunnelGroups.get(def.name);
    if (group === undefined) return false;
    if (group.type !== undefined && group.type !== 'ipsec-l2l') return true;
    const has = (id: string) => group.lines.some((l) => l.children.some((c) => c.stmt?.id === id));
    if (has('tg-virtual-template')) return true;
    // An L2L tunnel-group whose name is not an address is selected by the identity a peer
    // presents: its certificate (OU, IKE identity) or, from a peer whose address is not known
    // in advance (a dynamic crypto map), its IKE identity. Neither is in the configuration.
    if (isIPAddress(def.name)) return false;
    return CERTIFICATE_AUTH.some(has) || acceptsDynamicPeers(config);
  }
  return false;
}

/** ipsec-attributes that authenticate the peer of an L2L tunnel-group by certificate */
const CERTIFICATE_AUTH = ['tg-ikev1-trustpoint', 'tg-trustpoint', 'tg-ikev2-remote-cert'];

const dynamicPeers = new WeakMap<Config, boolean>();

/** Is a crypto map with a dynamic-map entry bound to an interface? (once per configuration) */
function acceptsDynamicPeers(config: Config): boolean {
  let yes = dynamicPeers.get(config);
  if (yes === undefined) {
    yes = [...config.cryptoMaps.values()].some(
      (m) => m.bindings.length > 0 && [...m.entries.values()].some((e) => e.dynamicMap),
    );
    dynamicPeers.set(config, yes);
  }
  return yes;
}

export function computeLiveness(config: Config): Liveness {
  const g: RefGraph = config.graph;
  const alive = new Set<Def>();
  const queue: Def[] = [];
  const mark = (d: Def | undefined) => {
    if (d && !alive.has(d)) {
      alive.add(d);
      queue.push(d);
    }
  };
  for (const d of g.defs.values()) if (isRoot(d, config)) mark(d);
  g.forEachUse((u) => {
    if (!u.owner) mark(g.target(u));
  });
  while (queue.length > 0) {
    const d = queue.pop() as Def;
    for (const u of g.usesIn(d)) mark(g.target(u));
  }
  const unused: Def[] = [];
  const chained: Def[] = [];
  const deadUsers = new Map<Def, Def[]>();
  for (const d of g.defs.values()) {
    if (alive.has(d)) continue;
    const users = new Set<Def>();
    for (const u of g.usesOf(d.kind, d.name)) {
      if (u.owner && u.owner !== d) users.add(u.owner);
    }
    deadUsers.set(d, [...users]);
    if (users.size === 0) unused.push(d);
    else chained.push(d);
  }
  unused.sort(byFirstLine);
  chained.sort(byFirstLine);
  return { alive, unused, chained, deadUsers };
}

/**
 * Everything a set of starting uses reaches, transitively, following only uses written inside
 * the definitions reached (objects in groups, groups in groups, NAT mapped objects...).
 */
export function closure(
  g: RefGraph,
  start: Iterable<Use>,
  follow: (use: Use) => boolean = () => true,
): Set<Def> {
  const seen = new Set<Def>();
  const stack: Def[] = [];
  const visit = (u: Use) => {
    if (!follow(u)) return;
    const d = g.target(u);
    if (d && !seen.has(d)) {
      seen.add(d);
      stack.push(d);
    }
  };
  for (const u of start) visit(u);
  while (stack.length > 0) {
    const d = stack.pop() as Def;
    for (const u of g.usesIn(d)) visit(u);
  }
  return seen;
}

/**
 * Dead definitions in a safe removal order: every definition comes after all dead definitions
 * that use it (users are removed before what they use). Cycles are broken by line order.
 */
export function removalOrder(l: Liveness): Def[] {
  const dead = [...l.unused, ...l.chained];
  return postOrder(dead.sort(byFirstLine), (d) => l.deadUsers.get(d) ?? []);
}
