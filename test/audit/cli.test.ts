// `asakit audit` through the CLI: the JSON contract of CLI.md, SARIF 2.1.0, --rule, --fix-script,
// and the findings of the example configuration (examples/hosting.cfg), checked against its lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfigText } from '../../src/model/build.js';
import { formatFixScript, runAudit } from '../../src/audit/index.js';
import { cliPath, examplesDir, repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const hosting = join(examplesDir, 'hosting.cfg');

async function asakit(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, [cliPath, ...args], { maxBuffer: 64 << 20 });
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const SUBJECT_KINDS = new Set([
  'access-list', 'object', 'object-group', 'name', 'tunnel-group', 'group-policy', 'class-map',
  'policy-map', 'transform-set', 'ipsec-proposal', 'crypto-map', 'crypto-map-entry', 'dynamic-map',
  'trustpoint', 'interface',
]); // prettier-ignore

interface JsonFinding {
  rule: string;
  severity: string;
  subject: { kind: string; name: string };
  line: number;
  message: string;
  reason: string;
  fix: string[];
  references: { line: number; text: string }[];
  address?: string;
}

describe('asakit audit (CLI)', () => {
  it('--format json follows CLI.md', async () => {
    const r = await asakit(['audit', hosting, '--format', 'json', '--now', '2026-12-15']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as {
      findings: JsonFinding[];
      summary: { lines: number; findings: Record<string, number> };
    };
    assert.equal(out.summary.lines, 596);
    for (const f of out.findings) {
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(f.line >= 1, JSON.stringify(f));
      assert.equal(typeof f.message, 'string');
      assert.ok(f.reason.length > 0);
      assert.ok(Array.isArray(f.fix) && Array.isArray(f.references));
      if (f.rule !== 'undefined') assert.ok(SUBJECT_KINDS.has(f.subject.kind), f.subject.kind);
      if (f.rule === 'raw-address') {
        assert.ok(f.subject.kind === 'access-list' || f.subject.kind === 'object-group');
        assert.match(f.address ?? '', /^[0-9a-f.:]+(\/\d+)?$/);
      }
    }
    const count = (rule: string) => out.findings.filter((f) => f.rule === rule).length;
    for (const [rule, n] of Object.entries(out.summary.findings)) assert.equal(count(rule), n);
  });

  it('--format sarif: version 2.1.0, every ruleId among the driver rules, startLine >= 1', async () => {
    const r = await asakit(['audit', hosting, '--format', 'sarif', '--now', '2026-12-15']);
    assert.equal(r.code, 1, r.stderr);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number } } }[];
          relatedLocations: { physicalLocation: { region: { startLine: number } } }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const run0 = sarif.runs[0]!;
    const ids = new Set(run0.tool.driver.rules.map((x) => x.id));
    for (const id of [
      'raw-address',
      'name-trailing-dot',
      'fqdn-object',
      'expired-certificate',
      'incomplete-crypto-map',
      'portchannel-failover-mac',
      'dns-mismatch',
      'dns-nxdomain',
      'dns-dnssec-failure',
      'dns-unverified',
    ]) {
      assert.ok(ids.has(id), id);
    }
    assert.ok(run0.results.length > 20);
    for (const res of run0.results) {
      assert.ok(ids.has(res.ruleId), res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      for (const loc of [...res.locations, ...res.relatedLocations]) {
        assert.ok(loc.physicalLocation.region.startLine >= 1);
      }
    }
  });

  it('--rule selects rules; --fix-script prints the combined script', async () => {
    const r = await asakit([
      'audit',
      hosting,
      '--rule',
      'raw-address',
      '--rule',
      'portchannel-failover-mac',
      '--format',
      'json',
      '--now',
      '2026-12-15',
    ]);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    assert.deepEqual([...new Set(out.findings.map((f) => f.rule))].sort(), [
      'portchannel-failover-mac',
      'raw-address',
    ]);
    assert.equal(r.code, 1); // the port-channel finding is a warning

    const info = await asakit(['audit', hosting, '--rule', 'fqdn-object', '--now', '2026-12-15']);
    assert.equal(info.code, 0, 'info findings are below the default --fail-on warning');

    const script = await asakit(['audit', hosting, '--fix-script', '--now', '2026-12-15']);
    const report = await runAudit(loadConfigText(readFileSync(hosting, 'utf8'), hosting), {
      now: new Date('2026-12-15T00:00:00Z'),
    });
    assert.equal(script.stdout, formatFixScript(report));
    // users before what they use: the expired trustpoint's users, then the trustpoint; unused
    // structures before the rewrites
    const lines = script.stdout.split('\n');
    const at = (s: string) => lines.indexOf(s);
    assert.ok(
      at('no crypto map outside_map 20 set trustpoint TP-OLD-VPN') <
        at('no crypto ca trustpoint TP-OLD-VPN'),
    );
    assert.ok(
      at('clear configure crypto map old_map') < at('clear configure access-list old-vpn-acl'),
    );
    assert.ok(
      at('clear configure access-list old-vpn-acl') < at('no object network legacy-dc-net'),
    );
    assert.ok(
      at('clear configure crypto map outside_map 30') <
        at('clear configure access-list globex-vpn-2018'),
    );
    assert.ok(at('no object network legacy-dc-net') < at('object network host-198.51.100.77'));
  });
});

