// Data access for the portal. Every customer-facing read takes the customer id from the session
// (see server.ts) and filters by it in SQL; nothing here trusts an id from a URL on its own.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { openDatabase, type Db } from './db.js';

export interface Firewall {
  id: number;
  name: string;
}

/**
 * A customer's interfaces on one firewall: what one series of its extracts (one per archived day
 * of that firewall) is computed from. `id` and `name` are the customer's.
 */
export interface CustomerOnFirewall {
  id: number;
  name: string;
  firewallId: number;
  firewall: string;
  interfaces: string[];
}

/** A customer, with its interfaces on each of its firewalls (ordered by firewall name). */
export interface Customer {
  id: number;
  name: string;
  firewalls: CustomerOnFirewall[];
}

export interface User {
  id: number;
  email: string;
  customerId: number | null;
  isAdmin: boolean;
  passwordHash: string;
}

export interface SessionInfo {
  /** sha256 of the cookie value */
  id: string;
  userId: number;
  email: string;
  isAdmin: boolean;
  customerId: number | null;
  csrf: string;
  lastSeen: number;
  expiresAt: number;
}

export interface DayInfo {
  day: string;
  configId: number;
  source: string;
  hostname: string | null;
  lines: number;
  importedAt: number;
}

export interface StoredExtract {
  configId: number;
  customerId: number;
  firewallId: number;
  ifaces: string;
  text: string | null;
  /** JSON: {id, title, lines}[] */
  sections: string | null;
  /** sha256 over the comparable sections (no header/footer): equal digests = nothing changed */
  digest: string;
  /** why there is no extract for this day (e.g. the interface did not exist yet) */
  error: string | null;
}

export const CUSTOMER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const FIREWALL_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function sha256hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The interface set as stored with each cached extract (sorted, comma-joined). */
export function ifacesKey(nameifs: readonly string[]): string {
  return [...nameifs].sort().join(',');
}

export class Store {
  readonly db: Db;
  private secretCache: Buffer | undefined;

