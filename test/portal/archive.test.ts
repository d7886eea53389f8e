// `asakit archive import`, customers, users and the extract cache, against real SQLite files in
// a temporary directory (through the functions and through the built CLI).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { dayFromFileName, importFile, importFiles } from '../../src/portal/archive.js';
import {
  openDatabase,
  schemaVersion,
  MIGRATIONS,
  SCHEMA_VERSION,
  DB_FILE,
} from '../../src/portal/db.js';
import { demoConfigs } from '../../src/portal/demo.js';
import {
  comparableSections,
  computeExtract,
  ensureCustomerExtracts,
  getExtract,
  loadStoredForExtract,
  parseStoredConfig,
  sectionsOf,
} from '../../src/portal/extracts.js';
import { MissingInterfaces } from '../../src/extract/load.js';
import { Store } from '../../src/portal/store.js';
import { examplesDir } from '../support/paths.js';
import { cli, count, onItsFirewall, tempDir } from './helpers.js';

/** `asakit customer add NAME` for interface cust-acme on the seeded firewall (acme by default). */
function addCustomer(data: string, name = 'acme') {
  return cli([
    'customer',
    'add',
    name,
    '--data',
    data,
    '--firewall',
    'fw-hst01',
    '--interface',
    'cust-acme',
  ]);
}

const example = readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8');
const days = demoConfigs(example);

