// Computing and caching customer extracts. An extract is computed once per (config, customer) —
// at import time for existing customers, at customer-add time for existing days, or lazily once
// when a cache row is missing or was made for another interface set — and then served from
// SQLite: a page view never parses a configuration.
import { extract } from '../extract/extract.js';
import type { ExtractSection, SectionId } from '../extract/types.js';
import { loadConfigBytes } from '../model/build.js';
import type { Config } from '../model/types.js';
import { UsageError } from '../parse/errors.js';
import { ifacesKey, sha256hex, type Customer, type Store, type StoredExtract } from './store.js';

/** Sections compared between days (header and footer carry save/generation times). */
export const COMPARED_SECTIONS: readonly SectionId[] = ['interfaces', 'access-groups', 'access-lists', 'nat', 'object-groups', 'objects'];

export interface Section {
  id: string;
  title: string;
  lines: string[];
}

export function comparableSections(sections: readonly ExtractSection[] | readonly Section[]): Section[] {
  return sections.filter((s) => (COMPARED_SECTIONS as readonly string[]).includes(s.id)).map((s) => ({ id: s.id, title: s.title, lines: [...s.lines] }));
}

export function digestOf(sections: readonly Section[]): string {
  return sha256hex(JSON.stringify(sections.map((s) => [s.id, s.lines])));
}

/** The extract of one customer from a parsed config, as a cache row. Never throws. */
export function computeExtract(config: Config, configId: number, customer: Pick<Customer, 'id' | 'interfaces'>, now = new Date()): StoredExtract {
  const key = ifacesKey(customer.interfaces);
  const fail = (error: string): StoredExtract => ({
    configId,
    customerId: customer.id,
    ifaces: key,
    text: null,
    sections: null,
    digest: sha256hex(`error:${error}`),
    error,
  });
  const missing = customer.interfaces.filter((n) => !config.interfacesByNameif.has(n));
  if (customer.interfaces.length === 0) return fail('no interfaces are assigned to this customer');
  if (missing.length > 0) {
    // Only the customer's own interface names are named: nothing about the rest of the config.
    return fail(`${missing.length === 1 ? 'interface' : 'interfaces'} ${missing.join(', ')} not in this day's configuration`);
  }
  try {
    const r = extract(config, customer.interfaces, { now });
    const sections: Section[] = r.sections.map((s) => ({ id: s.id, title: s.title, lines: [...s.lines] }));
    return {
      configId,
      customerId: customer.id,
      ifaces: key,
      text: r.text,
      sections: JSON.stringify(sections),
      digest: digestOf(comparableSections(sections)),
      error: null,
    };
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message);
    process.stderr.write(`asakit: extract of customer ${customer.id} for config ${configId} failed: ${(err as Error).message}\n`);
    return fail('the extract could not be computed for this day');
  }
}

export function parseStoredConfig(store: Store, configId: number): Config {
  const bytes = store.configBytes(configId);
  if (!bytes) throw new Error(`config ${configId} is not in the archive`);
  return loadConfigBytes(bytes, `config#${configId}`);
}

function fresh(row: { ifaces: string } | undefined, customer: Pick<Customer, 'interfaces'>): boolean {
  return row !== undefined && row.ifaces === ifacesKey(customer.interfaces);
}

/**
 * Computes the customer's missing or stale extracts for every archived config of its firewall
 * (each config parsed once). Returns how many were computed.
 */
export function ensureCustomerExtracts(store: Store, customer: Customer, onProgress?: (done: number, total: number) => void): number {
  const have = store.digests(customer.id);
  const todo = store.configIdsOfFirewall(customer.firewallId).filter((id) => !fresh(have.get(id), customer));
  const rows: StoredExtract[] = [];
  todo.forEach((configId, i) => {
    rows.push(computeExtract(parseStoredConfig(store, configId), configId, customer));
    onProgress?.(i + 1, todo.length);
  });
  store.tx(() => rows.forEach((r) => store.putExtract(r)));
  return rows.length;
}

/** The cached extract; computed (and cached) once when missing or stale. */
export function getExtract(store: Store, configId: number, customer: Customer): StoredExtract {
  const row = store.extract(configId, customer.id);
  if (row && fresh(row, customer)) return row;
  const computed = computeExtract(parseStoredConfig(store, configId), configId, customer);
  store.putExtract(computed);
  return computed;
}

/** Digest per config for a customer, filling gaps lazily. */
export function digestsFor(store: Store, customer: Customer): Map<number, string> {
  const have = store.digests(customer.id);
  const out = new Map<number, string>();
  for (const id of store.configIdsOfFirewall(customer.firewallId)) {
    const row = have.get(id);
    out.set(id, fresh(row, customer) ? (row as { digest: string }).digest : getExtract(store, id, customer).digest);
  }
  return out;
}

export function sectionsOf(e: StoredExtract): Section[] {
  return e.sections ? (JSON.parse(e.sections) as Section[]) : [];
}
