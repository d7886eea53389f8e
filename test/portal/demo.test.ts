// The `npm start` demo: seeded through the normal import path; the two customers see different
// extracts, and each has a change to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DEMO_DAYS, DEMO_DR_DAYS, demoConfigs, seedDemo } from '../../src/portal/demo.js';
import { diffSections, diffText } from '../../src/portal/diffview.js';
import { digestsFor, getExtract, sectionsOf } from '../../src/portal/extracts.js';
import { Store, type CustomerOnFirewall } from '../../src/portal/store.js';
import { examplesDir } from '../support/paths.js';
import { cli, onItsFirewall, tempDir } from './helpers.js';

test('demo days differ from each other in small, realistic ways', () => {
  const base = readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8');
  const days = demoConfigs(base);
  assert.deepEqual(
    days.map((d) => d.day),
    DEMO_DAYS,
  );
  const texts = new Set(days.map((d) => d.text));
  assert.equal(texts.size, days.length, 'every day is a distinct file (save time differs)');
  assert.match(
    days[1]?.text ?? '',
    /permit tcp object-group acme-web object-group ADMIN-NETS eq 8443/,
  );
  assert.doesNotMatch(days[2]?.text ?? '', /object web-old host smtp-relay/);
  assert.match(days[3]?.text ?? '', /object network globex-app01\n host 10\.1\.102\.21/);
  assert.doesNotMatch(days[4]?.text ?? '', /destination static acme-ra-pool/);
  assert.match(days[4]?.text ?? '', /: Written by enable_15 at 23:55:01\.417 CET Fri Jan 12 2018/);
});

test('seeded demo: two customers with different extracts, and a diff for each', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const demo = await seedDemo({
      dataDir: dir,
      configPath: join(examplesDir, 'hosting.cfg'),
      scryptLogN: 10,
    });
    assert.equal(demo.imports.length, 5);
    assert.ok(demo.imports.every((o) => o.status === 'imported'));
    assert.deepEqual(
      demo.users.map((u) => [u.email, u.customer ?? 'admin']),
      [
        ['it@acme.example', 'acme'],
        ['netops@globex.example', 'globex'],
        ['noc@hoster.example', 'admin'],
      ],
    );
    assert.ok(
      demo.users.every((u) => u.password.length >= 20),
      'generated passwords',
    );
    const store = Store.open(dir);
    const acme = onItsFirewall(store.customerByName('acme'));
    const globex = onItsFirewall(store.customerByName('globex'));
    const days = store.days(acme.firewallId);
    assert.equal(days.length, 5);
    const newest = days[0]?.configId as number;
    const a = getExtract(store, newest, acme);
    const g = getExtract(store, newest, globex);
    assert.ok(a.text && g.text);
    assert.notEqual(a.digest, g.digest);
    assert.match(a.text, /access-group cust-acme_access_in in interface cust-acme/);
    assert.doesNotMatch(a.text, /cust-globex|globex-/);
    assert.match(g.text, /access-group cust-globex_access_in in interface cust-globex/);
    assert.doesNotMatch(g.text, /cust-acme|acme-/);

    // changes over the days, as each customer sees them (oldest first)
    const changed = (c: CustomerOnFirewall) => {
      const d = digestsFor(store, c);
      const asc = [...days].reverse();
      return asc
        .slice(1)
        .map(
          (day, i) =>
            d.get(day.configId)?.digest !==
            d.get((asc[i] as { configId: number }).configId)?.digest,
        );
    };
    assert.deepEqual(
      changed(acme),
      [true, false, false, true],
      'acme: ACE added on 01-09, NAT removed on 01-12',
    );
    assert.deepEqual(
      changed(globex),
      [false, false, true, false],
      'globex: object changed on 01-11',
    );

    const byDay = (d: string) => (days.find((x) => x.day === d) as { configId: number }).configId;
    const acmeDiff = diffText(
      diffSections(
        sectionsOf(getExtract(store, byDay('2018-01-11'), acme)),
        sectionsOf(getExtract(store, byDay('2018-01-12'), acme)),
      ),
    );
    assert.match(acmeDiff, /^! NAT: \+0 -1$/m);
    assert.match(
      acmeDiff,
      /^- nat \(cust-acme,outside\) source static acme-all acme-all destination static acme-ra-pool/m,
    );
    const globexDiff = diffText(
      diffSections(
        sectionsOf(getExtract(store, byDay('2018-01-10'), globex)),
        sectionsOf(getExtract(store, byDay('2018-01-11'), globex)),
      ),
    );
    assert.match(globexDiff, /^! Objects: \+1 -1$/m);
    assert.match(globexDiff, /^\+ {2}host 10\.1\.102\.21$/m);
    store.close();
  } finally {
    cleanup();
  }
});