describe('archive import', () => {
  test('the day comes from the file name', () => {
    assert.equal(dayFromFileName('/archiv/cf.asa.20180111.gz'), '2018-01-11');
    assert.equal(dayFromFileName('cf.asa.20180111'), '2018-01-11');
    assert.equal(dayFromFileName('fw1-2019-12-31.cfg.gz'), '2019-12-31');
    assert.equal(dayFromFileName('cf.asa.20181341.gz'), undefined, 'month 13 is no date');
    assert.equal(dayFromFileName('cf.asa.20180230'), undefined, 'no 30 February');
    assert.equal(dayFromFileName('running-config.txt'), undefined);
  });

  test('plain and gzip; the same content is stored once; importing again is a no-op', () => {
    const { dir, cleanup } = tempDir();
    try {
      const a = join(dir, 'cf.asa.20180108');
      const b = join(dir, 'cf.asa.20180109.gz');
      const c = join(dir, 'cf.asa.20180110.gz');
      writeFileSync(a, days[0]?.text ?? '');
      writeFileSync(b, gzipSync(days[1]?.text ?? ''));
      writeFileSync(c, gzipSync(days[0]?.text ?? '')); // same content as a, compressed
      const store = Store.open(dir);
      const first = importFiles(store, [a, b, c]);
      assert.deepEqual(
        first.map((o) => [o.status, o.day, o.firewall]),
        [
          ['imported', '2018-01-08', 'fw-hst01'],
          ['imported', '2018-01-09', 'fw-hst01'],
          ['imported', '2018-01-10', 'fw-hst01'],
        ],
      );
      assert.equal(count(store, 'days'), 3);
      assert.equal(count(store, 'configs'), 2, 'a and c have the same content');
      const again = importFiles(store, [a, b, c]);
      assert.deepEqual(
        again.map((o) => o.status),
        ['unchanged', 'unchanged', 'unchanged'],
      );
      assert.match(again[0]?.message ?? '', /already imported with the same content/);
      assert.equal(count(store, 'days'), 3);
      assert.equal(count(store, 'configs'), 2);
      // stored compressed, and the bytes come back exactly
      const row = store.db.prepare('SELECT gz, bytes FROM configs ORDER BY id LIMIT 1').get() as {
        gz: Buffer;
        bytes: number;
      };
      assert.equal(row.gz[0], 0x1f);
      assert.equal(row.gz[1], 0x8b);
      assert.ok(row.gz.length < row.bytes / 2, `compressed ${row.gz.length} of ${row.bytes}`);
      assert.equal(store.configBytes(1)?.toString('utf8'), days[0]?.text);
      store.close();
    } finally {
      cleanup();
    }
  });

  test('the same day again with other content replaces that day and says so', () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = Store.open(dir);
      const f1 = join(dir, 'cf.asa.20180111.gz');
      writeFileSync(f1, gzipSync(days[0]?.text ?? ''));
      assert.equal(importFile(store, f1).status, 'imported');
      const fw = store.firewallByName('fw-hst01');
      assert.ok(fw);
      const cid = store.insertCustomer('acme', fw.id, ['cust-acme']);
      const acme = onItsFirewall(store.customerById(cid));
      ensureCustomerExtracts(store, acme);
      const before = getExtract(store, store.days(fw.id)[0]?.configId as number, acme);
      assert.doesNotMatch(before.text ?? '', /8443/);
      const f2 = join(dir, 'other', 'cf.asa.20180111');
      spawnSync('mkdir', ['-p', join(dir, 'other')]);
      writeFileSync(f2, days[1]?.text ?? '');
      const o = importFile(store, f2);
      assert.equal(o.status, 'replaced');
      assert.match(
        o.message,
        /fw-hst01 2018-01-11 replaced: the content differs from the earlier import \(cf\.asa\.20180111\.gz\)/,
      );
      assert.equal(count(store, 'days'), 1);
      assert.equal(count(store, 'configs'), 1, 'the replaced content is no longer kept');
      // the new day's extract was computed during the import, in the same transaction
      const dayConfig = store.days(fw.id)[0]?.configId as number;
      const cached = store.extract(dayConfig, acme);
      assert.ok(cached, 'extract cached at import time');
      assert.match(cached.text ?? '', /eq 8443/);
      store.close();
    } finally {
      cleanup();
    }
  });

  test('a corrupt file among good ones: reported with its name, the others imported, exit status 1', () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = join(dir, 'data');
      const files = [
        ['cf.asa.20180108.gz', gzipSync(days[0]?.text ?? '')],
        ['cf.asa.20180109.gz', Buffer.concat([gzipSync(days[1]?.text ?? '').subarray(0, 200)])], // truncated gzip
        ['cf.asa.20180110', Buffer.from('this is not a firewall configuration\n')],
        ['cf.asa.20180111.gz', gzipSync(days[3]?.text ?? '')],
        ['notes.txt', Buffer.from(days[0]?.text ?? '')], // no date in the name
      ] as const;
      for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
      const r = cli([
        'archive',
        'import',
        '--data',
        data,
        ...files.map(([n]) => join(dir, n)),
        join(dir, 'missing.gz'),
      ]);
      assert.equal(r.status, 1, r.stderr);
      const errLines = r.stderr.trim().split('\n');
      assert.equal(errLines.length, 4, r.stderr);
      assert.match(
        errLines[0] ?? '',
        /^asakit: cf\.asa\.20180109\.gz: corrupt or truncated gzip data/,
      );
      assert.match(errLines[1] ?? '', /^asakit: cf\.asa\.20180110:1: not an ASA configuration/);
      assert.match(errLines[2] ?? '', /^asakit: notes\.txt: no date in the file name/);
      assert.match(errLines[3] ?? '', /missing\.gz: cannot read: no such file/);
      assert.match(r.stdout, /imported 2, replaced 0, unchanged 0, failed 4 \(6 file\(s\)/);
      const store = Store.open(data);
      assert.deepEqual(
        store.days((store.firewallByName('fw-hst01') as { id: number }).id).map((d) => d.day),
        ['2018-01-11', '2018-01-08'],
      );
      assert.equal(count(store, 'configs'), 2, 'nothing of the failed files was stored');
      store.close();
    } finally {
      cleanup();
    }
  });

  test('--date and --firewall for a file without a date in its name', () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = join(dir, 'data');
      const f = join(dir, 'running-config.txt');
      writeFileSync(f, example);
      const r = cli([
        'archive',
        'import',
        '--data',
        data,
        '--firewall',
        'edge-2',
        '--date',
        '2020-02-29',
        f,
      ]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /running-config\.txt: edge-2 2020-02-29 imported/);
      const bad = cli(['archive', 'import', '--data', data, '--date', '2020-02-30', f]);
      assert.equal(bad.status, 2);
      assert.equal(bad.stderr, 'asakit: --date 2020-02-30: expected a date as YYYY-MM-DD\n');
      const two = cli(['archive', 'import', '--data', data, '--date', '2020-02-28', f, f]);
      assert.equal(two.status, 2);
      assert.match(two.stderr, /--date applies to a single file/);
      const list = cli(['archive', 'list', '--data', data]);
      assert.match(
        list.stdout,
        /edge-2: 1 day\(s\)\n {2}2020-02-29 {2}\d+ lines {2}running-config\.txt/,
      );
    } finally {
      cleanup();
    }
  });

  test('each file is one transaction: a failure while storing leaves no half-imported day', () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = Store.open(dir);
      const f1 = join(dir, 'cf.asa.20180108.gz');
      writeFileSync(f1, gzipSync(days[0]?.text ?? ''));
      importFile(store, f1);
      const fw = store.firewallByName('fw-hst01') as { id: number };
      store.insertCustomer('acme', fw.id, ['cust-acme']);
      // make the extract insert fail inside the transaction
      store.db.exec(
        `CREATE TRIGGER boom BEFORE INSERT ON extracts BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`,
      );
      const f2 = join(dir, 'cf.asa.20180109.gz');
      writeFileSync(f2, gzipSync(days[1]?.text ?? ''));
      const o = importFile(store, f2);
      assert.equal(o.status, 'failed');
      assert.match(o.message, /cf\.asa\.20180109\.gz: disk full \(simulated\)/);
      assert.deepEqual(
        store.days(fw.id).map((d) => d.day),
        ['2018-01-08'],
      );
      assert.equal(count(store, 'configs'), 1);
      store.close();
    } finally {
      cleanup();
    }
  });
});

