// The customer portal: node:http, server-rendered HTML, one SQLite file.
//
// Isolation: a customer's pages live under /c/<customer>/; the session decides which customer a
// user may see (admins: all). Anything not the session's own — another customer, a day that is
// not archived for the customer's firewall — is answered with the same 404 page as a path that
// does not exist, so nothing can be learned by probing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatAuditText, runAudit } from '../audit/index.js';
import { diffSections } from './diffview.js';
import { digestsFor, getExtract, parseStoredConfig, sectionsOf } from './extracts.js';
import {
  adminPage,
  auditPage,
  customerBase,
  dayPage,
  daysPage,
  diffPage,
  errorPage,
  loginPage,
  privacyPage,
  type DayListEntry,
  type Viewer,
} from './pages.js';
import { dummyHash, verifyPassword } from './passwords.js';
import {
  clearSessionCookie,
  cookieName,
  hostAllowed,
  hostName,
  loginToken,
  parseCookies,
  safeEqual,
  sameOrigin,
  sessionCookie,
  setSecurityHeaders,
  verifyLoginToken,
} from './security.js';
import {
  normalizeEmail,
  Store,
  type Customer,
  type CustomerOnFirewall,
  type DayInfo,
  type SessionInfo,
} from './store.js';
import { CSS, CSS_PATH, ICON_PATH, ICON_SVG } from './style.js';

export interface PortalOptions {
  /** data directory (ignored when `store` is given) */
  dataDir?: string;
  store?: Store;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  /** honour X-Forwarded-Proto / X-Forwarded-For from a reverse proxy */
  trustProxy?: boolean;
  /**
   * host names the portal answers to besides address literals and `localhost` (see hostAllowed);
   * behind a proxy, an empty list means any name
   */
  allowedHosts?: readonly string[];
  logRetentionDays?: number;
  /** absolute session lifetime */
  sessionTtlMs?: number;
  /** a session ends after this long without a request */
  sessionIdleMs?: number;
  rateLimit?: { max: number; windowMs: number };
  purgeIntervalMs?: number;
  /** audits older than this are recomputed (their findings depend on the date) */
  auditMaxAgeMs?: number;
}

export interface Portal {
  url: string;
  port: number;
  server: Server;
  store: Store;
  /** runs the retention job now */
  purge(): { accessLog: number; sessions: number; failures: number };
  close(): Promise<void>;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  logRetentionDays: 7,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  sessionIdleMs: 60 * 60 * 1000,
  rateLimit: { max: 5, windowMs: 15 * 60 * 1000 },
  purgeIntervalMs: 60 * 60 * 1000,
  auditMaxAgeMs: 24 * 60 * 60 * 1000,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  secure: boolean;
  ip: string;
  session?: SessionInfo;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Request rejected',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request too large',
  415: 'Unsupported form encoding',
  421: 'Wrong address',
  429: 'Too many attempts',
  500: 'Something went wrong',
};

const NOT_FOUND_MESSAGE = 'There is nothing at this address.';

