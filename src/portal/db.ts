// The portal's one SQLite file (better-sqlite3, WAL): created and migrated on first open.
// Migrations are ordered and applied each in its own transaction; `schema_version` records the
// newest one applied. A database written by a newer asakit is refused, never downgraded.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../parse/errors.js';

export type Db = Database.Database;

export const DB_FILE = 'asakit.sqlite';

interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Ordered; never edit a released migration, append a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'archive, customers, users, sessions, caches, logs',
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );
      CREATE TABLE firewalls (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      -- one row per distinct configuration text (content-addressed: sha256 of the plain bytes)
      CREATE TABLE configs (
        id         INTEGER PRIMARY KEY,
        sha256     TEXT NOT NULL UNIQUE,
        gz         BLOB NOT NULL,
        bytes      INTEGER NOT NULL,
        lines      INTEGER NOT NULL,
        hostname   TEXT,
        created_at INTEGER NOT NULL
      );
      -- the archive: which configuration a firewall had on a day
      CREATE TABLE days (
        firewall_id INTEGER NOT NULL REFERENCES firewalls(id) ON DELETE CASCADE,
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        config_id   INTEGER NOT NULL REFERENCES configs(id),
        source      TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (firewall_id, day)
      );
      CREATE INDEX days_config ON days(config_id);
      CREATE TABLE customers (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        firewall_id INTEGER NOT NULL REFERENCES firewalls(id),
        created_at  INTEGER NOT NULL
      );
      CREATE TABLE customer_interfaces (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        nameif      TEXT NOT NULL,
        PRIMARY KEY (customer_id, nameif)
      );
      -- extract cache: computed once per (config, customer); ifaces is the interface set it was
      -- computed for (a mismatch means stale: recomputed)
      CREATE TABLE extracts (
        config_id   INTEGER NOT NULL REFERENCES configs(id) ON DELETE CASCADE,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        ifaces      TEXT NOT NULL,
        text        TEXT,
        sections    TEXT,
        digest      TEXT NOT NULL,
        error       TEXT,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (config_id, customer_id)
      );
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,
        customer_id   INTEGER REFERENCES customers(id) ON DELETE CASCADE,
        is_admin      INTEGER NOT NULL DEFAULT 0,
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        CHECK (is_admin = 1 OR customer_id IS NOT NULL)
      );
      -- id is the sha256 of the cookie value: a copy of the database cannot be used to log in
      CREATE TABLE sessions (
        id         TEXT PRIMARY KEY,
        user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen  INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_expiry ON sessions(expires_at);
      -- failed logins for rate limiting; key is an HMAC of "ip:<address>" or "acct:<email>"
      CREATE TABLE login_failures (
        key TEXT NOT NULL,
        at  INTEGER NOT NULL
      );
      CREATE INDEX login_failures_key ON login_failures(key, at);
      CREATE TABLE access_log (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        ip      TEXT NOT NULL,
        user_id INTEGER,
        method  TEXT NOT NULL,
        path    TEXT NOT NULL,
        status  INTEGER NOT NULL,
        ms      REAL NOT NULL
      );
      CREATE INDEX access_log_at ON access_log(at);
      CREATE TABLE audits (
        config_id  INTEGER PRIMARY KEY REFERENCES configs(id) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'a customer can have interfaces on several firewalls',
    // Tables rebuilt the way SQLite documents for changing a table's columns and keys: new
    // table, copy, drop, rename (migrate turns foreign-key enforcement off meanwhile and checks
    // the keys before it commits). The extract cache is keyed by firewall too: two firewalls
    // can hold the same configuration text (an archived failover pair), with different
    // interfaces of one customer on each.
    sql: `
      CREATE TABLE customers_v2 (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      INSERT INTO customers_v2 (id, name, created_at) SELECT id, name, created_at FROM customers;
      CREATE TABLE customer_interfaces_v2 (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        firewall_id INTEGER NOT NULL REFERENCES firewalls(id) ON DELETE CASCADE,
        nameif      TEXT NOT NULL,
        PRIMARY KEY (customer_id, firewall_id, nameif)
      );
      INSERT INTO customer_interfaces_v2 (customer_id, firewall_id, nameif)
        SELECT ci.customer_id, c.firewall_id, ci.nameif
          FROM customer_interfaces ci JOIN customers c ON c.id = ci.customer_id;
      CREATE TABLE extracts_v2 (
        config_id   INTEGER NOT NULL REFERENCES configs(id) ON DELETE CASCADE,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        firewall_id INTEGER NOT NULL REFERENCES firewalls(id) ON DELETE CASCADE,
        ifaces      TEXT NOT NULL,
        text        TEXT,
        sections    TEXT,
        digest      TEXT NOT NULL,
        error       TEXT,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (config_id, customer_id, firewall_id)
      );
      INSERT INTO extracts_v2
        SELECT e.config_id, e.customer_id, c.firewall_id, e.ifaces, e.text, e.sections, e.digest,
               e.error, e.created_at
          FROM extracts e JOIN customers c ON c.id = e.customer_id;
      DROP TABLE extracts;
      DROP TABLE customer_interfaces;
      DROP TABLE customers;
      ALTER TABLE customers_v2 RENAME TO customers;
      ALTER TABLE customer_interfaces_v2 RENAME TO customer_interfaces;
      ALTER TABLE extracts_v2 RENAME TO extracts;
      CREATE INDEX customer_interfaces_firewall ON customer_interfaces(firewall_id);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function dbPath(dataDir: string): string {
  return join(resolve(dataDir), DB_FILE);
}

/** Opens (creating the directory and file if needed) and migrates the portal database. */
export function openDatabase(dataDir: string, opts: { readonly?: boolean } = {}): Db {
  const dir = resolve(dataDir);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--data ${dataDir}: not a directory`);
  } else {
    if (opts.readonly)
      throw new UsageError(`--data ${dataDir}: no such directory (nothing imported yet?)`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  const file = join(dir, DB_FILE);
  const fresh = !existsSync(file);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !!opts.readonly });
  } catch (err) {
    throw new UsageError(`cannot open ${file}: ${(err as Error).message}`);
  }
  if (fresh) {
    try {
      chmodSync(file, 0o600);
    } catch {
      /* best effort (e.g. not the owner) */
    }
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, file);
  return db;
}

export function schemaVersion(db: Db): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

function migrate(db: Db, file: string): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new UsageError(
      `${file} has schema version ${current}, newer than this asakit understands (${SCHEMA_VERSION}); upgrade asakit`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  // Off while tables are rebuilt (a dropped table's cascades would otherwise delete the rows
  // that point at it); a pragma that cannot change inside a transaction.
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length > 0)
          throw new Error(
            `migration ${m.version} of ${file} leaves ${broken.length} row(s) with a dangling reference (first in ${broken[0]?.table})`,
          );
        db.prepare('DELETE FROM schema_version').run();
        db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
      })();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
