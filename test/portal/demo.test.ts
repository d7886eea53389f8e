// The `npm start` demo: seeded through the normal import path; the two customers see different
// extracts, and each has a change to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DEMO_DAYS, demoConfigs, seedDemo } from '../../src/portal/demo.js';
import { diffSections, diffText } from '../../src/portal/diffview.js';
import { digestsFor, getExtract, sectionsOf } from '../../src/portal/extracts.js';
import { Store, type CustomerOnFirewall } from '../../src/portal/store.js';
import { examplesDir } from '../support/paths.js';
import { onItsFirewall, tempDir } from './helpers.js';

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
