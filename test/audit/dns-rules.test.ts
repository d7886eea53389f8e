// The dns-* rules (and raw-address's reverse-DNS names) against real DNS servers on 127.0.0.1
// (test/support/dns-servers.ts: knot serving the DNSSEC-signed asakit.test with a broken child
// zone, a validating unbound in front of it, and a black hole that never answers).
// Fixtures: test/fixtures/audit/dns/{fires,quiet}.cfg, expected findings in fires.expected.json.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/model/build.js';
import { formatFixScript, runAudit, type Finding, type RuleId } from '../../src/audit/index.js';
import type { Resolver } from '../../src/dns/index.js';
import { startDnsServers, type DnsTestServers } from '../support/dns-servers.js';
import { applyFixScript } from '../support/fix-applier.js';
import { repoRoot } from '../support/paths.js';

const NOW = new Date('2026-12-15T00:00:00Z');
const DNS_RULES: RuleId[] = [
  'dns-mismatch',
  'dns-nxdomain',
  'dns-dnssec-failure',
  'dns-unverified',
];
const dir = join(repoRoot, 'test', 'fixtures', 'audit', 'dns');
const fires = readFileSync(join(dir, 'fires.cfg'), 'utf8');
const quiet = readFileSync(join(dir, 'quiet.cfg'), 'utf8');

let servers: DnsTestServers;

before(async () => {
  servers = await startDnsServers({ bulkNames: 10 });
});

after(async () => {
  await servers?.stop();
});

async function audit(text: string, resolvers: Resolver[], rules: RuleId[], timeoutMs = 1000) {
  return runAudit(loadConfigText(text, 'dns.cfg'), {
    now: NOW,
    rules,
    dns: { resolvers, timeoutMs },
  });
}

