// `asakit archive import`: daily saved configurations into the portal database.
// - the day comes from the file name (cf.asa.YYYYMMDD[.gz], also YYYY-MM-DD) or --date;
// - plain or gzip (by magic bytes); stored gzip-compressed, content-addressed by the sha256 of
//   the plain bytes, so the same content is stored once (importing it again is a no-op);
// - the same day with different content replaces that day's config (and says so);
// - each file is one transaction (config, day, extracts of the firewall's customers): a failure
//   leaves no half-imported day; a corrupt file is reported and the others still import.
import { basename } from 'node:path';
import { gunzipSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { loadConfigBytes } from '../model/build.js';
import type { Config } from '../model/types.js';
import { InputError, UsageError } from '../parse/errors.js';
import { isGzip, readInput } from '../parse/input.js';
import { computeExtract, configLabel, parseStoredConfig } from './extracts.js';
import { FIREWALL_NAME_RE, ifacesKey, sha256hex, type Store, type StoredExtract } from './store.js';

export interface ImportOptions {
  /** firewall name (default: the config's hostname) */
  firewall?: string;
  /** YYYY-MM-DD, for a single file whose name carries no date */
  date?: string;
}

export type ImportStatus = 'imported' | 'unchanged' | 'replaced' | 'failed';

export interface ImportOutcome {
  file: string;
  status: ImportStatus;
  day?: string;
  firewall?: string;
  /** one line for the operator */
  message: string;
  ms: number;
}

/** A real calendar date as YYYY-MM-DD, or undefined. */
export function validDay(y: string, m: string, d: string): string | undefined {
  const [Y, M, D] = [Number(y), Number(m), Number(d)];
  if (Y < 1990 || Y > 2200 || M < 1 || M > 12 || D < 1) return undefined;
  const t = new Date(Date.UTC(Y, M - 1, D));
  if (t.getUTCFullYear() !== Y || t.getUTCMonth() !== M - 1 || t.getUTCDate() !== D)
    return undefined;
  return `${y}-${m}-${d}`;
}

/** The day in a file name: `cf.asa.20180111.gz` -> 2018-01-11 (the last 8-digit date in the name). */
export function dayFromFileName(file: string): string | undefined {
  const name = basename(file);
  const re = /(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)/g;
  let found: string | undefined;
  for (const m of name.matchAll(re)) {
    const d = validDay(m[1] as string, m[2] as string, m[3] as string);
    if (d) found = d;
  }
  return found;
}

export function parseDayOption(value: string, option = '--date'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? validDay(m[1] as string, m[2] as string, m[3] as string) : undefined;
  if (!d) throw new UsageError(`${option} ${value}: expected a date as YYYY-MM-DD`);
  return d;
}

function plainBytes(raw: Buffer, source: string): Buffer {
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw);
  } catch (err) {
    throw new InputError(source, 0, `corrupt or truncated gzip data (${(err as Error).message})`);
  }
}

/** Imports one file's bytes. Never throws for bad input: the outcome says what happened. */
export function importBytes(
  store: Store,
  raw: Buffer,
  file: string,
  opts: ImportOptions = {},
): ImportOutcome {
  const t0 = performance.now();
  const source = basename(file);
  const done = (o: Omit<ImportOutcome, 'file' | 'ms'>): ImportOutcome => ({
    file,
    ...o,
    ms: performance.now() - t0,
  });
  try {
    const day = opts.date ?? dayFromFileName(file);
    if (!day)
      throw new InputError(
        source,
        0,
        'no date in the file name (expected e.g. cf.asa.20180111.gz); use --date YYYY-MM-DD',
      );
    const plain = plainBytes(raw, source);
    const sha = sha256hex(plain);
    let configId = store.configIdByHash(sha);
    let config: Config | undefined;
    let hostname: string | null;
    let lines: number;
    if (configId === undefined) {
      config = loadConfigBytes(plain, source); // throws InputError for what is not a config
      hostname = config.header.hostname ?? null;
      config.source = configLabel(hostname, sha);
      lines = config.tree.lineCount;
    } else {
      const row = store.configMeta(configId) as { hostname: string | null; lines: number };
      hostname = row.hostname;
      lines = row.lines;
    }
    const fwName = opts.firewall ?? hostname ?? undefined;
    if (!fwName)
      throw new InputError(
        source,
        0,
        'the configuration has no hostname; name the firewall with --firewall NAME',
      );
    if (!FIREWALL_NAME_RE.test(fwName))
      throw new InputError(
        source,
        0,
        `firewall name "${fwName}" is not usable (letters, digits, . _ -); use --firewall NAME`,
      );

    const fw = store.firewallByName(fwName);
    const prior = fw ? store.dayRow(fw.id, day) : undefined;
    if (prior && configId !== undefined && prior.configId === configId) {
      return done({
        status: 'unchanged',
        day,
        firewall: fwName,
        message: `${source}: ${fwName} ${day} already imported with the same content`,
      });
    }

    // Extracts for the firewall's customers, computed before the transaction (pure work).
    const customers = fw ? store.customersOnFirewall(fw.id) : [];
    const extracts: StoredExtract[] = [];
    for (const c of customers) {
      if (configId !== undefined) {
        const have = store.extract(configId, c);
        if (have && have.ifaces === ifacesKey(c.interfaces)) continue;
      }
      config ??= parseStoredConfig(store, configId as number); // content known: parsed only if a customer lacks its extract
      extracts.push(computeExtract(config, configId ?? -1, c));
    }
    const gz =
      configId === undefined
        ? gzipSync(plain, { level: zlibConstants.Z_BEST_COMPRESSION })
        : undefined;

    const status: ImportStatus = store.tx(() => {
      const f = store.ensureFirewall(fwName);
      const id =
        configId ??
        store.insertConfig({ sha256: sha, gz: gz as Buffer, bytes: plain.length, lines, hostname });
      configId = id;
      const before = store.dayRow(f.id, day);
      store.setDay(f.id, day, id, source);
      for (const e of extracts) store.putExtract({ ...e, configId: id });
      if (before && before.configId !== id) {
        store.pruneConfigs();
        return 'replaced';
      }
      return before ? 'unchanged' : 'imported';
    });
    const message =
      status === 'replaced'
        ? `${source}: ${fwName} ${day} replaced: the content differs from the earlier import (${prior?.source ?? 'earlier file'})`
        : `${source}: ${fwName} ${day} imported (${lines} lines${customers.length ? `, ${extracts.length} customer extract(s)` : ''})`;
    return done({ status, day, firewall: fwName, message });
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError)
      return done({ status: 'failed', message: err.message });
    return done({ status: 'failed', message: `${source}: ${(err as Error).message}` });
  }
}

export function importFile(store: Store, file: string, opts: ImportOptions = {}): ImportOutcome {
  let raw: Buffer;
  try {
    raw = readInput(file).bytes;
  } catch (err) {
    return { file, status: 'failed', message: (err as Error).message, ms: 0 };
  }
  return importBytes(store, raw, file, opts);
}

/** Imports files in the order given (sorted by day, so "replaced" means a later import). */
export function importFiles(
  store: Store,
  files: readonly string[],
  opts: ImportOptions = {},
  onEach?: (o: ImportOutcome, i: number, total: number) => void,
): ImportOutcome[] {
  if (opts.date !== undefined && files.length > 1)
    throw new UsageError(
      '--date applies to a single file; name the files cf.asa.YYYYMMDD[.gz] to import several',
    );
  const out: ImportOutcome[] = [];
  files.forEach((f, i) => {
    const o = importFile(store, f, opts);
    out.push(o);
    onEach?.(o, i, files.length);
  });
  return out;
}
