// The portal over real HTTP (127.0.0.1, free port) with a real SQLite file: login, isolation
// between customers, CSRF, rate limiting, headers, cookies, log retention.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CSP, loginToken } from '../../src/portal/security.js';
import { CSS_PATH } from '../../src/portal/style.js';
import { importFile } from '../../src/portal/archive.js';
import { ensureCustomerExtracts } from '../../src/portal/extracts.js';
import { DEMO_ADMIN } from '../../src/portal/demo.js';
import { hashPassword } from '../../src/portal/passwords.js';
import { startPortal } from '../../src/portal/server.js';
import { Store } from '../../src/portal/store.js';
import { join } from 'node:path';
import { examplesDir } from '../support/paths.js';
import {
  hiddenField,
  login,
  onItsFirewall,
  PASSWORDS,
  request,
  setCookies,
  startDemoPortal,
  tempDir,
  type TestPortal,
} from './helpers.js';

const SAME_ORIGIN = (base: string) => ({
  Origin: new URL(base).origin,
  'Sec-Fetch-Site': 'same-origin',
});

describe('portal over HTTP', () => {
  let t: TestPortal;
  let base: string;
  before(async () => {
    t = await startDemoPortal();
    base = t.portal.url;
  });
  after(async () => {
    await t.close();
  });

  test('no cookie is set before the login form is used', async () => {
    for (const path of [
      '/',
      '/login',
      '/privacy',
      CSS_PATH,
      '/nothing-here',
      '/c/acme/',
      '/c/acme/day/2018-01-12',
      '/admin',
    ]) {
      const r = await request(base, path);
      assert.deepEqual(setCookies(r), [], `${path} set a cookie`);
    }
    // a failed login sets none either
    const form = await request(base, '/login');
    const r = await request(base, '/login', {
      form: {
        token: hiddenField(form.body, 'token'),
        email: 'it@acme.example',
        password: 'wrong-password-x',
      },
      headers: SAME_ORIGIN(base),
    });
    assert.equal(r.status, 401);
    assert.deepEqual(setCookies(r), []);
  });

  test('unauthenticated customer pages redirect to the login form', async () => {
    for (const path of [
      '/',
      '/c/acme/',
      '/c/acme/day/2018-01-12',
      '/c/acme/diff',
      '/c/globex/day/2018-01-12/download',
      '/admin',
    ]) {
      const r = await request(base, path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers['location'], '/login', path);
    }
  });

  test('login sets an HttpOnly, SameSite=Strict session cookie and leads to the own days', async () => {
    const form = await request(base, '/login');
    assert.equal(form.status, 200);
    const r = await request(base, '/login', {
      form: {
        token: hiddenField(form.body, 'token'),
        email: 'IT@acme.example ',
        password: PASSWORDS.acme,
      },
      headers: SAME_ORIGIN(base),
    });
    assert.equal(r.status, 303);
    const [cookie] = setCookies(r);
    assert.ok(cookie);
    assert.match(cookie, /^asakit_session=[A-Za-z0-9_-]{43}; /);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP without --trust-proxy: no Secure flag');
    const c = cookie.split(';')[0] as string;
    const home = await request(base, '/', { cookie: c });
    assert.equal(home.status, 303);
    assert.equal(home.headers['location'], '/c/acme/');
    const days = await request(base, '/c/acme/', { cookie: c });
    assert.equal(days.status, 200);
    for (const d of t.demo.days) assert.ok(days.body.includes(d.day), `day ${d.day} listed`);
    assert.match(days.body, /Last change: between 2018-01-11 and 2018-01-12/);
  });

  test('wrong password and unknown user get the same answer', async () => {
    const a = await request(base, '/login', {
      form: { token: loginToken(t.store), email: 'it@acme.example', password: 'not-the-password' },
      headers: { ...SAME_ORIGIN(base) },
    });
    const b = await request(base, '/login', {
      form: {
        token: loginToken(t.store),
        email: 'nobody@acme.example',
        password: 'not-the-password',
      },
      headers: { ...SAME_ORIGIN(base) },
    });
    assert.equal(a.status, 401);
    assert.equal(b.status, 401);
    const strip = (s: string) =>
      s.replace(/name="token" value="[^"]*"/, '').replace(/value="[^"]*@acme\.example"/, '');
    assert.equal(strip(a.body), strip(b.body));
    t.store.db.prepare('DELETE FROM login_failures').run();
  });

  test('security headers on every kind of response', async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const pages = [
      { path: '/login', cookie: undefined, customerData: false },
      { path: '/privacy', cookie: undefined, customerData: false },
      { path: '/nothing-here', cookie: undefined, customerData: false },
      { path: '/c/acme/', cookie, customerData: true },
      { path: '/c/acme/day/2018-01-12', cookie, customerData: true },
      { path: '/c/acme/day/2018-01-12/download', cookie, customerData: true },
      { path: '/c/acme/diff', cookie, customerData: true },
      { path: '/c/globex/', cookie, customerData: false },
    ];
    for (const p of pages) {
      const r = await request(base, p.path, p.cookie ? { cookie: p.cookie } : {});
      assert.equal(r.headers['content-security-policy'], CSP, p.path);
      assert.match(CSP, /default-src 'none'/);
      assert.match(CSP, /frame-ancestors 'none'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', p.path);
      assert.equal(r.headers['referrer-policy'], 'no-referrer', p.path);
      assert.equal(r.headers['x-frame-options'], 'DENY', p.path);
      if (p.customerData) assert.equal(r.headers['cache-control'], 'no-store', p.path);
      assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    }
    const css = await request(base, CSS_PATH);
    assert.equal(css.status, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.match(String(css.headers['cache-control']), /immutable/);
    // pages reference nothing outside the portal
    const day = await request(base, '/c/acme/day/2018-01-12', { cookie });
    assert.doesNotMatch(day.body, /(src|href)="(https?:)?\/\//);
    assert.doesNotMatch(day.body, /<script|style=/);
  });

  test('extract page is highlighted server-side and downloadable as text', async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const day = await request(base, '/c/acme/day/2018-01-09', { cookie });
    assert.equal(day.status, 200);
    assert.match(
      day.body,
      /<span class="k">access-list<\/span> <span class="n">cust-acme_access_in<\/span>/,
    );
    assert.match(day.body, /<span class="p">permit<\/span>/);
    assert.match(day.body, /<span class="a">10\.1\.101\.11<\/span>/);
    assert.match(day.body, /<span class="c">! /);
    const dl = await request(base, '/c/acme/day/2018-01-09/download', { cookie });
    assert.equal(dl.status, 200);
    assert.match(String(dl.headers['content-type']), /^text\/plain; charset=utf-8/);
    assert.equal(
      dl.headers['content-disposition'],
      'attachment; filename="acme-2018-01-09.asa.txt"',
    );
    assert.match(
      dl.body,
      /^access-list cust-acme_access_in extended permit tcp object-group acme-web object-group ADMIN-NETS eq 8443$/m,
    );
    assert.doesNotMatch(
      dl.body,
      /globex|initech|umbrella|iks-lab/i,
      "acme's text names no other customer",
    );
  });

  test('diff defaults to the last change and shows changed lines per section', async () => {
    const acme = await login(base, 'it@acme.example', PASSWORDS.acme);
    const d = await request(base, '/c/acme/diff', { cookie: acme });
    assert.equal(d.status, 200);
    assert.match(d.body, /Changes 2018-01-11 → 2018-01-12/);
    assert.match(
      d.body,
      /<span class="l del"><span class="mark">−<\/span><span class="k">nat<\/span> <span class="n">\(cust-acme,outside\)<\/span>.*acme-ra-pool/,
    );
    const d2 = await request(base, '/c/acme/diff?from=2018-01-08&to=2018-01-09', { cookie: acme });
    assert.match(d2.body, /<span class="l add"><span class="mark">\+<\/span>.*8443/);
    const same = await request(base, '/c/acme/diff?from=2018-01-09&to=2018-01-10', {
      cookie: acme,
    });
    assert.match(same.body, /No differences between these two days/);
    const globex = await login(base, 'netops@globex.example', PASSWORDS.globex);
    const g = await request(base, '/c/globex/diff', { cookie: globex });
    assert.match(g.body, /Changes 2018-01-10 → 2018-01-11/);
    assert.match(g.body, /10\.1\.102\.21/);
  });

  test('isolation: every URL of another customer answers 404, exactly like a missing page', async () => {
    // a second firewall with a third customer, on other days
    const r = importFile(t.store, join(examplesDir, 'hosting.cfg'), {
      firewall: 'fw-hst02',
      date: '2019-05-01',
    });
    assert.equal(r.status, 'imported', r.message);
    const fw2 = t.store.firewallByName('fw-hst02');
    assert.ok(fw2);
    const id = t.store.insertCustomer('initech', fw2.id, ['cust-initech']);
    ensureCustomerExtracts(t.store, onItsFirewall(t.store.customerById(id)));
    t.store.insertUser({
      email: 'it@initech.example',
      customerId: id,
      isAdmin: false,
      passwordHash: await hashPassword('initech-password-1', { logN: 10 }),
    });

    const accounts = [
      { customer: 'acme', cookie: await login(base, 'it@acme.example', PASSWORDS.acme) },
      { customer: 'globex', cookie: await login(base, 'netops@globex.example', PASSWORDS.globex) },
      {
        customer: 'initech',
        cookie: await login(base, 'it@initech.example', 'initech-password-1'),
      },
    ];
    const urlsOf = (customer: string, days: string[]) => [
      `/c/${customer}/`,
      `/c/${customer}`,
      `/c/${customer}/diff`,
      ...days.flatMap((d) => [
        `/c/${customer}/day/${d}`,
        `/c/${customer}/day/${d}/download`,
        `/c/${customer}/diff?from=${d}&to=${d}`,
        `/c/${customer}/diff?to=${d}`,
      ]),
    ];
    const daysOf = {
      acme: t.demo.days.map((d) => d.day),
      globex: t.demo.days.map((d) => d.day),
      initech: ['2019-05-01'],
    } as Record<string, string[]>;
    let checked = 0;
    for (const me of accounts) {
      const notFound = await request(base, '/c/no-such-customer/', { cookie: me.cookie });
      assert.equal(notFound.status, 404);
      // own URLs work
      for (const u of urlsOf(me.customer, daysOf[me.customer] as string[])) {
        const own = await request(base, u, { cookie: me.cookie });
        assert.equal(own.status, 200, `${me.customer} ${u}`);
      }
      // own customer, days of the other firewall: 404
      for (const d of Object.values(daysOf)
        .flat()
        .filter((d) => !(daysOf[me.customer] as string[]).includes(d))) {
        for (const u of [
          `/c/${me.customer}/day/${d}`,
          `/c/${me.customer}/day/${d}/download`,
          `/c/${me.customer}/diff?from=${d}`,
        ]) {
          const r2 = await request(base, u, { cookie: me.cookie });
          assert.equal(r2.status, 404, `${me.customer} ${u}`);
        }
      }
      for (const other of accounts.filter((a) => a.customer !== me.customer)) {
        for (const u of urlsOf(other.customer, daysOf[other.customer] as string[])) {
          const r2 = await request(base, u, { cookie: me.cookie });
          assert.equal(r2.status, 404, `${me.customer} must not see ${u}`);
          assert.equal(
            r2.body,
            notFound.body,
            `${u}: the 404 must not differ from a missing customer's`,
          );
          assert.doesNotMatch(r2.body, new RegExp(`cust-${other.customer}`));
          checked++;
        }
      }
      // admin area: 404 for customers
      for (const u of ['/admin', '/admin/fw/fw-hst01/audit']) {
        const r2 = await request(base, u, { cookie: me.cookie });
        assert.equal(r2.status, 404, `${me.customer} ${u}`);
      }
      // the own pages never name another customer's interface
      const own = await request(
        base,
        `/c/${me.customer}/day/${(daysOf[me.customer] as string[])[0]}`,
        { cookie: me.cookie },
      );
      for (const other of ['acme', 'globex', 'initech', 'umbrella'].filter(
        (o) => o !== me.customer,
      )) {
        assert.doesNotMatch(
          own.body,
          new RegExp(`cust-${other}`),
          `${me.customer}'s page names cust-${other}`,
        );
      }
    }
    assert.ok(checked > 50, `checked ${checked} foreign URLs`);
  });

  test('admins see every customer and each firewall audit', async () => {
    const admin = await login(base, 'noc@hoster.example', PASSWORDS.admin);
    const home = await request(base, '/', { cookie: admin });
    assert.equal(home.headers['location'], '/admin');
    const a = await request(base, '/admin', { cookie: admin });
    assert.equal(a.status, 200);
    assert.match(a.body, /fw-hst01/);
    assert.match(a.body, /href="\/c\/acme\/"/);
    for (const path of ['/c/acme/', '/c/globex/day/2018-01-12', '/c/globex/diff']) {
      assert.equal((await request(base, path, { cookie: admin })).status, 200, path);
    }
    const audit = await request(base, '/admin/fw/fw-hst01/audit', { cookie: admin });
    assert.equal(audit.status, 200);
    assert.match(audit.body, /Audit · fw-hst01 · 2018-01-12/);
    assert.match(audit.body, /finding/);
    const cached = await request(base, '/admin/fw/fw-hst01/audit?day=2018-01-08', {
      cookie: admin,
    });
    assert.equal(cached.status, 200);
    assert.equal(
      (await request(base, '/admin/fw/fw-hst01/audit?day=1999-01-01', { cookie: admin })).status,
      404,
    );
    assert.equal((await request(base, '/admin/fw/nope/audit', { cookie: admin })).status, 404);
  });

  test('CSRF: the login form needs a valid token and a same-origin request', async () => {
    const creds = { email: 'it@acme.example', password: PASSWORDS.acme };
    const ok = loginToken(t.store);
    const cases: { why: string; form: Record<string, string>; headers: Record<string, string> }[] =
      [
        { why: 'no token', form: { ...creds }, headers: SAME_ORIGIN(base) },
        {
          why: 'forged token',
          form: { ...creds, token: `${Date.now().toString(36)}.abc.${'A'.repeat(43)}` },
          headers: SAME_ORIGIN(base),
        },
        {
          why: 'altered token',
          form: { ...creds, token: ok.replace(/^[^.]+/, (Date.now() + 1000).toString(36)) },
          headers: SAME_ORIGIN(base),
        },
        {
          why: 'expired token',
          form: { ...creds, token: loginToken(t.store, Date.now() - 3 * 60 * 60 * 1000) },
          headers: SAME_ORIGIN(base),
        },
        {
          why: 'cross-site Origin',
          form: { ...creds, token: ok },
          headers: { Origin: 'https://evil.example' },
        },
        {
          why: 'cross-site fetch',
          form: { ...creds, token: ok },
          headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'null' },
        },
        {
          why: 'foreign Referer',
          form: { ...creds, token: ok },
          headers: { Referer: 'https://evil.example/x' },
        },
      ];
    for (const c of cases) {
      const r = await request(base, '/login', { form: c.form, headers: c.headers });
      assert.equal(r.status, 403, c.why);
      assert.deepEqual(setCookies(r), [], c.why);
    }
    // Origin "null" (what browsers send under Referrer-Policy: no-referrer) with same-origin fetch metadata is fine
    const r = await request(base, '/login', {
      form: { ...creds, token: ok },
      headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    });
    assert.equal(r.status, 303);
  });

  test('CSRF: logout needs the session token', async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const page = await request(base, '/c/acme/', { cookie });
    const csrf = hiddenField(page.body, 'csrf');
    const bad = await request(base, '/logout', {
      cookie,
      form: { csrf: 'x'.repeat(csrf.length) },
      headers: SAME_ORIGIN(base),
    });
    assert.equal(bad.status, 403);
    const none = await request(base, '/logout', { cookie, form: {}, headers: SAME_ORIGIN(base) });
    assert.equal(none.status, 403);
    const cross = await request(base, '/logout', {
      cookie,
      form: { csrf },
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(cross.status, 403);
    assert.equal((await request(base, '/c/acme/', { cookie })).status, 200, 'still logged in');
    // another session's token does not work either
    const other = await login(base, 'it@acme.example', PASSWORDS.acme);
    const otherCsrf = hiddenField(
      (await request(base, '/c/acme/', { cookie: other })).body,
      'csrf',
    );
    assert.equal(
      (
        await request(base, '/logout', {
          cookie,
          form: { csrf: otherCsrf },
          headers: SAME_ORIGIN(base),
        })
      ).status,
      403,
    );
    const good = await request(base, '/logout', {
      cookie,
      form: { csrf },
      headers: SAME_ORIGIN(base),
    });
    assert.equal(good.status, 303);
    assert.match(setCookies(good)[0] ?? '', /Max-Age=0/);
    assert.equal(
      (await request(base, '/c/acme/', { cookie })).status,
      303,
      'session ended server-side',
    );
  });

  test('other methods and encodings are refused', async () => {
    assert.equal((await request(base, '/login', { method: 'PUT' })).status, 405);
    assert.equal((await request(base, '/c/acme/', { method: 'POST', form: {} })).status, 405);
    assert.equal((await request(base, '/login', { method: 'DELETE' })).status, 405);
    const json = await request(base, '/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...SAME_ORIGIN(base) },
    });
    assert.equal(json.status, 415);
    const head = await request(base, '/login', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  test('sessions are stored server-side as hashes of the cookie', async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const token = cookie.split('=')[1] as string;
    const rows = t.store.db.prepare('SELECT id FROM sessions').all() as { id: string }[];
    assert.ok(rows.length > 0);
    assert.ok(!rows.some((r) => r.id === token), 'the raw cookie value is not stored');
  });
});

describe('portal: rate limiting', () => {
  let t: TestPortal;
  let base: string;
  before(async () => {
    t = await startDemoPortal({ trustProxy: true });
    base = t.portal.url;
  });
  after(async () => {
    await t.close();
  });
  const attempt = (email: string, password: string, ip: string) =>
    request(base, '/login', {
      form: { token: loginToken(t.store), email, password },
      headers: { 'X-Forwarded-For': ip, ...SAME_ORIGIN(base) },
    });

  test('5 failures per account in 15 minutes: 429, even with the right password and from new addresses', async () => {
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await attempt('it@acme.example', 'wrong-password', `198.51.100.${i + 1}`)).status,
        401,
      );
    const r = await attempt('it@acme.example', PASSWORDS.acme, '198.51.100.99');
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) > 0 && Number(r.headers['retry-after']) <= 15 * 60);
    assert.match(r.body, /Too many failed logins/);
    assert.deepEqual(setCookies(r), []);
    // the other customer's account is not affected
    assert.equal(
      (await attempt('netops@globex.example', PASSWORDS.globex, '198.51.100.98')).status,
      303,
    );
  });

  test('5 failures per IP address: 429 for any account from that address', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 5; i++)
      assert.equal((await attempt(`guess${i}@example.org`, 'wrong-password', ip)).status, 401);
    assert.equal((await attempt('netops@globex.example', PASSWORDS.globex, ip)).status, 429);
    assert.equal(
      (await attempt('netops@globex.example', PASSWORDS.globex, '203.0.113.51')).status,
      303,
    );
  });

  test('failure records are keyed hashes, not addresses, and expire with the window', async () => {
    const keys = (
      t.store.db.prepare('SELECT key FROM login_failures').all() as { key: string }[]
    ).map((r) => r.key);
    assert.ok(keys.length >= 10);
    assert.ok(
      !keys.some((k) => k.includes('203.0.113') || k.includes('@')),
      'no readable IP or e-mail',
    );
    const removed = t.store.purge({
      logRetentionMs: 7 * 86400000,
      failureWindowMs: 15 * 60000,
      now: Date.now() + 16 * 60000,
    });
    assert.ok(removed.failures >= 10);
    assert.equal(
      (await attempt('it@acme.example', PASSWORDS.acme, '198.51.100.99')).status,
      303,
      'unlocked after the window',
    );
  });

  test('behind a TLS proxy the cookie is Secure with the __Host- prefix and HSTS is sent', async () => {
    const https = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '192.0.2.200' };
    const form = await request(base, '/login', { headers: https });
    assert.match(String(form.headers['strict-transport-security']), /max-age=/);
    const r = await request(base, '/login', {
      form: {
        token: hiddenField(form.body, 'token'),
        email: 'it@acme.example',
        password: PASSWORDS.acme,
      },
      headers: { ...https, ...SAME_ORIGIN(base) },
    });
    assert.equal(r.status, 303);
    const [cookie] = setCookies(r);
    assert.match(
      cookie ?? '',
      /^__Host-asakit_session=.*; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/,
    );
  });
});

