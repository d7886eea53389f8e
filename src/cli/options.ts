// Option values shared by several commands.
import { UsageError } from '../parse/errors.js';

/** `--now 2026-12-15` or a full ISO timestamp. */
export function parseNow(s: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now: not an ISO date: ${s}`);
  return d;
}
