// The kinds of named structures asakit knows, and the names the ASA defines by itself.

export type Kind =
  | 'access-list'
  | 'object'
  | 'object-group'
  | 'name'
  | 'interface'
  | 'hw-interface'
  | 'tunnel-group'
  | 'group-policy'
  | 'class-map'
  | 'policy-map'
  | 'transform-set'
  | 'ipsec-proposal'
  | 'ipsec-profile'
  | 'ldap-attribute-map'
  | 'crypto-map'
  | 'crypto-map-entry'
  | 'dynamic-map'
  | 'trustpoint'
  | 'time-range'
  | 'aaa-server'
  | 'dns-server-group'
  | 'ip-pool'
  | 'username'
  | 'route-map'
  | 'ikev1-policy'
  | 'ikev2-policy';

/**
 * Kinds that share one namespace on the ASA: an `object` and an `object-group` can never carry
 * the same name, and NAT accepts either where it expects "an object".
 */
export function namespaceOf(kind: Kind): string {
  return kind === 'object-group' ? 'object' : kind;
}

/** Structures the ASA defines itself: never undefined, never reported unused. */
export const BUILTINS: ReadonlyMap<Kind, ReadonlySet<string>> = new Map<Kind, Set<string>>([
  ['group-policy', new Set(['DfltGrpPolicy'])],
  ['tunnel-group', new Set(['DefaultL2LGroup', 'DefaultRAGroup', 'DefaultWEBVPNGroup'])],
  ['class-map', new Set(['inspection_default', 'class-default'])],
  [
    'policy-map',
    new Set(['global_policy', 'preset_dns_map', '_default_h323_map', '_default_esmtp_map']),
  ],
  ['dns-server-group', new Set(['DefaultDNS'])],
  ['aaa-server', new Set(['LOCAL'])],
  ['trustpoint', new Set(['_SmartCallHome_ServerCA', '_SmartCallHome_ServerCA2'])],
  // `service-object object icmp`: protocol names resolve to the ASA's built-in services
  ['object', new Set(['icmp', 'icmp6', 'tcp', 'udp', 'tcp-udp', 'ip', 'sctp', 'gre', 'esp', 'ah'])],
]);

export function isBuiltin(kind: Kind, name: string): boolean {
  return BUILTINS.get(kind)?.has(name) ?? false;
}

/** Words that stand where an address or object could, but are keywords, never names. */
export const ADDRESS_KEYWORDS: ReadonlySet<string> = new Set([
  'any',
  'any4',
  'any6',
  'interface',
  'host',
]);