describe('portal: host names (DNS rebinding)', () => {
  // A rebinding page reaches the portal under a name its attacker controls; its requests then
  // carry that name as Host and as Origin, so the same-origin check alone would let them through.
  const at = (base: string, host: string) => ({ Host: `${host}:${new URL(base).port}` });

  test('without a proxy: addresses and localhost are answered, other names get 421', async () => {
    const t = await startDemoPortal();
    try {
      const base = t.portal.url;
      for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST.', '[::1]']) {
        const r = await request(base, '/login', { headers: at(base, host) });
        assert.equal(r.status, 200, host);
      }
      const page = await request(base, '/login', { headers: at(base, 'rebind.attacker.example') });
      assert.equal(page.status, 421);
      assert.match(page.body, /does not answer to the name rebind\.attacker\.example/);
      assert.match(page.body, /--allowed-host/);
      assert.equal(setCookies(page).length, 0);
      // the rebinding page's login attempt: same "origin" as its Host, still refused
      const evil = 'http://rebind.attacker.example:' + new URL(base).port;
      const form = await request(base, '/login');
      const r = await request(base, '/login', {
        form: {
          token: hiddenField(form.body, 'token'),
          email: 'it@acme.example',
          password: PASSWORDS.acme,
        },
        headers: {
          ...at(base, 'rebind.attacker.example'),
          Origin: evil,
          'Sec-Fetch-Site': 'same-origin',
        },
      });
      assert.equal(r.status, 421);
      assert.equal(setCookies(r).length, 0);
    } finally {
      await t.close();
    }
  });

  test('--allowed-host adds names (any case, port or trailing dot); others stay refused', async () => {
    const t = await startDemoPortal({ allowedHosts: ['Portal.Example.NET'] });
    try {
      const base = t.portal.url;
      for (const host of ['portal.example.net', 'PORTAL.example.net.', '127.0.0.1']) {
        assert.equal((await request(base, '/login', { headers: at(base, host) })).status, 200);
      }
      const other = await request(base, '/login', { headers: at(base, 'other.example.net') });
      assert.equal(other.status, 421);
      // a customer page under a refused name does not even get to the login redirect
      const page = await request(base, '/c/acme/', { headers: at(base, 'other.example.net') });
      assert.equal(page.status, 421);
    } finally {
      await t.close();
    }
  });

  test('behind a proxy any name is answered, unless names are listed', async () => {
    const open = await startDemoPortal({ trustProxy: true });
    const listed = await startDemoPortal({
      trustProxy: true,
      allowedHosts: ['portal.example.net'],
    });
    try {
      const h = (base: string, host: string) => ({ headers: at(base, host) });
      const a = open.portal.url;
      assert.equal((await request(a, '/login', h(a, 'portal.example.net'))).status, 200);
      assert.equal((await request(a, '/login', h(a, 'anything.example'))).status, 200);
      const b = listed.portal.url;
      assert.equal((await request(b, '/login', h(b, 'portal.example.net'))).status, 200);
      assert.equal((await request(b, '/login', h(b, 'anything.example'))).status, 421);
    } finally {
      await open.close();
      await listed.close();
    }
  });
});

