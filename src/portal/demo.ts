// A demonstration archive for `npm start` (and its test): a few days of the bundled example
// configuration with small, realistic changes between days, imported through the normal import
// path, two customers with one login each and an operator login. With `secondFirewall`, also a
// few days of the disaster-recovery site's firewall (examples/hosting-dr.cfg), on which ACME has
// an interface too: a customer on two firewalls.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importFiles, type ImportOutcome } from './archive.js';
import { ensureExtracts } from './extracts.js';
import { generatePassword, hashPassword } from './passwords.js';
import { Store, type Customer, type CustomerOnFirewall } from './store.js';

/** examples/hosting.cfg (or another example) of this checkout (dist/src/portal/demo.js -> ../../../examples). */
export function defaultExampleConfig(file = 'hosting.cfg'): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', '..', '..', 'examples', file);
}

export const DEMO_DAYS = ['2018-01-08', '2018-01-09', '2018-01-10', '2018-01-11', '2018-01-12'];
/** the days of the disaster-recovery firewall (archived since the third demo day) */
export const DEMO_DR_DAYS = ['2018-01-10', '2018-01-11', '2018-01-12'];

export interface DemoDay {
  day: string;
  text: string;
  /** what changed against the day before (for the demo's printout) */
  change: string;
}

function replaceOnce(text: string, from: string, to: string, what: string): string {
  const i = text.indexOf(from);
  if (i < 0)
    throw new Error(
      `demo: the example configuration no longer contains ${what} ("${from.trim().slice(0, 60)}")`,
    );
  return text.slice(0, i) + to + text.slice(i + from.length);
}

const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function writtenBy(text: string, day: string): string {
  const d = new Date(`${day}T23:55:00Z`);
  const stamp = `: Written by enable_15 at 23:55:01.417 CET ${DOW[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.getUTCFullYear()}`;
  return /^: Written by .*$/m.test(text) ? text.replace(/^: Written by .*$/m, stamp) : text;
}

interface DemoStep {
  change: string;
  apply: (t: string) => string;
}

/** The days made from a base text by the steps (the last days, past the steps, are unchanged). */
function daysFrom(base: string, days: readonly string[], steps: readonly DemoStep[]): DemoDay[] {
  const out: DemoDay[] = [];
  let text = base.replace(/\r\n/g, '\n');
  days.forEach((day, i) => {
    const step = steps[i];
    if (step) text = step.apply(text);
    out.push({ day, text: writtenBy(text, day), change: step ? step.change : 'no change' });
  });
  return out;
}

/**
 * The demo days, oldest first. Every day has its own save time; on top of that:
 * day 2 adds an ACE (with remark) for ACME, day 3 changes only another customer (Initech),
 * day 4 changes an object of Globex, day 5 removes a NAT rule of ACME.
 */
export function demoConfigs(base: string, days: readonly string[] = DEMO_DAYS): DemoDay[] {
  return daysFrom(base, days, [
    { change: 'first archived day', apply: (t) => t },
    {
      change: 'ACME: ACE added (monitoring agent, tcp/8443 to the web servers)',
      apply: (t) =>
        replaceOnce(
          t,
          'access-list cust-acme_access_in extended deny ip any any log\n',
          'access-list cust-acme_access_in remark monitoring agent, CHG-2018-0017\n' +
            'access-list cust-acme_access_in extended permit tcp object-group acme-web object-group ADMIN-NETS eq 8443\n' +
            'access-list cust-acme_access_in extended deny ip any any log\n',
          "ACME's final deny",
        ),
    },
    {
      change: 'Initech only: old SMTP rule removed (ACME and Globex see no change)',
      apply: (t) =>
        replaceOnce(
          t,
          'access-list cust-initech_access_in extended permit tcp object web-old host smtp-relay.example.com eq smtp\n',
          '',
          "Initech's SMTP rule",
        ),
    },
    {
      change: 'Globex: object globex-app01 moved to 10.1.102.21',
      apply: (t) =>
        replaceOnce(
          t,
          'object network globex-app01\n host 10.1.102.20\n',
          'object network globex-app01\n host 10.1.102.21\n',
          'object globex-app01',
        ),
    },
    {
      change: 'ACME: NAT exemption for the remote-access pool removed',
      apply: (t) =>
        replaceOnce(
          t,
          'nat (cust-acme,outside) source static acme-all acme-all destination static acme-ra-pool acme-ra-pool no-proxy-arp route-lookup\n',
          '',
          "ACME's remote-access NAT rule",
        ),
    },
  ]);
}

