// Generator of large, realistic multi-customer ASA running-configs (one Port-channel VLAN
// subinterface per customer), for benchmarks and for tests that need big inputs.
//
//   node dist/bench/generate.js --lines 1000000 --out /tmp/x.cfg [--seed N] [--customers N]
//                               [--defects] [--gzip] [--planted FILE.json] [--ftd]
//
// Deterministic for a seed (mulberry32). Without `defects` the config is "clean": every object,
// object-group, name, access-list, transform-set, proposal, crypto map, tunnel-group and
// group-policy it defines is referenced, everything referenced is defined, every IPv4 name ends
// with a trailing dot, no access-list or object-group holds a raw address (ACEs use objects,
// groups, `host <name>` or `<name> <mask>`), every crypto map entry is complete and every
// Port-channel carries `mac-address ... standby ...`. With `defects`, exactly one of each planted
// defect is added and listed in `planted`.
//
// With `--ftd` (asFirepower) the same configuration is written as an FMC-managed FTD prints it.
//
// Public addresses come from 198.18.0.0/15 (RFC 2544 benchmarking space, big enough for thousands
// of customers) plus the documentation ranges; customer networks are 10.16.0.0 + n * /22.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface GenerateOptions {
  /** Number of customers; by default derived from targetLines (about 830 lines each), else 20. */
  customers?: number;
  /** Total lines wanted (within a few per cent, as long as each customer gets 60+ lines). */
  targetLines?: number;
  /** PRNG seed (default 1): the same options give the same text. */
  seed?: number;
  /** Plant exactly one of each defect and list them in `planted` (default false). */
  defects?: boolean;
}

export interface PlantedDefect {
  rule: string;
  kind: string;
  name: string;
}

export interface GeneratedConfig {
  text: string;
  lines: number;
  /** The customers' nameifs, in config order. */
  customers: string[];
  planted: PlantedDefect[];
}

/** mulberry32: a tiny, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

const WORDS = [
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', 'wonka',
  'cyberdyne', 'soylent', 'aperture', 'vandelay', 'massive', 'oscorp', 'nakatomi', 'monarch',
  'piedpiper', 'contoso', 'fabrikam', 'northwind', 'tailspin', 'litware', 'adatum', 'woodgrove',
  'proseware', 'lucerne', 'wingtip', 'alpine', 'coho', 'fourthcoffee', 'margie', 'trey',
  'wideworld', 'blueyonder', 'graphic', 'humongous', 'lamna', 'relecloud', 'southridge',
  'bluesky', 'dunder', 'sterling', 'prestige', 'gringotts', 'duff', 'krusty', 'spacely',
  'cogswell', 'ollivander', 'bigkahuna', 'buynlarge', 'ecorp', 'rekall', 'weyland', 'yoyodyne',
]; // prettier-ignore

const TCP_PORTS = [
  'www', 'https', 'ssh', 'smtp', 'ftp', 'imap4', 'pop3', 'ldap', 'ldaps', '3306', '5432',
  '6379', '8080', '8443', '9200', '1433', '3389', '5672', '11211', '27017',
]; // prettier-ignore
const UDP_PORTS = ['domain', 'ntp', 'snmp', 'syslog', 'tftp', '1194', '5060', '4500'];
const REMARKS = [
  'web frontends',
  'application servers to partner',
  'database replication',
  'monitoring and backup',
  'customer request',
  'temporary access, review quarterly',
  'mail delivery',
  'API clients',
  'deployment pipeline',
  'load balancer health checks',
];

/** Lines per customer assumed when only targetLines is given (mean of the size weights). */
const MEAN_CUSTOMER_WEIGHT = 830;
/** Approximate provider-wide lines (header, provider objects, crypto, policy-map, ...). */
const PROVIDER_LINES = 172;
/** Customer VLAN subinterfaces per Port-channel before the next one is used. */
const VLANS_PER_PORT_CHANNEL = 3900;
/** The address plan (a /22 of 10/8 and up to five 198.18.0.0/16 addresses each) ends here. */
const MAX_CUSTOMERS = 12_000;
/** Host objects per customer are capped by the /22 address plan. */
const MAX_HOSTS = 740;

