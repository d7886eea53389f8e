// `asakit archive prune` and `asakit archive remove-firewall`, through the built CLI against a
// real SQLite file seeded with the demo archive (fw-hst01: 5 days, customers acme and globex)
// plus a second firewall.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/portal/archive.js';
import { DB_FILE } from '../../src/portal/db.js';
import { seedDemo, type DemoResult } from '../../src/portal/demo.js';
import { dayNDaysBefore } from '../../src/portal/retention.js';
import { Store } from '../../src/portal/store.js';
import { examplesDir } from '../support/paths.js';
import { cli, count, tempDir } from './helpers.js';

/**
 * The demo archive, and fw-hst02 whose one day (2019-05-01) is the text fw-hst01 had on its first
 * day: one stored configuration that two firewalls' days use.
 */
async function seeded(): Promise<{ dir: string; demo: DemoResult; cleanup: () => void }> {
  const { dir, cleanup } = tempDir('asakit-retention-test-');
  const demo = await seedDemo({
    dataDir: dir,
    configPath: join(examplesDir, 'hosting.cfg'),
    scryptLogN: 10,
  });
  const f = join(dir, 'fw2.cfg');
  writeFileSync(f, demo.days[0]?.text ?? '');
  const store = Store.open(dir);
  try {
    const o = importFile(store, f, { firewall: 'fw-hst02', date: '2019-05-01' });
    assert.equal(o.status, 'imported', o.message);
  } finally {
    store.close();
  }
  return { dir, demo, cleanup };
}

/** days per firewall, configs, extracts, audits and users in the database */
function snapshot(dir: string) {
  const store = Store.open(dir);
  try {
    return {
      days: Object.fromEntries(
        store.firewalls().map((f) => [f.name, store.days(f.id).map((d) => d.day)]),
      ),
      configs: count(store, 'configs'),
      extracts: count(store, 'extracts'),
      users: count(store, 'users'),
      customers: store.customers().map((c) => [c.name, c.firewalls.map((f) => f.firewall)]),
    };
  } finally {
    store.close();
  }
}

