// A fast-check generator of hosting-provider ASA configurations: 2–6 customers on one firewall,
// each with its own interface (Port-channel1.<vlan> or GigabitEthernet0/<n>), subnet, private
// objects and (randomly nested) groups, objects shared with some other customers, the provider's
// admin group used by everyone, `name`s, a time-range, remarks and descriptions that identify
// the customer, object NAT and twice NAT on the customer's interface and on `any`.
//
// While it writes the configuration, the generator records the ground truth an extract is
// checked against: which structure uses which (so the test can compute, independently of
// asakit, what each customer reaches), which strings (addresses, description and remark
// markers) belong to which structure, and which NAT rule sits on which interface.
import fc from 'fast-check';

export type StructKind = 'object' | 'object-group' | 'name' | 'time-range' | 'access-list';

export interface GenStructure {
  /** `${kind} ${name}` */
  key: string;
  kind: StructKind;
  name: string;
  /** keys of the structures this one uses (group members, nested groups, names, time-ranges) */
  uses: string[];
  /** strings only this structure contains (addresses, description markers), never masks */
  strings: string[];
  /** for access-lists: the lines, in order */
  lines?: string[];
}

export interface GenNat {
  /** the `nat ...` line as printed (object NAT: the indented line inside the object block) */
  line: string;
  /** object NAT: the object whose block holds the rule */
  object?: string;
  /** index of the customer whose interface the rule is bound to; undefined = `any` on that side */
  owner?: number;
  /** structure keys referenced by the rule */
  uses: string[];
  /** literal addresses written in the rule */
  strings: string[];
}

export interface GenGlobalAce {
  line: string;
  /** the customer whose address space the entry lies in (and no other's), if any */
  customer?: number;
  /**
   * bound to that customer's interface by `ifc` (an FTD `advanced` entry): in its extract with or
   * without --include-global, in no other's
   */
  scoped?: boolean;
  uses: string[];
}

export interface GenCustomer {
  index: number;
  tag: string;
  nameif: string;
  hw: string;
  address: string;
  hasAccessGroup: boolean;
  /** names of the ACLs bound to the interface (in, then out when present); none without access-group */
  acls: string[];
  /** the text of the remarks in the customer's ACLs (bound or not; the ACLs are in `structures`) */
  remarks: string[];
  /** tokens that identify the customer's interface: hw name, nameif, address, description marker */
  interfaceStrings: string[];
  /** the markers in the remarks (unique tokens) */
  remarkMarkers: string[];
}

export interface MultiCustomerConfig {
  text: string;
  customers: GenCustomer[];
  structures: Map<string, GenStructure>;
  nats: GenNat[];
  globalAclName: string;
  globalAces: GenGlobalAce[];
}

export interface GeneratorOptions {
  /**
   * Also give each customer a twice NAT rule `nat (<its nameif>,any)` that references only the
   * provider's shared admin group (a rule on that customer's interface built only from shared
   * structures).
   */
  ownAnyNat?: boolean;
}

// --- plan: what fast-check draws --------------------------------------------------------------

const TAGS = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'stark',
  'acme-test',
  'globex2',
  'wayne',
];
const BASES = ['web', 'db', 'app', 'mail', 'api', 'vpn', 'backup', 'shop', 'crm', 'erp'];
const VARIANTS = ['', '-old', '2', '-01', '-new'];

interface ObjectPlan {
  base: string;
  variant: string;
  prefixed: boolean;
  shape: 'host' | 'subnet' | 'range';
  described: boolean;
}

interface GroupPlan {
  members: number[];
  nestPrev: boolean;
  shared: number | null;
  described: boolean;
}