describe('customers, users and the extract cache', () => {
  function seeded(): { dir: string; data: string; cleanup: () => void } {
    const { dir, cleanup } = tempDir();
    const data = join(dir, 'data');
    const files = days.map((d, i) => {
      const f = join(dir, `cf.asa.${d.day.replace(/-/g, '')}.gz`);
      writeFileSync(f, gzipSync(days[i]?.text ?? ''));
      return f;
    });
    const r = cli(['archive', 'import', '--data', data, ...files]);
    assert.equal(r.status, 0, r.stderr);
    return { dir, data, cleanup };
  }

  test('customer add validates the interfaces against the newest config', () => {
    const { data, cleanup } = seeded();
    try {
      const ok = addCustomer(data);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(
        ok.stdout,
        /customer acme added: fw-hst01 cust-acme \(5 extract\(s\) computed\)/,
      );
      const bad = cli([
        'customer',
        'add',
        'globex',
        '--data',
        data,
        '--firewall',
        'fw-hst01',
        '--interface',
        'cust-globex',
        'cust-nope',
      ]);
      assert.equal(bad.status, 2);
      assert.match(
        bad.stderr,
        /^asakit: interface cust-nope not in fw-hst01's newest configuration \(2018-01-12\); it has: .*cust-globex/,
      );
      assert.equal(bad.stderr.split('\n').length, 2, 'one line');
      const nofw = cli([
        'customer',
        'add',
        'globex',
        '--data',
        data,
        '--firewall',
        'fw-nope',
        '--interface',
        'cust-globex',
      ]);
      assert.equal(nofw.status, 2);
      assert.match(nofw.stderr, /unknown firewall fw-nope \(known: fw-hst01\)/);
      const dup = addCustomer(data);
      assert.equal(dup.status, 2);
      assert.match(
        dup.stderr,
        /customer acme has interfaces on fw-hst01 already \(change them with: asakit customer set-interfaces acme --firewall fw-hst01 --interface \.\.\.\)/,
      );
      const badName = addCustomer(data, '../x');
      assert.equal(badName.status, 2);
    } finally {
      cleanup();
    }
  });

  test('a customer on two firewalls: its own interfaces and extracts on each', () => {
    const { dir, data, cleanup } = seeded();
    try {
      assert.equal(addCustomer(data).status, 0);
      // fw-hst02 archives the very text fw-hst01 had on its newest day (one stored config), and
      // the customer has another interface there: the cache keeps one extract per firewall
      const f = join(dir, 'fw2.cfg');
      writeFileSync(f, days[days.length - 1]?.text ?? '');
      const imp = cli([
        'archive',
        'import',
        '--data',
        data,
        '--firewall',
        'fw-hst02',
        '--date',
        '2019-05-01',
        f,
      ]);
      assert.equal(imp.status, 0, imp.stderr);
      const add = cli([
        'customer',
        'add',
        'acme',
        '--data',
        data,
        '--firewall',
        'fw-hst02',
        '--interface',
        'cust-globex',
      ]);
      assert.equal(add.status, 0, add.stderr);
      assert.match(
        add.stdout,
        /customer acme now also on fw-hst02 cust-globex \(1 extract\(s\) computed\)/,
      );
      const list = cli(['customer', 'list', '--data', data]);
      assert.equal(list.stdout, 'acme\tfw-hst01\tcust-acme\nacme\tfw-hst02\tcust-globex\n');

      const store = Store.open(data);
      const acme = store.customerByName('acme');
      assert.deepEqual(
        acme?.firewalls.map((x) => [x.firewall, x.interfaces]),
        [
          ['fw-hst01', ['cust-acme']],
          ['fw-hst02', ['cust-globex']],
        ],
      );
      const [on1, on2] = acme?.firewalls ?? [];
      assert.ok(on1 && on2);
      const shared = store.days(on2.firewallId)[0]?.configId as number;
      assert.equal(store.days(on1.firewallId)[0]?.configId, shared, 'one stored config');
      const e1 = store.extract(shared, on1);
      const e2 = store.extract(shared, on2);
      assert.match(e1?.text ?? '', /access-group cust-acme_access_in in interface cust-acme/);
      assert.doesNotMatch(e1?.text ?? '', /cust-globex/);
      assert.match(e2?.text ?? '', /access-group cust-globex_access_in in interface cust-globex/);
      assert.doesNotMatch(e2?.text ?? '', /cust-acme/);
      assert.equal(count(store, 'extracts'), days.length + 1);
      store.close();

      const which = cli([
        'customer',
        'set-interfaces',
        'acme',
        '--data',
        data,
        '--interface',
        'cust-acme',
      ]);
      assert.equal(which.status, 2);
      assert.match(
        which.stderr,
        /customer acme is on several firewalls \(fw-hst01, fw-hst02\): name one with --firewall/,
      );
      const notThere = cli([
        'customer',
        'remove',
        'acme',
        '--data',
        data,
        '--firewall',
        'fw-hst03',
      ]);
      assert.equal(notThere.status, 2);
      assert.match(
        notThere.stderr,
        /customer acme has no interfaces on fw-hst03 \(it is on fw-hst01, fw-hst02\)/,
      );
      const rm = cli(['customer', 'remove', 'acme', '--data', data, '--firewall', 'fw-hst02']);
      assert.equal(rm.status, 0, rm.stderr);
      assert.match(rm.stdout, /customer acme removed from fw-hst02/);
      assert.equal(cli(['customer', 'list', '--data', data]).stdout, 'acme\tfw-hst01\tcust-acme\n');
      const last = cli(['customer', 'remove', 'acme', '--data', data, '--firewall', 'fw-hst01']);
      assert.equal(last.status, 2);
      assert.match(
        last.stderr,
        /fw-hst01 is customer acme's only firewall; remove the customer with: asakit customer remove acme/,
      );
      const again = Store.open(data);
      assert.equal(count(again, 'extracts'), days.length, "fw-hst02's extract went with it");
      again.close();
    } finally {
      cleanup();
    }
  });

  test('user add: password from stdin or generated once; only a scrypt hash is stored', () => {
    const { data, cleanup } = seeded();
    try {
      addCustomer(data);
      const a = cli(
        [
          'user',
          'add',
          'IT@Acme.example',
          '--customer',
          'acme',
          '--password-stdin',
          '--data',
          data,
        ],
        'a-long-password-123\n',
      );
      assert.equal(a.status, 0, a.stderr);
      assert.doesNotMatch(a.stdout, /a-long-password-123/);
      const g = cli(['user', 'add', 'noc@hoster.example', '--admin', '--data', data]);
      assert.equal(g.status, 0, g.stderr);
      const pw = /password: (\S+)/.exec(g.stdout)?.[1];
      assert.ok(pw && pw.length >= 20, g.stdout);
      const short = cli(
        ['user', 'add', 'x@acme.example', '--customer', 'acme', '--password-stdin', '--data', data],
        'short\n',
      );
      assert.equal(short.status, 2);
      assert.match(short.stderr, /at least 12 characters/);
      const both = cli([
        'user',
        'add',
        'y@acme.example',
        '--customer',
        'acme',
        '--admin',
        '--data',
        data,
      ]);
      assert.equal(both.status, 2);
      const noCust = cli(['user', 'add', 'z@acme.example', '--customer', 'nope', '--data', data]);
      assert.equal(noCust.status, 2);
      assert.match(noCust.stderr, /unknown customer nope/);
      const store = Store.open(data);
      const users = store.users();
      assert.deepEqual(
        users.map((u) => [u.email, u.isAdmin, u.customer]),
        [
          ['it@acme.example', false, 'acme'],
          ['noc@hoster.example', true, null],
        ],
      );
      for (const u of users) {
        assert.match(u.passwordHash, /^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
        assert.ok(!u.passwordHash.includes(pw as string));
      }
      assert.notEqual(
        users[0]?.passwordHash.split('$')[4],
        users[1]?.passwordHash.split('$')[4],
        'per-user salt',
      );
      store.close();
    } finally {
      cleanup();
    }
  });

  test('extracts are computed once and served from the cache (pages never parse a config)', () => {
    const { data, cleanup } = seeded();
    try {
      addCustomer(data);
      const store = Store.open(data);
      const acme = onItsFirewall(store.customerByName('acme'));
      assert.equal(store.extractCount(), 5);
      // destroy the stored configs: cached extracts must still be served
      store.db.prepare("UPDATE configs SET gz = x'00'").run();
      for (const d of store.days(acme.firewallId)) {
        const e = getExtract(store, d.configId, acme);
        assert.ok(e.text?.includes('cust-acme_access_in'));
      }
      assert.equal(ensureCustomerExtracts(store, acme), 0, 'nothing to compute');
      store.close();
    } finally {
      cleanup();
    }
  });

  test('changing the interfaces invalidates and recomputes the extracts', () => {
    const { data, cleanup } = seeded();
    try {
      addCustomer(data);
      const r = cli([
        'customer',
        'set-interfaces',
        'acme',
        '--data',
        data,
        '--interface',
        'cust-acme',
        'iks-lab',
      ]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /5 extract\(s\) recomputed/);
      const store = Store.open(data);
      const acme = onItsFirewall(store.customerByName('acme'));
      assert.deepEqual(acme.interfaces, ['cust-acme', 'iks-lab']);
      const newest = store.days(acme.firewallId)[0]?.configId as number;
      const row = store.extract(newest, acme);
      assert.equal(row?.ifaces, 'cust-acme,iks-lab');
      assert.match(row?.text ?? '', /iks-lab_access_in/);
      // a stale row (made for another interface set) is recomputed on read
      store.db
        .prepare("UPDATE extracts SET ifaces = 'cust-acme', text = 'stale' WHERE customer_id = ?")
        .run(acme.id);
      assert.match(getExtract(store, newest, acme).text ?? '', /iks-lab_access_in/);
      store.close();
    } finally {
      cleanup();
    }
  });

  test('a day on which the interface did not exist yet gives a clear note, not an error', () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = Store.open(dir);
      const old = join(dir, 'cf.asa.20170101');
      writeFileSync(old, example.replace(/^ nameif cust-umbrella$/m, ' nameif cust-umbrella-old'));
      const cur = join(dir, 'cf.asa.20170102');
      writeFileSync(cur, example);
      importFiles(store, [cur]);
      const fw = store.firewallByName('fw-hst01') as { id: number };
      const id = store.insertCustomer('umbrella', fw.id, ['cust-umbrella']);
      const c = onItsFirewall(store.customerById(id));
      ensureCustomerExtracts(store, c);
      importFiles(store, [old]); // an older day imported later: computed at import time
      const olderDay = store.days(fw.id).find((d) => d.day === '2017-01-01');
      const e = store.extract(olderDay?.configId as number, c);
      assert.equal(e?.error, "interface cust-umbrella not in this day's configuration");
      assert.equal(e?.text, null);
      store.close();
    } finally {
      cleanup();
    }
  });

  test("one customer's extracts come from its part of each day: the rows the whole day gives", () => {
    const { dir, data, cleanup } = seeded();
    try {
      const store = Store.open(data);
      const fw = store.firewallByName('fw-hst01') as { id: number };
      // a day before the customer's interface existed, imported before the customer is added
      const old = join(dir, 'cf.asa.20170101');
      writeFileSync(old, example.replace(/^ nameif cust-acme$/m, ' nameif cust-acme-old'));
      importFiles(store, [old]);
      const id = store.insertCustomer('acme', fw.id, ['cust-acme']);
      const acme = onItsFirewall(store.customerById(id));
      assert.equal(ensureCustomerExtracts(store, acme), 6);
      for (const d of store.days(fw.id)) {
        const row = store.extract(d.configId, acme);
        const whole = computeExtract(parseStoredConfig(store, d.configId), d.configId, acme);
        assert.ok(row, d.day);
        assert.equal(row.error, whole.error, d.day);
        assert.equal(row.digest, whole.digest, d.day);
        assert.deepEqual(
          comparableSections(sectionsOf(row)),
          comparableSections(sectionsOf(whole)),
          d.day,
        );
        // only the generation time differs
        const generated = /^! generated .*$/gm;
        assert.equal(row.text?.replace(generated, ''), whole.text?.replace(generated, ''), d.day);
        if (d.day === '2017-01-01') {
          assert.equal(row.error, "interface cust-acme not in this day's configuration");
          assert.throws(
            () => loadStoredForExtract(store, d.configId, ['cust-acme']),
            (e) => e instanceof MissingInterfaces && e.nameifs.join() === 'cust-acme',
          );
        } else {
          assert.ok(row.text?.includes('cust-acme_access_in'), d.day);
          const part = loadStoredForExtract(store, d.configId, ['cust-acme']);
          assert.equal(part.mode, 'blocks', d.day);
          const lines = parseStoredConfig(store, d.configId).tree.all.length;
          assert.ok(part.parsedLines < lines / 2, `${d.day}: ${part.parsedLines} of ${lines}`);
        }
      }
      store.close();
    } finally {
      cleanup();
    }
  });
});

