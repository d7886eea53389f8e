// Computing and caching customer extracts. An extract is computed once per (config, customer,
// firewall) — at import time for the firewall's customers, at customer-add time for existing days,
// or lazily once when a cache row is missing or was made for another interface set — and then
// served from SQLite: a page view never parses a configuration.
import { extract } from '../extract/extract.js';
import type { ExtractSection, SectionId } from '../extract/types.js';
import { loadBytesForExtract, MissingInterfaces, type ExtractLoad } from '../extract/load.js';
import { loadConfigBytes } from '../model/build.js';
import type { Config } from '../model/types.js';
import { UsageError } from '../parse/errors.js';
import {
  ifacesKey,
  sha256hex,
  type CustomerOnFirewall,
  type Store,
  type StoredExtract,
} from './store.js';

/** Sections compared between days (header and footer carry save/generation times). */
export const COMPARED_SECTIONS: readonly SectionId[] = [
  'interfaces',
  'access-groups',
  'access-lists',
  'nat',
  'object-groups',
  'objects',
];

export interface Section {
  id: string;
  title: string;
  lines: string[];
}

export function comparableSections(
  sections: readonly ExtractSection[] | readonly Section[],
): Section[] {
  return sections
    .filter((s) => (COMPARED_SECTIONS as readonly string[]).includes(s.id))
    .map((s) => ({ id: s.id, title: s.title, lines: [...s.lines] }));
}

export function digestOf(sections: readonly Section[]): string {
  return sha256hex(JSON.stringify(sections.map((s) => [s.id, s.lines])));
}

/**
 * The extract of one customer, as a cache row: from a parsed config, or from the config a function
 * loads (called only when the customer has interfaces). Throws only what loading it throws.
 */
export function computeExtract(
  config: Config | (() => Config),
  configId: number,
  customer: Pick<CustomerOnFirewall, 'id' | 'firewallId' | 'interfaces'>,
  now = new Date(),
): StoredExtract {
  const key = ifacesKey(customer.interfaces);
  const fail = (error: string): StoredExtract => ({
    configId,
    customerId: customer.id,
    firewallId: customer.firewallId,
    ifaces: key,
    text: null,
    sections: null,
    digest: sha256hex(`error:${error}`),
    error,
  });
  if (customer.interfaces.length === 0) return fail('no interfaces are assigned to this customer');
  // Only the customer's own interface names are named: nothing about the rest of the config.
  const notThere = (missing: string[]) =>
    fail(
      `${missing.length === 1 ? 'interface' : 'interfaces'} ${missing.join(', ')} not in this day's configuration`,
    );
  const loaded = checked(typeof config === 'function' ? config : () => config, customer.interfaces);
  if (!loaded.config) return notThere(loaded.missing);
  try {
    const r = extract(loaded.config, customer.interfaces, { now });
    const sections: Section[] = r.sections.map((s) => ({
      id: s.id,
      title: s.title,
      lines: [...s.lines],
    }));
    return {
      configId,
      customerId: customer.id,
      firewallId: customer.firewallId,
      ifaces: key,
      text: r.text,
      sections: JSON.stringify(sections),
      digest: digestOf(comparableSections(sections)),
      error: null,
    };
  } catch (err) {
    // Never pass the message on: extract's errors name the configuration's other interfaces.
    if (err instanceof UsageError) return fail('the extract could not be computed for this day');
    process.stderr.write(
      `asakit: extract of customer ${customer.id} for config ${configId} failed: ${(err as Error).message}\n`,
    );
    return fail('the extract could not be computed for this day');
  }
}

/**
 * How an archived configuration names itself in extracts (`! source: ...`): the same content can
 * be several days' file, so it is named by hostname and content hash, not by a file name.
 */
export function configLabel(hostname: string | null | undefined, sha256: string): string {
  return `${hostname ?? 'firewall'} archived configuration sha256:${sha256.slice(0, 12)}`;
}

function stored(store: Store, configId: number): { bytes: Buffer; label: string } {
  const bytes = store.configBytes(configId);
  const meta = store.configMeta(configId);
  if (!bytes || !meta) throw new Error(`config ${configId} is not in the archive`);
  return { bytes, label: configLabel(meta.hostname, meta.sha256) };
}

export function parseStoredConfig(store: Store, configId: number, source?: string): Config {
  const { bytes, label } = stored(store, configId);
  return loadConfigBytes(bytes, source ?? label);
}

/**
 * The model one customer's extract needs (see loadForExtract): only the blocks the extract of
 * these interfaces reaches are parsed, a few hundred lines of a hosting firewall's million. Its
 * extract is the same as from parseStoredConfig's model. Throws MissingInterfaces for interfaces
 * the day does not have (a customer's extracts are computed for days before its interface existed).
 */