/** A UDP port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<Resolver> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return { host: '127.0.0.1', port };
}

const project = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  subject: f.subject,
  line: f.line,
  fix: f.fix,
});

describe('dns rules against knot + validating unbound', () => {
  it('mismatch, nxdomain, dnssec-failure and unverified, each reported; matching names quiet', async () => {
    const report = await audit(fires, [servers.unbound], DNS_RULES);
    const got = report.findings.map(project);
    if (process.env['ASAKIT_WRITE_EXPECTED']) {
      writeFileSync(join(dir, 'fires.expected.json'), JSON.stringify(got, null, 2) + '\n');
    }
    const expected = JSON.parse(readFileSync(join(dir, 'fires.expected.json'), 'utf8')) as unknown;
    assert.deepEqual(got, expected);
    const byName = new Map(report.findings.map((f) => [f.subject.name, f]));
    assert.match(
      byName.get('moved.asakit.test.')?.message ?? '',
      /192\.0\.2\.50 in the configuration, but moved\.asakit\.test resolves to 192\.0\.2\.99/,
    );
    assert.match(
      byName.get('alias2.asakit.test')?.message ?? '',
      /resolves to 192\.0\.2\.20 \(via CNAME/,
    );
    assert.match(
      byName.get('www.broken.asakit.test.')?.message ?? '',
      /SERVFAIL from validating resolver/,
    );
    assert.match(byName.get('gone.asakit.test.')?.message ?? '', /does not exist/);
    // www.asakit.test., alias.asakit.test, v6.asakit.test and fileserver. (not a DNS name) are quiet
    for (const n of ['www.asakit.test.', 'alias.asakit.test', 'v6.asakit.test', 'fileserver.'])
      assert.ok(!byName.has(n), n);
  });

  it('the quiet configuration gives no DNS finding', async () => {
    const report = await audit(quiet, [servers.unbound], DNS_RULES);
    assert.deepEqual(
      report.findings.map((f) => f.message),
      [],
    );
  });

  it('the mismatch fix moves the name and the object to the DNS address', async () => {
    const report = await audit(fires, [servers.unbound], ['dns-mismatch', 'unused', 'undefined']);
    const applied = applyFixScript(fires, formatFixScript(report));
    assert.deepEqual(applied.errors, []);
    const c = loadConfigText(applied.text, 'fixed.cfg');
    assert.equal(c.names.get('moved.asakit.test.')?.address, '192.0.2.99');
    assert.equal(c.names.get('moved.asakit.test.')?.description, 'moved in 2024');
    // the entry that used the name moved with it: it stored the old address, which is gone
    assert.match(
      applied.text,
      /^access-list OUT extended permit tcp any host moved\.asakit\.test\. eq https$/m,
    );
    assert.doesNotMatch(applied.text, /192\.0\.2\.50 eq https/);
    assert.deepEqual(c.objects.get('alias2.asakit.test')?.value, {
      type: 'host',
      address: '192.0.2.20',
    });
    const again = await audit(applied.text, [servers.unbound], ['dns-mismatch', 'undefined']);
    assert.deepEqual(
      again.findings.map((f) => f.message),
      [],
    );
  });

  it('raw-address names new objects after their reverse DNS name', async () => {
    const report = await audit(fires, [servers.unbound], ['raw-address']);
    const fixes = new Map(report.findings.map((f) => [f.address, f.fix]));
    // 192.0.2.21 has a PTR (through a CNAME) to moved.asakit.test; 192.0.2.99 has none
    assert.deepEqual(fixes.get('192.0.2.21')?.slice(0, 2), [
      'object network moved.asakit.test',
      ' host 192.0.2.21',
    ]);
    assert.deepEqual(fixes.get('192.0.2.99')?.slice(0, 2), [
      'object network host-192.0.2.99',
      ' host 192.0.2.99',
    ]);
    const offline = await runAudit(loadConfigText(fires, 'dns.cfg'), {
      now: NOW,
      rules: ['raw-address'],
    });
    assert.equal(
      offline.findings.find((f) => f.address === '192.0.2.21')?.fix[0],
      'object network host-192.0.2.21',
    );
  });

  it('name-trailing-dot leaves a name whose DNS check is a mismatch to the dns-mismatch fix', async () => {
    const report = await audit(fires, [servers.unbound], ['name-trailing-dot', 'dns-mismatch']);
    const ntd = report.findings.find(
      (f) => f.rule === 'name-trailing-dot' && f.subject.name === 'target.asakit.test',
    );
    assert.ok(ntd);
    assert.deepEqual(ntd.fix, []);
    assert.match(ntd.reason, /dns-mismatch/);
    const mismatch = report.findings.find(
      (f) => f.rule === 'dns-mismatch' && f.subject.name === 'target.asakit.test',
    );
    // the name moves, and the entry that uses it (which stores the old address) moves with it
    assert.deepEqual(mismatch?.fix, [
      'no name 192.0.2.52 target.asakit.test',
      'name 192.0.2.20 target.asakit.test',
      'access-list OUT line 7 extended permit tcp any host target.asakit.test eq https',
      'no access-list OUT extended permit tcp any host 192.0.2.52 eq https',
    ]);
  });

  it('with the resolver black-holed every name is unverified, and the audit finishes quickly', async () => {
    const t0 = performance.now();
    const report = await audit(fires, [servers.blackhole], DNS_RULES, 300);
    const ms = performance.now() - t0;
    const c = loadConfigText(fires, 'dns.cfg');
    const candidates =
      [...c.names.values()].filter((n) => n.name.includes('.') && !n.name.startsWith('fileserver'))
        .length + 3;
    assert.equal(report.findings.length, candidates);
    assert.ok(report.findings.every((f) => f.rule === 'dns-unverified' && f.severity === 'info'));
    assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
  });

  it('with nothing listening on the resolver port the audit still finishes quickly', async () => {
    const t0 = performance.now();
    const report = await audit(fires, [await closedPort()], [...DNS_RULES, 'raw-address'], 300);
    const ms = performance.now() - t0;
    assert.ok(
      report.findings
        .filter((f) => f.rule !== 'raw-address')
        .every((f) => f.rule === 'dns-unverified'),
    );
    assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
  });

  it('fqdn-object shows what the name resolves to now when the audit runs with DNS', async () => {
    const text =
      'object network web\n fqdn v4 www.asakit.test\nobject network nowhere\n fqdn gone.asakit.test\n';
    const report = await audit(text, [servers.unbound], ['fqdn-object']);
    assert.deepEqual(
      report.findings.map((f) => f.message),
      [
        'object network web is an fqdn object (fqdn v4 www.asakit.test), currently resolving to 192.0.2.10',
        'object network nowhere is an fqdn object (fqdn gone.asakit.test)',
      ],
    );
    assert.match(report.findings[0]?.reason ?? '', / host 192\.0\.2\.10/);
  });

  it('without --dns the dns rules do not run', async () => {
    const report = await runAudit(loadConfigText(fires, 'dns.cfg'), { now: NOW, rules: DNS_RULES });
    assert.deepEqual(report.findings, []);
  });
});