describe('--fix-script: a removal that several findings need, once', () => {
  // One access-list entry with two undefined groups, an object NAT line with an undefined
  // interface and an undefined mapped object, a tunnel-group line with an undefined interface and
  // an undefined aaa-server, a crypto map line with two undefined transform-sets: each removal is
  // in the fix of two findings (as in the public corpus: batfish asa-acl-object, asa-nat-object-refs,
  // ntc-templates tunnel-group and crypto_map fragments).
  const file = join(repoRoot, 'test', 'fixtures', 'audit', 'fix-script', 'repeated-removals.cfg');
  const ACE =
    'no access-list outside_in extended permit tcp object-group OLD-PARTNERS object-group OLD-SERVERS eq ssh';
  const CRYPTO = 'no crypto map CM 10 set ikev1 transform-set ESP-AES-256-SHA ESP-AES-192-SHA';

  it('the script says each removal once, a comment in its place, every finding named', async () => {
    const r = await asakit(['audit', file, '--fix-script', '--now', '2026-12-15']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.split('\n').slice(2), [
      '!',
      '! [undefined] line 17: interface dmz is referenced on 2 lines (object nat mapped interface and tunnel-group RA general-attributes authorization-server-group interface) but never defined',
      'object network app',
      ' no nat (inside,dmz) static app-public',
      'exit',
      'tunnel-group RA general-attributes',
      ' no authorization-server-group (dmz) OLD-RADIUS',
      'exit',
      '!',
      '! [undefined] line 17: object app-public is referenced (object nat mapped source) but never defined',
      '! (already above: object network app / no nat (inside,dmz) static app-public)',
      '!',
      '! [undefined] line 19: object-group OLD-PARTNERS is referenced (access-list outside_in source object-group) but never defined',
      ACE,
      '!',
      '! [undefined] line 19: object-group OLD-SERVERS is referenced (access-list outside_in destination object-group) but never defined',
      `! (already above: ${ACE})`,
      '!',
      '! [undefined] line 29: aaa-server OLD-RADIUS is referenced on 2 lines (tunnel-group RA general-attributes authorization-server-group and tunnel-group RA general-attributes accounting-server-group) but never defined',
      '! (already above: tunnel-group RA general-attributes / no authorization-server-group (dmz) OLD-RADIUS)',
      // the same block entered again: another sub-command
      'tunnel-group RA general-attributes',
      ' no accounting-server-group OLD-RADIUS',
      'exit',
      '!',
      '! [undefined] line 36: transform-set ESP-AES-256-SHA is referenced (crypto map CM 10 set ikev1 transform-set) but never defined',
      CRYPTO,
      '!',
      '! [undefined] line 36: transform-set ESP-AES-192-SHA is referenced (crypto map CM 10 set ikev1 transform-set ESP-AES-256-SHA) but never defined',
      `! (already above: ${CRYPTO})`,
      '!',
      '! [unused] line 14: object network old-host is never referenced',
      'no object network old-host',
      '',
    ]);
  });

  it('each finding keeps its own fix: JSON and text list the shared removal in both', async () => {
    const r = await asakit(['audit', file, '--format', 'json', '--now', '2026-12-15']);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const fixOf = (name: string) => out.findings.find((f) => f.subject.name === name)?.fix;
    assert.deepEqual(fixOf('OLD-PARTNERS'), [ACE]);
    assert.deepEqual(fixOf('OLD-SERVERS'), [ACE]);
    assert.deepEqual(fixOf('ESP-AES-192-SHA'), [CRYPTO]);
    assert.deepEqual(fixOf('app-public'), [
      'object network app',
      ' no nat (inside,dmz) static app-public',
      'exit',
    ]);
    assert.deepEqual(fixOf('OLD-RADIUS'), [
      'tunnel-group RA general-attributes',
      ' no authorization-server-group (dmz) OLD-RADIUS',
      'exit',
      'tunnel-group RA general-attributes',
      ' no accounting-server-group OLD-RADIUS',
      'exit',
    ]);
    const text = await asakit(['audit', file, '--now', '2026-12-15']);
    const lines = text.stdout.split('\n');
    assert.equal(lines.filter((l) => l === `      ${ACE}`).length, 2);
    assert.equal(
      lines.filter((l) => l === '       no nat (inside,dmz) static app-public').length,
      2,
    );
    assert.ok(!text.stdout.includes('already above'));
  });
});