test('npm start seeds a second firewall too: ACME on two firewalls, each with its own days and changes', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const demo = await seedDemo({
      dataDir: dir,
      configPath: join(examplesDir, 'hosting.cfg'),
      drConfigPath: join(examplesDir, 'hosting-dr.cfg'),
      secondFirewall: true,
      scryptLogN: 10,
    });
    assert.equal(demo.imports.length, DEMO_DAYS.length + DEMO_DR_DAYS.length);
    assert.ok(demo.imports.every((o) => o.status === 'imported'));
    assert.equal(demo.dr?.firewall, 'fw-dr01', "the firewall name is the DR config's hostname");
    assert.deepEqual(
      demo.dr?.days.map((d) => d.day),
      DEMO_DR_DAYS,
    );
    const store = Store.open(dir);
    try {
      const acme = store.customerByName('acme');
      assert.deepEqual(
        acme?.firewalls.map((f) => [f.firewall, f.interfaces]),
        [
          ['fw-dr01', ['acme-dr']],
          ['fw-hst01', ['cust-acme']],
        ],
      );
      assert.deepEqual(
        store.customerByName('globex')?.firewalls.map((f) => f.firewall),
        ['fw-hst01'],
        'globex is not on the DR firewall',
      );
      const onDr = acme?.firewalls[0] as CustomerOnFirewall;
      const drDays = [...store.days(onDr.firewallId)].reverse(); // oldest first
      assert.deepEqual(
        drDays.map((d) => d.day),
        DEMO_DR_DAYS,
      );
      // every DR day's extract was computed while seeding: a page view parses nothing
      for (const d of drDays) assert.ok(store.extract(d.configId, onDr), `extract of ${d.day}`);
      const [first, second, third] = drDays.map((d) => getExtract(store, d.configId, onDr));
      assert.match(first?.text ?? '', /^interface Port-channel1\.201\n/m);
      assert.match(first?.text ?? '', /^access-group acme-dr_access_in in interface acme-dr$/m);
      assert.doesNotMatch(
        first?.text ?? '',
        /umbrella/,
        "the other DR customer's part is left out",
      );
      // day 2 moves ACME's replication source; day 3 changes only Umbrella
      const d12 = diffText(diffSections(sectionsOf(first!), sectionsOf(second!)));
      assert.match(d12, /^- {2}host 203\.0\.113\.12$/m);
      assert.match(d12, /^\+ {2}host 203\.0\.113\.13$/m);
      assert.equal(second?.digest, third?.digest, 'the Umbrella change is not an ACME change');
      // the primary firewall's days are those of the one-firewall demo
      const onHst = acme?.firewalls[1] as CustomerOnFirewall;
      assert.equal(store.days(onHst.firewallId).length, DEMO_DAYS.length);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});

test('the DR example configuration is clean: no audit finding, no unknown line', () => {
  const r = cli(['audit', join(examplesDir, 'hosting-dr.cfg')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /: 177 lines, 0 finding\(s\), 0 unknown line\(s\)\n$/);
});