export function loadStoredForExtract(
  store: Store,
  configId: number,
  nameifs: readonly string[],
): ExtractLoad {
  const { bytes, label } = stored(store, configId);
  return loadBytesForExtract(bytes, label, nameifs, { missing: 'throw' });
}

/**
 * The interfaces of the list a stored config does not have. Costs what their extract's load costs
 * (see loadStoredForExtract), not a parse of the whole config.
 */
export function missingInterfaces(
  store: Store,
  configId: number,
  nameifs: readonly string[],
): string[] {
  return checked(() => loadStoredForExtract(store, configId, nameifs).config, nameifs).missing;
}

/**
 * The config `load` gives, if it has every one of the interfaces; else the ones it lacks (those a
 * partial load reports as MissingInterfaces, or those the loaded model has no nameif for).
 */
function checked(
  load: () => Config,
  nameifs: readonly string[],
): { config: Config; missing: [] } | { config?: undefined; missing: string[] } {
  let config: Config;
  try {
    config = load();
  } catch (err) {
    if (err instanceof MissingInterfaces) return { missing: err.nameifs };
    throw err;
  }
  const missing = nameifs.filter((n) => !config.interfacesByNameif.has(n));
  return missing.length > 0 ? { missing } : { config, missing: [] };
}

/** What one customer's extract of a stored config is computed from: its part only. */
function partFor(store: Store, configId: number, customer: Pick<CustomerOnFirewall, 'interfaces'>) {
  return (): Config => loadStoredForExtract(store, configId, customer.interfaces).config;
}

function fresh(
  row: { ifaces: string } | undefined,
  customer: Pick<CustomerOnFirewall, 'interfaces'>,
): boolean {
  return row !== undefined && row.ifaces === ifacesKey(customer.interfaces);
}

/**
 * Computes the missing or stale extracts of customers on firewalls (of any firewalls): every
 * archived config is parsed once for all customers that need it, and each config's rows are
 * stored in one transaction. Returns how many extracts were computed.
 */
export function ensureExtracts(
  store: Store,
  customers: readonly CustomerOnFirewall[],
  onProgress?: (done: number, total: number) => void,
): number {
  const need = new Map<number, CustomerOnFirewall[]>();
  for (const c of customers) {
    const have = store.digests(c);
    for (const id of store.configIdsOfFirewall(c.firewallId)) {
      if (fresh(have.get(id), c)) continue;
      const list = need.get(id) ?? [];
      list.push(c);
      need.set(id, list);
    }
  }
  let n = 0;
  let done = 0;
  for (const [configId, list] of need) {
    // one customer (one added, or its interfaces changed): only its part of each day is parsed;
    // several (a day imported): the day is parsed once for all of them
    const only = list.length === 1 ? list[0] : undefined;
    const config = only ? partFor(store, configId, only) : parseStoredConfig(store, configId);
    const rows = list.map((c) => computeExtract(config, configId, c));
    store.tx(() => rows.forEach((r) => store.putExtract(r)));
    n += rows.length;
    onProgress?.(++done, need.size);
  }
  return n;
}

/** ensureExtracts for one customer on one firewall. */
export function ensureCustomerExtracts(
  store: Store,
  customer: CustomerOnFirewall,
  onProgress?: (done: number, total: number) => void,
): number {
  return ensureExtracts(store, [customer], onProgress);
}

/** The cached extract; computed (from the customer's part only) and cached when missing or stale. */
export function getExtract(
  store: Store,
  configId: number,
  customer: CustomerOnFirewall,
): StoredExtract {
  const row = store.extract(configId, customer);
  if (row && fresh(row, customer)) return row;
  const computed = computeExtract(partFor(store, configId, customer), configId, customer);
  store.putExtract(computed);
  return computed;
}

/** Digest (and error) per config for a customer on a firewall, filling gaps lazily. */
export function digestsFor(
  store: Store,
  customer: CustomerOnFirewall,
): Map<number, { digest: string; error: string | null }> {
  const have = store.digests(customer);
  const out = new Map<number, { digest: string; error: string | null }>();
  for (const id of store.configIdsOfFirewall(customer.firewallId)) {
    const row = have.get(id);
    if (row && fresh(row, customer)) out.set(id, { digest: row.digest, error: row.error });
    else {
      const e = getExtract(store, id, customer);
      out.set(id, { digest: e.digest, error: e.error });
    }
  }
  return out;
}

export function sectionsOf(e: StoredExtract): Section[] {
  return e.sections ? (JSON.parse(e.sections) as Section[]) : [];
}
