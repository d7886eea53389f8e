// Classification of DNS checks for `asakit audit --dns`: does a configured name still resolve to
// the configured address? A for IPv4, AAAA for IPv6; CNAME chains are followed (re-querying the
// target when a resolver returns only the CNAME); a SERVFAIL is re-asked with CD=1 at the same
// resolver to tell DNSSEC validation failures from broken or unreachable servers. Also reverse
// (PTR) look-ups for naming raw addresses. Never throws for network problems, never hangs.
import type { Answer, RecordType } from 'dns-packet';
import { DnsClient, RCODE, rcodeName } from './client.js';
import {
  normaliseAddress,
  normaliseAddressText,
  queryableName,
  reverseName,
  sameName,
  stripTrailingDot,
} from './names.js';
import { formatResolver, type Resolver } from './resolver.js';

export interface DnsCheckInput {
  /** DNS name, with or without trailing dot. */
  name: string;
  /** IPv4 or IPv6 address as written in the config. */
  address: string;
}

export type DnsStatus = 'match' | 'mismatch' | 'nxdomain' | 'dnssec-failure' | 'unverified';

export interface DnsCheckResult {
  input: DnsCheckInput;
  status: DnsStatus;
  /** Final addresses found (normalised); for `dnssec-failure`, those of the CD=1 answer. */
  resolved: string[];
  /** CNAME targets followed, in order, each with a trailing dot. */
  cnames: string[];
  /** One human sentence. */
  detail: string;
}

