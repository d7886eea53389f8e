// Real DNS servers for the DNS tests, on 127.0.0.1 with free high ports, in a temp dir:
// - knotd (Debian `knot`): authoritative for the DNSSEC-signed `asakit.test.` (automatic signing,
//   one ECDSA P-256 CSK), its deliberately broken child `broken.asakit.test.` (DS in the parent,
//   child served unsigned), an unsigned `other.test.` and the reverse zones of 192.0.2.0/24 and
//   2001:db8::/32;
// - unbound (Debian `unbound`): a validating resolver with stub zones pointing at knot and the
//   trust anchor for `asakit.test.` taken from the DNSKEY the running knot serves;
// - a black hole: a UDP socket that reads queries and never answers.
// stop() kills the children and removes the temp dir; it is also done at process exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import {
  accessSync,
  constants as fsConstants,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import * as dnsPacket from 'dns-packet';
import type { DecodedPacket, RecordType } from 'dns-packet';
import type { Resolver } from '../../src/dns/index.js';

export interface DnsTestServers {
  /** Authoritative knot (answers RD=1 queries for its zones, no validation). */
  knot: Resolver;
  /** The same knot on [::1], or undefined where the machine has no IPv6 loopback. */
  knot6: Resolver | undefined;
  /** Validating unbound in front of knot. */
  unbound: Resolver;
  /** Reads queries, never answers. */
  blackhole: Resolver;
  /** Temp dir with configs, zones and keys. */
  dir: string;
  /** Milliseconds from start to all servers answering. */
  startupMs: number;
  stop(): Promise<void>;
}

export interface DnsTestServerOptions {
  /** Number of `hN.bulk.asakit.test` A records (see bulkName/bulkAddress), default 2000. */
  bulkNames?: number;
}

export const DEFAULT_BULK_NAMES = 2000;

/** Name of the i-th bulk record. */
export function bulkName(i: number): string {
  return `h${i}.bulk.asakit.test`;
}

/** Address of the i-th bulk record (198.18.0.0/15, the benchmarking range). */
export function bulkAddress(i: number): string {
  return `198.18.${(i >> 8) & 0xff}.${i & 0xff}`;
}

/** Addresses of `big.asakit.test` (too many for a 1232-byte UDP answer: forces TCP). */
export const BIG_RECORD_COUNT = 120;
export function bigAddress(i: number): string {
  return `198.51.100.${i + 1}`;
}

const SBIN_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

function findBinary(name: string, debianPackage: string): string {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    `${name} not found: install the Debian package "${debianPackage}" (apt-get install -y ${debianPackage})`,
  );
}

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

function udpFree(port: number, host: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    s.once('error', () => resolve(false));
    s.bind(port, host, () => s.close(() => resolve(true)));
  });
}

/** True if ::1 can be bound here (some containers have no IPv6 loopback). */
function ipv6LoopbackAvailable(): Promise<boolean> {
  return udpFree(0, '::1');
}

/** A port free for both UDP and TCP on 127.0.0.1 (and on ::1 with `ipv6`). */
async function freePort(exclude: Set<number>, ipv6 = false): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    let free = await tcpFree(port, '127.0.0.1');
    if (free && ipv6) free = (await udpFree(port, '::1')) && (await tcpFree(port, '::1'));
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (free && !exclude.has(port) && port >= 1024) {
      exclude.add(port);
      return port;
    }
  }
  throw new Error('no free port for UDP+TCP on 127.0.0.1');
}

/** One UDP query (RD=1, DO=1) for polling the servers during start-up; null on timeout. */
async function probe(
  server: Resolver,
  name: string,
  type: RecordType,
  timeoutMs = 300,
): Promise<DecodedPacket | null> {
  const socket = createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
  const id = Math.floor(Math.random() * 65536);
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 1232,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: dnsPacket.DNSSEC_OK,
        flag_do: true,
        options: [],
      },
    ],
  });
  try {
    return await new Promise<DecodedPacket | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      socket.on('error', () => undefined);
      socket.on('message', (msg) => {
        try {
          const p = dnsPacket.decode(msg);
          if (p.id === id) {
            clearTimeout(timer);
            resolve(p);
          }
        } catch {
          // ignore garbage
        }
      });
      socket.send(query, server.port, server.host);
    });
  } finally {
    socket.close();
  }
}

function rcodeOf(p: DecodedPacket): number {
  return (p.flags ?? 0) & 0xf;
}