describe('portal: access-log retention', () => {
  test('old access-log rows are deleted by the purge job and at start-up; recent ones stay', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = Store.open(dir);
      const day = 86400000;
      const now = Date.now();
      const row = (ageDays: number, ip: string) =>
        store.logAccess({
          at: now - ageDays * day,
          ip,
          userId: null,
          method: 'GET',
          path: '/login',
          status: 200,
          ms: 1,
        });
      row(30, '192.0.2.30');
      row(8, '192.0.2.8');
      row(6, '192.0.2.6');
      row(0, '192.0.2.1');
      const ips = () =>
        (store.db.prepare('SELECT ip FROM access_log ORDER BY at').all() as { ip: string }[]).map(
          (r) => r.ip,
        );
      // start-up purge (default retention: 7 days)
      const portal = await startPortal({ store, host: '127.0.0.1', port: 0 });
      assert.deepEqual(ips(), ['192.0.2.6', '192.0.2.1']);
      // requests are logged with the address ...
      await request(portal.url, '/privacy');
      assert.equal(ips().length, 3);
      assert.ok(ips().includes('127.0.0.1'));
      // ... and the periodic job removes what got too old
      store.db.prepare('UPDATE access_log SET at = at - ?').run(2 * day);
      const removed = portal.purge();
      assert.equal(removed.accessLog, 1);
      assert.deepEqual(ips().sort(), ['127.0.0.1', '192.0.2.1']);
      await portal.close();
      // --log-retention-days 1
      const p2 = await startPortal({ store, host: '127.0.0.1', port: 0, logRetentionDays: 1 });
      assert.deepEqual(ips(), [], 'rows older than 1 day are gone at start-up');
      const privacy = await request(p2.url, '/privacy');
      assert.match(privacy.body, /deleted automatically after 1 day</);
      await p2.close();
      store.close();
    } finally {
      cleanup();
    }
  });

  test('the periodic job runs on its own', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = Store.open(dir);
      const portal = await startPortal({ store, host: '127.0.0.1', port: 0, purgeIntervalMs: 50 });
      store.logAccess({
        at: Date.now() - 10 * 86400000,
        ip: '192.0.2.99',
        userId: null,
        method: 'GET',
        path: '/',
        status: 200,
        ms: 1,
      });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(
        (
          store.db
            .prepare("SELECT COUNT(*) AS n FROM access_log WHERE ip = '192.0.2.99'")
            .get() as { n: number }
        ).n,
        0,
      );
      await portal.close();
      store.close();
    } finally {
      cleanup();
    }
  });
});