describe('archive prune', () => {
  test('--keep-days counts back from today (UTC)', () => {
    const noon = Date.UTC(2026, 10, 23, 12);
    assert.equal(dayNDaysBefore(0, noon), '2026-11-23');
    assert.equal(dayNDaysBefore(1, noon), '2026-11-22');
    assert.equal(dayNDaysBefore(365, noon), '2025-11-23');
  });

  test('removes the days before the cut-off and the configurations no other day uses', async () => {
    const { dir, cleanup } = await seeded();
    try {
      const before = snapshot(dir);
      assert.deepEqual(before.days, {
        'fw-hst01': ['2018-01-12', '2018-01-11', '2018-01-10', '2018-01-09', '2018-01-08'],
        'fw-hst02': ['2019-05-01'],
      });
      assert.equal(before.configs, 5, "fw-hst02's day is fw-hst01's first day: stored once");

      const dry = cli(['archive', 'prune', '--data', dir, '--before', '2018-01-10', '--dry-run']);
      assert.equal(dry.status, 0, dry.stderr);
      assert.equal(
        dry.stdout,
        'fw-hst01: would remove 2 day(s) before 2018-01-10 (2018-01-08 .. 2018-01-09), 3 kept\n' +
          'fw-hst02: would remove 0 day(s) before 2018-01-10, 1 kept\n',
      );
      assert.deepEqual(snapshot(dir), before, '--dry-run changes nothing');

      const r = cli(['archive', 'prune', '--data', dir, '--before', '2018-01-10']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stdout,
        /^fw-hst01: removed 2 day\(s\) before 2018-01-10 \(2018-01-08 \.\. 2018-01-09\), 3 kept$/m,
      );
      // 2018-01-08's configuration is fw-hst02's day too: only 2018-01-09's is dropped
      assert.match(r.stdout, /^1 configuration\(s\) no longer used dropped$/m);
      const after = snapshot(dir);
      assert.deepEqual(after.days, {
        'fw-hst01': ['2018-01-12', '2018-01-11', '2018-01-10'],
        'fw-hst02': ['2019-05-01'],
      });
      assert.equal(after.configs, 4);
      // two customers' extracts of the dropped configuration went with it
      assert.equal(after.extracts, before.extracts - 2);
      assert.equal(after.users, before.users, 'logins are not touched');
      assert.deepEqual(after.customers, before.customers);
      const store = Store.open(dir);
      try {
        assert.equal(
          count(store, 'extracts WHERE config_id NOT IN (SELECT id FROM configs)'),
          0,
          'no extract outlives its configuration',
        );
      } finally {
        store.close();
      }
    } finally {
      cleanup();
    }
  });

  test("never removes a firewall's newest day; --firewall limits it to one firewall", async () => {
    const { dir, cleanup } = await seeded();
    try {
      const r = cli([
        'archive',
        'prune',
        '--data',
        dir,
        '--keep-days',
        '1',
        '--firewall',
        'fw-hst01',
        '--vacuum',
      ]);
      assert.equal(r.status, 0, r.stderr);
      const cut = dayNDaysBefore(1);
      const [, was, is] = /^database vacuumed: ([\d,]+) -> ([\d,]+) bytes$/m.exec(r.stdout) ?? [];
      assert.ok(was && is, r.stdout);
      const bytes = (s: string) => Number(s.replace(/,/g, ''));
      assert.ok(bytes(is) < bytes(was), `${is} < ${was}`);
      // the file itself shrank to that size
      assert.equal(statSync(join(dir, DB_FILE)).size, bytes(is));
      assert.equal(
        r.stdout,
        `fw-hst01: removed 4 day(s) before ${cut} (2018-01-08 .. 2018-01-11), 1 kept, its newest day 2018-01-12 kept although it is before ${cut}\n` +
          '3 configuration(s) no longer used dropped\n' +
          `database vacuumed: ${was} -> ${is} bytes\n`,
      );
      assert.deepEqual(snapshot(dir).days, {
        'fw-hst01': ['2018-01-12'],
        'fw-hst02': ['2019-05-01'],
      });
    } finally {
      cleanup();
    }
  });

  test('wrong options: one clear line, exit 2, nothing removed', async () => {
    const { dir, cleanup } = await seeded();
    try {
      const before = snapshot(dir);
      const cases: [string[], RegExp][] = [
        [[], /give either --before YYYY-MM-DD or --keep-days N/],
        [['--before', '2018-01-10', '--keep-days', '3'], /give either --before/],
        [['--before', '2018-02-30'], /--before 2018-02-30: expected a date as YYYY-MM-DD/],
        [['--keep-days', '-1'], /--keep-days -1: expected a whole number/],
        [['--keep-days', '3', '--firewall', 'fw-nope'], /unknown firewall fw-nope/],
      ];
      for (const [args, message] of cases) {
        const r = cli(['archive', 'prune', '--data', dir, ...args]);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      }
      assert.deepEqual(snapshot(dir), before);
    } finally {
      cleanup();
    }
  });
});

describe('archive remove-firewall', () => {
  test("refused while it is a customer's only firewall; then removes days, interfaces and extracts", async () => {
    const { dir, cleanup } = await seeded();
    try {
      const before = snapshot(dir);
      const refused = cli(['archive', 'remove-firewall', 'fw-hst01', '--data', dir]);
      assert.equal(refused.status, 2);
      assert.match(
        refused.stderr,
        /fw-hst01 is the only firewall of customer\(s\) acme, globex: move them to another firewall first/,
      );
      assert.deepEqual(snapshot(dir), before, 'a refused removal changes nothing');

      const add = cli([
        'customer',
        'add',
        'acme',
        '--data',
        dir,
        '--firewall',
        'fw-hst02',
        '--interface',
        'cust-globex',
      ]);
      assert.equal(add.status, 0, add.stderr);
      const withAcme = snapshot(dir);
      assert.equal(withAcme.extracts, before.extracts + 1);

      const r = cli(['archive', 'remove-firewall', 'fw-hst02', '--data', dir, '--vacuum']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stdout,
        /^firewall fw-hst02 removed: 1 day\(s\), 0 configuration\(s\) no longer used; customer\(s\) acme no longer on it\ndatabase vacuumed: [\d,]+ -> [\d,]+ bytes\n$/,
      );
      const after = snapshot(dir);
      assert.deepEqual(after.days, { 'fw-hst01': before.days['fw-hst01'] });
      assert.equal(after.configs, 5, "its one configuration is fw-hst01's first day too");
      assert.equal(after.extracts, before.extracts, "acme's extract on fw-hst02 went with it");
      assert.deepEqual(after.customers, [
        ['acme', ['fw-hst01']],
        ['globex', ['fw-hst01']],
      ]);
      assert.equal(after.users, before.users);

      const unknown = cli(['archive', 'remove-firewall', 'fw-hst02', '--data', dir]);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /^asakit: unknown firewall fw-hst02\n$/);
    } finally {
      cleanup();
    }
  });
});
