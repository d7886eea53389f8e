// DNS wire transport for the checks: one DnsClient per checkNames()/reverseLookup() call.
// Queries go over UDP (RD=1, EDNS0 with the DO bit, optional CD bit) with a per-try timeout and
// retries, fall back to TCP when the answer is truncated, and move on to the next resolver when
// one times out, is unreachable or refuses. Identical questions share one cached promise, at most
// `concurrency` queries are in flight, every query has an id not used by another in-flight query,
// and responses whose id, source or question do not match are ignored. Encoding and decoding is
// dns-packet's; nothing here throws to the caller: failures come back as values.
import { randomInt } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createConnection } from 'node:net';
import { isIP } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { DecodedPacket, Packet, RecordType } from 'dns-packet';
import { formatResolver, type Resolver } from './resolver.js';
import { sameName } from './names.js';

export const DEFAULT_TIMEOUT_MS = 1500;
export const DEFAULT_RETRIES = 1;
export const DEFAULT_CONCURRENCY = 32;
/** Advertised EDNS0 UDP payload size (the DNS flag day 2020 value). */
export const EDNS_UDP_SIZE = 1232;

export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;

export function rcodeName(rcode: number): string {
  const names = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];
  return names[rcode] ?? `RCODE${rcode}`;
}

export interface DnsQuestion {
  /** Wire-ready name (no trailing dot). */
  name: string;
  type: RecordType;
}

export interface QueryFlags {
  /** Set the CD (checking disabled) bit. */
  cd?: boolean;
  /** Ask only this resolver (e.g. the CD re-query goes to the resolver that said SERVFAIL). */
  resolver?: Resolver;
}

/** A response that matched our query. */
export interface DnsAnswer {
  ok: true;
  resolver: Resolver;
  transport: 'udp' | 'tcp';
  rcode: number;
  packet: DecodedPacket;
}

/** No usable response from any resolver. `detail` is a sentence fragment, e.g. "no answer from 127.0.0.1:53 after 2 tries". */
export interface DnsFailure {
  ok: false;
  detail: string;
}

export type DnsQueryResult = DnsAnswer | DnsFailure;

export interface DnsClientOptions {
  resolvers: Resolver[];
  timeoutMs?: number;
  retries?: number;
  concurrency?: number;
}

/** Outcome of asking one resolver. */
type AskOutcome =
  | { kind: 'answer'; answer: DnsAnswer }
  | { kind: 'timeout'; tries: number }
  | { kind: 'error'; message: string };

