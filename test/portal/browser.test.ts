// The portal in a real browser (Debian chromium driven by playwright-core), with JavaScript
// disabled: log in, open a day, download it, open a diff, change the diff's days, log out.
// Screenshots go under the OS temp dir. Missing chromium fails the test (never a silent skip).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PASSWORDS, startDemoPortal, type TestPortal } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = tmpdir();

function assertPng(file: string): void {
  const buf = readFileSync(file);
  assert.ok(buf.length > 1000, `${file}: ${buf.length} bytes`);
  assert.deepEqual(
    [...buf.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    `${file} is a PNG`,
  );
}

const MISSING = `${CHROMIUM} not found: the browser tests need the Debian package "chromium" (apt-get install -y chromium, or run "node scripts/test-deps.js" as root)`;

/** Headless chromium, JavaScript off (the portal needs none), one page. */
async function openBrowser(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return { browser, context, page: await context.newPage() };
}

/** Logs in through the form; the customer's days page is where it lands. */
async function logIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/c/acme/`), page.click('button[type=submit]')]);
}

// An explicit failing test (a failing hook alone only marks the suite "cancelled").
test('chromium is installed (Debian package "chromium")', () => {
  assert.ok(existsSync(CHROMIUM), MISSING);
});

describe('portal in chromium', () => {
  let t: TestPortal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(MISSING);
    }
    t = await startDemoPortal();
    ({ browser, context, page } = await openBrowser());
    page.on('request', (r) => {
      if (!r.url().startsWith(`${t.portal.url}/`)) foreignRequests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  test('log in (no cookie before), open a day, download it', async () => {
    const base = t.portal.url;
    await page.goto(`${base}/login`);
    assert.deepEqual(await context.cookies(), [], 'the login page sets no cookie');
    await logIn(page, base, 'it@acme.example', PASSWORDS.acme);
    const cookies = await context.cookies();
    assert.equal(cookies.length, 1);
    assert.equal(cookies[0]?.name, 'asakit_session');
    assert.equal(cookies[0]?.httpOnly, true);
    assert.equal(cookies[0]?.sameSite, 'Strict');
    assert.match((await page.textContent('h1')) ?? '', /acme/);
    assert.equal(await page.locator('tbody tr').count(), 5);

    await Promise.all([
      page.waitForURL(`${base}/c/acme/fw/fw-hst01/day/2018-01-12`),
      page.click('a[href="/c/acme/fw/fw-hst01/day/2018-01-12"]'),
    ]);
    assert.match((await page.textContent('h1')) ?? '', /acme · 2018-01-12/);
    assert.ok((await page.locator('pre.asa .l').count()) > 50);
    // the stylesheet loaded under the CSP: keywords are coloured, line numbers are drawn
    const color = await page
      .locator('pre.asa .k')
      .first()
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
          ).getComputedStyle(el).color,
      );
    assert.equal(color, 'rgb(31, 95, 168)');
    const shot = join(SCREENSHOT_DIR, 'asakit-portal-day.png');
    await page.screenshot({ path: shot, fullPage: false });
    assertPng(shot);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Download as text'),
    ]);
    assert.equal(download.suggestedFilename(), 'acme-2018-01-12.asa.txt');
    const file = await download.path();
    assert.match(
      readFileSync(file, 'utf8'),
      /access-group cust-acme_access_in in interface cust-acme/,
    );
  });

  test('open the diff (since the last change), then pick other days', async () => {
    const base = t.portal.url;
    await Promise.all([page.waitForURL(`${base}/c/acme/diff`), page.click('nav >> text=Changes')]);
    assert.match((await page.textContent('h1')) ?? '', /Changes 2018-01-11 → 2018-01-12/);
    // the NAT rule, and the object only it used
    const removed = await page.locator('pre.diff .del').allTextContents();
    assert.ok(
      removed.some((l) => /nat \(cust-acme,outside\).*acme-ra-pool/.test(l)),
      removed.join('\n'),
    );
    assert.ok(
      removed.some((l) => /object network acme-ra-pool/.test(l)),
      removed.join('\n'),
    );
    assert.equal(await page.locator('pre.diff .add').count(), 0);
    const shot = join(SCREENSHOT_DIR, 'asakit-portal-diff.png');
    await page.screenshot({ path: shot, fullPage: true });
    assertPng(shot);
    await page.selectOption('#from', '2018-01-08');
    await page.selectOption('#to', '2018-01-09');
    await Promise.all([
      page.waitForURL(/\/c\/acme\/fw\/fw-hst01\/diff\?from=2018-01-08&to=2018-01-09$/),
      page.click('form.inline button'),
    ]);
    assert.match((await page.textContent('h1')) ?? '', /Changes 2018-01-08 → 2018-01-09/);
    const added = await page.locator('pre.diff .add').allTextContents();
    assert.ok(
      added.some((l) => l.includes('eq 8443')),
      added.join('\n'),
    );
  });

  test('another customer stays invisible; logging out ends the session', async () => {
    const base = t.portal.url;
    assert.deepEqual(consoleErrors, [], 'no CSP violations, failed loads or other errors so far');
    for (const path of ['/c/globex/day/2018-01-12', '/c/globex/fw/fw-hst01/day/2018-01-12']) {
      const r = await page.goto(`${base}${path}`);
      assert.equal(r?.status(), 404, path);
    }
    await page.goto(`${base}/c/acme/`);
    await Promise.all([page.waitForURL(`${base}/login`), page.click('text=Log out')]);
    assert.deepEqual(await context.cookies(), []);
    const back = await page.goto(`${base}/c/acme/`);
    assert.equal(back?.url(), `${base}/login`);
    assert.deepEqual(foreignRequests, [], 'nothing is loaded from anywhere else');
    assert.ok(
      !consoleErrors.some((m) => /Content Security Policy|Refused/i.test(m)),
      consoleErrors.join('\n'),
    );
  });
});

// What `npm start` seeds: ACME also on the disaster-recovery firewall fw-dr01, whose days and
// changes are its own (day 2 moves ACME's replication source; day 3 changes only another customer).
describe('a customer on two firewalls, in chromium', () => {
  let t: TestPortal;
  let browser: Browser;
  let page: Page;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
    t = await startDemoPortal({}, { secondFirewall: true });
    ({ browser, page } = await openBrowser());
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the days page shows each firewall's interfaces and days; each has its own changes", async () => {
    const base = t.portal.url;
    await logIn(page, base, 'it@acme.example', PASSWORDS.acme);
    assert.deepEqual(await page.locator('h2').allTextContents(), [
      'Firewall fw-dr01',
      'Firewall fw-hst01',
    ]);
    const leads = await page.locator('p.lead').allTextContents();
    assert.deepEqual(leads, [
      'Firewall fw-dr01 · interface acme-dr',
      'Firewall fw-hst01 · interface cust-acme',
    ]);
    assert.equal(await page.locator('table').nth(0).locator('tbody tr').count(), 3);
    assert.equal(await page.locator('table').nth(1).locator('tbody tr').count(), 5);
    const shot = join(SCREENSHOT_DIR, 'asakit-portal-two-firewalls.png');
    await page.screenshot({ path: shot, fullPage: true });
    assertPng(shot);

    // the DR firewall's last change for ACME is its second day, not the third (Umbrella's)
    await Promise.all([
      page.waitForURL(`${base}/c/acme/fw/fw-dr01/diff?from=2018-01-10&to=2018-01-11`),
      page.locator('p.note a').first().click(),
    ]);
    assert.match((await page.textContent('h1')) ?? '', /Changes 2018-01-10 → 2018-01-11/);
    assert.match((await page.textContent('p.lead')) ?? '', /for acme on firewall fw-dr01/);
    const removed = await page.locator('pre.diff .del').allTextContents();
    const added = await page.locator('pre.diff .add').allTextContents();
    assert.ok(
      removed.some((l) => /host 203\.0\.113\.12$/.test(l)),
      removed.join('\n'),
    );
    assert.ok(
      added.some((l) => /host 203\.0\.113\.13$/.test(l)),
      added.join('\n'),
    );

    // to the other firewall's changes, through the page's own link
    await Promise.all([
      page.waitForURL(`${base}/c/acme/fw/fw-hst01/diff`),
      page.click('text=Other firewalls: >> a'),
    ]);
    assert.match((await page.textContent('h1')) ?? '', /Changes 2018-01-11 → 2018-01-12/);
    assert.match((await page.textContent('p.lead')) ?? '', /for acme on firewall fw-hst01/);
  });

  test("a DR day shows ACME's interface on that firewall and nothing of the other customer", async () => {
    const base = t.portal.url;
    await Promise.all([
      page.waitForURL(`${base}/c/acme/fw/fw-dr01/day/2018-01-12`),
      page.goto(`${base}/c/acme/fw/fw-dr01/day/2018-01-12`),
    ]);
    assert.match((await page.textContent('h1')) ?? '', /acme · fw-dr01 · 2018-01-12/);
    const text = (await page.locator('pre.asa').textContent()) ?? '';
    assert.match(text, /access-group acme-dr_access_in in interface acme-dr/);
    assert.doesNotMatch(text, /umbrella|cust-acme/i);
    // a firewall's day of another firewall's path: the DR firewall has no 2018-01-08
    const none = await page.goto(`${base}/c/acme/fw/fw-dr01/day/2018-01-08`);
    assert.equal(none?.status(), 404);
  });
});