describe('examples/hosting.cfg findings (read against the config lines)', () => {
  it('the defects beyond unused/undefined', async () => {
    const c = loadConfigText(readFileSync(hosting, 'utf8'), hosting);
    const r = await runAudit(c, {
      now: new Date('2026-12-15T00:00:00Z'),
      rules: [
        'raw-address',
        'name-trailing-dot',
        'fqdn-object',
        'expired-certificate',
        'incomplete-crypto-map',
        'portchannel-failover-mac',
      ],
    });
    assert.deepEqual(
      r.findings.map(
        (f) =>
          `${f.line} ${f.rule} ${f.severity} ${f.subject.kind} ${f.subject.name}${f.address ? ` ${f.address}` : ''}`,
      ),
      [
        '14 name-trailing-dot info name www.example.net', // name 192.0.2.10 www.example.net
        '16 name-trailing-dot info name acme-office',
        '17 name-trailing-dot info name smtp-relay.example.com',
        '18 name-trailing-dot info name globex-backup', // unused too: no fix
        '70 portchannel-failover-mac warning interface Port-channel1', // Po1.101-105 named, failover on
        '136 fqdn-object info object updates.example.org', // fqdn v4 updates.example.org
        '202 raw-address info object-group ADMIN-NETS 198.51.100.77', // network-object 198.51.100.77 255.255.255.255
        '246 raw-address info object-group iks-lab-hosts 10.1.103.64/26',
        '276 raw-address info access-list cust-acme_access_out 198.51.100.77',
        '281 raw-address info access-list cust-globex_access_in 203.0.113.200',
        '302 raw-address info access-list cust-umbrella_access_in 192.0.2.128/26',
        '312 raw-address info access-list ACME-SPLIT 10.1.101.0/24', // standard ACL: no fix
        '313 raw-address info access-list ACME-SPLIT 10.101.0.0/16',
        '402 incomplete-crypto-map error crypto-map-entry outside_map 30', // no set peer
        '423 expired-certificate error trustpoint TP-OLD-VPN', // notAfter 2019-12-31 (CA 2020-06-30)
        '481 expired-certificate info trustpoint TP-PORTAL', // notAfter 2027-01-01
      ],
    );
  });
});