/**
 * The disaster-recovery firewall's days (examples/hosting-dr.cfg), oldest first: day 2 moves
 * ACME's replication source, day 3 changes only Umbrella (no demo customer).
 */
export function demoDrConfigs(base: string, days: readonly string[] = DEMO_DR_DAYS): DemoDay[] {
  return daysFrom(base, days, [
    { change: 'first archived day', apply: (t) => t },
    {
      change: 'ACME DR: replication source moved to 203.0.113.13',
      apply: (t) =>
        replaceOnce(
          t,
          'object network acme-db01-primary\n description ACME primary database at fw-hst01 (replication source)\n host 203.0.113.12\n',
          'object network acme-db01-primary\n description ACME primary database at fw-hst01 (replication source)\n host 203.0.113.13\n',
          'object acme-db01-primary',
        ),
    },
    {
      change: 'Umbrella DR only: SMTP submission allowed (ACME sees no change)',
      apply: (t) =>
        replaceOnce(
          t,
          'access-list umbrella-dr_access_in extended deny ip any any log\n',
          'access-list umbrella-dr_access_in extended permit tcp object umbrella-dr-lan object umbrella-dr-mx eq 587\n' +
            'access-list umbrella-dr_access_in extended deny ip any any log\n',
          "Umbrella DR's final deny",
        ),
    },
  ]);
}

export interface DemoUser {
  email: string;
  password: string;
  customer?: string;
  admin?: boolean;
}

export interface DemoResult {
  dataDir: string;
  firewall: string;
  days: DemoDay[];
  imports: ImportOutcome[];
  customers: { name: string; interfaces: string[] }[];
  users: DemoUser[];
  /** the disaster-recovery firewall, when seeded (`secondFirewall`) */
  dr?: { firewall: string; days: DemoDay[]; customer: string; interfaces: string[] };
}

export interface DemoOptions {
  dataDir: string;
  /** the configuration the days are made from (default: examples/hosting.cfg) */
  configPath?: string;
  days?: readonly string[];
  /** fixed passwords (tests); generated otherwise */
  passwords?: Partial<Record<'acme' | 'globex' | 'admin', string>>;
  /** scrypt cost (log2 N); lower only in tests */
  scryptLogN?: number;
  /** also the disaster-recovery firewall, with ACME on it (`npm start` shows it) */
  secondFirewall?: boolean;
  /** its configuration (default: examples/hosting-dr.cfg) */
  drConfigPath?: string;
}

export const DEMO_CUSTOMERS = [
  { name: 'acme', interfaces: ['cust-acme'], email: 'it@acme.example' },
  { name: 'globex', interfaces: ['cust-globex'], email: 'netops@globex.example' },
] as const;

export const DEMO_ADMIN = 'noc@hoster.example';

/** ACME's interface on the disaster-recovery firewall */
export const DEMO_DR_CUSTOMER = { name: 'acme', interfaces: ['acme-dr'] } as const;

/** The days as operators keep them: one file a day in `dir`, all but the first gzip-compressed. */
function writeDayFiles(dir: string, days: readonly DemoDay[]): string[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return days.map((d, i) => {
    const file = join(dir, `cf.asa.${d.day.replace(/-/g, '')}${i === 0 ? '' : '.gz'}`);
    writeFileSync(file, i === 0 ? d.text : gzipSync(d.text));
    return file;
  });
}