describe('portal: session expiry', () => {
  test('an idle session ends', async () => {
    const t = await startDemoPortal({ sessionIdleMs: 300 });
    try {
      const cookie = await login(t.portal.url, 'it@acme.example', PASSWORDS.acme);
      assert.equal((await request(t.portal.url, '/c/acme/', { cookie })).status, 200);
      await new Promise((r) => setTimeout(r, 400));
      assert.equal((await request(t.portal.url, '/c/acme/', { cookie })).status, 303);
    } finally {
      await t.close();
    }
  });
});

describe('a customer on several firewalls', () => {
  let t: TestPortal;
  let base: string;
  before(async () => {
    t = await startDemoPortal();
    base = t.portal.url;
    // acme also has an interface on a second firewall, archived on another day
    const r = importFile(t.store, join(examplesDir, 'hosting.cfg'), {
      firewall: 'fw-hst02',
      date: '2019-05-01',
    });
    assert.equal(r.status, 'imported', r.message);
    const fw2 = t.store.firewallByName('fw-hst02');
    const acme = t.store.customerByName('acme');
    assert.ok(fw2 && acme);
    t.store.setInterfaces(acme.id, fw2.id, ['cust-initech']);
    const on2 = t.store.customerByName('acme')?.firewalls.find((f) => f.firewall === 'fw-hst02');
    assert.ok(on2);
    ensureCustomerExtracts(t.store, on2);
  });
  after(async () => {
    await t.close();
  });

  test('the days page lists each firewall with its interfaces and days', async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const r = await request(base, '/c/acme/', { cookie });
    assert.equal(r.status, 200);
    assert.match(
      r.body,
      /<h2>Firewall fw-hst01<\/h2>\n<p class="lead">Firewall fw-hst01 · interface <code>cust-acme<\/code>/,
    );
    assert.match(
      r.body,
      /<h2>Firewall fw-hst02<\/h2>\n<p class="lead">Firewall fw-hst02 · interface <code>cust-initech<\/code>/,
    );
    assert.match(r.body, /href="\/c\/acme\/fw\/fw-hst01\/day\/2018-01-12"/);
    assert.match(r.body, /href="\/c\/acme\/fw\/fw-hst02\/day\/2019-05-01"/);
    assert.match(r.body, /href="\/c\/acme\/fw\/fw-hst02\/day\/2019-05-01\/download"/);
  });

  test("each firewall's day shows that firewall's interfaces; days are looked up per firewall", async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const d2 = await request(base, '/c/acme/fw/fw-hst02/day/2019-05-01', { cookie });
    assert.equal(d2.status, 200);
    assert.match(d2.body, /<h1>acme · fw-hst02 · 2019-05-01<\/h1>/);
    assert.match(d2.body, /access-group<\/span> <span class="n">cust-initech_access_in/);
    assert.doesNotMatch(d2.body, /cust-acme/);
    const d1 = await request(base, '/c/acme/fw/fw-hst01/day/2018-01-12', { cookie });
    assert.equal(d1.status, 200);
    assert.match(d1.body, /cust-acme_access_in/);
    assert.doesNotMatch(d1.body, /cust-initech/);
    const dl = await request(base, '/c/acme/fw/fw-hst02/day/2019-05-01/download', { cookie });
    assert.equal(
      dl.headers['content-disposition'],
      'attachment; filename="acme-fw-hst02-2019-05-01.asa.txt"',
    );
    assert.match(dl.body, /^access-group cust-initech_access_in in interface cust-initech$/m);
    // a day without its firewall: the one firewall that has it
    const legacy = await request(base, '/c/acme/day/2019-05-01', { cookie });
    assert.equal(legacy.status, 200);
    assert.match(legacy.body, /cust-initech_access_in/);
    const legacy1 = await request(base, '/c/acme/day/2018-01-09/download', { cookie });
    assert.equal(legacy1.status, 200);
    assert.match(legacy1.body, /cust-acme_access_in/);
    // another firewall's day, a firewall the customer is not on, one that does not exist
    const missing = await request(base, '/c/acme/fw/fw-hst01/day/2019-05-01', { cookie });
    const notMine = await request(base, '/c/globex/fw/fw-hst01/day/2018-01-12', { cookie });
    const nowhere = await request(base, '/c/acme/fw/fw-nope/day/2018-01-12', { cookie });
    const malformed = await request(base, '/c/acme/fw/fw-hst0%E0%A4%A/day/2018-01-12', { cookie });
    for (const r of [missing, notMine, nowhere, malformed]) {
      assert.equal(r.status, 404);
      assert.equal(r.body, missing.body, 'the same 404 page');
    }
    // globex's users see none of acme's firewalls
    const globex = await login(base, 'netops@globex.example', PASSWORDS.globex);
    for (const path of [
      '/c/acme/fw/fw-hst02/day/2019-05-01',
      '/c/acme/fw/fw-hst02/diff',
      '/c/acme/',
    ]) {
      const r = await request(base, path, { cookie: globex });
      assert.equal(r.status, 404, path);
    }
  });

  test('changes per firewall, with links to the other firewalls', async () => {
    const cookie = await login(base, 'it@acme.example', PASSWORDS.acme);
    const d1 = await request(base, '/c/acme/fw/fw-hst01/diff', { cookie });
    assert.equal(d1.status, 200);
    assert.match(d1.body, /Changes 2018-01-11 → 2018-01-12/);
    assert.match(d1.body, /what changed for acme on firewall fw-hst01/);
    assert.match(d1.body, /Other firewalls: <a href="\/c\/acme\/fw\/fw-hst02\/diff">fw-hst02<\/a>/);
    assert.match(
      d1.body,
      /<form class="inline card" method="get" action="\/c\/acme\/fw\/fw-hst01\/diff">/,
    );
    const d2 = await request(base, '/c/acme/fw/fw-hst02/diff', { cookie });
    assert.equal(d2.status, 200);
    assert.match(d2.body, /Only one day is archived so far/);
    // the navigation's "Changes": the firewall that changed last
    const nav = await request(base, '/c/acme/diff', { cookie });
    assert.match(nav.body, /what changed for acme on firewall fw-hst01/);
    const asked = await request(base, '/c/acme/diff?to=2019-05-01', { cookie });
    assert.match(asked.body, /what changed for acme on firewall fw-hst02/);
    const none = await request(base, '/c/acme/diff?from=2018-01-08&to=2019-05-01', { cookie });
    assert.equal(none.status, 404, 'no firewall has both days');
  });

  test('the admin page lists the customer once per firewall', async () => {
    const cookie = await login(base, DEMO_ADMIN, PASSWORDS.admin);
    const r = await request(base, '/admin', { cookie });
    assert.match(r.body, /<td>fw-hst01<\/td><td><code>cust-acme<\/code><\/td>/);
    assert.match(r.body, /<td>fw-hst02<\/td><td><code>cust-initech<\/code><\/td>/);
  });
});
