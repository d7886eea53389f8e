// Focused cases of the extract contract (PRODUCT.md "Extract", issue 3): matching by parsed
// reference, isolation around shared objects / shared ACLs / NAT, global ACL filtering, section
// banners and order, definitions before use, the API's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/extract.js';
import { UsageError } from '../../src/parse/errors.js';
import { loadConfigText } from '../../src/model/build.js';
import { cfg, dedent } from '../support/config.js';
import {
  NOW,
  assertSelfContained,
  configLines,
  definitionsBeforeUse,
  omittedCount,
  reparse,
  tokens,
} from './util.js';

/** Two customers and the provider's outside; `extra` is appended. */
function twoCustomers(extra: string) {
  const base = dedent(`
    hostname fw-test
    interface GigabitEthernet0/0
     nameif outside
     security-level 0
     ip address 192.0.2.2 255.255.255.0
    interface Port-channel1.10
     description customer one, contract C1-0001
     vlan 10
     nameif c1
     security-level 50
     ip address 10.1.10.1 255.255.255.0
    interface Port-channel1.20
     description customer two, contract C2-0002
     vlan 20
     nameif c2
     security-level 50
     ip address 10.1.20.1 255.255.255.0
    object-group network ADMIN
     network-object host 10.0.0.5
  `);
  return loadConfigText(`${base.trimEnd()}\n${extra.trim() ? dedent(extra) : ''}`, 'snippet.cfg');
}