describe('database', () => {
  test('version 1 databases move each customer onto its firewall, keeping users and extracts', () => {
    const { dir, cleanup } = tempDir();
    try {
      // a database as asakit wrote it before customers could be on several firewalls
      const raw = new Database(join(dir, DB_FILE));
      raw.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      raw.exec((MIGRATIONS[0] as { sql: string }).sql);
      raw.exec(`
        INSERT INTO schema_version VALUES (1);
        INSERT INTO firewalls VALUES (1, 'fw-a', 0), (2, 'fw-b', 0);
        INSERT INTO configs VALUES (7, 'x', x'00', 1, 1, 'fw-a', 0);
        INSERT INTO days VALUES (1, '2018-01-11', 7, 'cf', 0);
        INSERT INTO customers VALUES (3, 'acme', 1, 0), (4, 'globex', 2, 0);
        INSERT INTO customer_interfaces VALUES (3, 'cust-acme'), (3, 'cust-acme2'), (4, 'cust-globex');
        INSERT INTO extracts VALUES (7, 3, 'cust-acme,cust-acme2', 'text', '[]', 'd', NULL, 0);
        INSERT INTO users VALUES (5, 'a@acme.example', 3, 0, 'h', 0);
      `);
      raw.close();
      const store = Store.open(dir);
      assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
      assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
      assert.deepEqual(
        store
          .customers()
          .map((c) => [c.id, c.name, c.firewalls.map((f) => [f.firewall, f.interfaces])]),
        [
          [3, 'acme', [['fw-a', ['cust-acme', 'cust-acme2']]]],
          [4, 'globex', [['fw-b', ['cust-globex']]]],
        ],
      );
      assert.deepEqual(
        store.users().map((u) => [u.email, u.customer]),
        [['a@acme.example', 'acme']],
        'the users survive the rebuilt customers table',
      );
      const acme = onItsFirewall(store.customerByName('acme'));
      assert.equal(store.extract(7, acme)?.text, 'text');
      // the keys still hold: removing a customer takes its users, interfaces and extracts along
      store.deleteCustomer(3);
      assert.equal(count(store, 'users'), 0);
      assert.equal(count(store, 'extracts'), 0);
      assert.equal(count(store, 'customer_interfaces'), 1);
      store.close();
    } finally {
      cleanup();
    }
  });

  test('created with a schema_version, migrated once, refused when newer', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = openDatabase(dir);
      assert.equal(schemaVersion(db), SCHEMA_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      db.close();
      const again = openDatabase(dir);
      assert.equal(
        (again.prepare('SELECT COUNT(*) AS n FROM schema_version').get() as { n: number }).n,
        1,
      );
      again.close();
      const raw = new Database(join(dir, DB_FILE));
      raw.prepare('UPDATE schema_version SET version = 999').run();
      raw.close();
      assert.throws(
        () => openDatabase(dir),
        /schema version 999, newer than this asakit understands/,
      );
    } finally {
      cleanup();
    }
  });
});