/** Child process with its output kept (the last 16 KiB) for error messages. */
interface Daemon {
  name: string;
  child: ChildProcess;
  log: () => string;
  exited: Promise<void>;
  exitCode: number | null | undefined;
}

function startDaemon(name: string, bin: string, args: string[], cwd: string): Daemon {
  const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-16384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const daemon: Daemon = {
    name,
    child,
    log: () => output,
    exitCode: undefined,
    exited: new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        daemon.exitCode = code ?? (signal ? -1 : null);
        resolve();
      });
      child.once('error', (err) => {
        keep(Buffer.from(`\nspawn error: ${err.message}\n`));
        daemon.exitCode = -1;
        resolve();
      });
    }),
  };
  return daemon;
}

async function waitFor(
  what: string,
  daemon: Daemon,
  deadlineMs: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (daemon.exitCode !== undefined) {
      throw new Error(
        `${daemon.name} exited (code ${daemon.exitCode}) before ${what}:\n${daemon.log()}`,
      );
    }
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}:\n${daemon.log()}`);
}

async function stopDaemon(d: Daemon): Promise<void> {
  if (d.exitCode !== undefined) return;
  d.child.kill('SIGTERM');
  const timer = setTimeout(() => d.child.kill('SIGKILL'), 3000);
  await d.exited;
  clearTimeout(timer);
}

function ip6ReverseLabels(hex32: string): string {
  return hex32.split('').reverse().join('.');
}

function zoneFiles(bulkNames: number): Record<string, string> {
  const soa = (origin: string): string =>
    `$ORIGIN ${origin}\n$TTL 300\n@ SOA ns1.asakit.test. hostmaster.asakit.test. 1 3600 600 86400 300\n@ NS ns1.asakit.test.\n`;
  const parent: string[] = [
    soa('asakit.test.'),
    'ns1 A 127.0.0.1',
    'www A 192.0.2.10',
    'www AAAA 2001:db8::10',
    'v6 AAAA 2001:db8:0:0:0:0:1:1',
    'moved A 192.0.2.99',
    // Two-hop CNAME chain ending in an A record.
    'alias CNAME alias2',
    'alias2 CNAME target',
    'target A 192.0.2.20',
    // CNAME into another zone: knot answers with the CNAME only, the client re-queries.
    'ext CNAME host.other.test.',
    'dangling CNAME gone',
    'loop1 CNAME loop2',
    'loop2 CNAME loop1',
    // CNAME into the broken child zone.
    'badlink CNAME www.broken',
    // Delegation with a DS whose key the (unsigned) child never publishes: bogus for validators.
    'broken NS ns1.asakit.test.',
    'broken DS 12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ];
  for (let i = 0; i < BIG_RECORD_COUNT; i++) parent.push(`big A ${bigAddress(i)}`);
  for (let i = 0; i < bulkNames; i++) parent.push(`h${i}.bulk A ${bulkAddress(i)}`);

  const broken = [soa('broken.asakit.test.'), 'www A 192.0.2.7', 'v6 AAAA 2001:db8::7'];
  const other = [soa('other.test.'), 'host A 192.0.2.30'];
  const rev4 = [
    soa('2.0.192.in-addr.arpa.'),
    '10 PTR www.asakit.test.',
    '20 PTR target.asakit.test.',
    '21 CNAME 21.sub',
    '21.sub PTR moved.asakit.test.',
  ];
  // 2001:db8::10 -> nibbles below 8.b.d.0.1.0.0.2.ip6.arpa.
  const rev6 = [
    soa('8.b.d.0.1.0.0.2.ip6.arpa.'),
    `${ip6ReverseLabels('000000000000000000000010')} PTR www.asakit.test.`,
  ];
  return {
    'asakit.test': parent.join('\n') + '\n',
    'broken.asakit.test': broken.join('\n') + '\n',
    'other.test': other.join('\n') + '\n',
    '2.0.192.in-addr.arpa': rev4.join('\n') + '\n',
    '8.b.d.0.1.0.0.2.ip6.arpa': rev6.join('\n') + '\n',
  };
}

const ZONES = [
  'asakit.test',
  'broken.asakit.test',
  'other.test',
  '2.0.192.in-addr.arpa',
  '8.b.d.0.1.0.0.2.ip6.arpa',
];

function knotConfig(dir: string, port: number, ipv6: boolean): string {
  return `server:
    rundir: "${dir}"
    listen: ${ipv6 ? `[ 127.0.0.1@${port}, ::1@${port} ]` : `127.0.0.1@${port}`}
    udp-workers: 2
    tcp-workers: 2
    background-workers: 1