export interface DnsOptions {
  resolvers: Resolver[];
  /** Per try, default 1500. */
  timeoutMs?: number;
  /** Extra UDP tries per resolver, default 1. */
  retries?: number;
  /** Queries in flight at most, default 32. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** CNAMEs followed at most per check. */
export const MAX_CNAME_CHAIN = 16;
/** Re-queries of a CNAME target at most per check. */
const MAX_REQUERIES = 8;

type Resolution =
  | { kind: 'answer'; records: string[]; cnames: string[]; resolver: Resolver }
  | { kind: 'nxdomain'; cnames: string[]; resolver: Resolver }
  | {
      kind: 'dnssec-failure';
      records: string[];
      cnames: string[];
      resolver: Resolver;
      cdSummary: string;
    }
  | { kind: 'unverified'; cnames: string[]; detail: string };

/** The string rdata of A/AAAA/CNAME/PTR records (as decoded by dns-packet), else undefined. */
function stringData(a: Answer): string | undefined {
  return 'data' in a && typeof a.data === 'string' ? a.data : undefined;
}

function withDot(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

function viaCnames(cnames: string[]): string {
  return cnames.length === 0 ? '' : ` (via CNAME ${cnames.join(', ')})`;
}

/**
 * Resolves `name`/`type`, following CNAMEs. After a SERVFAIL the chain continues with CD=1 at the
 * resolver that failed, and the result is a `dnssec-failure` if that gives NOERROR/NXDOMAIN.
 */
async function resolveChain(
  client: DnsClient,
  name: string,
  type: RecordType,
): Promise<Resolution> {
  let current = name;
  const cnames: string[] = [];
  const seen = new Set([name.toLowerCase()]);
  let servfailFrom: Resolver | undefined;
  for (let step = 0; step <= MAX_REQUERIES; step++) {
    let res = await client.query(
      { name: current, type },
      servfailFrom ? { cd: true, resolver: servfailFrom } : {},
    );
    if (!res.ok) {
      const detail = servfailFrom
        ? `SERVFAIL from validating resolver ${formatResolver(servfailFrom)}; no answer to the CD=1 query for ${withDot(current)} (${res.detail})`
        : res.detail;
      return { kind: 'unverified', cnames, detail };
    }
    if (res.rcode === RCODE.SERVFAIL && !servfailFrom) {
      servfailFrom = res.resolver;
      const cdRes = await client.query(
        { name: current, type },
        { cd: true, resolver: servfailFrom },
      );
      if (!cdRes.ok) {
        return {
          kind: 'unverified',
          cnames,
          detail: `SERVFAIL from ${formatResolver(servfailFrom)}, and no answer to the same query with CD=1 (${cdRes.detail})`,
        };
      }
      if (cdRes.rcode === RCODE.SERVFAIL) {
        return {
          kind: 'unverified',
          cnames,
          detail: `SERVFAIL from ${formatResolver(servfailFrom)}, also with CD=1`,
        };
      }
      res = cdRes;
    }
    if (res.rcode !== RCODE.NOERROR && res.rcode !== RCODE.NXDOMAIN) {
      const also = servfailFrom ? ` to the CD=1 query after SERVFAIL` : '';
      return {
        kind: 'unverified',
        cnames,
        detail: `${rcodeName(res.rcode)} from ${formatResolver(res.resolver)}${also}`,
      };
    }

    const answers = res.packet.answers ?? [];
    const queried = current;
    for (;;) {
      const cname = answers.find((a) => a.type === 'CNAME' && sameName(a.name, current));
      const cnameTarget = cname ? stringData(cname) : undefined;
      if (cnameTarget === undefined) break;
      const target = stripTrailingDot(cnameTarget);
      if (seen.has(target.toLowerCase())) {
        return { kind: 'unverified', cnames, detail: `CNAME loop at ${withDot(target)}` };
      }
      seen.add(target.toLowerCase());
      cnames.push(withDot(target));
      if (cnames.length > MAX_CNAME_CHAIN) {
        return { kind: 'unverified', cnames, detail: `CNAME chain longer than ${MAX_CNAME_CHAIN}` };
      }
      current = target;
    }
    const records: string[] = [];
    for (const a of answers) {
      const data = a.type === type && sameName(a.name, current) ? stringData(a) : undefined;
      if (data !== undefined) records.push(data);
    }

    if (res.rcode === RCODE.NXDOMAIN) {
      return servfailFrom
        ? {
            kind: 'dnssec-failure',
            records: [],
            cnames,
            resolver: servfailFrom,
            cdSummary: 'NXDOMAIN',
          }
        : { kind: 'nxdomain', cnames, resolver: res.resolver };
    }
    if (records.length === 0 && current !== queried) {
      // Only the CNAME(s) came back (e.g. an authoritative server for another zone): ask for the target.
      continue;
    }
    if (servfailFrom) {
      return {
        kind: 'dnssec-failure',
        records,
        cnames,
        resolver: servfailFrom,
        cdSummary:
          records.length > 0
            ? records.map(normaliseIfAddress(type)).join(', ')
            : `no ${type} record`,
      };
    }
    return { kind: 'answer', records, cnames, resolver: res.resolver };
  }
  return {
    kind: 'unverified',
    cnames,
    detail: `CNAME target ${withDot(current)} still unresolved after ${MAX_REQUERIES} re-queries`,
  };
}

function normaliseIfAddress(type: RecordType): (s: string) => string {
  return type === 'A' || type === 'AAAA' ? normaliseAddressText : (s) => s;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Runs `fn` over `items` with at most `limit` running at once; results in input order. */
async function runPool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  onDone: () => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
      onDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function progressReporter(total: number, onProgress: DnsOptions['onProgress']): () => void {
  let done = 0;
  return () => {
    done++;
    try {
      onProgress?.(done, total);
    } catch {
      // A failing progress callback must not break the checks.
    }
  };
}

async function checkOne(client: DnsClient, input: DnsCheckInput): Promise<DnsCheckResult> {
  const address = normaliseAddress(input.address);
  if (!address) {
    return {
      input,
      status: 'unverified',
      resolved: [],
      cnames: [],
      detail: `"${input.address}" is not an IP address`,
    };
  }
  const qname = queryableName(input.name);
  if (!qname.ok) {
    return {
      input,
      status: 'unverified',
      resolved: [],
      cnames: [],
      detail: `"${input.name}" is not a valid DNS name (${qname.reason})`,
    };
  }
  const type: RecordType = address.family === 4 ? 'A' : 'AAAA';
  const r = await resolveChain(client, qname.name, type);
  switch (r.kind) {
    case 'unverified':
      return { input, status: 'unverified', resolved: [], cnames: r.cnames, detail: r.detail };
    case 'nxdomain': {
      const from = `NXDOMAIN from ${formatResolver(r.resolver)}`;
      const detail =
        r.cnames.length > 0
          ? `CNAME target ${r.cnames[r.cnames.length - 1]} does not exist (${from}; via CNAME ${r.cnames.join(', ')})`
          : `does not exist (${from})`;
      return { input, status: 'nxdomain', resolved: [], cnames: r.cnames, detail };
    }
    case 'dnssec-failure': {
      const resolved = unique(r.records.map(normaliseAddressText));
      return {
        input,
        status: 'dnssec-failure',
        resolved,
        cnames: r.cnames,
        detail: `SERVFAIL from validating resolver ${formatResolver(r.resolver)}; answer with CD=1: ${r.cdSummary}${viaCnames(r.cnames)}`,
      };
    }
    case 'answer': {
      const resolved = unique(r.records.map(normaliseAddressText));
      if (resolved.length === 0) {
        return {
          input,
          status: 'mismatch',
          resolved,
          cnames: r.cnames,
          detail: `exists but has no ${type} record${viaCnames(r.cnames)} (NOERROR/NODATA from ${formatResolver(r.resolver)})`,
        };
      }
      return {
        input,
        status: resolved.includes(address.text) ? 'match' : 'mismatch',
        resolved,
        cnames: r.cnames,
        detail: `resolves to ${resolved.join(', ')}${viaCnames(r.cnames)}`,
      };
    }
  }
}

/**
 * Checks each name against its configured address. Results come back in input order; identical
 * questions are asked once; network failures become `unverified` results, never exceptions.
 */
export async function checkNames(
  inputs: DnsCheckInput[],
  opts: DnsOptions,
): Promise<DnsCheckResult[]> {
  if (inputs.length === 0) return [];
  const client = new DnsClient(opts);
  const done = progressReporter(inputs.length, opts.onProgress);
  return runPool(inputs, client.concurrency, (input) => checkOne(client, input), done);
}

/**
 * PTR look-up for each address: the name without trailing dot, or null when there is none (or it
 * could not be verified). Keys are the addresses exactly as passed in.
 */
export async function reverseLookup(
  addresses: string[],
  opts: DnsOptions,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const distinct = unique(addresses);
  if (distinct.length === 0) return out;
  const client = new DnsClient(opts);
  const done = progressReporter(distinct.length, opts.onProgress);
  const names = await runPool(
    distinct,
    client.concurrency,
    async (address) => {
      const rname = reverseName(address);
      if (!rname) return null;
      const r = await resolveChain(client, rname, 'PTR');
      const first = r.kind === 'answer' ? r.records[0] : undefined;
      return first === undefined ? null : stripTrailingDot(first);
    },
    done,
  );
  distinct.forEach((address, i) => out.set(address, names[i] ?? null));
  return out;
}