interface CustomerPlan {
  tag: string;
  portChannel: boolean;
  objects: ObjectPlan[];
  groups: GroupPlan[];
  aclRefs: { group: boolean; index: number }[];
  sharedRefs: number[];
  privateName: boolean;
  sharedName: boolean;
  timeRange: boolean;
  outAcl: boolean;
  accessGroup: boolean;
  objectNat: 'none' | 'literal' | 'object' | 'any-literal' | 'any-object';
  objectNatTarget: number;
  twiceNat: 'none' | 'dynamic' | 'static-admin' | 'any-static';
  twiceNatTarget: number;
  serviceObject: boolean;
  remarks: number;
  globalAce: number | null;
  scopedAce: number | null;
  contract: number;
}

interface Plan {
  customers: CustomerPlan[];
  shared: { base: string; described: boolean }[];
  sharedAnyNat: boolean;
}

const objectPlanArb: fc.Arbitrary<ObjectPlan> = fc.record({
  base: fc.constantFrom(...BASES),
  variant: fc.constantFrom(...VARIANTS),
  prefixed: fc.boolean(),
  shape: fc.constantFrom('host' as const, 'subnet' as const, 'range' as const),
  described: fc.boolean(),
});

const groupPlanArb: fc.Arbitrary<GroupPlan> = fc.record({
  members: fc.array(fc.nat(9), { maxLength: 3 }),
  nestPrev: fc.boolean(),
  shared: fc.option(fc.nat(9), { nil: null }),
  described: fc.boolean(),
});

const customerPlanArb: fc.Arbitrary<CustomerPlan> = fc.record({
  tag: fc.constantFrom(...TAGS),
  portChannel: fc.boolean(),
  objects: fc.array(objectPlanArb, { minLength: 1, maxLength: 4 }),
  groups: fc.array(groupPlanArb, { maxLength: 3 }),
  aclRefs: fc.array(fc.record({ group: fc.boolean(), index: fc.nat(9) }), {
    minLength: 1,
    maxLength: 4,
  }),
  sharedRefs: fc.array(fc.nat(9), { maxLength: 2 }),
  privateName: fc.boolean(),
  sharedName: fc.boolean(),
  timeRange: fc.boolean(),
  outAcl: fc.boolean(),
  accessGroup: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  objectNat: fc.constantFrom(
    'none' as const,
    'literal' as const,
    'object' as const,
    'any-literal' as const,
    'any-object' as const,
  ),
  objectNatTarget: fc.nat(9),
  twiceNat: fc.constantFrom(
    'none' as const,
    'dynamic' as const,
    'static-admin' as const,
    'any-static' as const,
  ),
  twiceNatTarget: fc.nat(9),
  serviceObject: fc.boolean(),
  remarks: fc.integer({ min: 1, max: 2 }),
  globalAce: fc.option(fc.nat(9), { nil: null }),
  scopedAce: fc.option(fc.nat(9), { nil: null }),
  contract: fc.integer({ min: 1000, max: 9999 }),
});

