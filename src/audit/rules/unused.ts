// unused: defined, never referenced — and the chains that become unused once their unused users
// are removed. Fixes remove users before what they use.
import { UNUSABLE_KINDS, removalOrder } from '../../graph/liveness.js';
import { removeCommands } from '../commands.js';
import { isIPAddress } from '../../parse/ip.js';
import type { AuditRule, Finding } from '../types.js';

const REASONS: Record<string, string> = {
  'access-list':
    'No access-group, crypto map, class-map, group-policy, route-map or NAT rule applies this access-list, so it filters nothing; it only makes the configuration harder to read and review.',
  object:
    'No access-list, object-group or NAT rule references this object, so it has no effect; stale objects keep addresses of hosts that may have been reassigned.',
  'object-group':
    'No access-list, object-group or NAT rule references this group, so it has no effect; stale groups keep addresses of hosts that may have been reassigned.',
  name: 'No command uses this name, so it has no effect; it keeps an address that may have been reassigned long ago.',
  'tunnel-group':
    "This site-to-site tunnel-group is selected by the address of its peer (a crypto map `set peer`, or a tunnel interface's `tunnel destination`), but nothing names this peer (neither by address nor by name): no tunnel can use it, yet it keeps a pre-shared key or certificate settings.",
  'group-policy':
    'No tunnel-group, user or LDAP attribute map (`map-value` to Group-Policy) refers to this group-policy, so no VPN session receives it from this configuration. A RADIUS server can still assign it by name (the Class attribute): check the AAA server before removing it.',
  'class-map': 'No policy-map uses this class-map, so it matches traffic for nothing.',
  'policy-map':
    'No service-policy applies this policy-map and no other policy-map inspects with it, so it has no effect.',
  'transform-set':
    'No crypto map or dynamic-map offers this transform-set, so no IPsec SA is ever negotiated with it.',
  'ipsec-proposal':
    'No crypto map or dynamic-map offers this IPsec proposal, so no IPsec SA is ever negotiated with it.',
  'ipsec-profile':
    'No tunnel interface protects its traffic with this IPsec profile (`tunnel protection ipsec profile`), so no route-based tunnel ever negotiates with it.',
  'ldap-attribute-map':
    'No AAA server applies this LDAP attribute map (`ldap-attribute-map` under `aaa-server ... host`), so none of its mappings ever applies to a login.',
  'crypto-map':
    'This crypto map is not applied to any interface (`crypto map NAME interface IF`), so none of its entries can ever bring up a tunnel; its peers and keys are dead configuration.',
  'dynamic-map':
    'No crypto map entry refers to this dynamic-map (`ipsec-isakmp dynamic`), so it is never consulted.',
};

/** why a site-to-site tunnel-group named otherwise than by an address is unused (see isRoot) */
const NAMED_L2L =
  ' Its name is not an address, so a peer could also select it by the identity it presents, but only with certificate authentication in its ipsec-attributes or through a dynamic crypto map bound to an interface, and this configuration has neither.';

export const unused: AuditRule = {
  meta: {
    id: 'unused',
    severity: 'warning',
    description:
      'structures that are defined but never referenced (and chains that are referenced only by such structures)',
    reason:
      'Dead configuration hides the rules that matter, and stale addresses may point at hosts that now belong to someone else.',
  },
  check(ctx) {
    const l = ctx.liveness();
    const order = removalOrder(l);
    const position = new Map(order.map((d, i) => [d, i]));
    const findings: Finding[] = [];
    for (const d of order) {
      if (!UNUSABLE_KINDS.has(d.kind)) continue;
      const line = d.lines[0]?.n ?? 0;
      const users = l.deadUsers.get(d) ?? [];
      const defLines = d.lines.map((x) => x.n);
      const label =
        d.kind === 'object' || d.kind === 'object-group'
          ? `${d.kind} ${ctx.config.objects.get(d.name)?.type ?? ctx.config.objectGroups.get(d.name)?.type ?? ''}`.replace(
              / $/,
              '',
            )
          : d.kind;
      const f: Finding = {
        rule: 'unused',
        severity: 'warning',
        subject: { kind: d.kind, name: d.name },
        line,
        message:
          users.length === 0
            ? `${label} ${d.name} is never referenced`
            : `${label} ${d.name} is referenced only by unused ${users.map((u) => `${u.kind} ${u.name}`).join(', ')}`,
        reason:
          (REASONS[d.kind] ?? 'Nothing references it.') +
          (d.kind === 'tunnel-group' && !isIPAddress(d.name) ? NAMED_L2L : '') +
          (users.length > 0
            ? ' It becomes unused as soon as the unused structures that reference it are removed; remove them first.'
            : ''),
        fix: removeCommands(ctx.config, d),
        ...ctx.refsOf(d.kind, d.name, defLines),
        order: 100 + (position.get(d) ?? 0),
      };
      if (users.length > 0)
        f.chain = { usedBy: users.map((u) => ({ kind: u.kind, name: u.name })) };
      findings.push(f);
    }
    return findings;
  },
};
