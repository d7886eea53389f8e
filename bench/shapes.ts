// Configurations of one odd shape each, at any size: one name used everywhere, one address in
// every access-list, nesting as deep as the input is long, thousands of entries of one crypto
// map... The growth benchmark's generator (generate.ts) makes realistic configurations; these
// make the ones where a quadratic step or a recursion hides (bench/stress.ts runs them).

/** A configuration of `n` repetitions of one shape (about `n` lines or more). */
export type Shape = (n: number) => string;

const HEADER = [
  'hostname stress',
  'interface GigabitEthernet0/0',
  ' nameif outside',
  ' security-level 0',
  ' ip address 192.0.2.1 255.255.255.0',
  'interface GigabitEthernet0/1',
  ' nameif inside',
  ' security-level 100',
  ' ip address 10.255.255.1 255.255.255.0',
];

/** the i-th address of 10.0.0.0/8 */
const ip = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

const lines = (n: number, line: (i: number) => string | string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = line(i);
    if (typeof l === 'string') out.push(l);
    else out.push(...l);
  }
  return out;
};

const applied = (acls: number): string[] =>
  lines(acls, (i) => `access-group A${i} in interface outside`);

/** `n` groups, each holding the next (the last a host), used from an access-list or not */
const chain = (n: number, used: boolean): string[] => [
  ...lines(n, (i) => [
    `object-group network G${i}`,
    i + 1 < n ? ` group-object G${i + 1}` : ' network-object host 10.0.0.1',
  ]),
  ...(used
    ? ['access-list A0 extended permit ip object-group G0 any', ...applied(1)]
    : ['access-list A0 extended permit ip any any', ...applied(1)]),
];

export const SHAPES: Record<string, Shape> = {
  /** one undefined object-group used by every entry of 50 access-lists */
  'undefined-everywhere': (n) =>
    [
      ...lines(
        n,
        (i) =>
          `access-list A${i % 50} extended permit tcp object-group MISSING any eq ${1 + (i % 65535)}`,
      ),
      ...applied(50),
    ].join('\n'),
  /** one raw address in two entries of each of n/2 access-lists */
  'raw-shared': (n) =>
    [
      ...lines(
        n,
        (i) =>
          `access-list A${i >> 1} extended permit ${i & 1 ? 'tcp' : 'udp'} any host 10.0.0.53 eq domain`,
      ),
      ...applied(n >> 1),
    ].join('\n'),
  /** a different raw address in every entry of one access-list */
  'raw-distinct': (n) =>
    [...lines(n, (i) => `access-list A0 extended permit ip host ${ip(i)} any`), ...applied(1)].join(
      '\n',
    ),
  /** one raw address in each of n groups, every group used */
  'raw-in-groups': (n) =>
    [
      ...lines(n, (i) => [`object-group network G${i}`, ' network-object host 10.0.0.1']),
      ...lines(n, (i) => `access-list A0 extended permit ip object-group G${i} any`),
      ...applied(1),
    ].join('\n'),
  /** one raw address in every entry of one access-list (one finding, a fix of 2n commands) */
  'raw-one-acl': (n) =>
    [
      ...lines(
        n,
        (i) => `access-list A0 extended permit tcp any host 10.0.0.53 eq ${1 + (i % 65535)}`,
      ),
      ...applied(1),
    ].join('\n'),
  /** one group of n members, used */
  'wide-group': (n) =>
    [
      'object-group network W',
      ...lines(n, (i) => ` network-object host ${ip(i)}`),
      'access-list A0 extended permit ip object-group W any',
      ...applied(1),
    ].join('\n'),
  /** one name without a trailing dot, used by n entries (name-trailing-dot rewrites them all) */
  'name-everywhere': (n) =>
    [
      'name 10.0.0.53 resolver',
      ...lines(
        n,
        (i) => `access-list A0 extended permit udp any host resolver eq ${1 + (i % 65535)}`,
      ),
      ...applied(1),
    ].join('\n'),
  /** one access-list of n entries, applied nowhere */
  'unused-acl': (n) =>
    lines(n, (i) => `access-list BIG extended permit tcp any host ${ip(i)} eq 80`).join('\n'),
  /** n groups nested in a chain that nothing uses */
  'unused-chain': (n) => chain(n, false).join('\n'),
  /** n groups nested in a chain that an access-list uses */
  'nested-used': (n) => chain(n, true).join('\n'),
  /** n names, each used once */
  names: (n) =>
    [
      ...lines(n, (i) => `name ${ip(i)} n${i}`),
      ...lines(n, (i) => `access-list A0 extended permit ip host n${i} any`),
      ...applied(1),
    ].join('\n'),
  /** n incomplete entries of one crypto map */
  'crypto-entries': (n) =>
    [
      ...lines(n, (i) => `crypto map CM ${i + 1} match address nope`),
      'crypto map CM interface outside',
    ].join('\n'),
  /** n L2L tunnel-groups naming an undefined group-policy each */
  'tunnel-groups': (n) =>
    lines(n, (i) => {
      const peer = `198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      return [
        `tunnel-group ${peer} type ipsec-l2l`,
        `tunnel-group ${peer} general-attributes`,
        ` default-group-policy GP${i}`,
      ];
    }).join('\n'),
  /** n objects with object NAT */
  'object-nat': (n) =>
    lines(n, (i) => [
      `object network o${i}`,
      ` host ${ip(i)}`,
      ` nat (inside,outside) static 192.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    ]).join('\n'),
  /** n applied access-lists of one entry */
  'many-acls': (n) =>
    lines(n, (i) => [
      `access-list A${i} extended permit ip any any`,
      `access-group A${i} in interface outside`,
    ]).join('\n'),
  /** n service groups, each used by one entry */
  'service-groups': (n) =>
    [
      ...lines(n, (i) => [`object-group service S${i} tcp`, ` port-object eq ${1 + (i % 65535)}`]),
      ...lines(n, (i) => `access-list A0 extended permit tcp any any object-group S${i}`),
      ...applied(1),
    ].join('\n'),
};

/** The configuration text of a shape at size n. */
export function shapeConfig(shape: Shape, n: number): string {
  return [...HEADER, shape(n), ''].join('\n');
}