const planArb: fc.Arbitrary<Plan> = fc.record({
  customers: fc.array(customerPlanArb, { minLength: 2, maxLength: 6 }),
  shared: fc.array(
    fc.record({
      base: fc.constantFrom('resolvers', 'smtp-relay', 'ntp', 'web', 'backup'),
      described: fc.boolean(),
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  sharedAnyNat: fc.boolean(),
});

/** The arbitrary: a configuration text with its ground truth. */
export function multiCustomerConfig(
  opts: GeneratorOptions = {},
): fc.Arbitrary<MultiCustomerConfig> {
  return planArb.map((p) => build(p, opts));
}

// --- building the configuration from a plan -----------------------------------------------------

const RESERVED = new Set([
  'any',
  'any4',
  'any6',
  'host',
  'interface',
  'object',
  'object-group',
  'outside',
  'inside',
]);

function build(plan: Plan, opts: GeneratorOptions): MultiCustomerConfig {
  const taken = new Set<string>(RESERVED);
  const unique = (want: string): string => {
    let n = want;
    for (let k = 1; taken.has(n); k++) n = `${want}-${k}`;
    taken.add(n);
    return n;
  };
  const structures = new Map<string, GenStructure>();
  const def = (
    kind: StructKind,
    name: string,
    uses: string[],
    strings: string[],
    lines?: string[],
  ): string => {
    const key = `${kind} ${name}`;
    structures.set(key, { key, kind, name, uses, strings, ...(lines ? { lines } : {}) });
    return key;
  };

  const names: string[] = [];
  const interfaces: string[] = [
    'interface GigabitEthernet0/0',
    ' nameif outside',
    ' security-level 0',
    ' ip address 192.0.2.2 255.255.255.0',
    'interface GigabitEthernet0/1',
    ' description provider NOC',
    ' nameif inside',
    ' security-level 100',
    ' ip address 10.0.1.1 255.255.255.0',
  ];
  const timeRanges: string[] = [];
  const objects: string[] = [];
  const groups: string[] = [];
  const acls: string[] = [];
  const accessGroups: string[] = [];
  const twice: string[] = [];
  const objectNat: string[] = [];
  const afterAuto: string[] = [];
  const routes: string[] = ['route outside 0.0.0.0 0.0.0.0 192.0.2.1 1'];
  const nats: GenNat[] = [];

  // the provider's admin group, used by every customer's rules
  const noc = unique('noc-net');
  const jump = unique('jump-host');
  objects.push(
    `object network ${noc}`,
    ' subnet 10.0.1.0 255.255.255.0',
    `object network ${jump}`,
    ' host 10.0.2.10',
  );
  const nocKey = def('object', noc, [], ['10.0.1.0']);
  const jumpKey = def('object', jump, [], ['10.0.2.10']);
  const nocGroup = unique('NOC-NETS');
  const admin = unique('ADMIN-NETS');
  groups.push(`object-group network ${nocGroup}`, ` network-object object ${noc}`);
  groups.push(
    `object-group network ${admin}`,
    ' description provider administration, every customer VLAN',
    ` group-object ${nocGroup}`,
  );
  groups.push(` network-object object ${jump}`);
  const nocGroupKey = def('object-group', nocGroup, [nocKey], []);
  const adminKey = def('object-group', admin, [nocGroupKey, jumpKey], []);

  // objects shared by several customers, and one shared name
  const shared: string[] = [];
  plan.shared.forEach((s, k) => {
    const n = unique(`shared-${s.base}`);
    const addr = `10.250.0.${k + 1}`;
    objects.push(`object network ${n}`, ` host ${addr}`);
    const strings = [addr];
    if (s.described) {
      const marker = `SHD-${k}`;
      objects.push(` description shared service ${marker}`);
      strings.push(marker);
    }
    shared.push(def('object', n, [], strings));
  });
  const resolverName = unique('resolver');
  names.push(`name 10.250.1.53 ${resolverName} description provider resolver`);
  const resolverKey = def('name', resolverName, [], ['10.250.1.53']);

  const customers: GenCustomer[] = [];
  const lans: string[] = [];
  const globalAces: GenGlobalAce[] = [];
  const globalAclName = unique('global_access');
  const perCustomerObjects: string[][] = [];

  plan.customers.forEach((cp, i) => {
    const tag = unique(cp.tag);
    const display = `${tag.toUpperCase()} Ltd`;
    const nameif = unique(`cust-${tag}`);
    const vlan = 100 + i;
    const hw = cp.portChannel ? `Port-channel1.${vlan}` : `GigabitEthernet0/${2 + i}`;
    const net = `10.${100 + i}.0`;
    const address = `${net}.1`;
    const ifMarker = `K-${cp.contract}-${i}`;
    interfaces.push(`interface ${hw}`, ` description ${display}, contract ${ifMarker}`);
    if (cp.portChannel) interfaces.push(` vlan ${vlan}`);
    interfaces.push(
      ` nameif ${nameif}`,
      ' security-level 50',
      ` ip address ${address} 255.255.255.0`,
    );
    routes.push(`route ${nameif} 10.${100 + i}.0.0 255.255.0.0 ${net}.254 1`);

    // private objects: the LAN, then the planned ones (names that often contain each other)
    const lan = unique(`${tag}-lan`);
    objects.push(`object network ${lan}`, ` subnet ${net}.0 255.255.255.0`);
    const lanKey = def('object', lan, [], [`${net}.0`]);
    lans.push(lan);
    const own: string[] = [];
    cp.objects.forEach((op, k) => {
      const n = unique(op.prefixed ? `${tag}-${op.base}${op.variant}` : `${op.base}${op.variant}`);
      objects.push(`object network ${n}`);
      const strings: string[] = [];
      if (op.shape === 'host') {
        const a = `${net}.${10 + k}`;
        objects.push(` host ${a}`);
        strings.push(a);
      } else if (op.shape === 'subnet') {
        const a = `10.${100 + i}.${1 + k}.0`;
        objects.push(` subnet ${a} 255.255.255.0`);
        strings.push(a);
      } else {
        const a = `${net}.${100 + k * 10}`;
        const b = `${net}.${105 + k * 10}`;
        objects.push(` range ${a} ${b}`);
        strings.push(a, b);
      }
      if (op.described) {
        const marker = `D-${i}-${k}`;
        objects.push(` description ${display} server ${marker}`);
        strings.push(marker);
      }
      own.push(def('object', n, [], strings));
    });
    perCustomerObjects.push(own);

    // private groups, each possibly nesting the previous one (so nesting goes up to 3 deep)
    const ownGroups: string[] = [];
    cp.groups.forEach((gp, k) => {
      const n = unique(`${tag}-grp${k === 0 ? '' : k}`);
      const lines = [`object-group network ${n}`];
      const uses: string[] = [];
      const strings: string[] = [];
      if (gp.described) {
        const marker = `G-${i}-${k}`;
        lines.push(` description ${display} group ${marker}`);
        strings.push(marker);
      }
      if (gp.nestPrev && k > 0) {
        const prev = ownGroups[k - 1] as string;
        lines.push(` group-object ${nameOf(prev)}`);
        uses.push(prev);
      }
      for (const m of new Set(gp.members.map((x) => x % own.length))) {
        const o = own[m] as string;
        lines.push(` network-object object ${nameOf(o)}`);
        uses.push(o);
      }
      if (gp.shared !== null) {
        const s = shared[gp.shared % shared.length] as string;
        lines.push(` network-object object ${nameOf(s)}`);
        uses.push(s);
      }
      if (uses.length === 0) {
        lines.push(` network-object object ${lan}`);
        uses.push(lanKey);
      }
      groups.push(...lines);
      ownGroups.push(def('object-group', n, uses, strings));
    });

    // a partner `name`, a time-range, a service object
    let partnerKey: string | undefined;
    if (cp.privateName) {
      const n = unique(`${tag}-partner`);
      const a = `172.16.${i}.10`;
      const marker = `P-${i}`;
      names.push(`name ${a} ${n} description ${display} partner ${marker}`);
      partnerKey = def('name', n, [], [a, marker]);
    }
    let trKey: string | undefined;
    if (cp.timeRange) {
      const n = unique(`${tag}-hours`);
      timeRanges.push(`time-range ${n}`, ` periodic weekdays ${7 + (i % 3)}:00 to 19:00`);
      trKey = def('time-range', n, [], []);
    }
    let svcKey: string | undefined;
    if (cp.serviceObject) {
      const n = unique(`${tag}-svc`);
      const port = 9000 + i;
      objects.push(`object service ${n}`, ` service tcp destination eq ${port}`);
      svcKey = def('object', n, [], [String(port)]);
    }

    // access-lists: remarks, the planned references, the admin group, shared objects, names
    const inName = unique(`${nameif}_access_in`);
    const inLines: string[] = [];
    const inUses: string[] = [];
    const remarks: string[] = [];
    const remarkMarkers: string[] = [];
    for (let r = 0; r < cp.remarks; r++) {
      const marker = `HST-${cp.contract}-${i}-${r}`;
      const text =
        r === 0 ? `${display} outbound, contract ${marker}` : `${display} monitoring ${marker}`;
      inLines.push(`access-list ${inName} remark ${text}`);
      remarks.push(text);
      remarkMarkers.push(marker);
    }
    for (const ref of cp.aclRefs) {
      const useGroup = ref.group && ownGroups.length > 0;
      const target = useGroup
        ? (ownGroups[ref.index % ownGroups.length] as string)
        : (own[ref.index % own.length] as string);
      inLines.push(
        `access-list ${inName} extended permit tcp ${useGroup ? 'object-group' : 'object'} ${nameOf(target)} any eq https`,
      );
      inUses.push(target);
    }
    inLines.push(
      `access-list ${inName} extended permit udp object ${lan} object-group ${admin} eq snmptrap`,
    );
    inUses.push(lanKey, adminKey);
    for (const s of new Set(cp.sharedRefs.map((x) => shared[x % shared.length] as string))) {
      inLines.push(
        `access-list ${inName} extended permit tcp object ${lan} object ${nameOf(s)} eq smtp`,
      );
      inUses.push(s);
    }
    if (partnerKey) {
      inLines.push(
        `access-list ${inName} extended permit ip object ${lan} host ${nameOf(partnerKey)}`,
      );
      inUses.push(partnerKey);
    }
    if (cp.sharedName) {
      inLines.push(
        `access-list ${inName} extended permit udp object ${lan} host ${resolverName} eq domain`,
      );
      inUses.push(resolverKey);
    }
    if (trKey) {
      inLines.push(
        `access-list ${inName} extended permit tcp object ${lan} any eq ssh time-range ${nameOf(trKey)}`,
      );
      inUses.push(trKey);
    }
    if (svcKey) {
      inLines.push(
        `access-list ${inName} extended permit object ${nameOf(svcKey)} object ${lan} any`,
      );
      inUses.push(svcKey);
    }
    inLines.push(`access-list ${inName} extended deny ip any any log`);
    acls.push(...inLines);
    def('access-list', inName, [...new Set(inUses)], [...remarkMarkers], inLines);
    const aclNames = [inName];
    if (cp.outAcl) {
      const outName = unique(`${nameif}_access_out`);
      const marker = `OUT-${cp.contract}-${i}`;
      const text = `${display} inbound ${marker}`;
      const outLines = [
        `access-list ${outName} remark ${text}`,
        `access-list ${outName} extended permit tcp object-group ${admin} object ${lan} eq ssh`,
      ];
      const outUses = [adminKey, lanKey];
      const last = ownGroups[ownGroups.length - 1];
      if (last) {
        outLines.push(
          `access-list ${outName} extended permit tcp any object-group ${nameOf(last)} eq https`,
        );
        outUses.push(last);
      }
      acls.push(...outLines);
      def('access-list', outName, outUses, [marker], outLines);
      aclNames.push(outName);
      remarks.push(text);
      remarkMarkers.push(marker);
    }
    if (cp.accessGroup) {
      accessGroups.push(`access-group ${inName} in interface ${nameif}`);
      if (aclNames[1]) accessGroups.push(`access-group ${aclNames[1]} out interface ${nameif}`);
    }

    // NAT: twice NAT on the customer's interface or on any, object NAT likewise
    const pickTarget = (n: number): string => {
      const pool = [lanKey, ...ownGroups];
      return pool[n % pool.length] as string;
    };
    if (cp.twiceNat === 'dynamic') {
      const line = `nat (${nameif},outside) source dynamic ${lan} interface`;
      twice.push(line);
      nats.push({ line, owner: i, uses: [lanKey], strings: [] });
    } else if (cp.twiceNat === 'static-admin') {
      const line = `nat (${nameif},outside) source static ${lan} ${lan} destination static ${admin} ${admin} no-proxy-arp route-lookup`;
      twice.push(line);
      nats.push({ line, owner: i, uses: [lanKey, adminKey], strings: [] });
    } else if (cp.twiceNat === 'any-static') {
      const t = pickTarget(cp.twiceNatTarget);
      const line = `nat (any,outside) source static ${nameOf(t)} ${nameOf(t)} destination static ${admin} ${admin} no-proxy-arp`;
      twice.push(line);
      nats.push({ line, uses: [t, adminKey], strings: [] });
    }
    if (opts.ownAnyNat) {
      const line = `nat (${nameif},any) source static ${admin} ${admin} no-proxy-arp`;
      twice.push(line);
      nats.push({ line, owner: i, uses: [adminKey], strings: [] });
    }
    if (cp.objectNat !== 'none') {
      const target = own[cp.objectNatTarget % own.length] as string;
      const ifs = cp.objectNat.startsWith('any') ? '(any,outside)' : `(${nameif},outside)`;
      let line: string;
      const uses = [target];
      const strings: string[] = [];
      if (cp.objectNat === 'literal' || cp.objectNat === 'any-literal') {
        const a = cp.objectNat === 'literal' ? `203.0.113.${10 + i}` : `198.51.100.${100 + i}`;
        line = ` nat ${ifs} static ${a}`;
        strings.push(a);
      } else {
        const pub = unique(`${tag}-pub`);
        const a = `198.51.100.${10 + i}`;
        objects.push(`object network ${pub}`, ` host ${a}`);
        const pubKey = def('object', pub, [], [a]);
        line = ` nat ${ifs} static ${pub}`;
        uses.push(pubKey);
      }
      objectNat.push(`object network ${nameOf(target)}`, line);
      nats.push({
        line,
        object: nameOf(target),
        ...(cp.objectNat.startsWith('any') ? {} : { owner: i }),
        uses,
        strings,
      });
    }

    // the global ACL: an entry inside this customer's space only
    if (cp.globalAce !== null) {
      const o = own[cp.globalAce % own.length] as string;
      globalAces.push({
        line: `access-list ${globalAclName} extended permit tcp any object ${nameOf(o)} eq 8443`,
        customer: i,
        uses: [o],
      });
    }
    // and one bound to its interface the FTD way: from one of its objects, entering by it
    if (cp.scopedAce !== null) {
      const o = own[cp.scopedAce % own.length] as string;
      // with the rule's name, as the management center writes it (printed with the entry)
      globalAces.push({
        line: `access-list ${globalAclName} remark rule-id ${268435500 + i}: L4 RULE: ${tag}-ssh`,
        customer: i,
        scoped: true,
        uses: [],
      });
      globalAces.push({
        line: `access-list ${globalAclName} advanced permit tcp ifc ${nameif} object ${nameOf(o)} any eq 22 rule-id ${268435500 + i}`,
        customer: i,
        scoped: true,
        uses: [o],
      });
    }

    customers.push({
      index: i,
      tag,
      nameif,
      hw,
      address,
      hasAccessGroup: cp.accessGroup,
      acls: cp.accessGroup ? aclNames : [],
      remarks,
      interfaceStrings: [hw, nameif, address, ifMarker],
      remarkMarkers,
    });
  });

  // provider structures: every customer LAN (PAT for all), the shared any-NAT
  const all = unique('ALL-CUSTOMERS');
  groups.push(`object-group network ${all}`, ...lans.map((l) => ` network-object object ${l}`));
  const allKey = def(
    'object-group',
    all,
    lans.map((l) => `object ${l}`),
    [],
  );
  const afterLine = `nat (any,outside) after-auto source dynamic ${all} interface`;
  afterAuto.push(afterLine);
  nats.push({ line: afterLine, uses: [allKey], strings: [] });
  if (plan.sharedAnyNat) {
    const s = shared[0] as string;
    const line = `nat (any,outside) source static ${nameOf(s)} ${nameOf(s)} destination static ${admin} ${admin}`;
    twice.push(line);
    nats.push({ line, uses: [s, adminKey], strings: [] });
  }
  const globalRemark = `access-list ${globalAclName} remark provider-wide exceptions`;
  const l0 = lans[0] as string;
  const l1 = lans[1] as string;
  const crossLine = `access-list ${globalAclName} extended permit ip object ${l0} object ${l1}`;
  const globalLines = [
    globalRemark,
    ...globalAces.map((g) => g.line),
    crossLine,
    `access-list ${globalAclName} extended deny ip any any log`,
  ];
  globalAces.unshift({ line: globalRemark, uses: [] });
  globalAces.push({ line: crossLine, uses: [`object ${l0}`, `object ${l1}`] });
  globalAces.push({ line: `access-list ${globalAclName} extended deny ip any any log`, uses: [] });
  def('access-list', globalAclName, [], [], globalLines);
  acls.push(...globalLines);
  accessGroups.push(`access-group ${globalAclName} global`);

  const text = [
    ': Saved',
    ': Written by generator at 12:00:00.000 UTC Thu Jan 1 2026',
    'ASA Version 9.16(4)',
    'hostname fw-gen',
    'names',
    ...names,
    ...interfaces,
    ...timeRanges,
    ...objects,
    ...groups,
    ...acls,
    ...twice,
    ...objectNat,
    ...afterAuto,
    ...accessGroups,
    ...routes,
    ': end',
    '',
  ].join('\n');
  const result: MultiCustomerConfig = {
    text,
    customers,
    structures,
    nats,
    globalAclName,
    globalAces,
  };
  // counterexamples print as the configuration itself (what one needs to reproduce a failure)
  Object.defineProperty(result, fc.toStringMethod, {
    value: () => `generated configuration (${customers.map((c) => c.nameif).join(', ')}):\n${text}`,
    enumerable: false,
  });
  return result;
}

function nameOf(key: string): string {
  return key.slice(key.indexOf(' ') + 1);
}

// --- ground truth ---------------------------------------------------------------------------

export interface Truth {
  /** structure keys the customer's interface reaches (ACLs bound to it included) */
  reached: Set<string>;
  /** NAT rules that belong in the extract */
  nats: GenNat[];
  /** global ACL entries that belong in the extract (scoped by `ifc`, and with includeGlobal the others) */
  globalAces: GenGlobalAce[];
}

/**
 * What one customer's extract must contain, computed from the generator's records: the roots
 * are the ACLs bound to its interface, the NAT rules on its interface, the global entries bound
 * to its interface by `ifc` and (with includeGlobal) the other global entries in its space; the closure follows the recorded uses; a NAT rule on `any`
 * belongs when everything it references is already reached.
 */
export function truthFor(g: MultiCustomerConfig, customer: number, includeGlobal = false): Truth {
  const c = g.customers[customer] as GenCustomer;
  const reached = new Set<string>();
  const visit = (key: string) => {
    if (reached.has(key)) return;
    const s = g.structures.get(key);
    if (!s) throw new Error(`generator bug: ${key} is used but not recorded`);
    reached.add(key);
    for (const u of s.uses) visit(u);
  };
  for (const acl of c.acls) visit(`access-list ${acl}`);
  const own = g.nats.filter((n) => n.owner === customer);
  for (const n of own) n.uses.forEach(visit);
  const globalAces = g.globalAces.filter(
    (a) => a.customer === customer && (includeGlobal || a.scoped === true),
  );
  for (const a of globalAces) a.uses.forEach(visit);
  const onAny = g.nats.filter((n) => n.owner === undefined && n.uses.every((u) => reached.has(u)));
  if (globalAces.length > 0) reached.add(`access-list ${g.globalAclName}`);
  const nats = g.nats.filter((n) => own.includes(n) || onAny.includes(n));
  return { reached, nats, globalAces };
}