/** Seeds a fresh data directory with the demo archive, customers and logins. */
export async function seedDemo(opts: DemoOptions): Promise<DemoResult> {
  const base = readFileSync(opts.configPath ?? defaultExampleConfig(), 'utf8');
  const days = demoConfigs(base, opts.days ?? DEMO_DAYS);
  const files = writeDayFiles(join(opts.dataDir, 'archiv'), days);
  const store = Store.open(opts.dataDir);
  try {
    // The first day, then the customers (their extracts computed at customer-add time), then
    // the other days (extracts computed at import time): both ways an operator works.
    const imports = importFiles(store, files.slice(0, 1));
    const fail = (list: ImportOutcome[]) => {
      const failed = list.filter((o) => o.status === 'failed');
      if (failed.length)
        throw new Error(`demo import failed: ${failed.map((f) => f.message).join('; ')}`);
    };
    fail(imports);
    const firewall = imports[0]?.firewall as string;
    const fw = store.firewallByName(firewall);
    if (!fw) throw new Error('demo: firewall missing after import');
    const users: DemoUser[] = [];
    const hash = (pw: string) =>
      hashPassword(pw, opts.scryptLogN !== undefined ? { logN: opts.scryptLogN } : {});
    const ids = DEMO_CUSTOMERS.map((c) =>
      store.tx(() => store.insertCustomer(c.name, fw.id, c.interfaces)),
    );
    ensureExtracts(
      store,
      ids.flatMap((id) => (store.customerById(id) as Customer).firewalls),
    );
    const rest = importFiles(store, files.slice(1));
    fail(rest);
    imports.push(...rest);
    let dr: DemoResult['dr'];
    if (opts.secondFirewall) {
      // the DR firewall's days, then ACME on it (its extracts computed as by `customer add`)
      const drBase = readFileSync(
        opts.drConfigPath ?? defaultExampleConfig('hosting-dr.cfg'),
        'utf8',
      );
      const drDays = demoDrConfigs(drBase);
      const drImports = importFiles(
        store,
        writeDayFiles(join(opts.dataDir, 'archiv', 'dr'), drDays),
      );
      fail(drImports);
      imports.push(...drImports);
      const drFirewall = drImports[0]?.firewall as string;
      const drFw = store.firewallByName(drFirewall);
      const acme = ids[DEMO_CUSTOMERS.findIndex((c) => c.name === DEMO_DR_CUSTOMER.name)];
      if (!drFw || acme === undefined) throw new Error('demo: DR firewall or ACME missing');
      store.tx(() => store.setInterfaces(acme, drFw.id, DEMO_DR_CUSTOMER.interfaces));
      ensureExtracts(store, [store.customerOnFirewall(acme, drFw.id) as CustomerOnFirewall]);
      dr = {
        firewall: drFirewall,
        days: drDays,
        customer: DEMO_DR_CUSTOMER.name,
        interfaces: [...DEMO_DR_CUSTOMER.interfaces],
      };
    }
    for (const [i, c] of DEMO_CUSTOMERS.entries()) {
      const password = opts.passwords?.[c.name] ?? generatePassword();
      store.insertUser({
        email: c.email,
        customerId: ids[i] as number,
        isAdmin: false,
        passwordHash: await hash(password),
      });
      users.push({ email: c.email, password, customer: c.name });
    }
    const adminPassword = opts.passwords?.admin ?? generatePassword();
    store.insertUser({
      email: DEMO_ADMIN,
      customerId: null,
      isAdmin: true,
      passwordHash: await hash(adminPassword),
    });
    users.push({ email: DEMO_ADMIN, password: adminPassword, admin: true });
    return {
      dataDir: opts.dataDir,
      firewall,
      days,
      imports,
      customers: DEMO_CUSTOMERS.map((c) => ({ name: c.name, interfaces: [...c.interfaces] })),
      users,
      ...(dr ? { dr } : {}),
    };
  } finally {
    store.close();
  }
}
