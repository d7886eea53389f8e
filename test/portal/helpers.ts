// Shared helpers of the portal tests: temporary data directories, a seeded demo portal on
// 127.0.0.1 (port 0), and a small HTTP client that keeps full control over headers.
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo, type DemoResult } from '../../src/portal/demo.js';
import { startPortal, type Portal, type PortalOptions } from '../../src/portal/server.js';
import { Store, type Customer, type CustomerOnFirewall } from '../../src/portal/store.js';
import { cliPath, examplesDir } from '../support/paths.js';

export const PASSWORDS = {
  acme: 'acme-demo-password-1',
  globex: 'globex-demo-password-1',
  admin: 'admin-demo-password-1',
};

/** A customer's interfaces on its one firewall (most tests' customers are on one). */
export function onItsFirewall(c: Customer | undefined): CustomerOnFirewall {
  if (c?.firewalls.length !== 1)
    throw new Error(`expected a customer on one firewall: ${JSON.stringify(c)}`);
  return c.firewalls[0] as CustomerOnFirewall;
}

/** The built CLI with these arguments (and standard input), as an operator runs it. */
export function cli(
  args: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    input: input ?? '',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `SELECT COUNT(*) FROM <from>` (a table, with a WHERE clause if need be) */
export function count(store: Store, from: string): number {
  return (store.db.prepare(`SELECT COUNT(*) AS n FROM ${from}`).get() as { n: number }).n;
}

export function tempDir(prefix = 'asakit-portal-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestPortal {
  portal: Portal;
  demo: DemoResult;
  dir: string;
  store: Store;
  close(): Promise<void>;
}

/** A demo archive (5 days, acme + globex + admin) served on 127.0.0.1:<free port>. */
export async function startDemoPortal(
  opts: Omit<PortalOptions, 'dataDir' | 'store'> = {},
  /** also the disaster-recovery firewall, as `npm start` seeds it */
  seed: { secondFirewall?: boolean } = {},
): Promise<TestPortal> {
  const { dir, cleanup } = tempDir();
  const demo = await seedDemo({
    dataDir: dir,
    configPath: join(examplesDir, 'hosting.cfg'),
    passwords: PASSWORDS,
    scryptLogN: 10,
    ...(seed.secondFirewall
      ? { secondFirewall: true, drConfigPath: join(examplesDir, 'hosting-dr.cfg') }
      : {}),
  });
  const store = Store.open(dir);
  const portal = await startPortal({ ...opts, store, host: '127.0.0.1', port: 0 });
  return {
    portal,
    demo,
    dir,
    store,
    close: async () => {
      await portal.close();
      store.close();
      cleanup();
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  cookie?: string;
  form?: Record<string, string>;
}

export function request(base: string, path: string, o: RequestOptions = {}): Promise<Reply> {
  const url = new URL(path, base);
  if (url.hostname !== '127.0.0.1') throw new Error('tests talk to 127.0.0.1 only');
  const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.cookie) headers['Cookie'] = o.cookie;
  if (body !== undefined) {
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: o.method ?? (body !== undefined ? 'POST' : 'GET'), headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function hiddenField(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no hidden field ${name} in the page`);
  return (m[1] as string).replace(/&amp;/g, '&');
}

/** Logs in through the form (as a browser would); returns the Cookie header value. */
export async function login(
  base: string,
  email: string,
  password: string,
  extraHeaders: Record<string, string> = {},
): Promise<string> {
  const form = await request(base, '/login', { headers: extraHeaders });
  const token = hiddenField(form.body, 'token');
  const r = await request(base, '/login', {
    form: { token, email, password },
    headers: { Origin: new URL(base).origin, 'Sec-Fetch-Site': 'same-origin', ...extraHeaders },
  });
  if (r.status !== 303) throw new Error(`login of ${email} failed: ${r.status}`);
  const set = r.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no session cookie after login');
  return first.split(';')[0] as string;
}

export function setCookies(r: Reply): string[] {
  const s = r.headers['set-cookie'];
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}