test('matching is by parsed reference: object web pulls in neither web-old nor cust2-web', () => {
  const c = cfg(`
    names
    name 10.1.10.77 web.example description c1 web alias
    name 10.1.20.77 web-old.example description c2 alias
    interface Port-channel1.10
     nameif c1
     ip address 10.1.10.1 255.255.255.0
    interface Port-channel1.20
     nameif c2
     ip address 10.1.20.1 255.255.255.0
    object network web
     host 10.1.10.10
    object network web-old
     host 10.1.20.15
     description web old server of c2
    object network cust2-web
     host 10.1.20.10
    object-group network webs
     network-object object web-old
     network-object object cust2-web
    object-group network web-servers
     network-object host web-old.example
    access-list c1_in extended permit tcp object web any eq https
    access-list c1_in extended permit tcp host web.example any eq https
    access-list c2_in remark web and web-old for c2
    access-list c2_in extended permit tcp object-group webs any eq https
    access-list c2_in extended permit tcp object-group web-servers any eq https
    access-group c1_in in interface c1
    access-group c2_in in interface c2
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const words = tokens(r.text);
  for (const w of ['web', 'web.example', 'c1_in']) assert.ok(words.has(w), w);
  for (const w of [
    'web-old',
    'cust2-web',
    'webs',
    'web-servers',
    'web-old.example',
    'c2_in',
    '10.1.20.15',
    '10.1.20.10',
    '10.1.20.77',
  ]) {
    assert.ok(!words.has(w), `${w} must not appear`);
  }
  assert.deepEqual(
    r.json.objects.map((o) => o.name),
    ['web', 'web.example'],
  );
  assert.deepEqual(r.json.objectGroups, []);
});

test('an ACL bound to two customers: each gets the ACL and only its own access-group, no stub of the other', () => {
  const c = twoCustomers(`
    object network c1-web
     host 10.1.10.10
    access-list SHARED_IN extended permit tcp object c1-web any eq https
    access-list SHARED_IN extended permit udp any object-group ADMIN eq snmptrap
    access-group SHARED_IN in interface c1
    access-group SHARED_IN in interface c2
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const lines = r.text.split('\n');
  assert.ok(lines.includes('access-group SHARED_IN in interface c1'));
  assert.ok(!lines.includes('access-group SHARED_IN in interface c2'));
  const words = tokens(r.text);
  for (const w of ['c2', 'Port-channel1.20', 'C2-0002', '10.1.20.1'])
    assert.ok(!words.has(w), `${w} must not appear`);
});

test('a shared object whose object NAT is on another customer: the object appears, the NAT rule does not', () => {
  const c = twoCustomers(`
    object network shared-web
     host 10.9.9.9
    access-list c1_in extended permit tcp any object shared-web eq https
    access-list c2_in extended permit tcp any object shared-web eq https
    access-group c1_in in interface c1
    access-group c2_in in interface c2
    object network shared-web
     nat (c2,outside) static 198.51.100.99
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const words = tokens(r.text);
  assert.ok(words.has('shared-web'));
  assert.ok(!words.has('198.51.100.99'), "c2's NAT address must not appear");
  assert.ok(!words.has('c2'), "c2's nameif must not appear");
  assert.deepEqual(r.json.nat, []);
  const other = extract(c, ['c2'], { now: NOW });
  assert.ok(other.text.split('\n').includes(' nat (c2,outside) static 198.51.100.99'));
});

test('NAT on any: kept only when every object it references is in the closure, else counted', () => {
  const c = twoCustomers(`
    object network c1-lan
     subnet 10.1.10.0 255.255.255.0
    object network c1-web
     host 10.1.10.10
    object network c1-web-pub
     host 198.51.100.10
    object network c2-lan
     subnet 10.1.20.0 255.255.255.0
    object-group network ALL-LANS
     network-object object c1-lan
     network-object object c2-lan
    access-list c1_in extended permit ip object c1-lan object-group ADMIN
    access-list c1_in extended permit tcp object c1-web any eq https
    access-group c1_in in interface c1
    nat (any,outside) source static c1-lan c1-lan destination static ADMIN ADMIN
    object network c1-lan
     nat (any,outside) dynamic interface
    object network c1-web
     nat (any,outside) static c1-web-pub
    nat (any,outside) after-auto source dynamic ALL-LANS interface
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const lines = r.text.split('\n');
  assert.ok(
    lines.includes('nat (any,outside) source static c1-lan c1-lan destination static ADMIN ADMIN'),
    'qualifies',
  );
  assert.ok(
    lines.includes(' nat (any,outside) dynamic interface'),
    'object NAT on any of a reached object',
  );
  assert.ok(
    !lines.includes(' nat (any,outside) static c1-web-pub'),
    'c1-web-pub is not in the closure',
  );
  assert.ok(!tokens(r.text).has('c1-web-pub'));
  assert.ok(!tokens(r.text).has('ALL-LANS'));
  assert.ok(!tokens(r.text).has('c2-lan'));
  assert.equal(omittedCount(r.json.omitted, /nat/i), 2, JSON.stringify(r.json.omitted));
});

// BUG (lead): a NAT rule bound to ANOTHER customer's interface on one side and `any` on the other
// is taken for an "any" rule: when its objects happen to be in the closure (shared ones, like the
// provider's admin group), it is printed in this customer's extract, with a stub of the other
// customer's interface (hardware name + nameif).
test("isolation: another customer's (c2,any) NAT rule built from shared objects stays out of c1's extract", () => {
  const c = twoCustomers(`
    object network c1-lan
     subnet 10.1.10.0 255.255.255.0
    object network c2-lan
     subnet 10.1.20.0 255.255.255.0
    access-list c1_in extended permit ip object c1-lan object-group ADMIN
    access-list c2_in extended permit ip object c2-lan object-group ADMIN
    access-group c1_in in interface c1
    access-group c2_in in interface c2
    nat (c2,any) source static ADMIN ADMIN no-proxy-arp
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const words = tokens(r.text);
  assert.ok(!r.text.includes('nat (c2,any)'), `c2's NAT rule appears in c1's extract:\n${r.text}`);
  for (const w of ['c2', 'Port-channel1.20'])
    assert.ok(!words.has(w), `${w} (c2's interface) appears in c1's extract`);
});

test("isolation: another customer's (c2,any) object NAT on a shared object stays out of c1's extract", () => {
  const c = twoCustomers(`
    object network shared-mail
     host 10.9.9.25
    access-list c1_in extended permit tcp any object shared-mail eq smtp
    access-list c2_in extended permit tcp any object shared-mail eq smtp
    access-group c1_in in interface c1
    access-group c2_in in interface c2
    object network shared-mail
     nat (c2,any) static 10.1.20.25
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const words = tokens(r.text);
  assert.ok(!words.has('10.1.20.25'), `c2's NAT address appears in c1's extract:\n${r.text}`);
  assert.ok(
    !words.has('c2') && !words.has('Port-channel1.20'),
    "c2's interface appears in c1's extract",
  );
});

// BUG (lead): with --include-global, a customer none of whose global entries lie in its space
// gets `access-group GLOBAL global` but no `access-list GLOBAL` line: the extract references an
// access-list it does not define (audit: undefined) and names the provider's global ACL.
test('--include-global with no global entry in the customer space: no dangling access-group global', async () => {
  const c = twoCustomers(`
    object network c1-web
     host 10.1.10.10
    object network c2-web
     host 10.1.20.10
    access-list c1_in extended permit tcp object c1-web any eq https
    access-list c2_in extended permit tcp object c2-web any eq https
    access-list GLOBAL_ACL extended permit tcp any object c1-web eq 8443
    access-group c1_in in interface c1
    access-group c2_in in interface c2
    access-group GLOBAL_ACL global
  `);
  const kept = extract(c, ['c1'], { now: NOW, includeGlobal: true });
  assert.ok(
    kept.text
      .split('\n')
      .includes('access-list GLOBAL_ACL extended permit tcp any object c1-web eq 8443'),
  );
  assert.ok(kept.text.split('\n').includes('access-group GLOBAL_ACL global'));
  await assertSelfContained(kept.text);

  const none = extract(c, ['c2'], { now: NOW, includeGlobal: true });
  assert.ok(omittedCount(none.json.omitted, /global/i) > 0);
  assert.ok(
    !tokens(none.text).has('GLOBAL_ACL'),
    `c2's extract names the global ACL it has no entry of:\n${none.text}`,
  );
  await assertSelfContained(none.text);
});

test('--include-global keeps only entries inside the customer space that touch no other interface', () => {
  const c = twoCustomers(`
    object network c1-web
     host 10.1.10.10
    object network c1-far
     host 10.111.0.10
    object network c2-web
     host 10.1.20.10
    access-list c1_in extended permit tcp object c1-web any eq https
    access-list GLOBAL_ACL remark c1 and c2 exceptions
    access-list GLOBAL_ACL extended permit tcp any object c1-web eq 8443
    access-list GLOBAL_ACL extended permit tcp any object c1-far eq 8443
    access-list GLOBAL_ACL extended permit tcp object c1-web object c2-web eq 22
    access-list GLOBAL_ACL extended permit tcp any 192.0.2.0 255.255.255.0 eq 443
    access-list GLOBAL_ACL extended deny ip any any
    access-group c1_in in interface c1
    access-group GLOBAL_ACL global
    route c1 10.111.0.0 255.255.0.0 10.1.10.254 1
  `);
  const r = extract(c, ['c1'], { now: NOW, includeGlobal: true });
  assert.deepEqual(
    r.text.split('\n').filter((l) => l.startsWith('access-list GLOBAL_ACL ')),
    [
      'access-list GLOBAL_ACL extended permit tcp any object c1-web eq 8443',
      'access-list GLOBAL_ACL extended permit tcp any object c1-far eq 8443',
    ],
  );
  assert.ok(!tokens(r.text).has('c2-web'));
  const plain = extract(c, ['c1'], { now: NOW });
  assert.ok(!tokens(plain.text).has('GLOBAL_ACL'));
  assert.ok(!tokens(plain.text).has('c1-far'), 'c1-far is only used by the global ACL');
  assert.ok(omittedCount(plain.json.omitted, /global/i) > 0);
});

// BUG (lead): "Empty sections still get their banner" — the names and time-ranges sections are
// printed only when they hold something.
/** the section banners of an extract, in order */
function banners(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('! --- '))
    .map((l) => (/^! --- (\S+)/.exec(l) as RegExpExecArray)[1] as string);
}

/** the section order */
const SECTION_ORDER = [
  'interfaces',
  'names',
  'objects',
  'object-groups',
  'time-ranges',
  'access-lists',
  'access-groups',
  'NAT',
];

test('every section has its banner, even when empty (names and time-ranges included), in the issue order', () => {
  const c = twoCustomers(`
    access-list c1_in extended permit ip any object-group ADMIN
    access-group c1_in in interface c1
  `);
  const r = extract(c, ['c1'], { now: NOW });
  assert.deepEqual(banners(r.text), SECTION_ORDER);
});

test('sections come in the issue order when all are present', () => {
  const c = twoCustomers(`
    names
    name 10.1.10.99 c1-alias
    time-range c1-hours
     periodic weekdays 8:00 to 18:00
    object network c1-web
     host 10.1.10.10
    access-list c1_in extended permit tcp object c1-web host c1-alias eq https time-range c1-hours
    access-list c1_in extended permit ip any object-group ADMIN
    access-group c1_in in interface c1
    nat (c1,outside) source dynamic c1-web interface
  `);
  const r = extract(c, ['c1'], { now: NOW });
  assert.deepEqual(banners(r.text), SECTION_ORDER);
  const lines = r.text.split('\n');
  assert.match(
    lines[lines.length - 2] ?? '',
    /^! generated by asakit \S+ at 2026-01-01T00:00:00.000Z$/,
  );
  assert.ok(lines.includes('hostname fw-test'));
});

test('nested groups defined out of order in the original are printed innermost first', async () => {
  const c = twoCustomers(`
    object-group network OUTER
     group-object MIDDLE
    object-group network MIDDLE
     group-object INNER
     network-object host 10.1.10.99
    object-group network INNER
     network-object object c1-db
    object network c1-db
     host 10.1.10.20
    access-list c1_in extended permit tcp object-group OUTER any eq https
    access-group c1_in in interface c1
  `);
  const r = extract(c, ['c1'], { now: NOW });
  assert.deepEqual(
    r.json.objectGroups.map((g) => g.name),
    ['INNER', 'MIDDLE', 'OUTER'],
  );
  const e = reparse(r.text);
  assert.deepEqual(definitionsBeforeUse(e), []);
  await assertSelfContained(r.text);
});

test('VPN peers, tunnel-groups, users and secrets of other customers never appear', () => {
  const c = twoCustomers(`
    object network c1-lan
     subnet 10.1.10.0 255.255.255.0
    object network c2-lan
     subnet 10.1.20.0 255.255.255.0
    object network c2-remote
     subnet 172.30.0.0 255.255.0.0
    username c2-operator password SECRET-PW-2 privilege 3
    access-list c2-vpn extended permit ip object c2-lan object c2-remote
    crypto ipsec ikev1 transform-set C2-TS esp-aes-256 esp-sha-hmac
    crypto map outside_map 20 match address c2-vpn
    crypto map outside_map 20 set peer 203.0.113.77
    crypto map outside_map 20 set ikev1 transform-set C2-TS
    crypto map outside_map interface outside
    tunnel-group 203.0.113.77 type ipsec-l2l
    tunnel-group 203.0.113.77 ipsec-attributes
     ikev1 pre-shared-key SECRET-PSK-2
    access-list c1_in extended permit ip object c1-lan any
    access-list c2_in extended permit ip object c2-lan any
    access-group c1_in in interface c1
    access-group c2_in in interface c2
    nat (c2,outside) source static c2-lan c2-lan destination static c2-remote c2-remote no-proxy-arp route-lookup
  `);
  const words = tokens(extract(c, ['c1'], { now: NOW }).text);
  for (const w of [
    'c2-operator',
    'SECRET-PW-2',
    'c2-vpn',
    'outside_map',
    '203.0.113.77',
    'SECRET-PSK-2',
    'C2-TS',
    'c2-remote',
    'c2-lan',
    '172.30.0.0',
  ]) {
    assert.ok(!words.has(w), `${w} must not appear in c1's extract`);
  }
});

test('an interface without access-group: valid, mostly empty extract and a note', async () => {
  const c = twoCustomers(`
    access-list c2_in extended permit ip any object-group ADMIN
    access-group c2_in in interface c2
  `);
  const r = extract(c, ['c1'], { now: NOW });
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0] ?? '', /c1/);
  assert.match(r.notes[0] ?? '', /access-group/);
  assert.deepEqual(configLines(r.text), [
    'hostname fw-test',
    'interface Port-channel1.10',
    ' description customer one, contract C1-0001',
    ' vlan 10',
    ' nameif c1',
    ' security-level 50',
    ' ip address 10.1.10.1 255.255.255.0',
  ]);
  reparse(r.text);
  await assertSelfContained(r.text);
});

test('an unknown nameif (or none) is a UsageError naming the configuration nameifs', () => {
  const c = twoCustomers('');
  assert.throws(
    () => extract(c, ['c3']),
    (e: unknown) =>
      e instanceof UsageError &&
      /c3/.test(e.message) &&
      ['c1', 'c2', 'outside'].every((n) => e.message.includes(n)),
  );
  assert.throws(() => extract(c, ['c']), UsageError, 'a prefix of a nameif is not a nameif');
  assert.throws(() => extract(c, []), UsageError);
});

// BUG (lead, minor): `asakit extract cust3 cust3` prints the interface block twice, lists it
// twice in the JSON and writes the note twice; each structure should be printed once.
test('the same nameif given twice is extracted once', () => {
  const c = twoCustomers('');
  const r = extract(c, ['c1', 'c1'], { now: NOW });
  assert.equal(
    r.text.split('\n').filter((l) => l === 'interface Port-channel1.10').length,
    1,
    r.text,
  );
  assert.equal(r.json.interfaces.length, 1);
  assert.equal(r.notes.length, 1);
});

test('stubs of other interfaces are exactly two lines (no description, address or settings)', () => {
  const c = twoCustomers(`
    object network c1-lan
     subnet 10.1.10.0 255.255.255.0
    access-list c1_in extended permit tcp object c1-lan interface c2 eq 22
    access-group c1_in in interface c1
    nat (c1,outside) source dynamic c1-lan interface
  `);
  const r = extract(c, ['c1'], { now: NOW });
  const cl = configLines(r.text);
  const at = cl.indexOf('interface Port-channel1.20');
  assert.ok(at > 0, 'c2 is referenced by c1 own ACE: a stub');
  assert.equal(cl[at + 1], ' nameif c2');
  assert.ok(!(cl[at + 2] ?? '').startsWith(' '), 'nothing more in the stub');
  const words = tokens(r.text);
  for (const w of ['C2-0002', '10.1.20.1', '192.0.2.2'])
    assert.ok(!words.has(w), `${w} must not appear`);
  assert.ok(cl.includes('interface GigabitEthernet0/0'));
});

test('keywords in capitals: a stub keeps its NAMEIF line, an object block leaves out its NAT', () => {
  const c = loadConfigText(
    dedent(`
      INTERFACE Port-channel1.10
       NAMEIF c1
      INTERFACE Port-channel1.20
       NAMEIF c2
      OBJECT network c1-lan
       SUBNET 10.1.10.0 255.255.255.0
       NAT (c1,c2) DYNAMIC interface
      ACCESS-LIST c1_in extended permit ip object c1-lan interface c2
      ACCESS-GROUP c1_in in interface c1
    `),
    'capitals.cfg',
  );
  const cl = configLines(extract(c, ['c1'], { now: NOW }).text);
  const at = cl.indexOf('INTERFACE Port-channel1.20');
  assert.ok(at > 0, 'c2 is referenced: a stub');
  assert.equal(cl[at + 1], ' NAMEIF c2');
  const obj = cl.indexOf('OBJECT network c1-lan');
  assert.equal(cl[obj + 1], ' SUBNET 10.1.10.0 255.255.255.0');
  assert.ok(!(cl[obj + 2] ?? '').startsWith(' '), 'the NAT line is printed under NAT, not here');
});

test("the interface's own lines: other interfaces they name as stubs before them, the rest left out", async () => {
  // the interface block was printed as it was: `ip address NAME`, `igmp access-group ACL`,
  // `tunnel source interface IF` named what the extract lacked or defined later (found by the
  // fuzz test once the grammar read them as references)
  const c = cfg(`
    names
    name 10.1.10.1 c1-gw
    name 10.1.20.1 c2-gw
    interface GigabitEthernet0/0
     nameif outside
     ip address 192.0.2.2 255.255.255.0
    interface Port-channel1.10
     nameif c1
     ip address c1-gw 255.255.255.0
     igmp access-group C1-IGMP
     policy-route route-map PBR-MAP
    interface Port-channel1.20
     nameif c2
     ip address c2-gw 255.255.255.0
    interface Tunnel1
     nameif c1-vti
     ip unnumbered c1
     tunnel source interface outside
     tunnel destination 198.51.100.10
     tunnel protection ipsec profile C1-VTI
    access-list C1-IGMP extended permit ip any 239.1.10.0 255.255.255.0
    access-list PBR extended permit ip any any
    route-map PBR-MAP permit 10
     match ip address PBR
    crypto ipsec profile C1-VTI
     set pfs group14
    access-list c1_in extended permit ip any host 10.1.20.5
    access-group c1_in in interface c1
  `);
  // the tunnel first: it borrows c1's address, so c1 comes before it all the same
  const r = extract(c, ['c1-vti', 'c1'], { now: NOW });
  const cl = configLines(r.text);
  const at = (l: string) => cl.indexOf(l);
  assert.deepEqual(
    cl.slice(
      at('interface Port-channel1.10'),
      at('access-list c1_in extended permit ip any host 10.1.20.5'),
    ),
    [
      'interface Port-channel1.10',
      ' nameif c1',
      'interface GigabitEthernet0/0',
      ' nameif outside',
      'interface Tunnel1',
      ' nameif c1-vti',
      ' ip unnumbered c1',
      ' tunnel source interface outside',
      ' tunnel destination 198.51.100.10',
    ],
  );
  const words = tokens(r.text);
  for (const w of ['c1-gw', 'c2-gw', 'C1-IGMP', 'PBR-MAP', 'PBR', 'C1-VTI', '192.0.2.2', 'c2'])
    assert.ok(!words.has(w), `${w} must not appear`);
  assert.deepEqual(
    Object.entries(r.json.omitted)
      .filter(([k]) => k.startsWith('interface lines'))
      .sort(),
    [
      ['interface lines that name a structure (access-list)', 1],
      ['interface lines that name a structure (ipsec-profile)', 1],
      ['interface lines that name a structure (name)', 1],
      ['interface lines that name a structure (route-map)', 1],
    ],
  );
  assert.deepEqual(definitionsBeforeUse(reparse(r.text)), []);
  await assertSelfContained(r.text);
});