/** A name from a URL path segment, decoded; undefined when it is not valid percent-encoding. */
function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export async function startPortal(opts: PortalOptions = {}): Promise<Portal> {
  const ownStore = !opts.store;
  const store = opts.store ?? Store.open(opts.dataDir ?? '.');
  const cfg = {
    trustProxy: !!opts.trustProxy,
    logRetentionMs: (opts.logRetentionDays ?? DEFAULTS.logRetentionDays) * 24 * 60 * 60 * 1000,
    logRetentionDays: opts.logRetentionDays ?? DEFAULTS.logRetentionDays,
    sessionTtlMs: opts.sessionTtlMs ?? DEFAULTS.sessionTtlMs,
    sessionIdleMs: opts.sessionIdleMs ?? DEFAULTS.sessionIdleMs,
    rateLimit: opts.rateLimit ?? DEFAULTS.rateLimit,
    auditMaxAgeMs: opts.auditMaxAgeMs ?? DEFAULTS.auditMaxAgeMs,
  };
  const allowedHosts = new Set((opts.allowedHosts ?? []).map(hostName));
  store.secret(); // make sure the HMAC key exists before the first request

  const purge = () =>
    store.purge({ logRetentionMs: cfg.logRetentionMs, failureWindowMs: cfg.rateLimit.windowMs });
  purge(); // at start-up
  const timer = setInterval(() => {
    try {
      purge();
    } catch (err) {
      process.stderr.write(`asakit portal: retention job failed: ${(err as Error).message}\n`);
    }
  }, opts.purgeIntervalMs ?? DEFAULTS.purgeIntervalMs);
  timer.unref();

  // ---- helpers ----------------------------------------------------------------------------------

  const send = (
    ctx: Ctx,
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) => {
    const { res } = ctx;
    setSecurityHeaders(res, ctx.secure);
    res.statusCode = status;
    if (!('Cache-Control' in headers)) res.setHeader('Cache-Control', 'no-store');
    if (!('Content-Type' in headers)) res.setHeader('Content-Type', 'text/html; charset=utf-8');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    res.setHeader('Content-Length', buf.length);
    res.end(ctx.method === 'HEAD' ? undefined : buf);
  };

  const redirect = (
    ctx: Ctx,
    location: string,
    headers: Record<string, string | string[]> = {},
  ) => {
    setSecurityHeaders(ctx.res, ctx.secure);
    ctx.res.statusCode = 303;
    ctx.res.setHeader('Location', location);
    ctx.res.setHeader('Cache-Control', 'no-store');
    for (const [k, v] of Object.entries(headers)) ctx.res.setHeader(k, v);
    ctx.res.setHeader('Content-Length', 0);
    ctx.res.end();
  };

  const viewerFor = (ctx: Ctx, customer?: { name: string }): Viewer | undefined => {
    const s = ctx.session;
    if (!s) return undefined;
    const own = customer ?? (s.customerId !== null ? store.customerById(s.customerId) : undefined);
    return {
      email: s.email,
      isAdmin: s.isAdmin,
      csrf: s.csrf,
      ...(own ? { customer: own.name } : {}),
    };
  };

  const fail = (
    ctx: Ctx,
    status: number,
    message?: string,
    headers: Record<string, string> = {},
  ) => {
    const title = TITLES[status] ?? 'Error';
    send(
      ctx,
      status,
      errorPage({
        status,
        title,
        message: message ?? (status === 404 ? NOT_FOUND_MESSAGE : title),
        viewer: viewerFor(ctx),
      }),
      headers,
    );
  };

  const readSession = (ctx: Ctx): SessionInfo | undefined => {
    const cookies = parseCookies(ctx.req.headers.cookie);
    const token = cookies.get(cookieName(true)) ?? cookies.get(cookieName(false));
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    return store.session(token, cfg.sessionIdleMs);
  };

  const readForm = (req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> =>
    new Promise((resolve, reject) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        req.resume();
        reject(new HttpError(415, 'Forms must be sent as application/x-www-form-urlencoded.'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          reject(new HttpError(413, 'The form is too large.'));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', reject);
    });

  /** The customer if the session may see it; otherwise undefined (the caller answers 404). */
  const accessibleCustomer = (ctx: Ctx, rawName: string): Customer | undefined => {
    const s = ctx.session;
    if (!s) return undefined;
    const name = decoded(rawName);
    if (name === undefined) return undefined;
    const c = store.customerByName(name);
    if (!c) return undefined;
    if (s.isAdmin || s.customerId === c.id) return c;
    return undefined;
  };

  /** The customer's interfaces on the firewall named in a URL; undefined: not on it (404). */
  const onFirewallNamed = (c: Customer, rawFirewall: string): CustomerOnFirewall | undefined => {
    const name = decoded(rawFirewall);
    return c.firewalls.find((f) => f.firewall === name);
  };

  const customerDays = (
    c: CustomerOnFirewall,
  ): { days: DayInfo[]; entries: DayListEntry[]; lastChange?: { from: string; to: string } } => {
    const days = store.days(c.firewallId);
    const digests = digestsFor(store, c);
    const entries: DayListEntry[] = days.map((d, i) => {
      const mine = digests.get(d.configId);
      const older = days[i + 1];
      const prev = older ? digests.get(older.configId) : undefined;
      return {
        day: d.day,
        hostname: d.hostname,
        changed: older ? mine?.digest !== prev?.digest : null,
        error: mine?.error ?? null,
      };
    });
    const i = entries.findIndex((e) => e.changed === true);
    const lastChange =
      i >= 0
        ? { from: (entries[i + 1] as DayListEntry).day, to: (entries[i] as DayListEntry).day }
        : undefined;
    return { days, entries, ...(lastChange ? { lastChange } : {}) };
  };

  // ---- pages ------------------------------------------------------------------------------------

  const home = (ctx: Ctx) => {
    const s = ctx.session;
    if (!s) return redirect(ctx, '/login');
    if (s.isAdmin) return redirect(ctx, '/admin');
    const c = s.customerId !== null ? store.customerById(s.customerId) : undefined;
    if (!c) return fail(ctx, 404);
    return redirect(ctx, `${customerBase(c.name)}/`);
  };

  const loginForm = (ctx: Ctx) => {
    if (ctx.session) return home(ctx);
    send(ctx, 200, loginPage({ token: loginToken(store) }));
  };

  const loginPost = async (ctx: Ctx) => {
    if (!sameOrigin(ctx.req)) {
      ctx.req.resume();
      return fail(ctx, 403, 'This form was sent from another site.');
    }
    const form = await readForm(ctx.req);
    const email = (form.get('email') ?? '').slice(0, 254);
    const password = (form.get('password') ?? '').slice(0, 1024);
    if (!verifyLoginToken(store, form.get('token'))) {
      return send(
        ctx,
        403,
        loginPage({
          token: loginToken(store),
          email,
          error: 'The login form has expired or was not sent by this site. Please try again.',
        }),
      );
    }
    const now = Date.now();
    const { max, windowMs } = cfg.rateLimit;
    const ipKey = store.hmac(`ip:${ctx.ip}`);
    const acctKey = store.hmac(`acct:${normalizeEmail(email)}`);
    const since = now - windowMs;
    const limited = [store.failures(ipKey, since), store.failures(acctKey, since)].filter(
      (f) => f.count >= max,
    );
    if (limited.length > 0) {
      const until = Math.max(...limited.map((f) => (f.oldest ?? now) + windowMs));
      const wait = Math.max(1, Math.ceil((until - now) / 1000));
      return send(
        ctx,
        429,
        loginPage({
          token: loginToken(store),
          email,
          error: `Too many failed logins. Please try again in ${Math.ceil(wait / 60)} minute(s).`,
        }),
        {
          'Retry-After': String(wait),
        },
      );
    }
    const user = email ? store.userByEmail(email) : undefined;
    let ok = false;
    if (user) ok = await verifyPassword(password, user.passwordHash);
    else await verifyPassword(password, await dummyHash()); // same cost: no user enumeration by timing
    if (!ok || !user) {
      store.tx(() => {
        store.addFailure(ipKey, now);
        store.addFailure(acctKey, now);
      });
      return send(
        ctx,
        401,
        loginPage({ token: loginToken(store), email, error: 'Wrong e-mail address or password.' }),
      );
    }
    store.clearFailures(acctKey);
    const session = store.createSession(user.id, cfg.sessionTtlMs);
    redirect(ctx, '/', {
      'Set-Cookie': sessionCookie(ctx.secure, session.token, Math.floor(cfg.sessionTtlMs / 1000)),
    });
  };

  const logout = async (ctx: Ctx) => {
    const form = await readForm(ctx.req);
    const s = ctx.session;
    if (!s) return redirect(ctx, '/login');
    if (!sameOrigin(ctx.req) || !safeEqual(form.get('csrf') ?? '', s.csrf))
      return fail(ctx, 403, 'This form was not sent by this site.');
    store.deleteSession(s.id);
    redirect(ctx, '/login', { 'Set-Cookie': clearSessionCookie(ctx.secure) });
  };

  const privacy = (ctx: Ctx) => {
    send(
      ctx,
      200,
      privacyPage({
        viewer: viewerFor(ctx),
        retentionDays: cfg.logRetentionDays,
        sessionHours: Math.round(cfg.sessionTtlMs / 3_600_000),
        idleMinutes: Math.round(cfg.sessionIdleMs / 60_000),
        rateWindowMinutes: Math.round(cfg.rateLimit.windowMs / 60_000),
      }),
    );
  };

  const daysList = (ctx: Ctx, c: Customer) => {
    send(
      ctx,
      200,
      daysPage({
        viewer: viewerFor(ctx, c) as Viewer,
        customer: c.name,
        firewalls: c.firewalls.map((f) => {
          const { entries, lastChange } = customerDays(f);
          return {
            firewall: f.firewall,
            interfaces: f.interfaces,
            days: entries,
            ...(lastChange ? { lastChange } : {}),
          };
        }),
      }),
    );
  };

  /**
   * A day named without its firewall (`/c/NAME/day/DAY`, the URLs from before customers could be
   * on several firewalls): the one of the customer's firewalls that has it; when several have it,
   * the list of days, where each is linked with its firewall.
   */
  const byDay =
    (fn: (ctx: Ctx, c: Customer, f: CustomerOnFirewall, day: string) => void) =>
    (ctx: Ctx, c: Customer, day: string) => {
      const have = c.firewalls.filter((f) => store.dayRow(f.firewallId, day) !== undefined);
      if (have.length === 0) return fail(ctx, 404);
      if (have.length > 1) return redirect(ctx, `${customerBase(c.name)}/`);
      fn(ctx, c, have[0] as CustomerOnFirewall, day);
    };

  /**
   * Changes named without a firewall (`/c/NAME/diff`, the navigation's "Changes"): of the
   * customer's firewalls that have the days asked for, the one that changed last.
   */
  const latestChanges = (ctx: Ctx, c: Customer) => {
    const asked = ['from', 'to'].flatMap((k) => ctx.url.searchParams.get(k) ?? []);
    const have = c.firewalls.filter((f) =>
      asked.every((d) => store.dayRow(f.firewallId, d) !== undefined),
    );
    if (have.length === 0) return fail(ctx, 404);
    const changed = (f: CustomerOnFirewall) => customerDays(f).lastChange?.to ?? '';
    const newest = have.reduce((a, b) => (changed(b) > changed(a) ? b : a));
    diffView(ctx, c, newest);
  };

  const findDay = (
    c: CustomerOnFirewall,
    day: string,
  ): { day: DayInfo; index: number; days: DayInfo[] } | undefined => {
    const days = store.days(c.firewallId);
    const index = days.findIndex((d) => d.day === day);
    return index < 0 ? undefined : { day: days[index] as DayInfo, index, days };
  };

  const dayView = (ctx: Ctx, customer: Customer, c: CustomerOnFirewall, day: string) => {
    const f = findDay(c, day);
    if (!f) return fail(ctx, 404);
    const ex = getExtract(store, f.day.configId, c);
    const prev = f.days[f.index + 1]?.day;
    const next = f.index > 0 ? f.days[f.index - 1]?.day : undefined;
    send(
      ctx,
      200,
      dayPage({
        viewer: viewerFor(ctx, c) as Viewer,
        customer: c.name,
        firewall: c.firewall,
        several: customer.firewalls.length > 1,
        day,
        hostname: f.day.hostname,
        ...(prev ? { prev } : {}),
        ...(next ? { next } : {}),
        text: ex.text,
        error: ex.error,
      }),
    );
  };

  const download = (ctx: Ctx, customer: Customer, c: CustomerOnFirewall, day: string) => {
    const f = findDay(c, day);
    if (!f) return fail(ctx, 404);
    const ex = getExtract(store, f.day.configId, c);
    if (ex.text === null) return fail(ctx, 404);
    // the firewall is named only when the customer's files could otherwise have the same name
    const file =
      customer.firewalls.length > 1 ? `${c.name}-${c.firewall}-${day}` : `${c.name}-${day}`;
    send(ctx, 200, ex.text, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}.asa.txt"`,
    });
  };

  const diffView = (ctx: Ctx, customer: Customer, c: CustomerOnFirewall) => {
    const { days, lastChange } = customerDays(c);
    const names = days.map((d) => d.day);
    const qFrom = ctx.url.searchParams.get('from');
    const qTo = ctx.url.searchParams.get('to');
    if ((qFrom !== null && !names.includes(qFrom)) || (qTo !== null && !names.includes(qTo)))
      return fail(ctx, 404);
    const viewer = viewerFor(ctx, c) as Viewer;
    if (days.length === 0) {
      return send(
        ctx,
        200,
        diffPage({
          viewer,
          customer: c.name,
          firewall: c.firewall,
          firewalls: customer.firewalls.map((f) => f.firewall),
          days: [],
          from: '',
          to: '',
          diffs: [],
          note: 'No configuration has been archived yet.',
          isDefault: true,
        }),
      );
    }
    let from: string;
    let to: string;
    let isDefault = false;
    let note: string | undefined;
    const newest = names[0] as string;
    if (qFrom === null && qTo === null) {
      isDefault = true;
      if (lastChange) ({ from, to } = lastChange);
      else {
        to = newest;
        from = names[1] ?? newest;
        note =
          days.length === 1
            ? 'Only one day is archived so far.'
            : 'Nothing changed between the archived days.';
      }
    } else if (qFrom === null) {
      to = qTo as string;
      from = names[names.indexOf(to) + 1] ?? to;
    } else {
      from = qFrom;
      to = qTo ?? newest;
    }
    const configOf = (d: string) => (days.find((x) => x.day === d) as DayInfo).configId;
    const a = getExtract(store, configOf(from), c);
    const b = getExtract(store, configOf(to), c);
    if (!note && (a.error || b.error))
      note = `${a.error ? `${from}: ${a.error}` : ''}${a.error && b.error ? '; ' : ''}${b.error ? `${to}: ${b.error}` : ''}`;
    if (!note && from === to) note = 'Both sides are the same day.';
    const diffs = diffSections(sectionsOf(a), sectionsOf(b));
    send(
      ctx,
      200,
      diffPage({
        viewer,
        customer: c.name,
        firewall: c.firewall,
        firewalls: customer.firewalls.map((f) => f.firewall),
        days: names,
        from,
        to,
        diffs,
        ...(note ? { note } : {}),
        isDefault,
      }),
    );
  };

  const admin = (ctx: Ctx) => {
    const users = store.users();
    const perCustomer = new Map<number, number>();
    for (const u of users)
      if (u.customerId !== null)
        perCustomer.set(u.customerId, (perCustomer.get(u.customerId) ?? 0) + 1);
    send(
      ctx,
      200,
      adminPage({
        viewer: viewerFor(ctx) as Viewer,
        firewalls: store.firewalls(),
        customers: store.customers().map((c) => ({
          name: c.name,
          firewalls: c.firewalls.map((f) => ({ firewall: f.firewall, interfaces: f.interfaces })),
          users: perCustomer.get(c.id) ?? 0,
        })),
        users: users.map((u) => ({
          email: u.email,
          role: u.isAdmin ? 'admin' : `customer ${u.customer ?? ''}`,
        })),
      }),
    );
  };

  const audit = async (ctx: Ctx, rawName: string) => {
    const name = decoded(rawName);
    if (name === undefined) return fail(ctx, 404);
    const fw = store.firewallByName(name);
    if (!fw) return fail(ctx, 404);
    const days = store.days(fw.id);
    const day = ctx.url.searchParams.get('day') ?? days[0]?.day;
    const d = days.find((x) => x.day === day);
    if (!d || !day) return fail(ctx, 404);
    const viewer = viewerFor(ctx) as Viewer;
    const cached = store.audit(d.configId);
    let text: string | null =
      cached && Date.now() - cached.createdAt < cfg.auditMaxAgeMs ? cached.text : null;
    let error: string | undefined;
    if (text === null) {
      try {
        const config = parseStoredConfig(store, d.configId, `${fw.name} ${day}`);
        text = formatAuditText(await runAudit(config, { now: new Date() }), { color: false });
        store.putAudit(d.configId, text);
      } catch (err) {
        error = `The audit failed: ${(err as Error).message}`;
      }
    }
    send(
      ctx,
      200,
      auditPage({
        viewer,
        firewall: fw.name,
        day,
        days: days.map((x) => x.day),
        text,
        ...(error ? { error } : {}),
      }),
    );
  };

  // ---- routing ----------------------------------------------------------------------------------

  type Handler = (ctx: Ctx, ...params: string[]) => void | Promise<void>;
  interface Route {
    method: 'GET' | 'POST';
    re: RegExp;
    auth: 'none' | 'user' | 'admin';
    handler: Handler;
  }
  const withCustomer =
    (fn: (ctx: Ctx, c: Customer, ...rest: string[]) => void | Promise<void>): Handler =>
    (ctx, name, ...rest) => {
      const c = accessibleCustomer(ctx, name as string);
      if (!c) return fail(ctx, 404);
      return fn(ctx, c, ...rest);
    };
  const withFirewall = (
    fn: (ctx: Ctx, c: Customer, f: CustomerOnFirewall, ...rest: string[]) => void,
  ): Handler =>
    withCustomer((ctx, c, firewall, ...rest) => {
      const f = onFirewallNamed(c, firewall as string);
      if (!f) return fail(ctx, 404);
      return fn(ctx, c, f, ...rest);
    });
  const routes: Route[] = [
    { method: 'GET', re: /^\/$/, auth: 'none', handler: home },
    { method: 'GET', re: /^\/login$/, auth: 'none', handler: loginForm },
    { method: 'POST', re: /^\/login$/, auth: 'none', handler: loginPost },
    { method: 'POST', re: /^\/logout$/, auth: 'none', handler: logout },
    { method: 'GET', re: /^\/privacy$/, auth: 'none', handler: privacy },
    { method: 'GET', re: /^\/c\/([^/]+)\/?$/, auth: 'user', handler: withCustomer(daysList) },
    {
      method: 'GET',
      re: /^\/c\/([^/]+)\/fw\/([^/]+)\/day\/(\d{4}-\d{2}-\d{2})$/,
      auth: 'user',
      handler: withFirewall((ctx, c, f, day) => dayView(ctx, c, f, day as string)),
    },
    {
      method: 'GET',
      re: /^\/c\/([^/]+)\/fw\/([^/]+)\/day\/(\d{4}-\d{2}-\d{2})\/download$/,
      auth: 'user',
      handler: withFirewall((ctx, c, f, day) => download(ctx, c, f, day as string)),
    },
    {
      method: 'GET',
      re: /^\/c\/([^/]+)\/fw\/([^/]+)\/diff$/,
      auth: 'user',
      handler: withFirewall((ctx, c, f) => diffView(ctx, c, f)),
    },
    {
      method: 'GET',
      re: /^\/c\/([^/]+)\/day\/(\d{4}-\d{2}-\d{2})$/,
      auth: 'user',
      handler: withCustomer((ctx, c, day) => byDay(dayView)(ctx, c, day as string)),
    },
    {
      method: 'GET',
      re: /^\/c\/([^/]+)\/day\/(\d{4}-\d{2}-\d{2})\/download$/,
      auth: 'user',
      handler: withCustomer((ctx, c, day) => byDay(download)(ctx, c, day as string)),
    },
    {
      method: 'GET',
      re: /^\/c\/([^/]+)\/diff$/,
      auth: 'user',
      handler: withCustomer(latestChanges),
    },
    { method: 'GET', re: /^\/admin$/, auth: 'admin', handler: admin },
    {
      method: 'GET',
      re: /^\/admin\/fw\/([^/]+)\/audit$/,
      auth: 'admin',
      handler: (ctx, name) => audit(ctx, name as string),
    },
  ];

  const handle = async (ctx: Ctx) => {
    const path = ctx.url.pathname;
    if (path === CSS_PATH && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      return send(ctx, 200, CSS, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
    }
    if (
      (path === ICON_PATH || path === '/favicon.ico') &&
      (ctx.method === 'GET' || ctx.method === 'HEAD')
    ) {
      return send(ctx, 200, ICON_SVG, {
        'Content-Type': 'image/svg+xml',
        'Cache-Control': 'public, max-age=86400',
      });
    }
    const matching = routes.filter((r) => r.re.test(path));
    if (matching.length === 0) return fail(ctx, 404);
    const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
    const route = matching.find((r) => r.method === method);
    if (!route)
      return fail(ctx, 405, 'This address does not accept that method.', {
        Allow: [
          ...new Set(matching.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]))),
        ].join(', '),
      });
    ctx.session = readSession(ctx);
    if (route.auth !== 'none' && !ctx.session) return redirect(ctx, '/login');
    if (route.auth === 'admin' && !ctx.session?.isAdmin) return fail(ctx, 404);
    const params = (route.re.exec(path) as RegExpExecArray).slice(1);
    await route.handler(ctx, ...params);
  };

  const clientIp = (req: IncomingMessage): string => {
    let ip = req.socket.remoteAddress ?? 'unknown';
    if (cfg.trustProxy) {
      const xff = req.headers['x-forwarded-for'];
      const list = (Array.isArray(xff) ? xff.join(',') : (xff ?? ''))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const last = list[list.length - 1];
      if (last) ip = last;
    }
    return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip.slice(0, 64);
  };

  const server = createServer((req, res) => {
    const start = performance.now();
    const at = Date.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://portal.invalid');
    } catch {
      url = new URL('http://portal.invalid/');
    }
    const proto = String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim()
      .toLowerCase();
    const ctx: Ctx = {
      req,
      res,
      url,
      method: req.method ?? 'GET',
      secure: cfg.trustProxy && proto === 'https',
      ip: clientIp(req),
    };
    res.on('finish', () => {
      try {
        if (store.db.open) {
          store.logAccess({
            at,
            ip: ctx.ip,
            userId: ctx.session?.userId ?? null,
            method: ctx.method.slice(0, 10),
            path: url.pathname.slice(0, 300),
            status: res.statusCode,
            ms: performance.now() - start,
          });
        }
      } catch {
        /* logging must never break a response */
      }
    });
    if (!hostAllowed(req.headers.host, allowedHosts, cfg.trustProxy)) {
      req.resume();
      return fail(
        ctx,
        421,
        `This portal does not answer to the name ${hostName(req.headers.host ?? '').slice(0, 100)}. If that is its real name, the operator can allow it with asakit serve --allowed-host NAME.`,
      );
    }
    if (!['GET', 'HEAD', 'POST'].includes(ctx.method)) {
      req.resume();
      return fail(ctx, 405, 'This address does not accept that method.', {
        Allow: 'GET, HEAD, POST',
      });
    }
    handle(ctx).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) return fail(ctx, err.status, err.message);
      process.stderr.write(
        `asakit portal: ${ctx.method} ${url.pathname}: ${(err as Error)?.stack ?? String(err)}\n`,
      );
      fail(ctx, 500, 'The request could not be completed. The error has been logged.');
    });
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULTS.port, opts.host ?? DEFAULTS.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closed = false;
  return {
    url: `http://${hostForUrl}:${addr.port}`,
    port: addr.port,
    server,
    store,
    purge,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      if (ownStore) store.close();
    },
  };
}
