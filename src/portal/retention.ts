// Keeping the archive in bounds: `asakit archive prune` (days older than a cut-off) and
// `asakit archive remove-firewall` (a decommissioned firewall).
// - a prune never removes a firewall's newest day: a firewall that stopped being archived keeps
//   its last known configuration, and its customers keep a page to log in to;
// - removing a firewall that is some customer's only firewall is refused (the customer would be
//   left with nothing to see); moving or removing such customers first is the operator's choice;
// - configurations no day refers to any more are dropped with their cached extracts and audits.
import { UsageError } from '../parse/errors.js';
import type { Store } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day `n` days before `now` (UTC), as YYYY-MM-DD: `--keep-days n` removes the days before it. */
export function dayNDaysBefore(n: number, now = Date.now()): string {
  return new Date(now - n * DAY_MS).toISOString().slice(0, 10);
}

export interface PrunePlan {
  firewall: string;
  firewallId: number;
  /** the days to remove, oldest first */
  remove: string[];
  /** the days that stay */
  keep: number;
  /** the newest day, kept although it is before the cut-off (the firewall's last known config) */
  keptNewest?: string;
}

/** What a prune of the days before `before` (YYYY-MM-DD) would remove, per firewall. */
export function planPrune(store: Store, opts: { before: string; firewall?: string }): PrunePlan[] {
  const fws = store
    .firewalls()
    .filter((f) => opts.firewall === undefined || f.name === opts.firewall);
  if (opts.firewall !== undefined && fws.length === 0)
    throw new UsageError(`unknown firewall ${opts.firewall}`);
  return fws.map((f) => {
    const days = store.days(f.id).map((d) => d.day); // newest first
    const old = days.filter((d) => d < opts.before);
    const newest = days[0];
    const keptNewest = newest !== undefined && newest < opts.before ? newest : undefined;
    const remove = old.filter((d) => d !== keptNewest).reverse();
    return {
      firewall: f.name,
      firewallId: f.id,
      remove,
      keep: days.length - remove.length,
      ...(keptNewest ? { keptNewest } : {}),
    };
  });
}

/** Removes the planned days in one transaction; returns how many configurations were dropped. */
export function applyPrune(store: Store, plans: readonly PrunePlan[]): { configs: number } {
  return store.tx(() => {
    for (const p of plans) for (const day of p.remove) store.deleteDay(p.firewallId, day);
    return { configs: store.pruneConfigs() };
  });
}

export interface RemovedFirewall {
  days: number;
  configs: number;
  /** customers that were also on this firewall (they stay, on their other firewalls) */
  customers: string[];
}

/**
 * Removes a firewall, its days and every customer's interfaces on it, in one transaction.
 * Refused (UsageError) while it is the only firewall of a customer.
 */
export function removeFirewall(store: Store, name: string): RemovedFirewall {
  const fw = store.firewalls().find((f) => f.name === name);
  if (!fw) throw new UsageError(`unknown firewall ${name}`);
  const on = store.customersOnFirewall(fw.id);
  const only = on.filter((c) => store.customerById(c.id)?.firewalls.length === 1);
  if (only.length > 0) {
    const names = only.map((c) => c.name);
    throw new UsageError(
      `${name} is the only firewall of customer(s) ${names.join(', ')}: move them to another firewall first ` +
        `(asakit customer add ${names[0]} --firewall FW --interface NAMEIF...) or remove them ` +
        `(asakit customer remove ${names[0]})`,
    );
  }
  return store.tx(() => {
    store.deleteFirewall(fw.id);
    return { days: fw.days, configs: store.pruneConfigs(), customers: on.map((c) => c.name) };
  });
}
