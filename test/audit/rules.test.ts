// Each audit rule on a small firing and a small quiet configuration
// (test/fixtures/audit/<rule>/{fires,quiet}.cfg, expected findings in fires.expected.json), and
// the rule-specific details the fixtures cannot show on their own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/model/build.js';
import {
  formatFixScript,
  runAudit,
  RULES,
  type Finding,
  type RuleId,
} from '../../src/audit/index.js';
import { repoRoot } from '../support/paths.js';
import { cfg, dedent } from '../support/config.js';
import { applyFixScript } from '../support/fix-applier.js';
import { sameOnTheAsa } from '../../src/audit/rules/shared.js';

const NOW = new Date('2026-12-15T00:00:00Z');
const fixtures = join(repoRoot, 'test', 'fixtures', 'audit');

interface Expected {
  rule: RuleId;
  severity: string;
  subject: { kind: string; name: string };
  line: number;
  address?: string;
  message?: string;
  fix?: string[];
  references?: number[];
}

async function audit(file: string, rule: RuleId): Promise<Finding[]> {
  const text = readFileSync(file, 'utf8');
  const report = await runAudit(loadConfigText(text, file), { rules: [rule], now: NOW });
  return report.findings;
}

function project(f: Finding, like: Expected): Expected {
  const out: Expected = { rule: f.rule, severity: f.severity, subject: f.subject, line: f.line };
  if (f.address !== undefined) out.address = f.address;
  if (like.message !== undefined) out.message = f.message;
  if (like.fix !== undefined) out.fix = f.fix;
  if (like.references !== undefined) out.references = f.references.map((r) => r.line);
  return out;
}

const WITH_FIXTURES: RuleId[] = [
  'undefined',
  'raw-address',
  'name-trailing-dot',
  'fqdn-object',
  'expired-certificate',
  'incomplete-crypto-map',
  'portchannel-failover-mac',
];