function positiveInt(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/** Counting semaphore bounding the number of queries in flight. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  maxActive = 0;
  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      // The releaser handed its slot over: `active` is unchanged.
    }
    this.maxActive = Math.max(this.maxActive, this.active);
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function resolverKey(r: Resolver): string {
  return formatResolver(r);
}

function questionMatches(packet: DecodedPacket, q: DnsQuestion): boolean {
  const got = packet.questions?.[0];
  if (!got || (packet.questions?.length ?? 0) !== 1) return false;
  const cls = got.class ?? 'IN';
  return got.type === q.type && cls === 'IN' && sameName(got.name, q.name);
}

function decodeSafely(buf: Buffer): DecodedPacket | null {
  try {
    return dnsPacket.decode(buf);
  } catch {
    return null;
  }
}

function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    if (err.code === 'ECONNREFUSED') return 'connection refused';
    if (err.code === 'ENETUNREACH' || err.code === 'EHOSTUNREACH') return 'unreachable';
    return err.code;
  }
  return err instanceof Error ? err.message : String(err);
}

export class DnsClient {
  readonly resolvers: Resolver[];
  readonly timeoutMs: number;
  readonly tries: number;
  readonly concurrency: number;
  private readonly sem: Semaphore;
  private readonly cache = new Map<string, Promise<DnsQueryResult>>();
  private readonly idsInUse = new Set<number>();
  /** Consecutive timeouts/errors per resolver: resolvers that keep failing are asked last. */
  private readonly failures = new Map<string, number>();
  /** Number of UDP/TCP exchanges started (for tests and progress diagnostics). */
  sent = 0;

  constructor(opts: DnsClientOptions) {
    this.resolvers = [...opts.resolvers];
    this.timeoutMs = positiveInt(opts.timeoutMs, DEFAULT_TIMEOUT_MS, 1);
    this.tries = positiveInt(opts.retries, DEFAULT_RETRIES, 0) + 1;
    this.concurrency = positiveInt(opts.concurrency, DEFAULT_CONCURRENCY, 1);
    this.sem = new Semaphore(this.concurrency);
  }

  /** Highest number of queries that were in flight at once. */
  get maxInFlight(): number {
    return this.sem.maxActive;
  }

  /** Asks the question (cached per client); never rejects. */
  query(q: DnsQuestion, flags: QueryFlags = {}): Promise<DnsQueryResult> {
    const key = [
      q.name.toLowerCase(),
      q.type,
      flags.cd ? 'cd' : '',
      flags.resolver ? resolverKey(flags.resolver) : '*',
    ].join('|');
    let result = this.cache.get(key);
    if (!result) {
      result = this.resolve(q, flags).catch((err: unknown) => ({
        ok: false as const,
        detail: `internal error: ${errorMessage(err)}`,
      }));
      this.cache.set(key, result);
    }
    return result;
  }

  private orderedResolvers(): Resolver[] {
    // Stable sort: resolvers that failed twice in a row (and never answered since) go last.
    const bad = (r: Resolver): number => ((this.failures.get(resolverKey(r)) ?? 0) >= 2 ? 1 : 0);
    return [...this.resolvers].sort((a, b) => bad(a) - bad(b));
  }

  private async resolve(q: DnsQuestion, flags: QueryFlags): Promise<DnsQueryResult> {
    const candidates = flags.resolver ? [flags.resolver] : this.orderedResolvers();
    if (candidates.length === 0) return { ok: false, detail: 'no resolver configured' };
    const problems: string[] = [];
    let refused: DnsAnswer | undefined;
    for (const resolver of candidates) {
      const outcome = await this.ask(resolver, q, flags.cd === true);
      const key = resolverKey(resolver);
      if (outcome.kind === 'answer') {
        this.failures.set(key, 0);
        const rc = outcome.answer.rcode;
        // A resolver that will not serve us: try the next one, but keep the answer in case none does.
        if (rc === RCODE.REFUSED || rc === RCODE.NOTIMP || rc === RCODE.FORMERR) {
          refused ??= outcome.answer;
          problems.push(`${rcodeName(rc)} from ${key}`);
          continue;
        }
        return outcome.answer;
      }
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      problems.push(
        outcome.kind === 'timeout'
          ? `no answer from ${key} after ${outcome.tries} ${outcome.tries === 1 ? 'try' : 'tries'}`
          : `${key}: ${outcome.message}`,
      );
    }
    return refused ?? { ok: false, detail: problems.join('; ') };
  }

  private allocateId(): number {
    for (;;) {
      const id = randomInt(0, 65536);
      if (!this.idsInUse.has(id)) {
        this.idsInUse.add(id);
        return id;
      }
    }
  }

  private encodeQuery(id: number, q: DnsQuestion, cd: boolean): Packet {
    return {
      type: 'query',
      id,
      flags: dnsPacket.RECURSION_DESIRED | (cd ? dnsPacket.CHECKING_DISABLED : 0),
      questions: [{ type: q.type, name: q.name, class: 'IN' }],
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: EDNS_UDP_SIZE,
          extendedRcode: 0,
          ednsVersion: 0,
          flags: dnsPacket.DNSSEC_OK,
          flag_do: true,
          options: [],
        },
      ],
    };
  }

  /** One resolver: UDP tries, then TCP if truncated. Holds one concurrency slot throughout. */
  private async ask(resolver: Resolver, q: DnsQuestion, cd: boolean): Promise<AskOutcome> {
    await this.sem.acquire();
    const ids: number[] = [];
    try {
      const udp = await this.askUdp(resolver, q, cd, ids);
      if (udp.kind !== 'answer' || !udp.answer.packet.flag_tc) return udp;
      const tcp = await this.askTcp(resolver, q, cd, ids);
      if (tcp.kind === 'answer') return tcp;
      return {
        kind: 'error',
        message: `answer truncated over UDP and TCP failed (${tcp.kind === 'error' ? tcp.message : 'timed out'})`,
      };
    } finally {
      for (const id of ids) this.idsInUse.delete(id);
      this.sem.release();
    }
  }

  private askUdp(
    resolver: Resolver,
    q: DnsQuestion,
    cd: boolean,
    ids: number[],
  ): Promise<AskOutcome> {
    return new Promise<AskOutcome>((resolve) => {
      let socket: UdpSocket;
      try {
        socket = createSocket(isIP(resolver.host) === 6 ? 'udp6' : 'udp4');
      } catch (err) {
        resolve({ kind: 'error', message: errorMessage(err) });
        return;
      }
      let settled = false;
      let tries = 0;
      let timer: NodeJS.Timeout | undefined;
      const ourIds = new Set<number>();
      const finish = (outcome: AskOutcome): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        socket.removeAllListeners('message');
        socket.on('error', () => undefined);
        try {
          socket.close();
        } catch {
          // already closed
        }
        resolve(outcome);
      };
      const sendTry = (): void => {
        if (settled) return;
        if (tries >= this.tries) {
          finish({ kind: 'timeout', tries });
          return;
        }
        tries++;
        const id = this.allocateId();
        ids.push(id);
        ourIds.add(id);
        let buf: Buffer;
        try {
          buf = dnsPacket.encode(this.encodeQuery(id, q, cd));
        } catch (err) {
          finish({ kind: 'error', message: `cannot encode query: ${errorMessage(err)}` });
          return;
        }
        this.sent++;
        socket.send(buf, (err) => {
          if (err) finish({ kind: 'error', message: errorMessage(err) });
        });
        timer = setTimeout(sendTry, this.timeoutMs);
      };
      socket.on('error', (err) => finish({ kind: 'error', message: errorMessage(err) }));
      socket.on('message', (msg, rinfo) => {
        // Connected socket: the kernel only delivers datagrams from the resolver; check anyway.
        if (rinfo.port !== resolver.port) return;
        const packet = decodeSafely(msg);
        if (!packet || !packet.flag_qr || packet.id === undefined || !ourIds.has(packet.id)) return;
        if (!questionMatches(packet, q)) return;
        finish({
          kind: 'answer',
          answer: {
            ok: true,
            resolver,
            transport: 'udp',
            rcode: (packet.flags ?? 0) & 0xf,
            packet,
          },
        });
      });
      socket.connect(resolver.port, resolver.host, () => sendTry());
    });
  }

  private askTcp(
    resolver: Resolver,
    q: DnsQuestion,
    cd: boolean,
    ids: number[],
  ): Promise<AskOutcome> {
    return new Promise<AskOutcome>((resolve) => {
      const id = this.allocateId();
      ids.push(id);
      let frame: Buffer;
      try {
        frame = dnsPacket.streamEncode(this.encodeQuery(id, q, cd));
      } catch (err) {
        resolve({ kind: 'error', message: `cannot encode query: ${errorMessage(err)}` });
        return;
      }
      let settled = false;
      let received = Buffer.alloc(0);
      const socket = createConnection({ host: resolver.host, port: resolver.port });
      const finish = (outcome: AskOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish({ kind: 'timeout', tries: 1 }), this.timeoutMs);
      this.sent++;
      socket.on('connect', () => socket.write(frame));
      socket.on('error', (err) => finish({ kind: 'error', message: `TCP: ${errorMessage(err)}` }));
      socket.on('close', () =>
        finish({ kind: 'error', message: 'TCP connection closed without an answer' }),
      );
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        // A TCP stream may carry several length-prefixed messages; skip any that are not ours.
        while (received.length >= 2) {
          const len = received.readUInt16BE(0);
          if (received.length < len + 2) return;
          const packet = decodeSafely(received.subarray(2, len + 2));
          received = received.subarray(len + 2);
          if (packet && packet.flag_qr && packet.id === id && questionMatches(packet, q)) {
            finish({
              kind: 'answer',
              answer: {
                ok: true,
                resolver,
                transport: 'tcp',
                rcode: (packet.flags ?? 0) & 0xf,
                packet,
              },
            });
            return;
          }
        }
      });
    });
  }
}