control:
    listen: "${join(dir, 'knot.sock')}"
database:
    storage: "${join(dir, 'knotdb')}"
log:
  - target: stderr
    any: notice
policy:
  - id: test
    algorithm: ecdsap256sha256
    single-type-signing: on
    cds-cdnskey-publish: none
template:
  - id: default
    storage: "${join(dir, 'zones')}"
    file: "%s.zone"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: asakit.test.
    dnssec-signing: on
    dnssec-policy: test
${ZONES.slice(1)
  .map((z) => `  - domain: ${z}.\n`)
  .join('')}`;
}

function unboundConfig(dir: string, port: number, knotPort: number, anchors: string[]): string {
  // The root is stubbed to knot too (which REFUSEs it): unbound never contacts a real root server,
  // and names outside the test zones give SERVFAIL, also with CD=1.
  const stub = (zone: string): string =>
    `stub-zone:\n    name: "${zone}."\n    stub-addr: 127.0.0.1@${knotPort}\n`;
  return `server:
    interface: 127.0.0.1
    port: ${port}
    do-ip4: yes
    do-ip6: no
    do-udp: yes
    do-tcp: yes
    chroot: ""
    username: ""
    directory: "${dir}"
    pidfile: "${join(dir, 'unbound.pid')}"
    use-syslog: no
    logfile: ""
    verbosity: 1
    val-log-level: 1
    num-threads: 1
    so-reuseport: no
    outgoing-range: 64
    num-queries-per-thread: 512
    do-not-query-localhost: no
    module-config: "validator iterator"
    trust-anchor-signaling: no
    root-key-sentinel: no
    access-control: 127.0.0.0/8 allow
    local-zone: "test." nodefault
    local-zone: "2.0.192.in-addr.arpa." nodefault
    local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault
${anchors.map((a) => `    trust-anchor: "${a}"\n`).join('')}remote-control:
    control-enable: no