function ip(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function ipNum(a: number, b: number, c: number, d: number): number {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** The n-th usable host address of a block (skipping .0 and .255). */
function hostIn(block: number, n: number): number {
  return block + Math.floor(n / 254) * 256 + (n % 254) + 1;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pick<T>(rng: Rng, arr: readonly T[]): T {
  return arr[Math.floor(rng() * arr.length)] as T;
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Output sections in the order `show running-config` prints them. */
class Sections {
  names: string[] = [];
  interfaces: string[] = [];
  objects: string[] = [];
  groups: string[] = [];
  acls: string[] = [];
  mtu: string[] = [];
  twiceNat: string[] = [];
  objectNat: string[] = [];
  accessGroups: string[] = [];
  routes: string[] = [];
  cryptoMaps: string[] = [];
  tunnelGroups: string[] = [];
  /** Lines added to all sections so far. */
  count = 0;

  add(section: string[], ...lines: string[]): void {
    for (const l of lines) section.push(l);
    this.count += lines.length;
  }
}

type CustomerDefect =
  | 'unused-acl'
  | 'unused-object'
  | 'unused-group'
  | 'unused-name'
  | 'undefined-group'
  | 'raw-address'
  | 'name-no-dot'
  | 'chain';

interface Customer {
  idx: number;
  nameif: string;
  word: string;
  pc: number;
  vlan: number;
  /** First address of the customer's /22: VLAN /24 at base, backend /23 at base + 512. */
  base: number;
  vpnIdx: number; // -1: no site-to-site VPN
  out: boolean;
  partner: boolean;
}

interface State {
  rng: Rng;
  s: Sections;
  publicNext: number; // 198.18.0.0/16, static NAT and PAT addresses
  peerNext: number; // 198.19.0.0/17, VPN peers
  partnerNext: number; // 198.19.128.0/17, partner hosts (names)
}

function nextPublic(st: State): string {
  return ip(hostIn(ipNum(198, 18, 0, 0), st.publicNext++));
}

function aclWriter(st: State, name: string) {
  const seen = new Set<string>();
  return {
    /** Adds an ACE unless it is a duplicate (an ASA refuses duplicate ACEs); true when added. */
    ace(body: string): boolean {
      const line = `access-list ${name} extended ${body}`;
      if (seen.has(line)) return false;
      seen.add(line);
      st.s.add(st.s.acls, line);
      return true;
    },
    remark(text: string): void {
      st.s.add(st.s.acls, `access-list ${name} remark ${text}`);
    },
  };
}

function ticket(rng: Rng): string {
  return `CHG-${int(rng, 2012, 2021)}-${String(int(rng, 1, 9999)).padStart(4, '0')}`;
}

function portSpec(rng: Rng, proto: 'tcp' | 'udp'): string {
  const r = rng();
  const ports = proto === 'tcp' ? TCP_PORTS : UDP_PORTS;
  if (r < 0.72) return `eq ${pick(rng, ports)}`;
  if (r < 0.85) {
    const lo = int(rng, 1025, 60000);
    return `range ${lo} ${lo + int(rng, 1, 200)}`;
  }
  if (r < 0.93) return `gt ${int(rng, 1023, 49151)}`;
  if (r < 0.97) return `lt ${int(rng, 1024, 8192)}`;
  return `neq ${pick(rng, ports)}`;
}

function generateCustomer(
  st: State,
  c: Customer,
  target: number,
  defects: ReadonlySet<CustomerDefect>,
): void {
  const { rng, s } = st;
  const start = s.count;
  const p = c.nameif;
  const Word = c.word.charAt(0).toUpperCase() + c.word.slice(1);

  // Interface, mtu, route.
  s.add(
    s.interfaces,
    `interface Port-channel${c.pc}.${c.vlan}`,
    ` description ${Word} customer ${c.idx}, contract HST-${int(rng, 2010, 2021)}-${String(int(rng, 1, 999)).padStart(4, '0')}`,
    ` vlan ${c.vlan}`,
    ` nameif ${p}`,
    ` security-level 50`,
    ` ip address ${ip(c.base + 1)} 255.255.255.0 standby ${ip(c.base + 2)}`,
    '!',
  );
  s.add(s.mtu, `mtu ${p} 1500`);
  s.add(s.routes, `route ${p} ${ip(c.base + 512)} 255.255.254.0 ${ip(c.base + 254)} 1`);

  // Host objects: web, db, app. Sized so that the access-list gets roughly 60% of the lines.
  const hosts = Math.max(3, Math.min(MAX_HOSTS, Math.round(target * 0.12 * (0.8 + 0.4 * rng()))));
  const nDb = Math.max(1, Math.round(hosts * (0.15 + 0.1 * rng())));
  const nWeb = Math.max(1, Math.round(hosts * (0.35 + 0.15 * rng())));
  const nApp = Math.max(1, hosts - nDb - nWeb);
  const hostAddr = (k: number): number => (k < 240 ? c.base + 10 + k : c.base + 512 + (k - 240));
  const roles: { role: string; names: string[] }[] = [
    { role: 'web', names: [] },
    { role: 'db', names: [] },
    { role: 'app', names: [] },
  ];
  const counts = [nWeb, nDb, nApp];
  let k = 0;
  for (let r = 0; r < roles.length; r++) {
    const role = roles[r]!;
    for (let j = 1; j <= counts[r]!; j++) {
      const name = `${p}-${role.role}${pad2(j)}`;
      role.names.push(name);
      s.add(s.objects, `object network ${name}`, ` host ${ip(hostAddr(k++))}`);
      if (rng() < 0.08) s.add(s.objects, ` description ${role.role} node ${j}, ${ticket(rng)}`);
    }
  }
  const allHosts = roles.flatMap((r) => r.names);
  const webHosts = roles[0]!.names;
  s.add(
    s.objects,
    `object network ${p}-lan`,
    ` subnet ${ip(c.base)} 255.255.255.0`,
    `object network ${p}-backend`,
    ` subnet ${ip(c.base + 512)} 255.255.254.0`,
    ` description behind customer router ${ip(c.base + 254)}`,
    `object network ${p}-pool`,
    ` range ${ip(c.base + 250)} ${ip(c.base + 253)}`,
    `object network ${p}-pat`,
    ` host ${nextPublic(st)}`,
  );
  const appLo = int(rng, 9000, 30000);
  s.add(
    s.objects,
    `object service ${p}-svc-app`,
    ` service tcp destination range ${appLo} ${appLo + int(rng, 5, 50)}`,
    `object service ${p}-svc-alt`,
    ` service tcp destination eq ${int(rng, 8000, 8999)}`,
  );
  if (c.vpnIdx >= 0) {
    s.add(
      s.objects,
      `object network ${p}-remote`,
      ` subnet ${ip(ipNum(172, 16, 0, 0) + c.vpnIdx * 256)} 255.255.255.0`,
      ` description ${Word} office, site-to-site`,
    );
  }
  if (defects.has('unused-object')) {
    s.add(s.objects, `object network ${p}-spare01`, ` host ${ip(c.base + 1022)}`);
  }
  if (defects.has('chain')) {
    s.add(
      s.objects,
      `object network ${p}-legacy01`,
      ` host ${ip(c.base + 1020)}`,
      ` description decommissioned, ${ticket(rng)}`,
    );
  }

  // Names: a partner host and a partner network, used as `host <name>` and `<name> <mask>`.
  if (c.partner) {
    const partnerHost = ip(hostIn(ipNum(198, 19, 128, 0), st.partnerNext++));
    const partnerNet = ip(ipNum(100, 64, 0, 0) + c.idx * 256);
    s.add(
      s.names,
      `name ${partnerHost} ${p}-partner. description ${Word} partner gateway`,
      `name ${partnerNet} ${p}-partner-net.`,
    );
  }
  if (defects.has('name-no-dot')) {
    s.add(s.names, `name 203.0.113.9 ${p}-legacy-partner description ${Word} legacy partner`);
  }
  if (defects.has('unused-name')) {
    s.add(s.names, `name 203.0.113.10 ${p}-old-partner. description contract ended`);
  }

  // Object-groups: <p>-all > <p>-servers > <p>-web > (<p>-web-gN >) hosts.
  const groupOf = (role: string, members: string[]): void => {
    const chunk = 40;
    if (members.length <= chunk) {
      s.add(s.groups, `object-group network ${p}-${role}`);
      for (const m of members) s.add(s.groups, ` network-object object ${m}`);
      return;
    }
    const subs: string[] = [];
    for (let i = 0; i < members.length; i += chunk) {
      const sub = `${p}-${role}-g${subs.length + 1}`;
      subs.push(sub);
      s.add(s.groups, `object-group network ${sub}`);
      for (const m of members.slice(i, i + chunk)) s.add(s.groups, ` network-object object ${m}`);
    }
    s.add(s.groups, `object-group network ${p}-${role}`);
    for (const sub of subs) s.add(s.groups, ` group-object ${sub}`);
  };
  for (const r of roles) groupOf(r.role, r.names);
  s.add(
    s.groups,
    `object-group network ${p}-servers`,
    ` description ${Word} servers`,
    ` group-object ${p}-web`,
    ` group-object ${p}-db`,
    ` group-object ${p}-app`,
    ` network-object object ${p}-pool`,
    `object-group network ${p}-all`,
    ` group-object ${p}-servers`,
    ` network-object object ${p}-lan`,
    ` network-object object ${p}-backend`,
    `object-group service ${p}-svc`,
    ` service-object tcp destination eq https`,
    ` service-object object ${p}-svc-app`,
    ` service-object udp destination eq ${pick(rng, UDP_PORTS)}`,
    `object-group service ${p}-ports tcp`,
    ` port-object eq www`,
    ` port-object eq https`,
    ` port-object range ${appLo + 100} ${appLo + 110}`,
  );
  if (defects.has('unused-group')) {
    s.add(s.groups, `object-group service ${p}-old-svc`, ` service-object tcp destination eq 8080`);
  }
  if (defects.has('chain')) {
    s.add(s.groups, `object-group network ${p}-legacy`, ` network-object object ${p}-legacy01`);
  }

  // Object NAT for a few web servers, twice NAT (VPN exemption, PAT).
  const nStatic = Math.min(webHosts.length, 1 + (rng() < 0.5 ? 1 : 0) + (target > 1500 ? 2 : 0));
  for (let j = 0; j < nStatic; j++) {
    s.add(
      s.objectNat,
      `object network ${webHosts[j]}`,
      ` nat (${p},outside) static ${nextPublic(st)}`,
    );
  }
  if (c.vpnIdx >= 0) {
    s.add(
      s.twiceNat,
      `nat (${p},outside) source static ${p}-all ${p}-all destination static ${p}-remote ${p}-remote no-proxy-arp route-lookup`,
    );
  }
  s.add(s.twiceNat, `nat (${p},outside) source dynamic ${p}-lan ${p}-pat`);

  // Site-to-site VPN: crypto ACL, crypto map entry, tunnel-group.
  if (c.vpnIdx >= 0) {
    const seq = 10 * (c.vpnIdx + 1);
    const peer = ip(hostIn(ipNum(198, 19, 0, 0), st.peerNext++));
    s.add(
      s.acls,
      `access-list ${p}-vpn extended permit ip object-group ${p}-all object ${p}-remote`,
    );
    s.add(s.cryptoMaps, `crypto map outside_map ${seq} match address ${p}-vpn`);
    if (rng() < 0.6) s.add(s.cryptoMaps, `crypto map outside_map ${seq} set pfs group14`);
    s.add(
      s.cryptoMaps,
      `crypto map outside_map ${seq} set peer ${peer}`,
      `crypto map outside_map ${seq} set ikev1 transform-set ESP-AES256-SHA`,
      `crypto map outside_map ${seq} set ikev2 ipsec-proposal AES256-SHA256`,
    );
    s.add(
      s.tunnelGroups,
      `tunnel-group ${peer} type ipsec-l2l`,
      `tunnel-group ${peer} general-attributes`,
      ` default-group-policy GP-S2S`,
      `tunnel-group ${peer} ipsec-attributes`,
      ` ikev1 pre-shared-key *****`,
      ` ikev2 remote-authentication pre-shared-key *****`,
      ` ikev2 local-authentication pre-shared-key *****`,
    );
  }

  // Access-groups.
  s.add(s.accessGroups, `access-group ${p}_access_in in interface ${p}`);
  if (c.out) s.add(s.accessGroups, `access-group ${p}_access_out out interface ${p}`);

  // Inbound (to the customer) ACL: a modest share of the remaining budget.
  const remaining = target - (s.count - start);
  const inName = `${p}_access_in`;
  const acl = aclWriter(st, inName);
  const hostOf = (): string => pick(rng, allHosts);
  const groupName = (): string => `${p}-${pick(rng, ['web', 'db', 'app', 'servers', 'all'])}`;

  let outBudget = 0;
  if (c.out) outBudget = Math.max(4, Math.round(remaining * 0.2));

  // Outbound ACL, mandatory entries first: they reference every structure at least once.
  acl.remark(`${Word} outbound, ${ticket(rng)}`);
  acl.ace(`permit udp object-group ${p}-all object resolvers eq domain`);
  acl.ace(`permit udp object-group ${p}-all object-group ADMIN-NETS eq snmptrap`);
  acl.ace(`permit object-group ${p}-svc object-group ${p}-servers any`);
  acl.ace(`permit tcp object-group ${p}-servers any object-group ${p}-ports`);
  acl.ace(`permit object ${p}-svc-alt object-group ${p}-web any`);
  acl.ace(`permit tcp object-group ${p}-servers object mail-relay eq smtp`);
  if (c.partner) {
    acl.remark(`partner access, ${ticket(rng)}`);
    acl.ace(`permit tcp object-group ${p}-app host ${p}-partner. eq 8443`);
    acl.ace(`permit ip object-group ${p}-db ${p}-partner-net. 255.255.255.0`);
  }
  if (defects.has('undefined-group')) {
    acl.ace(`permit tcp object-group ${p}-removed any eq https`);
  }
  if (defects.has('raw-address')) {
    acl.ace(`permit tcp object-group ${p}-servers host 203.0.113.7 eq 8443`);
  }
  if (defects.has('name-no-dot')) {
    acl.ace(`permit tcp object-group ${p}-app host ${p}-legacy-partner eq https`);
  }
  const finalDeny = rng() < 0.5;
  const inTarget = target - outBudget - (finalDeny ? 1 : 0);
  let sinceRemark = 0;
  let nextRemark = int(rng, 5, 14);
  let guard = 0;
  while (s.count - start < inTarget && guard < 1_000_000) {
    guard++;
    if (sinceRemark >= nextRemark) {
      acl.remark(`${pick(rng, REMARKS)}, ${ticket(rng)}`);
      sinceRemark = 0;
      nextRemark = int(rng, 5, 14);
      continue;
    }
    const r = rng();
    let body: string;
    if (r < 0.3) body = `permit tcp object ${hostOf()} any ${portSpec(rng, 'tcp')}`;
    else if (r < 0.42) body = `permit udp object ${hostOf()} any ${portSpec(rng, 'udp')}`;
    else if (r < 0.52) body = `permit tcp object-group ${groupName()} any ${portSpec(rng, 'tcp')}`;
    else if (r < 0.6 && c.partner)
      body = `permit tcp object ${hostOf()} host ${p}-partner. ${portSpec(rng, 'tcp')}`;
    else if (r < 0.66 && c.partner)
      body = `permit tcp object-group ${groupName()} ${p}-partner-net. 255.255.255.0 ${portSpec(rng, 'tcp')}`;
    else if (r < 0.72)
      body = `permit tcp object ${hostOf()} object-group ADMIN-NETS ${portSpec(rng, 'tcp')}`;
    else if (r < 0.78) body = `permit tcp object ${hostOf()} object mail-relay eq smtp`;
    else if (r < 0.83)
      body = `permit icmp object-group ${groupName()} any object-group ICMP-ALLOWED`;
    else if (r < 0.88) body = `permit object-group ${p}-svc object ${hostOf()} any4`;
    else if (r < 0.94) body = `deny tcp object ${hostOf()} any ${portSpec(rng, 'tcp')} log`;
    else body = `permit ip object ${hostOf()} any`;
    if (acl.ace(body)) sinceRemark++;
  }
  if (finalDeny) acl.ace('deny ip any any log');

  if (c.out) {
    const out = aclWriter(st, `${p}_access_out`);
    out.remark(`${Word} inbound`);
    out.ace(`permit object-group ADMIN-SVC object-group ADMIN-NETS object-group ${p}-all`);
    out.ace(`permit tcp any object-group ${p}-web object-group ${p}-ports`);
    for (let j = 0; j < nStatic; j++) out.ace(`permit tcp any object ${webHosts[j]} eq https`);
    guard = 0;
    while (s.count - start < target && guard < 1_000_000) {
      guard++;
      const r = rng();
      let body: string;
      if (r < 0.55) body = `permit tcp any object ${hostOf()} ${portSpec(rng, 'tcp')}`;
      else if (r < 0.7) body = `permit tcp any object-group ${groupName()} ${portSpec(rng, 'tcp')}`;
      else if (r < 0.8) body = `permit udp any object ${hostOf()} ${portSpec(rng, 'udp')}`;
      else if (r < 0.9)
        body = `permit icmp any object-group ${groupName()} object-group ICMP-ALLOWED`;
      else body = `permit object-group ${p}-svc object-group ADMIN-NETS object ${hostOf()}`;
      out.ace(body);
    }
  }

  if (defects.has('unused-acl')) {
    const old = aclWriter(st, `${p}_access_in_old`);
    old.remark(`replaced by ${p}_access_in, ${ticket(rng)}`);
    old.ace(`permit ip object-group ${p}-all any`);
  }
}

const CUSTOMER_DEFECTS: readonly CustomerDefect[] = [
  'unused-acl',
  'unused-object',
  'unused-group',
  'unused-name',
  'undefined-group',
  'raw-address',
  'name-no-dot',
  'chain',
];

export function generateConfig(opts: GenerateOptions): GeneratedConfig {
  const seed = opts.seed ?? 1;
  const rng = mulberry32(seed);
  const withDefects = opts.defects ?? false;
  const target = opts.targetLines;

  // How many customers, and how many lines each one gets.
  let nCustomers: number;
  if (opts.customers !== undefined) nCustomers = Math.max(1, Math.floor(opts.customers));
  else if (target !== undefined)
    nCustomers = Math.max(1, Math.round((target - PROVIDER_LINES) / MEAN_CUSTOMER_WEIGHT));
  else nCustomers = 20;
  if (nCustomers > MAX_CUSTOMERS) {
    throw new RangeError(
      `at most ${MAX_CUSTOMERS} customers (about 10 million lines) are supported`,
    );
  }
  const weights: number[] = [];
  for (let i = 0; i < nCustomers; i++) {
    // Most customers are small to medium; about one in twelve is large.
    weights.push(rng() < 0.08 ? 1500 + rng() * 2500 : 200 + rng() * 900);
  }
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const budget = target !== undefined ? Math.max(0, target - PROVIDER_LINES) : weightSum;
  const sizes = weights.map((w) => Math.round((w * budget) / weightSum));

  const st: State = { rng, s: new Sections(), publicNext: 0, peerNext: 0, partnerNext: 0 };
  const s = st.s;

  const customers: Customer[] = [];
  let vpnCount = 0;
  for (let i = 0; i < nCustomers; i++) {
    const word = WORDS[(i * 7 + Math.floor(rng() * WORDS.length)) % WORDS.length]!;
    const isVpn = i % 16 === 0;
    customers.push({
      idx: i,
      nameif: `c${i}-${word}`,
      word,
      pc: 1 + Math.floor(i / VLANS_PER_PORT_CHANNEL),
      vlan: 100 + (i % VLANS_PER_PORT_CHANNEL),
      base: ipNum(10, 16, 0, 0) + i * 1024,
      vpnIdx: isVpn ? vpnCount++ : -1,
      out: rng() < 0.5,
      partner: rng() < 0.6,
    });
  }
  const portChannels = customers[customers.length - 1]!.pc;

  // Where each per-customer defect goes.
  const defectsAt = new Map<number, Set<CustomerDefect>>();
  const planted: PlantedDefect[] = [];
  if (withDefects) {
    for (const d of CUSTOMER_DEFECTS) {
      const at = Math.floor(rng() * nCustomers);
      let set = defectsAt.get(at);
      if (!set) defectsAt.set(at, (set = new Set()));
      set.add(d);
      const p = customers[at]!.nameif;
      switch (d) {
        case 'unused-acl':
          planted.push({ rule: 'unused', kind: 'access-list', name: `${p}_access_in_old` });
          break;
        case 'unused-object':
          planted.push({ rule: 'unused', kind: 'object', name: `${p}-spare01` });
          break;
        case 'unused-group':
          planted.push({ rule: 'unused', kind: 'object-group', name: `${p}-old-svc` });
          break;
        case 'unused-name':
          planted.push({ rule: 'unused', kind: 'name', name: `${p}-old-partner.` });
          break;
        case 'undefined-group':
          planted.push({ rule: 'undefined', kind: 'object-group', name: `${p}-removed` });
          break;
        case 'raw-address':
          planted.push({ rule: 'raw-address', kind: 'access-list', name: `${p}_access_in` });
          break;
        case 'name-no-dot':
          planted.push({ rule: 'name-trailing-dot', kind: 'name', name: `${p}-legacy-partner` });
          break;
        case 'chain':
          planted.push({ rule: 'unused', kind: 'object-group', name: `${p}-legacy` });
          planted.push({ rule: 'unused', kind: 'object', name: `${p}-legacy01` });
          break;
      }
    }
    planted.push(
      { rule: 'unused', kind: 'transform-set', name: 'ESP-3DES-MD5' },
      { rule: 'unused', kind: 'crypto-map', name: 'legacy_map' },
      { rule: 'incomplete-crypto-map', kind: 'crypto-map-entry', name: 'outside_map 65000' },
      { rule: 'portchannel-failover-mac', kind: 'interface', name: 'Port-channel1' },
    );
  }

  // Port-channels (before their subinterfaces), then the customers.
  const pcBlocks: string[][] = [];
  for (let pc = 1; pc <= portChannels; pc++) {
    const block = [`interface Port-channel${pc}`, ` description customer VLAN trunk ${pc}`];
    if (!(withDefects && pc === 1)) {
      const hex = pc.toString(16).padStart(4, '0');
      block.push(` mac-address 0200.${hex}.0001 standby 0200.${hex}.0002`);
    }
    block.push(' no nameif', ' no security-level', ' no ip address', '!');
    pcBlocks.push(block);
  }
  const noDefects: ReadonlySet<CustomerDefect> = new Set();
  let currentPc = 0;
  for (const c of customers) {
    if (c.pc !== currentPc) {
      currentPc = c.pc;
      s.add(s.interfaces, ...pcBlocks[c.pc - 1]!);
    }
    generateCustomer(st, c, sizes[c.idx]!, defectsAt.get(c.idx) ?? noDefects);
  }

  const memberIfs: string[] = [];
  for (let pc = 1; pc <= portChannels; pc++) {
    for (const n of [2 * pc - 2, 2 * pc - 1]) {
      memberIfs.push(
        `interface TenGigabitEthernet1/${n}`,
        ` description Po${pc} member`,
        ` channel-group ${pc} mode active`,
        ' no nameif',
        ' no security-level',
        ' no ip address',
        '!',
      );
    }
  }

  const firstVpn = customers.find((c) => c.vpnIdx >= 0)!.nameif;
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(rng() * 16).toString(16);
    return out;
  };

  const sections: string[][] = [
    [
      ': Saved',
      ':',
      `: Serial Number: FCH${2000 + (seed % 1000)}X${hex(3).toUpperCase()}`,
      ': Hardware:   ASA5585-SSP-60, 49152 MB RAM, CPU Xeon 5600 series 2667 MHz, 2 CPUs',
      ':',
      ': Written by enable_15 at 03:00:01.042 UTC Tue Mar 1 2022',
      '!',
      'ASA Version 9.16(4)',
      '!',
      `hostname fw-bench${seed % 100}`,
      'domain-name example.net',
      'enable password ***** pbkdf2',
      'names',
      'name 192.0.2.53 ns1.example.net. description provider authoritative DNS',
    ],
    s.names,
    ['no mac-address auto', '!'],
    [
      'interface GigabitEthernet0/0',
      ' description uplink transit',
      ' nameif outside',
      ' security-level 0',
      ' ip address 192.0.2.2 255.255.255.0 standby 192.0.2.3',
      '!',
      'interface GigabitEthernet0/1',
      ' description provider services and NOC',
      ' nameif inside',
      ' security-level 100',
      ' ip address 10.0.1.1 255.255.255.0 standby 10.0.1.2',
      '!',
      'interface GigabitEthernet0/7',
      ' description LAN Failover Interface',
      '!',
      'interface Management0/0',
      ' management-only',
      ' nameif mgmt',
      ' security-level 100',
      ' ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2',
      '!',
    ],
    memberIfs,
    s.interfaces,
    [
      'ftp mode passive',
      'clock timezone UTC 0',
      'dns server-group DefaultDNS',
      ' name-server 10.0.1.53',
      ' domain-name example.net',
      'object network noc-lan',
      ' subnet 10.0.1.0 255.255.255.128',
      'object network noc-vpn',
      ' subnet 10.0.250.0 255.255.255.0',
      'object network bastion.example.net',
      ' host 192.0.2.40',
      'object network inside-lan',
      ' subnet 10.0.1.0 255.255.255.0',
      'object network resolvers',
      ' range 10.0.1.53 10.0.1.54',
      'object network mail-relay',
      ' host 10.0.1.25',
    ],
    s.objects,
    [
      'object-group network NOC-NETS',
      ' network-object object noc-lan',
      ' network-object object noc-vpn',
      'object-group network ADMIN-NETS',
      ' description provider administration, permitted on every customer VLAN',
      ' group-object NOC-NETS',
      ' network-object object bastion.example.net',
      'object-group service ADMIN-SVC',
      ' service-object tcp destination eq ssh',
      ' service-object tcp destination eq 3389',
      ' service-object udp destination eq snmp',
      'object-group icmp-type ICMP-ALLOWED',
      ' icmp-object echo',
      ' icmp-object echo-reply',
      ' icmp-object unreachable',
      ' icmp-object time-exceeded',
    ],
    s.groups,
    [
      'access-list outside_access_in extended permit icmp any any object-group ICMP-ALLOWED',
      'access-list outside_access_in extended deny ip any any log',
      'access-list inside_access_in remark NOC to all customer VLANs',
      'access-list inside_access_in extended permit object-group ADMIN-SVC object-group NOC-NETS any',
      'access-list inside_access_in extended permit udp object resolvers host ns1.example.net. eq domain',
      'access-list inside_access_in extended permit ip object inside-lan any',
    ],
    s.acls,
    [
      'pager lines 24',
      'logging enable',
      'logging timestamp',
      'logging buffered informational',
      'logging host mgmt 10.0.0.50',
      'mtu outside 1500',
      'mtu inside 1500',
      'mtu mgmt 1500',
    ],
    s.mtu,
    [
      'failover',
      'failover lan unit primary',
      'failover lan interface FOLINK GigabitEthernet0/7',
      'failover key *****',
      'failover link FOLINK GigabitEthernet0/7',
      'failover interface ip FOLINK 192.168.255.1 255.255.255.252 standby 192.168.255.2',
      'icmp unreachable rate-limit 1 burst-size 1',
      'no asdm history enable',
      'arp timeout 14400',
    ],
    s.twiceNat,
    ['!'],
    s.objectNat,
    ['!', 'nat (inside,outside) after-auto source dynamic inside-lan interface'],
    [
      'access-group outside_access_in in interface outside',
      'access-group inside_access_in in interface inside',
    ],
    s.accessGroups,
    [
      'route outside 0.0.0.0 0.0.0.0 192.0.2.1 1',
      'route inside 10.0.250.0 255.255.255.0 10.0.1.254 1',
    ],
    s.routes,
    [
      'timeout xlate 3:00:00',
      'timeout conn 1:00:00 half-closed 0:10:00 udp 0:02:00 sctp 0:02:00 icmp 0:00:02',
      'aaa-server NOC-RADIUS protocol radius',
      'aaa-server NOC-RADIUS (mgmt) host 10.0.0.20',
      ' key *****',
      'aaa authentication ssh console NOC-RADIUS LOCAL',
      'http server enable',
      'http 10.0.0.0 255.255.255.0 mgmt',
      'snmp-server host mgmt 10.0.0.50 community ***** version 2c',
      'snmp-server community *****',
      'crypto ipsec ikev1 transform-set ESP-AES256-SHA esp-aes-256 esp-sha-hmac',
      ...(withDefects
        ? ['crypto ipsec ikev1 transform-set ESP-3DES-MD5 esp-3des esp-md5-hmac']
        : []),
      'crypto ipsec ikev2 ipsec-proposal AES256-SHA256',
      ' protocol esp encryption aes-256',
      ' protocol esp integrity sha-256',
    ],
    s.cryptoMaps,
    withDefects
      ? [
          `crypto map outside_map 65000 match address ${firstVpn}-vpn`,
          'crypto map outside_map 65000 set ikev1 transform-set ESP-AES256-SHA',
          'crypto map outside_map interface outside',
          `crypto map legacy_map 10 match address ${firstVpn}-vpn`,
          'crypto map legacy_map 10 set peer 203.0.113.20',
          'crypto map legacy_map 10 set ikev1 transform-set ESP-AES256-SHA',
        ]
      : ['crypto map outside_map interface outside'],
    [
      'crypto ikev2 policy 10',
      ' encryption aes-256',
      ' integrity sha256',
      ' group 14',
      ' prf sha256',
      ' lifetime seconds 86400',
      'crypto ikev2 enable outside',
      'crypto ikev1 enable outside',
      'crypto ikev1 policy 10',
      ' authentication pre-share',
      ' encryption aes-256',
      ' hash sha',
      ' group 14',
      ' lifetime 86400',
      'ssh 10.0.0.0 255.255.255.0 mgmt',
      'ssh timeout 30',
      'ssh version 2',
      'ntp server 10.0.0.123 source mgmt prefer',
      'group-policy GP-S2S internal',
      'group-policy GP-S2S attributes',
      ' vpn-tunnel-protocol ikev1 ikev2',
      'username admin password ***** pbkdf2 privilege 15',
    ],
    s.tunnelGroups,
    [
      '!',
      'class-map inspection_default',
      ' match default-inspection-traffic',
      '!',
      '!',
      'policy-map global_policy',
      ' class inspection_default',
      '  inspect dns',
      '  inspect ftp',
      '  inspect esmtp',
      '  inspect sip',
      '  inspect icmp',
      '!',
      'service-policy global_policy global',
      `Cryptochecksum:${hex(32)}`,
      ': end',
    ],
  ];

  let lines = 0;
  const parts: string[] = [];
  for (const sec of sections) {
    if (sec.length === 0) continue;
    lines += sec.length;
    parts.push(sec.join('\n'));
  }
  return {
    text: parts.join('\n') + '\n',
    lines,
    customers: customers.map((c) => c.nameif),
    planted,
  };
}

function usage(message: string): never {
  process.stderr.write(
    `generate: ${message}\nusage: node dist/bench/generate.js --lines N --out FILE [--seed N] [--customers N] [--defects] [--gzip] [--planted FILE.json] [--ftd]\n`,
  );
  process.exit(2);
}

function main(argv: string[]): void {
  let targetLines: number | undefined;
  let customers: number | undefined;
  let seed = 1;
  let out: string | undefined;
  let plantedOut: string | undefined;
  let defects = false;
  let gzip = false;
  let ftd = false;
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) usage(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--lines':
        targetLines = num(a, argv[++i]);
        break;
      case '--customers':
        customers = num(a, argv[++i]);
        break;
      case '--seed':
        seed = num(a, argv[++i]);
        break;
      case '--out':
        out = argv[++i];
        break;
      case '--planted':
        plantedOut = argv[++i];
        break;
      case '--defects':
        defects = true;
        break;
      case '--gzip':
        gzip = true;
        break;
      case '--ftd':
        ftd = true;
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  if (out === undefined) usage('--out FILE is required');
  if (targetLines === undefined && customers === undefined) targetLines = 100_000;

  const t0 = performance.now();
  let cfg: GeneratedConfig;
  try {
    cfg = generateConfig({ targetLines, customers, seed, defects });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const t1 = performance.now();
  if (ftd) cfg = { ...cfg, text: asFirepower(cfg.text) };
  const data = gzip ? gzipSync(cfg.text) : cfg.text;
  writeFileSync(out, data);
  if (plantedOut !== undefined)
    writeFileSync(plantedOut, JSON.stringify(cfg.planted, null, 2) + '\n');
  const t2 = performance.now();
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  console.log(
    `${out}: ${cfg.lines} lines, ${cfg.customers.length} customers, ${cfg.planted.length} planted defects, ` +
      `${(bytes / 1e6).toFixed(1)} MB${gzip ? ' gzip' : ''}, seed ${seed}, ` +
      `generated in ${Math.round(t1 - t0)} ms, written in ${Math.round(t2 - t1)} ms`,
  );
}

/** How many words the address operand at `i` takes (see the ACE grammar in src/parse/operands.ts). */
function addressWords(w: readonly string[], i: number): number {
  const first = w[i] ?? '';
  if (['host', 'object', 'object-group', 'interface'].includes(first)) return 2;
  if (first.startsWith('any') || first.includes(':')) return 1;
  return 2; // address and mask, or a name and mask
}

/**
 * The configuration as a Firepower Threat Defense managed by a management center prints the same
 * policy: `NGFW Version`, and every access-list bound to an interface moved into the one global
 * access-list `CSM_FW_ACL_`, each entry scoped to that interface (`ifc NAMEIF` before the source
 * for `in`, before the destination for `out`), each remark turned into the rule's name
 * (`remark rule-id N: L4 RULE: ...`), and its entries carrying that rule-id. Other access-lists
 * (VPN, split tunnel) stay. For benchmarks of the FTD extract (`--ftd`).
 */
export function asFirepower(text: string): string {
  const lines = text.split('\n');
  const bound = new Map<string, { nameif: string; dir: string }>();
  for (const l of lines) {
    const m = /^access-group (\S+) (in|out) interface (\S+)$/.exec(l);
    if (m) bound.set(m[1] as string, { dir: m[2] as string, nameif: m[3] as string });
  }
  const out: string[] = [];
  let rule = 268435456;
  let acl = '';
  let global = false;
  for (const l of lines) {
    if (l.startsWith('ASA Version ')) {
      out.push('NGFW Version 7.4.1');
      continue;
    }
    const w = l.split(' ');
    if (w[0] === 'access-group' && bound.has(w[1] as string)) {
      if (!global) out.push('access-group CSM_FW_ACL_ global');
      global = true;
      continue;
    }
    const b = w[0] === 'access-list' ? bound.get(w[1] as string) : undefined;
    if (!b) {
      out.push(l);
      continue;
    }
    if (w[2] === 'remark' || w[1] !== acl) rule++; // a remark names a rule, as does a new ACL
    acl = w[1] as string;
    if (w[2] === 'remark') {
      out.push(`access-list CSM_FW_ACL_ remark rule-id ${rule}: L4 RULE: ${w.slice(3).join(' ')}`);
      continue;
    }
    // access-list NAME extended ACTION PROTOCOL SOURCE DESTINATION ...
    const protocol = w[4] === 'object' || w[4] === 'object-group' ? 2 : 1;
    let at = 4 + protocol;
    if (b.dir === 'out') at += addressWords(w, at);
    const ace = [...w.slice(3, at), 'ifc', b.nameif, ...w.slice(at)];
    out.push(`access-list CSM_FW_ACL_ advanced ${ace.join(' ')} rule-id ${rule}`);
  }
  return out.join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