  constructor(db: Db) {
    this.db = db;
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- settings -------------------------------------------------------------------------------

  /** The server secret (HMAC key for login-form tokens and rate-limit keys), made on first use. */
  secret(): Buffer {
    if (this.secretCache) return this.secretCache;
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'secret'").get() as
      { value: Buffer } | undefined;
    if (row) return (this.secretCache = row.value);
    const fresh = randomBytes(32);
    this.db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('secret', ?)").run(fresh);
    const again = this.db.prepare("SELECT value FROM settings WHERE key = 'secret'").get() as {
      value: Buffer;
    };
    return (this.secretCache = again.value);
  }

  hmac(data: string): string {
    return createHmac('sha256', this.secret()).update(data).digest('base64url');
  }

  // ---- firewalls and the archive --------------------------------------------------------------

  firewallByName(name: string): Firewall | undefined {
    return this.db.prepare('SELECT id, name FROM firewalls WHERE name = ?').get(name) as
      Firewall | undefined;
  }

  firewalls(): (Firewall & { days: number; newest: string | null })[] {
    return this.db
      .prepare(
        `SELECT f.id, f.name, COUNT(d.day) AS days, MAX(d.day) AS newest
           FROM firewalls f LEFT JOIN days d ON d.firewall_id = f.id
          GROUP BY f.id ORDER BY f.name`,
      )
      .all() as (Firewall & { days: number; newest: string | null })[];
  }

  ensureFirewall(name: string, now = Date.now()): Firewall {
    this.db
      .prepare('INSERT OR IGNORE INTO firewalls (name, created_at) VALUES (?, ?)')
      .run(name, now);
    return this.firewallByName(name) as Firewall;
  }

  configIdByHash(sha: string): number | undefined {
    const row = this.db.prepare('SELECT id FROM configs WHERE sha256 = ?').get(sha) as
      { id: number } | undefined;
    return row?.id;
  }

  insertConfig(
    c: { sha256: string; gz: Buffer; bytes: number; lines: number; hostname: string | null },
    now = Date.now(),
  ): number {
    const existing = this.configIdByHash(c.sha256);
    if (existing !== undefined) return existing;
    const r = this.db
      .prepare(
        'INSERT INTO configs (sha256, gz, bytes, lines, hostname, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(c.sha256, c.gz, c.bytes, c.lines, c.hostname, now);
    return Number(r.lastInsertRowid);
  }

  configMeta(
    configId: number,
  ): { sha256: string; hostname: string | null; lines: number; bytes: number } | undefined {
    return this.db
      .prepare('SELECT sha256, hostname, lines, bytes FROM configs WHERE id = ?')
      .get(configId) as
      { sha256: string; hostname: string | null; lines: number; bytes: number } | undefined;
  }

  configBytes(configId: number): Buffer | undefined {
    const row = this.db.prepare('SELECT gz FROM configs WHERE id = ?').get(configId) as
      { gz: Buffer } | undefined;
    return row ? gunzipSync(row.gz) : undefined;
  }

  dayRow(firewallId: number, day: string): { configId: number; source: string } | undefined {
    return this.db
      .prepare('SELECT config_id AS configId, source FROM days WHERE firewall_id = ? AND day = ?')
      .get(firewallId, day) as { configId: number; source: string } | undefined;
  }

  setDay(
    firewallId: number,
    day: string,
    configId: number,
    source: string,
    now = Date.now(),
  ): void {
    this.db
      .prepare(
        `INSERT INTO days (firewall_id, day, config_id, source, imported_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (firewall_id, day) DO UPDATE SET config_id = excluded.config_id, source = excluded.source,
           imported_at = excluded.imported_at`,
      )
      .run(firewallId, day, configId, source, now);
  }

  /** Drops configs no day refers to any more (after a day was replaced). */
  pruneConfigs(): number {
    return this.db.prepare('DELETE FROM configs WHERE id NOT IN (SELECT config_id FROM days)').run()
      .changes;
  }

  /** Deletes one day of a firewall (its config stays until pruneConfigs finds no other day on it). */
  deleteDay(firewallId: number, day: string): void {
    this.db.prepare('DELETE FROM days WHERE firewall_id = ? AND day = ?').run(firewallId, day);
  }

  /** Deletes a firewall with its days and every customer's interfaces and extracts on it. */
  deleteFirewall(firewallId: number): void {
    this.db.prepare('DELETE FROM firewalls WHERE id = ?').run(firewallId);
  }

  /**
   * Gives the pages freed by deletions back to the file system: rewrites the database (VACUUM)
   * and empties the write-ahead log into it. Returns the database's size (pages in use times page
   * size) before and after, in bytes. Needs up to the database's size in free disk space while it
   * runs, and blocks other writers meanwhile.
   */
  vacuum(): { before: number; after: number } {
    const size = () =>
      (this.db.pragma('page_count', { simple: true }) as number) *
      (this.db.pragma('page_size', { simple: true }) as number);
    const before = size();
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { before, after: size() };
  }

  /** Days of a firewall, newest first. */
  days(firewallId: number): DayInfo[] {
    return this.db
      .prepare(
        `SELECT d.day, d.config_id AS configId, d.source, c.hostname, c.lines, d.imported_at AS importedAt
           FROM days d JOIN configs c ON c.id = d.config_id
          WHERE d.firewall_id = ? ORDER BY d.day DESC`,
      )
      .all(firewallId) as DayInfo[];
  }

  newestDay(firewallId: number): DayInfo | undefined {
    return this.days(firewallId)[0];
  }

  /** Distinct configs of a firewall (for computing a new customer's extracts). */
  configIdsOfFirewall(firewallId: number): number[] {
    return (
      this.db
        .prepare(
          'SELECT DISTINCT config_id AS id FROM days WHERE firewall_id = ? ORDER BY config_id',
        )
        .all(firewallId) as { id: number }[]
    ).map((r) => r.id);
  }

  // ---- customers ------------------------------------------------------------------------------

  /** Each customer's interfaces per firewall, of the customers the SQL condition selects. */
  private placements(where: string, arg?: number | string): CustomerOnFirewall[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.name, f.id AS firewallId, f.name AS firewall, ci.nameif
           FROM customers c
           JOIN customer_interfaces ci ON ci.customer_id = c.id
           JOIN firewalls f ON f.id = ci.firewall_id
          ${where}
          ORDER BY c.name, f.name, ci.nameif`,
      )
      .all(...(arg === undefined ? [] : [arg])) as (Omit<CustomerOnFirewall, 'interfaces'> & {
      nameif: string;
    })[];
    const out: CustomerOnFirewall[] = [];
    for (const { nameif, ...r } of rows) {
      const last = out[out.length - 1];
      if (last && last.id === r.id && last.firewallId === r.firewallId)
        last.interfaces.push(nameif);
      else out.push({ ...r, interfaces: [nameif] });
    }
    return out;
  }

  private customersWhere(where: string, arg?: number | string): Customer[] {
    const rows = this.db
      .prepare(`SELECT c.id, c.name FROM customers c ${where} ORDER BY c.name`)
      .all(...(arg === undefined ? [] : [arg])) as { id: number; name: string }[];
    const on = new Map<number, CustomerOnFirewall[]>();
    for (const p of this.placements(where, arg)) {
      const list = on.get(p.id);
      if (list) list.push(p);
      else on.set(p.id, [p]);
    }
    return rows.map((r) => ({ ...r, firewalls: on.get(r.id) ?? [] }));
  }

  customerByName(name: string): Customer | undefined {
    return this.customersWhere('WHERE c.name = ?', name)[0];
  }

  customerById(id: number): Customer | undefined {
    return this.customersWhere('WHERE c.id = ?', id)[0];
  }

  customers(): Customer[] {
    return this.customersWhere('');
  }

  /** A customer's interfaces on one firewall (undefined: no such customer, or not on it). */
  customerOnFirewall(customerId: number, firewallId: number): CustomerOnFirewall | undefined {
    return this.customerById(customerId)?.firewalls.find((f) => f.firewallId === firewallId);
  }

  /** The customers with interfaces on a firewall, with those interfaces. */
  customersOnFirewall(firewallId: number): CustomerOnFirewall[] {
    return this.placements('WHERE ci.firewall_id = ?', firewallId);
  }

  /** A new customer with interfaces on one firewall (more are added with setInterfaces). */
  insertCustomer(
    name: string,
    firewallId: number,
    nameifs: readonly string[],
    now = Date.now(),
  ): number {
    const r = this.db
      .prepare('INSERT INTO customers (name, created_at) VALUES (?, ?)')
      .run(name, now);
    const id = Number(r.lastInsertRowid);
    this.setInterfaces(id, firewallId, nameifs);
    return id;
  }

  /**
   * Sets the customer's interfaces on one firewall (none: the customer leaves that firewall) and
   * drops the extracts cached for it there (they are now stale).
   */
  setInterfaces(customerId: number, firewallId: number, nameifs: readonly string[]): void {
    this.db
      .prepare('DELETE FROM customer_interfaces WHERE customer_id = ? AND firewall_id = ?')
      .run(customerId, firewallId);
    const ins = this.db.prepare(
      'INSERT OR IGNORE INTO customer_interfaces (customer_id, firewall_id, nameif) VALUES (?, ?, ?)',
    );
    for (const n of nameifs) ins.run(customerId, firewallId, n);
    this.db
      .prepare('DELETE FROM extracts WHERE customer_id = ? AND firewall_id = ?')
      .run(customerId, firewallId);
  }

  deleteCustomer(customerId: number): void {
    this.db.prepare('DELETE FROM customers WHERE id = ?').run(customerId);
  }

  // ---- extract cache --------------------------------------------------------------------------

  extract(configId: number, c: CustomerOnFirewall): StoredExtract | undefined {
    return this.db
      .prepare(
        `SELECT config_id AS configId, customer_id AS customerId, firewall_id AS firewallId, ifaces,
                text, sections, digest, error
           FROM extracts WHERE config_id = ? AND customer_id = ? AND firewall_id = ?`,
      )
      .get(configId, c.id, c.firewallId) as StoredExtract | undefined;
  }

  /** Digest per config for a customer on a firewall (the days list needs only these). */
  digests(
    c: CustomerOnFirewall,
  ): Map<number, { digest: string; ifaces: string; error: string | null }> {
    const rows = this.db
      .prepare(
        `SELECT config_id AS configId, digest, ifaces, error FROM extracts
          WHERE customer_id = ? AND firewall_id = ?`,
      )
      .all(c.id, c.firewallId) as {
      configId: number;
      digest: string;
      ifaces: string;
      error: string | null;
    }[];
    return new Map(rows.map((r) => [r.configId, r]));
  }

  putExtract(e: StoredExtract, now = Date.now()): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO extracts (config_id, customer_id, firewall_id, ifaces, text, sections, digest, error, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.configId,
        e.customerId,
        e.firewallId,
        e.ifaces,
        e.text,
        e.sections,
        e.digest,
        e.error,
        now,
      );
  }

  extractCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM extracts').get() as { n: number }).n;
  }

  // ---- audits (admins) ------------------------------------------------------------------------

  audit(configId: number): { text: string; createdAt: number } | undefined {
    return this.db
      .prepare('SELECT text, created_at AS createdAt FROM audits WHERE config_id = ?')
      .get(configId) as { text: string; createdAt: number } | undefined;
  }

  putAudit(configId: number, text: string, now = Date.now()): void {
    this.db
      .prepare('INSERT OR REPLACE INTO audits (config_id, text, created_at) VALUES (?, ?, ?)')
      .run(configId, text, now);
  }

  // ---- users ----------------------------------------------------------------------------------

  private static USER_SQL = `SELECT id, email, customer_id AS customerId, is_admin AS isAdmin, password_hash AS passwordHash FROM users`;

  private userFrom(
    row: (Omit<User, 'isAdmin'> & { isAdmin: number }) | undefined,
  ): User | undefined {
    return row ? { ...row, isAdmin: row.isAdmin === 1 } : undefined;
  }

  userByEmail(email: string): User | undefined {
    return this.userFrom(
      this.db.prepare(`${Store.USER_SQL} WHERE email = ?`).get(normalizeEmail(email)) as never,
    );
  }

  users(): (User & { customer: string | null })[] {
    const rows = this.db
      .prepare(
        `SELECT u.id, u.email, u.customer_id AS customerId, u.is_admin AS isAdmin, u.password_hash AS passwordHash, c.name AS customer
           FROM users u LEFT JOIN customers c ON c.id = u.customer_id ORDER BY u.email`,
      )
      .all() as (Omit<User, 'isAdmin'> & { isAdmin: number; customer: string | null })[];
    return rows.map((r) => ({ ...r, isAdmin: r.isAdmin === 1 }));
  }

  insertUser(
    u: { email: string; customerId: number | null; isAdmin: boolean; passwordHash: string },
    now = Date.now(),
  ): number {
    const r = this.db
      .prepare(
        'INSERT INTO users (email, customer_id, is_admin, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(normalizeEmail(u.email), u.customerId, u.isAdmin ? 1 : 0, u.passwordHash, now);
    return Number(r.lastInsertRowid);
  }

  setPassword(userId: number, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  deleteUser(userId: number): void {
    this.db.prepare('DELETE FROM users WHERE id = ?').run(userId);
  }

  // ---- sessions -------------------------------------------------------------------------------

  /** Creates a session; returns the cookie value (only its hash is stored). */
  createSession(
    userId: number,
    ttlMs: number,
    now = Date.now(),
  ): { token: string; csrf: string; id: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const id = sha256hex(token);
    this.db
      .prepare(
        'INSERT INTO sessions (id, user_id, csrf, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, userId, csrf, now, now, now + ttlMs);
    return { token, csrf, id };
  }

  /** The live session for a cookie value, or undefined (expired, idle too long, unknown). */
  session(token: string, idleMs: number, now = Date.now()): SessionInfo | undefined {
    const id = sha256hex(token);
    const row = this.db
      .prepare(
        `SELECT s.id, s.user_id AS userId, u.email, u.is_admin AS isAdmin, u.customer_id AS customerId, s.csrf,
                s.last_seen AS lastSeen, s.expires_at AS expiresAt
           FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      )
      .get(id) as (Omit<SessionInfo, 'isAdmin'> & { isAdmin: number }) | undefined;
    if (!row) return undefined;
    if (row.expiresAt <= now || row.lastSeen + idleMs <= now) {
      this.deleteSession(id);
      return undefined;
    }
    if (now - row.lastSeen > 60_000) {
      this.db.prepare('UPDATE sessions SET last_seen = ? WHERE id = ?').run(now, id);
      row.lastSeen = now;
    }
    return { ...row, isAdmin: row.isAdmin === 1 };
  }

  deleteSession(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  // ---- login rate limiting --------------------------------------------------------------------

  failures(key: string, since: number): { count: number; oldest: number | null } {
    const row = this.db
      .prepare(
        'SELECT COUNT(*) AS count, MIN(at) AS oldest FROM login_failures WHERE key = ? AND at > ?',
      )
      .get(key, since) as { count: number; oldest: number | null };
    return row;
  }

  addFailure(key: string, now = Date.now()): void {
    this.db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)').run(key, now);
  }

  clearFailures(key: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }

  // ---- access log and retention ---------------------------------------------------------------

  logAccess(e: {
    at: number;
    ip: string;
    userId: number | null;
    method: string;
    path: string;
    status: number;
    ms: number;
  }): void {
    this.db
      .prepare(
        'INSERT INTO access_log (at, ip, user_id, method, path, status, ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.at, e.ip, e.userId, e.method, e.path, e.status, e.ms);
  }

  /**
   * Deletes what is kept only for a while: access-log rows older than the retention, expired
   * sessions, and rate-limit records older than the rate-limit window.
   */
  purge(opts: { logRetentionMs: number; failureWindowMs: number; now?: number }): {
    accessLog: number;
    sessions: number;
    failures: number;
  } {
    const now = opts.now ?? Date.now();
    return this.tx(() => ({
      accessLog: this.db
        .prepare('DELETE FROM access_log WHERE at < ?')
        .run(now - opts.logRetentionMs).changes,
      sessions: this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes,
      failures: this.db
        .prepare('DELETE FROM login_failures WHERE at <= ?')
        .run(now - opts.failureWindowMs).changes,
    }));
  }
}