${ZONES.map(stub).join('')}${stub('')}`;
}

const liveStops = new Set<() => void>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const kill of liveStops) kill();
  });
}

/** Starts knot, unbound and the black hole; throws (after cleaning up) if any does not come up. */
export async function startDnsServers(options: DnsTestServerOptions = {}): Promise<DnsTestServers> {
  const started = Date.now();
  const knotd = findBinary('knotd', 'knot');
  const unboundBin = findBinary('unbound', 'unbound');
  const bulkNames = options.bulkNames ?? DEFAULT_BULK_NAMES;

  const dir = mkdtempSync(join(tmpdir(), 'asakit-dns-'));
  const daemons: Daemon[] = [];
  let blackholeSocket: UdpSocket | undefined;
  let stopped = false;
  const hardKill = (): void => {
    for (const d of daemons) if (d.exitCode === undefined) d.child.kill('SIGKILL');
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort at exit
    }
  };
  liveStops.add(hardKill);
  installExitHook();

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    liveStops.delete(hardKill);
    await Promise.all(daemons.map(stopDaemon));
    if (blackholeSocket) {
      const s = blackholeSocket;
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const ports = new Set<number>();
    const ipv6 = await ipv6LoopbackAvailable();
    const knotPort = await freePort(ports, ipv6);
    const unboundPort = await freePort(ports);
    const knot: Resolver = { host: '127.0.0.1', port: knotPort };
    const knot6: Resolver | undefined = ipv6 ? { host: '::1', port: knotPort } : undefined;
    const unbound: Resolver = { host: '127.0.0.1', port: unboundPort };

    mkdirSync(join(dir, 'zones'));
    mkdirSync(join(dir, 'knotdb'));
    for (const [zone, text] of Object.entries(zoneFiles(bulkNames))) {
      writeFileSync(join(dir, 'zones', `${zone}.zone`), text);
    }
    const knotConf = join(dir, 'knot.conf');
    writeFileSync(knotConf, knotConfig(dir, knotPort, ipv6));
    const knotDaemon = startDaemon('knotd', knotd, ['-c', knotConf], dir);
    daemons.push(knotDaemon);

    // Ready when every zone answers its SOA authoritatively and asakit.test has its signing key.
    let anchors: string[] = [];
    await waitFor('knotd to load and sign its zones', knotDaemon, 15000, async () => {
      for (const zone of ZONES) {
        const soa = await probe(knot, zone, 'SOA');
        if (!soa || rcodeOf(soa) !== 0 || !soa.flag_aa) return false;
      }
      if (knot6 && !(await probe(knot6, 'asakit.test', 'SOA'))) return false;
      const keys = await probe(knot, 'asakit.test', 'DNSKEY');
      const ksks = (keys?.answers ?? []).filter(
        (a) => a.type === 'DNSKEY' && (a.data.flags & 1) === 1,
      );
      anchors = ksks.map((a) =>
        a.type === 'DNSKEY'
          ? `asakit.test. DNSKEY ${a.data.flags} 3 ${a.data.algorithm} ${a.data.key.toString('base64')}`
          : '',
      );
      return anchors.length > 0;
    });

    const unboundConf = join(dir, 'unbound.conf');
    writeFileSync(unboundConf, unboundConfig(dir, unboundPort, knotPort, anchors));
    const unboundDaemon = startDaemon('unbound', unboundBin, ['-d', '-c', unboundConf], dir);
    daemons.push(unboundDaemon);
    await waitFor('unbound to answer a validated query', unboundDaemon, 15000, async () => {
      const r = await probe(unbound, 'www.asakit.test', 'A');
      return r !== null && rcodeOf(r) === 0 && r.flag_ad;
    });

    const socket = createSocket('udp4');
    blackholeSocket = socket;
    socket.on('message', () => undefined);
    const blackholePort = await new Promise<number>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve(socket.address().port));
    });

    return {
      knot,
      knot6,
      unbound,
      blackhole: { host: '127.0.0.1', port: blackholePort },
      dir,
      startupMs: Date.now() - started,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface DnsRelay {
  resolver: Resolver;
  /** Queries received from clients. */
  received: number;
  /** Highest number of queries forwarded and not yet answered at once. */
  maxOutstanding: number;
  /** Decoy responses sent (with `spoof`). */
  decoys: number;
  stop(): Promise<void>;
}

/**
 * A UDP relay in front of a real server, to observe a client: counts queries and how many are
 * outstanding at once. With `spoof`, before each real answer to an A query it sends two decoys
 * that a client must ignore: one with another id (answer 203.0.113.66) and one with the right id
 * but another question (answer 203.0.113.77).
 */
export async function startRelay(
  upstream: Resolver,
  options: { spoof?: boolean } = {},
): Promise<DnsRelay> {
  const socket = createSocket('udp4');
  const upstreamSockets = new Set<UdpSocket>();
  let outstanding = 0;
  const relay: DnsRelay = {
    resolver: { host: '127.0.0.1', port: 0 },
    received: 0,
    maxOutstanding: 0,
    decoys: 0,
    stop: async () => {
      for (const s of upstreamSockets) s.close();
      upstreamSockets.clear();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
  socket.on('message', (msg, client) => {
    relay.received++;
    outstanding++;
    relay.maxOutstanding = Math.max(relay.maxOutstanding, outstanding);
    const up = createSocket('udp4');
    upstreamSockets.add(up);
    const done = (): void => {
      if (!upstreamSockets.delete(up)) return;
      outstanding--;
      up.close();
    };
    const timer = setTimeout(done, 5000);
    up.on('error', () => undefined);
    up.on('message', (reply) => {
      clearTimeout(timer);
      if (options.spoof) {
        try {
          const real = dnsPacket.decode(reply);
          const q = real.questions?.[0];
          if (q && q.type === 'A') {
            const decoy = (id: number, name: string, address: string): Buffer =>
              dnsPacket.encode({
                type: 'response',
                id,
                flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
                questions: [{ type: 'A', name, class: 'IN' }],
                answers: [{ type: 'A', name, class: 'IN', ttl: 60, data: address }],
              });
            socket.send(
              decoy(((real.id ?? 0) + 1) & 0xffff, q.name, '203.0.113.66'),
              client.port,
              client.address,
            );
            socket.send(
              decoy(real.id ?? 0, `spoof.${q.name}`, '203.0.113.77'),
              client.port,
              client.address,
            );
            relay.decoys += 2;
          }
        } catch {
          // forward as is
        }
      }
      socket.send(reply, client.port, client.address, done);
    });
    up.send(msg, upstream.port, upstream.host);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  relay.resolver = { host: '127.0.0.1', port: socket.address().port };
  return relay;
}