describe('audit rules on their fixtures', () => {
  for (const rule of WITH_FIXTURES) {
    describe(rule, () => {
      const dir = join(fixtures, rule);
      it('fires as expected', async () => {
        const expected = JSON.parse(
          readFileSync(join(dir, 'fires.expected.json'), 'utf8'),
        ) as Expected[];
        assert.ok(expected.length > 0, 'the fixture expects findings');
        const found = await audit(join(dir, 'fires.cfg'), rule);
        assert.equal(
          found.length,
          expected.length,
          found.map((f) => `${f.line} ${f.message}`).join('\n'),
        );
        found.forEach((f, i) => assert.deepEqual(project(f, expected[i] as Expected), expected[i]));
      });
      it('is quiet on a clean configuration', async () => {
        const found = await audit(join(dir, 'quiet.cfg'), rule);
        assert.deepEqual(
          found.map((f) => `${f.line} ${f.message}`),
          [],
        );
      });
      it('every finding has a reason, references and a subject kind from CLI.md', async () => {
        for (const f of await audit(join(dir, 'fires.cfg'), rule)) {
          assert.ok(f.reason.length > 40, f.reason);
          assert.ok(Array.isArray(f.references));
          assert.ok(f.line >= 1);
          for (const cmd of f.fix) assert.doesNotMatch(cmd, /undefined|\[object/);
        }
      });
    });
  }

  it('fixtures exist for every rule that does not need DNS', () => {
    for (const r of RULES) {
      if (r.needsDns || r.meta.id === 'unused') continue;
      assert.ok(existsSync(join(fixtures, r.meta.id, 'fires.cfg')), r.meta.id);
    }
  });
});

describe('unused and undefined: structures used outside access-groups and ACLs', () => {
  // routing processes, IGMP, WCCP, dynamic access policies, names as addresses, inspect
  // class-maps, per-interface tunnel-group pools (test/fixtures/parse/references.cfg): each of
  // them was reported unused or undefined, with a fix that removed it
  it('reports none of them', async () => {
    const file = join(repoRoot, 'test', 'fixtures', 'parse', 'references.cfg');
    const found = [...(await audit(file, 'unused')), ...(await audit(file, 'undefined'))];
    assert.deepEqual(
      found.map((f) => `${f.line} ${f.message}`),
      [],
    );
  });
});

describe('route-based VPN (virtual tunnel interfaces) and LDAP attribute maps', () => {
  /** the commands of a fix script, without its comment lines */
  const commandsOf = (script: string) =>
    script.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('!'));
  /** applies the report's fix script to the snippet: the result has nothing unused or undefined */
  const fixesCleanly = async (snippet: string, script: string) => {
    const applied = applyFixScript(dedent(snippet), script);
    assert.deepEqual(applied.errors, []);
    const after = await runAudit(cfg(applied.text), { rules: ['unused', 'undefined'] });
    assert.deepEqual(
      after.findings.map((f) => `${f.rule} ${f.subject.kind} ${f.subject.name}`),
      [],
    );
  };
  const parseFixture = (f: string) => join(repoRoot, 'test', 'fixtures', 'parse', f);

  // IPsec profiles used by tunnel interfaces, their proposals and transform-sets, the L2L
  // tunnel-groups named after each `tunnel destination` (by address or `name` alias), a dynamic
  // VTI's tunnel-group: all of them were reported unused, and the fix removed them
  it('nothing in the VTI fixture is unused or undefined', async () => {
    const file = parseFixture('vti.cfg');
    const found = [...(await audit(file, 'unused')), ...(await audit(file, 'undefined'))];
    assert.deepEqual(
      found.map((f) => `${f.line} ${f.message}`),
      [],
    );
  });

  it('an L2L tunnel-group no peer and no tunnel destination names is unused', async () => {
    const c = cfg(`
      interface Tunnel1
       nameif vti
       tunnel destination 192.0.2.10
       tunnel protection ipsec profile P
      crypto ipsec profile P
       set pfs group14
      tunnel-group 192.0.2.10 type ipsec-l2l
      tunnel-group 192.0.2.99 type ipsec-l2l
    `);
    const r = await runAudit(c, { rules: ['unused'] });
    assert.deepEqual(
      r.findings.map((f) => `${f.subject.kind} ${f.subject.name}`),
      ['tunnel-group 192.0.2.99'],
    );
    assert.match(r.findings[0]?.reason ?? '', /tunnel destination/);
  });

  it('a named L2L tunnel-group is in use where a peer can select it by its identity', async () => {
    const base = `
      interface GigabitEthernet0/0
       nameif outside
      crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
      crypto dynamic-map DYN 10 set ikev1 transform-set TS
      crypto map OUT 65535 ipsec-isakmp dynamic DYN
      tunnel-group SPOKES type ipsec-l2l
      tunnel-group SPOKES ipsec-attributes
       ikev1 pre-shared-key *****
      tunnel-group PARTNER type ipsec-l2l
      tunnel-group PARTNER ipsec-attributes
       ikev2 remote-authentication certificate
      tunnel-group 192.0.2.99 type ipsec-l2l
    `;
    const unusedGroups = async (text: string) =>
      (await runAudit(cfg(text), { rules: ['unused'] })).findings
        .filter((f) => f.subject.kind === 'tunnel-group')
        .map((f) => f.subject.name);
    // the dynamic map is bound: spokes with unknown addresses select SPOKES by their IKE identity;
    // PARTNER's peer authenticates by certificate; an address nothing names is still unused
    const bound = `${base}\n      crypto map OUT interface outside`;
    assert.deepEqual(await unusedGroups(bound), ['192.0.2.99']);
    // unbound, no peer with an unknown address can reach SPOKES: a pre-shared key in main mode
    // is found by the peer's address alone
    assert.deepEqual(await unusedGroups(base), ['SPOKES', '192.0.2.99']);
    const r = await runAudit(cfg(base), { rules: ['unused'] });
    const spokes = r.findings.find((f) => f.subject.name === 'SPOKES');
    assert.match(spokes?.reason ?? '', /dynamic crypto map/);
    assert.ok(commandsOf(formatFixScript(r)).includes('clear configure tunnel-group SPOKES'));
  });

  it('an LDAP attribute map keeps the group-policies it assigns, and only those', async () => {
    // GP-DEPT is a map-value of an attribute mapped to Department, not to a group-policy
    const found = await audit(parseFixture('ldap.cfg'), 'unused');
    assert.deepEqual(
      found.map((f) => `${f.line} ${f.subject.kind} ${f.subject.name}`),
      ['9 group-policy GP-DEPT'],
    );
    assert.match(found[0]?.reason ?? '', /RADIUS/);
  });

  it('an IPsec profile no tunnel interface names is unused, and so is what only it offers', async () => {
    const text = `
      interface Tunnel1
       nameif vti
       tunnel destination 192.0.2.10
       tunnel protection ipsec profile LIVE
      crypto ipsec ikev2 ipsec-proposal SHARED
       protocol esp encryption aes-256
      crypto ipsec ikev2 ipsec-proposal OLD-PROP
       protocol esp encryption aes
      crypto ipsec profile LIVE
       set ikev2 ipsec-proposal SHARED
      crypto ipsec profile OLD
       set ikev2 ipsec-proposal SHARED OLD-PROP
      tunnel-group 192.0.2.10 type ipsec-l2l
    `;
    const r = await runAudit(cfg(text), { rules: ['unused'] });
    assert.deepEqual(
      r.findings.map((f) => `${f.line} ${f.subject.kind} ${f.subject.name}`),
      ['7 ipsec-proposal OLD-PROP', '11 ipsec-profile OLD'],
    );
    assert.match(r.findings[1]?.reason ?? '', /tunnel protection ipsec profile/);
    assert.match(r.findings[0]?.message ?? '', /only by unused ipsec-profile OLD/);
    // the profile goes before the proposal it offers
    assert.deepEqual(commandsOf(formatFixScript(r)), [
      'no crypto ipsec profile OLD',
      'no crypto ipsec ikev2 ipsec-proposal OLD-PROP',
    ]);
    await fixesCleanly(text, formatFixScript(r));
  });

  it('an LDAP attribute map no AAA server applies is unused; a missing one is undefined', async () => {
    const text = `
      interface GigabitEthernet0/1
       nameif inside
      group-policy GP-ENG internal
      group-policy GP-OLD internal
      ldap attribute-map AD-MAP
        map-name memberOf Group-Policy
        map-value memberOf CN=Eng,DC=example,DC=com GP-ENG
      ldap attribute-map OLD-MAP
        map-name memberOf Group-Policy
        map-value memberOf CN=Old,DC=example,DC=com GP-OLD
      aaa-server AD protocol ldap
      aaa-server AD (inside) host 10.0.0.5
       ldap-base-dn DC=example,DC=com
       ldap-attribute-map AD-MAP
      aaa-server AD (inside) host 10.0.0.6
       ldap-attribute-map AD-MAP2
    `;
    const r = await runAudit(cfg(text), { rules: ['unused', 'undefined'] });
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.line} ${f.subject.kind} ${f.subject.name}`),
      [
        'unused 4 group-policy GP-OLD',
        'unused 8 ldap-attribute-map OLD-MAP',
        'undefined 16 ldap-attribute-map AD-MAP2',
      ],
    );
    assert.match(r.findings[0]?.message ?? '', /only by unused ldap-attribute-map OLD-MAP/);
    // the map goes before the group-policy it alone assigns; the missing map's line goes
    assert.deepEqual(commandsOf(formatFixScript(r)), [
      'aaa-server AD (inside) host 10.0.0.6',
      ' no ldap-attribute-map AD-MAP2',
      'exit',
      'no ldap attribute-map OLD-MAP',
      'clear configure group-policy GP-OLD',
    ]);
    await fixesCleanly(text, formatFixScript(r));
  });

  it('undefined names in a tunnel interface and an IPsec profile', async () => {
    const c = cfg(`
      interface Tunnel1
       nameif vti
       tunnel destination 192.0.2.10
       tunnel protection ipsec profile MISSING
      crypto ipsec ikev2 ipsec-proposal PROP
       protocol esp encryption aes-256
      crypto ipsec profile P
       set ikev2 ipsec-proposal PROP NOPE
    `);
    const r = await runAudit(c, { rules: ['undefined'] });
    assert.deepEqual(
      r.findings.map((f) => [`${f.subject.kind} ${f.subject.name}`, f.fix]),
      [
        [
          'ipsec-profile MISSING',
          ['interface Tunnel1', ' no tunnel protection ipsec profile MISSING', 'exit'],
        ],
        // the list is replaced when entered again: the shorter list, not a `no`
        [
          'ipsec-proposal NOPE',
          ['crypto ipsec profile P', ' set ikev2 ipsec-proposal PROP', 'exit'],
        ],
      ],
    );
  });
});

describe('keyword-found references read no prototype names', () => {
  it('`constructor` and `__proto__` are plain words in a routing process', async () => {
    const c = cfg(`
      router ospf 1
       constructor toString
       distribute-list constructor in
       redistribute static route-map __proto__
    `);
    const r = await runAudit(c, { rules: ['undefined'] });
    assert.deepEqual(
      r.findings.map((f) => `${f.subject.kind} ${f.subject.name}`),
      ['access-list constructor', 'route-map __proto__'],
    );
  });
});

describe('raw-address details', () => {
  it('one finding per (structure, address), not per line; hosts as A, networks as A/len', async () => {
    const c = cfg(`
      interface GigabitEthernet0/0
       nameif outside
      access-list A extended permit tcp host 10.1.1.5 any eq 22
      access-list A extended permit tcp host 10.1.1.5 any eq 80
      access-list A extended permit ip 10.2.0.0 255.255.0.0 any
      access-group A in interface outside
    `);
    const r = await runAudit(c, { rules: ['raw-address'], now: NOW });
    assert.deepEqual(
      r.findings.map((f) => [f.subject.name, f.address, f.line]),
      [
        ['A', '10.1.1.5', 3],
        ['A', '10.2.0.0/16', 5],
      ],
    );
    const [host] = r.findings;
    assert.deepEqual(host?.fix, [
      'object network host-10.1.1.5',
      ' host 10.1.1.5',
      'access-list A line 1 extended permit tcp object host-10.1.1.5 any eq 22',
      'no access-list A extended permit tcp host 10.1.1.5 any eq 22',
      'access-list A line 2 extended permit tcp object host-10.1.1.5 any eq 80',
      'no access-list A extended permit tcp host 10.1.1.5 any eq 80',
    ]);
    assert.deepEqual(
      host?.references.map((x) => x.line),
      [4],
    );
  });

  it('positions count remarks', async () => {
    const c = cfg(`
      interface GigabitEthernet0/0
       nameif outside
      access-list A remark one
      access-list A remark two
      access-list A extended permit tcp host 10.1.1.5 any eq 22
      access-group A in interface outside
    `);
    const r = await runAudit(c, { rules: ['raw-address'], now: NOW });
    assert.match(
      r.findings[0]?.fix.join('\n') ?? '',
      /^access-list A line 3 extended permit tcp object host-10\.1\.1\.5 any eq 22$/m,
    );
  });

  it('suggested names never collide with existing objects or groups', async () => {
    const c = cfg(`
      interface GigabitEthernet0/0
       nameif outside
      object network host-10.1.1.5
       host 10.9.9.9
      object-group network host-10.1.1.5-2
       network-object object host-10.1.1.5
      access-list A extended permit ip object-group host-10.1.1.5-2 host 10.1.1.5
      access-group A in interface outside
    `);
    const r = await runAudit(c, { rules: ['raw-address'], now: NOW });
    assert.equal(r.findings[0]?.fix[0], 'object network host-10.1.1.5-3');
  });

  it('interface addresses, routes, failover and management lines are not findings', async () => {
    const c = cfg(`
      interface GigabitEthernet0/0
       nameif outside
       ip address 192.0.2.2 255.255.255.0 standby 192.0.2.3
      route outside 10.9.0.0 255.255.0.0 192.0.2.1 1
      failover interface ip FOLINK 172.16.255.1 255.255.255.252 standby 172.16.255.2
      ssh 10.0.0.0 255.255.255.0 outside
      http 10.0.0.0 255.255.255.0 outside
      icmp permit 10.0.0.0 255.255.255.0 outside
      object network o
       host 10.1.1.1
      access-list A extended permit ip object o any
      access-group A in interface outside
    `);
    const r = await runAudit(c, { rules: ['raw-address'], now: NOW });
    assert.deepEqual(r.findings, []);
  });
});

describe('raw-address and name aliases', () => {
  // A `name` is an alias: the ASA stores the address, so `host srv1` and `host 10.1.1.5` are the
  // same entry. Rewriting one into the other (add the new line, remove the old) deletes the entry.
  const text = `
    names
    name 10.1.1.5 srv1.
    interface GigabitEthernet0/0
     nameif inside
    access-list IN extended permit tcp any host 10.1.1.5 eq 22
    access-list IN extended permit tcp any host srv1. eq 443
    access-list STD standard permit host 10.1.1.5
    access-group IN in interface inside
    group-policy GP internal
    group-policy GP attributes
     split-tunnel-network-list value STD
    tunnel-group RA type remote-access
    tunnel-group RA general-attributes
     default-group-policy GP
  `;

  it('never rewrites an address to the name that is its alias: an object instead', async () => {
    const r = await runAudit(cfg(text), { rules: ['raw-address'], now: NOW });
    const ext = r.findings.find((f) => f.subject.name === 'IN');
    assert.equal(
      ext?.message,
      'address 10.1.1.5 is written directly into access-list IN (1 entry); use a new object network host-10.1.1.5',
    );
    assert.deepEqual(ext?.fix, [
      'object network host-10.1.1.5',
      ' host 10.1.1.5',
      'access-list IN line 1 extended permit tcp any object host-10.1.1.5 eq 22',
      'no access-list IN extended permit tcp any host 10.1.1.5 eq 22',
    ]);
    assert.match(ext?.reason ?? '', /has the name srv1\.: a name is only an alias/);
    for (const f of r.findings) for (const c of f.fix) assert.doesNotMatch(c, /\bsrv1\./);
  });

  it('where only a name could go (a standard access-list) there is no fix, and the finding says the ASA shows the name', async () => {
    const r = await runAudit(cfg(text), { rules: ['raw-address'], now: NOW });
    const std = r.findings.find((f) => f.subject.name === 'STD');
    assert.equal(
      std?.message,
      'address 10.1.1.5 is written directly into access-list STD (1 entry)',
    );
    assert.deepEqual(std?.fix, []);
    assert.match(
      std?.reason ?? '',
      /has the name srv1\.: .*while `names` is enabled the ASA already shows the name in its place.*no fix/,
    );
  });

  it('sameOnTheAsa: a name and its address are the same word to the ASA', () => {
    const c = cfg(text);
    const line = 'access-list IN extended permit tcp any host 10.1.1.5 eq 22'.split(' ');
    const named = 'access-list IN extended permit tcp any host srv1. eq 22'.split(' ');
    const object = 'access-list IN extended permit tcp any object host-10.1.1.5 eq 22'.split(' ');
    assert.equal(sameOnTheAsa(c, line, named), true);
    assert.equal(sameOnTheAsa(c, line, object), false);
  });
});

describe('name-trailing-dot renames the alias only', () => {
  // The defect this guards against: the fix re-pointed every line that used the name (add the line
  // with the new name, remove the one with the old). Both are the same address to the ASA, so the
  // add was a duplicate and the `no` deleted the syslog host and the access-list permit.
  const text = `
    names
    name 10.1.1.5 srv1 description web and syslog
    interface GigabitEthernet0/0
     nameif inside
    access-list IN extended permit tcp any host srv1 eq 443
    access-group IN in interface inside
    logging host inside srv1
  `;

  it('no name, then name: no line that uses it is rewritten', async () => {
    const c = cfg(text);
    const r = await runAudit(c, { rules: ['name-trailing-dot'], now: NOW });
    const [f] = r.findings;
    assert.deepEqual(f?.fix, [
      'no name 10.1.1.5 srv1',
      'name 10.1.1.5 srv1. description web and syslog',
    ]);
    // the uses are cross-references, and the reason says they keep their address
    assert.deepEqual(
      f?.references.map((x) => x.line),
      [5, 7],
    );
    assert.match(f?.reason ?? '', /they keep their address/);
    assert.match(f?.reason ?? '', /shows them with the new name/);
  });

  it('no fix line removes a line that uses a renamed name (fixture and snippet)', async () => {
    const file = join(fixtures, 'name-trailing-dot', 'fires.cfg');
    for (const c of [cfg(text), loadConfigText(readFileSync(file, 'utf8'), file)]) {
      const r = await runAudit(c, { rules: ['name-trailing-dot'], now: NOW });
      const uses = new Set(
        c.graph
          .allUses()
          .filter((u) => u.kind === 'name')
          .map((u) => u.line.tokens.join(' ')),
      );
      assert.ok(uses.size > 0);
      for (const f of r.findings) {
        for (const cmd of f.fix) {
          const m = /^\s*no (.*)$/.exec(cmd);
          if (m && !m[1]?.startsWith('name ')) assert.ok(!uses.has(m[1] as string), cmd);
        }
      }
    }
  });
});

describe('name-trailing-dot details', () => {
  it('an IPv4 name with a trailing dot and an IPv6 name without one are fine', async () => {
    const c = cfg(`
      name 192.0.2.1 a.example.net.
      name 2001:db8::1 b.example.net
      name 2001:db8::2 c.example.net.
      name 192.0.2.2 d
    `);
    const r = await runAudit(c, { rules: ['name-trailing-dot'], now: NOW });
    assert.deepEqual(
      r.findings.map((f) => f.subject.name),
      ['c.example.net.', 'd'],
    );
  });
});

describe('expired-certificate details', () => {
  it('the date decides: before expiry nothing, 30 days before info, after it error', async () => {
    const file = join(fixtures, 'expired-certificate', 'fires.cfg');
    const c = loadConfigText(readFileSync(file, 'utf8'), file);
    const at = async (iso: string) =>
      (await runAudit(c, { rules: ['expired-certificate'], now: new Date(iso) })).findings
        .filter((f) => f.subject.name === 'TP-PORTAL')
        .map((f) => f.severity);
    assert.deepEqual(await at('2026-11-01T00:00:00Z'), []);
    assert.deepEqual(await at('2026-12-15T00:00:00Z'), ['info']);
    assert.deepEqual(await at('2027-01-02T00:00:00Z'), ['error']);
  });

  it('undecodable certificates are skipped, never fatal', async () => {
    const c = cfg(`
      crypto ca trustpoint T
       enrollment terminal
      crypto ca certificate chain T
       certificate 01
          zzzz 1234
        quit
       certificate 02
          3082
        quit
    `);
    const r = await runAudit(c, { rules: ['expired-certificate'], now: NOW });
    assert.deepEqual(r.findings, []);
  });
});

describe('portchannel-failover-mac details', () => {
  it('no failover, no finding', async () => {
    const c = cfg(`
      interface Port-channel1
       nameif inside
    `);
    const r = await runAudit(c, { rules: ['portchannel-failover-mac'], now: NOW });
    assert.deepEqual(r.findings, []);
  });

  it('the suggested MAC pair is deterministic, locally administered and differs per interface', async () => {
    const text = `
      hostname fw1
      interface Port-channel1
       nameif a
      interface Port-channel2
       nameif b
      failover
    `;
    const run = async () =>
      (await runAudit(cfg(text), { rules: ['portchannel-failover-mac'], now: NOW })).findings;
    const one = await run();
    const two = await run();
    assert.deepEqual(
      one.map((f) => f.fix),
      two.map((f) => f.fix),
    );
    const macs = one.map(
      (f) => /mac-address (\S+) standby (\S+)/.exec(f.fix[1] ?? '')?.slice(1) ?? [],
    );
    assert.equal(macs.length, 2);
    for (const [a, s] of macs) {
      assert.match(a ?? '', /^0200\.[0-9a-f]{4}\.[0-9a-f]{3}1$/);
      assert.match(s ?? '', /^0200\.[0-9a-f]{4}\.[0-9a-f]{3}2$/);
    }
    assert.notEqual(macs[0]?.[0], macs[1]?.[0]);
  });
});

describe('IPv6 access-lists of ASA releases before 9.0 (`ipv6 access-list`)', () => {
  const text = `
    interface GigabitEthernet0/0
     nameif outside
    object-group network V6WEB
     network-object object WEB6
    object network WEB6
     host 2001:db8::10
    ipv6 access-list V6IN remark web servers
    ipv6 access-list V6IN permit tcp any object-group V6WEB eq www
    ipv6 access-list V6IN permit tcp any host 2001:db8::11 eq https
    access-group V6IN in interface outside
    ipv6 access-list V6OLD remark retired
    ipv6 access-list V6OLD deny ip 2001:db8:bad::/48 any
    ipv6 access-list V6OLD permit icmp6 any object-group MISSING
  `;

  // before, the lines were taken as known and ignored: the access-group's list was "undefined"
  // and its fix removed the access-group, the interface's IPv6 filter
  it('define access-lists: the applied one is in use, the other unused with a line-by-line fix', async () => {
    const r = await runAudit(cfg(text), {});
    assert.deepEqual(
      r.findings.map((f) => [f.rule, `${f.subject.kind} ${f.subject.name}`, f.fix]),
      [
        [
          'unused',
          'access-list V6OLD',
          [
            'no ipv6 access-list V6OLD remark retired',
            'no ipv6 access-list V6OLD deny ip 2001:db8:bad::/48 any',
            'no ipv6 access-list V6OLD permit icmp6 any object-group MISSING',
          ],
        ],
        [
          'undefined',
          'object-group MISSING',
          ['no ipv6 access-list V6OLD permit icmp6 any object-group MISSING'],
        ],
      ],
    );
    // raw addresses in them are not rewritten (no finding): whether the command takes an
    // `object` differs between releases
    const applied = applyFixScript(dedent(text), formatFixScript(r));
    assert.deepEqual(applied.errors, []);
    const after = await runAudit(cfg(applied.text), {});
    assert.deepEqual(after.findings, []);
    assert.match(
      applied.text,
      /^ipv6 access-list V6IN permit tcp any host 2001:db8::11 eq https$/m,
    );
  });
});
