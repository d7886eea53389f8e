// DNS checking engine against real servers (knot authoritative + validating unbound + a UDP black
// hole, see test/support/dns-servers.ts): statuses, CNAME chains, DNSSEC failures, TCP fallback,
// time-outs and fail-over, concurrency, reverse look-ups, and the pure helpers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import {
  checkNames,
  formatResolver,
  isDnsName,
  parseResolver,
  reverseLookup,
  reverseName,
  systemResolvers,
  type DnsCheckInput,
  type DnsCheckResult,
  type Resolver,
} from '../../src/dns/index.js';
import {
  BIG_RECORD_COUNT,
  DEFAULT_BULK_NAMES,
  bigAddress,
  bulkAddress,
  bulkName,
  startDnsServers,
  startRelay,
  type DnsTestServers,
} from '../support/dns-servers.js';

let servers: DnsTestServers;

before(async () => {
  servers = await startDnsServers();
  console.log(
    `DNS test servers up in ${servers.startupMs} ms (knot ${formatResolver(servers.knot)}, unbound ${formatResolver(servers.unbound)})`,
  );
});

after(async () => {
  await servers?.stop();
});

async function checkOne(
  input: DnsCheckInput,
  resolvers: Resolver[],
  timeoutMs = 1000,
): Promise<DnsCheckResult> {
  const [result] = await checkNames([input], { resolvers, timeoutMs });
  assert.ok(result);
  return result;
}

/** A UDP port on 127.0.0.1 with nothing listening (bound, then released). */
async function closedPort(): Promise<Resolver> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return { host: '127.0.0.1', port };
}

describe('checkNames against knot (authoritative) and unbound (validating)', () => {
  for (const via of ['knot', 'unbound'] as const) {
    describe(`via ${via}`, () => {
      const res = (): Resolver[] => [servers[via]];

      it('match (A), with or without trailing dot', async () => {
        for (const name of ['www.asakit.test', 'www.asakit.test.', 'WWW.Asakit.TEST']) {
          const r = await checkOne({ name, address: '192.0.2.10' }, res());
          assert.equal(r.status, 'match', r.detail);
          assert.deepEqual(r.resolved, ['192.0.2.10']);
          assert.deepEqual(r.cnames, []);
          assert.equal(r.detail, 'resolves to 192.0.2.10');
        }
      });

      it('match (AAAA), IPv6 written differently on either side', async () => {
        const a = await checkOne({ name: 'www.asakit.test', address: '2001:0db8:0:0::10' }, res());
        assert.equal(a.status, 'match', a.detail);
        assert.deepEqual(a.resolved, ['2001:db8::10']);
        // zone says 2001:db8:0:0:0:0:1:1
        const b = await checkOne({ name: 'v6.asakit.test', address: '2001:DB8::1:1' }, res());
        assert.equal(b.status, 'match', b.detail);
        assert.deepEqual(b.resolved, ['2001:db8::1:1']);
      });

      it('mismatch reports what the name resolves to', async () => {
        const r = await checkOne({ name: 'moved.asakit.test', address: '192.0.2.10' }, res());
        assert.equal(r.status, 'mismatch');
        assert.deepEqual(r.resolved, ['192.0.2.99']);
        assert.match(r.detail, /resolves to 192\.0\.2\.99/);
      });

      it('mismatch when the name has no record of that family (NODATA)', async () => {
        const r = await checkOne({ name: 'moved.asakit.test', address: '2001:db8::99' }, res());
        assert.equal(r.status, 'mismatch');
        assert.deepEqual(r.resolved, []);
        assert.match(r.detail, /no AAAA record/);
      });

      it('nxdomain', async () => {
        const r = await checkOne({ name: 'nope.asakit.test', address: '192.0.2.10' }, res());
        assert.equal(r.status, 'nxdomain', r.detail);
        assert.deepEqual(r.resolved, []);
        assert.match(r.detail, /does not exist \(NXDOMAIN from 127\.0\.0\.1:\d+\)/);
      });

      it('CNAME chain (2 hops) match and mismatch', async () => {
        const m = await checkOne({ name: 'alias.asakit.test', address: '192.0.2.20' }, res());
        assert.equal(m.status, 'match', m.detail);
        assert.deepEqual(m.cnames, ['alias2.asakit.test.', 'target.asakit.test.']);
        assert.equal(
          m.detail,
          'resolves to 192.0.2.20 (via CNAME alias2.asakit.test., target.asakit.test.)',
        );
        const x = await checkOne({ name: 'alias.asakit.test', address: '192.0.2.21' }, res());
        assert.equal(x.status, 'mismatch');
        assert.deepEqual(x.resolved, ['192.0.2.20']);
        assert.deepEqual(x.cnames, ['alias2.asakit.test.', 'target.asakit.test.']);
      });

      it('CNAME into another zone (knot returns only the CNAME: the target is re-queried)', async () => {
        const r = await checkOne({ name: 'ext.asakit.test', address: '192.0.2.30' }, res());
        assert.equal(r.status, 'match', r.detail);
        assert.deepEqual(r.cnames, ['host.other.test.']);
      });

      it('CNAME to a missing name is nxdomain; a CNAME loop is unverified', async () => {
        const d = await checkOne({ name: 'dangling.asakit.test', address: '192.0.2.10' }, res());
        assert.equal(d.status, 'nxdomain', d.detail);
        assert.deepEqual(d.cnames, ['gone.asakit.test.']);
        assert.match(d.detail, /gone\.asakit\.test\. does not exist/);
        const l = await checkOne({ name: 'loop1.asakit.test', address: '192.0.2.10' }, res(), 500);
        assert.equal(l.status, 'unverified', l.detail);
        // knot hands out the loop, unbound gives up on it with SERVFAIL (also with CD=1).
        assert.match(
          l.detail,
          via === 'knot' ? /CNAME loop at loop1\.asakit\.test\./ : /SERVFAIL .* also with CD=1/,
        );
      });

      it('answers too big for UDP are fetched over TCP (TC bit)', async () => {
        const r = await checkOne({ name: 'big.asakit.test', address: bigAddress(77) }, res());
        assert.equal(r.status, 'match', r.detail);
        assert.equal(r.resolved.length, BIG_RECORD_COUNT);
      });
    });
  }

  it('dnssec-failure: SERVFAIL from the validating resolver, answer with CD=1', async () => {
    const input = { name: 'www.broken.asakit.test', address: '192.0.2.7' };
    const direct = await checkOne(input, [servers.knot]);
    assert.equal(direct.status, 'match', direct.detail);

    const r = await checkOne(input, [servers.unbound]);
    assert.equal(r.status, 'dnssec-failure', r.detail);
    assert.deepEqual(r.resolved, ['192.0.2.7']);
    assert.equal(
      r.detail,
      `SERVFAIL from validating resolver ${formatResolver(servers.unbound)}; answer with CD=1: 192.0.2.7`,
    );

    const v6 = await checkOne({ name: 'v6.broken.asakit.test', address: '2001:db8::8' }, [
      servers.unbound,
    ]);
    assert.equal(v6.status, 'dnssec-failure', v6.detail);
    assert.deepEqual(v6.resolved, ['2001:db8::7']);
  });

  it('dnssec-failure through a CNAME into the broken zone', async () => {
    const r = await checkOne({ name: 'badlink.asakit.test', address: '192.0.2.7' }, [
      servers.unbound,
    ]);
    assert.equal(r.status, 'dnssec-failure', r.detail);
    assert.deepEqual(r.resolved, ['192.0.2.7']);
    assert.deepEqual(r.cnames, ['www.broken.asakit.test.']);
  });

  it('SERVFAIL also with CD=1 is unverified', async () => {
    // Outside the test zones unbound's only "root server" is knot, which refuses: SERVFAIL.
    const r = await checkOne({ name: 'www.example.com', address: '192.0.2.10' }, [servers.unbound]);
    assert.equal(r.status, 'unverified', r.detail);
    assert.match(r.detail, /SERVFAIL from 127\.0\.0\.1:\d+, also with CD=1/);
  });

  it('REFUSED is unverified', async () => {
    const r = await checkOne({ name: 'www.example.com', address: '192.0.2.10' }, [servers.knot]);
    assert.equal(r.status, 'unverified', r.detail);
    assert.match(r.detail, /REFUSED from 127\.0\.0\.1:\d+/);
  });

  it('bad inputs are unverified, never thrown', async () => {
    const results = await checkNames(
      [
        { name: 'www.asakit.test', address: 'not-an-ip' },
        { name: `${'a'.repeat(64)}.asakit.test`, address: '192.0.2.10' },
        { name: 'a..b.test', address: '192.0.2.10' },
      ],
      { resolvers: [servers.knot] },
    );
    assert.deepEqual(
      results.map((r) => r.status),
      ['unverified', 'unverified', 'unverified'],
    );
    const none = await checkNames([{ name: 'www.asakit.test', address: '192.0.2.10' }], {
      resolvers: [],
    });
    assert.equal(none[0]?.status, 'unverified');
    assert.deepEqual(await checkNames([], { resolvers: [servers.knot] }), []);
  });
});

describe('time-outs and fail-over', () => {
  it('black-hole resolver: unverified within timeout x tries', async () => {
    const start = Date.now();
    const r = await checkOne(
      { name: 'www.asakit.test', address: '192.0.2.10' },
      [servers.blackhole],
      200,
    );
    const elapsed = Date.now() - start;
    assert.equal(r.status, 'unverified');
    assert.equal(r.detail, `no answer from ${formatResolver(servers.blackhole)} after 2 tries`);
    assert.ok(elapsed >= 380 && elapsed < 2500, `took ${elapsed} ms`);

    const once = Date.now();
    const r1 = await checkNames([{ name: 'www.asakit.test', address: '192.0.2.10' }], {
      resolvers: [servers.blackhole],
      timeoutMs: 150,
      retries: 0,
    });
    assert.equal(r1[0]?.detail, `no answer from ${formatResolver(servers.blackhole)} after 1 try`);
    assert.ok(Date.now() - once < 2000);
  });

  it('IPv6 resolver ([::1]:port)', async (t) => {
    if (!servers.knot6) {
      t.skip('this machine has no IPv6 loopback (::1)');
      return;
    }
    const resolver = parseResolver(`[::1]:${servers.knot6.port}`);
    const r = await checkOne({ name: 'www.asakit.test', address: '2001:db8::10' }, [resolver]);
    assert.equal(r.status, 'match', r.detail);
    const big = await checkOne({ name: 'big.asakit.test', address: bigAddress(0) }, [resolver]);
    assert.equal(big.status, 'match', big.detail);
  });

  it('a second resolver after a dead one still answers', async () => {
    const r = await checkOne(
      { name: 'www.asakit.test', address: '192.0.2.10' },
      [servers.blackhole, servers.knot],
      200,
    );
    assert.equal(r.status, 'match', r.detail);
    const closed = await closedPort();
    const start = Date.now();
    const c = await checkOne(
      { name: 'moved.asakit.test', address: '192.0.2.99' },
      [closed, servers.unbound],
      3000,
    );
    assert.equal(c.status, 'match', c.detail);
    // ICMP port unreachable is seen at once: no need to wait for the 2 x 3 s time-out.
    assert.ok(Date.now() - start < 2500, `took ${Date.now() - start} ms`);
  });

  it('a dead first resolver is asked last once it keeps failing', async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => ({
      name: bulkName(i),
      address: bulkAddress(i),
    }));
    const start = Date.now();
    const results = await checkNames(inputs, {
      resolvers: [servers.blackhole, servers.knot],
      timeoutMs: 200,
      concurrency: 8,
    });
    const elapsed = Date.now() - start;
    assert.ok(results.every((r) => r.status === 'match'));
    // Without demotion: 200 / 8 * 400 ms = 10 s.
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });

  it('all resolvers dead: every check unverified, bounded time', async () => {
    const closed = await closedPort();
    const inputs = Array.from({ length: 20 }, (_, i) => ({
      name: bulkName(i),
      address: bulkAddress(i),
    }));
    const start = Date.now();
    const results = await checkNames(inputs, {
      resolvers: [servers.blackhole, closed],
      timeoutMs: 100,
      concurrency: 4,
    });
    assert.ok(results.every((r) => r.status === 'unverified'));
    assert.match(
      results[0]?.detail ?? '',
      /no answer from 127\.0\.0\.1:\d+ after 2 tries; 127\.0\.0\.1:\d+: connection refused/,
    );
    assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
  });
});

describe('concurrency, caching and response matching', () => {
  it(`${DEFAULT_BULK_NAMES} names in a few seconds, in order, with progress`, async () => {
    const inputs: DnsCheckInput[] = Array.from({ length: DEFAULT_BULK_NAMES }, (_, i) => ({
      name: bulkName(i),
      // every 100th configured address is wrong
      address: i % 100 === 0 ? '192.0.2.254' : bulkAddress(i),
    }));
    let calls = 0;
    let last: [number, number] = [0, 0];
    const start = Date.now();
    const results = await checkNames(inputs, {
      resolvers: [servers.knot],
      onProgress: (done, total) => {
        calls++;
        last = [done, total];
      },
    });
    const elapsed = Date.now() - start;
    console.log(`${DEFAULT_BULK_NAMES} names via knot in ${elapsed} ms`);
    assert.equal(results.length, DEFAULT_BULK_NAMES);
    results.forEach((r, i) => {
      assert.equal(r.input, inputs[i]);
      assert.equal(r.status, i % 100 === 0 ? 'mismatch' : 'match', `${r.input.name}: ${r.detail}`);
    });
    assert.equal(calls, DEFAULT_BULK_NAMES);
    assert.deepEqual(last, [DEFAULT_BULK_NAMES, DEFAULT_BULK_NAMES]);
    assert.ok(elapsed < 10000, `took ${elapsed} ms`);
  });

  it(`${DEFAULT_BULK_NAMES} names through the validating resolver`, async () => {
    const inputs = Array.from({ length: DEFAULT_BULK_NAMES }, (_, i) => ({
      name: bulkName(i),
      address: bulkAddress(i),
    }));
    const start = Date.now();
    const results = await checkNames(inputs, { resolvers: [servers.unbound] });
    console.log(`${DEFAULT_BULK_NAMES} names via unbound in ${Date.now() - start} ms`);
    assert.ok(results.every((r) => r.status === 'match'));
  });

  it('no more than `concurrency` queries in flight; identical questions asked once', async () => {
    const relay = await startRelay(servers.knot);
    try {
      const inputs = Array.from({ length: 300 }, (_, i) => ({
        name: bulkName(i % 150),
        address: bulkAddress(i % 150),
      }));
      const results = await checkNames(inputs, { resolvers: [relay.resolver], concurrency: 5 });
      assert.ok(results.every((r) => r.status === 'match'));
      assert.equal(relay.received, 150);
      assert.ok(relay.maxOutstanding <= 5, `max outstanding ${relay.maxOutstanding}`);
      assert.ok(
        relay.maxOutstanding >= 2,
        `max outstanding ${relay.maxOutstanding}: no parallelism?`,
      );
    } finally {
      await relay.stop();
    }
  });

  it('responses with another id or another question are ignored', async () => {
    const relay = await startRelay(servers.knot, { spoof: true });
    try {
      const results = await checkNames(
        [
          { name: 'www.asakit.test', address: '192.0.2.10' },
          { name: 'alias.asakit.test', address: '192.0.2.20' },
        ],
        { resolvers: [relay.resolver] },
      );
      assert.ok(relay.decoys >= 4, `decoys sent: ${relay.decoys}`);
      for (const r of results) {
        assert.equal(r.status, 'match', r.detail);
        assert.ok(
          !r.resolved.includes('203.0.113.66') && !r.resolved.includes('203.0.113.77'),
          r.detail,
        );
      }
    } finally {
      await relay.stop();
    }
  });
});

describe('reverseLookup', () => {
  for (const via of ['knot', 'unbound'] as const) {
    it(`PTR names via ${via}`, async () => {
      const addrs = [
        '192.0.2.10',
        '192.0.2.20',
        '192.0.2.21',
        '192.0.2.99',
        '2001:db8::10',
        '2001:0DB8:0::0010',
        'bogus',
      ];
      let progress = 0;
      const names = await reverseLookup(addrs, {
        resolvers: [servers[via]],
        onProgress: () => progress++,
      });
      assert.deepEqual(
        [...names.entries()],
        [
          ['192.0.2.10', 'www.asakit.test'],
          ['192.0.2.20', 'target.asakit.test'],
          ['192.0.2.21', 'moved.asakit.test'], // via a CNAME (RFC 2317 style)
          ['192.0.2.99', null],
          ['2001:db8::10', 'www.asakit.test'],
          ['2001:0DB8:0::0010', 'www.asakit.test'],
          ['bogus', null],
        ],
      );
      assert.equal(progress, addrs.length);
    });
  }

  it('unreachable resolver gives null, in bounded time', async () => {
    const start = Date.now();
    const names = await reverseLookup(['192.0.2.10'], {
      resolvers: [servers.blackhole],
      timeoutMs: 100,
    });
    assert.equal(names.get('192.0.2.10'), null);
    assert.ok(Date.now() - start < 2500);
  });
});

describe('pure helpers', () => {
  it('parseResolver', () => {
    assert.deepEqual(parseResolver('192.0.2.1'), { host: '192.0.2.1', port: 53 });
    assert.deepEqual(parseResolver(' 127.0.0.1:5353 '), { host: '127.0.0.1', port: 5353 });
    assert.deepEqual(parseResolver('::1'), { host: '::1', port: 53 });
    assert.deepEqual(parseResolver('2001:db8::53'), { host: '2001:db8::53', port: 53 });
    assert.deepEqual(parseResolver('[::1]:5353'), { host: '::1', port: 5353 });
    assert.deepEqual(parseResolver('[2001:db8::53]'), { host: '2001:db8::53', port: 53 });
    for (const bad of [
      '',
      'dns.google',
      'dns.google:53',
      '192.0.2.1:',
      '192.0.2.1:0',
      '192.0.2.1:65536',
      '192.0.2.1:53x',
      '[::1',
      '[::1]:',
      '[192.0.2.1]:53',
      '[::1]x',
      '1.2.3',
      '300.1.1.1',
      '::1:53:zz',
    ]) {
      assert.throws(
        () => parseResolver(bad),
        (err: unknown) => err instanceof Error && err.message.includes('invalid resolver'),
        bad,
      );
    }
  });

  it('formatResolver', () => {
    assert.equal(formatResolver({ host: '127.0.0.1', port: 53 }), '127.0.0.1:53');
    assert.equal(formatResolver({ host: '::1', port: 5353 }), '[::1]:5353');
  });

  it('systemResolvers returns parsed resolvers', () => {
    for (const r of systemResolvers()) {
      assert.ok(r.port > 0 && r.port < 65536);
      assert.deepEqual(parseResolver(formatResolver(r)), r);
    }
  });

  it('isDnsName', () => {
    for (const yes of [
      'mail.example.com',
      'www.example.net.',
      'a.b',
      'web-01.corp.example.org',
      'x1.xn--p1ai',
      'WWW.EXAMPLE.COM',
    ]) {
      assert.equal(isDnsName(yes), true, yes);
    }
    for (const no of [
      '10.1.1.1',
      '10.1.1.1.',
      'web01',
      'web01.',
      '',
      '.',
      'example..com',
      '-a.example.com',
      'a-.example.com',
      'my_host.example.com',
      'host.example.123',
      'host.example.c0m',
      `${'a'.repeat(64)}.com`,
      'a b.com',
      '2001:db8::1',
      'example.com..',
    ]) {
      assert.equal(isDnsName(no), false, no);
    }
  });

  it('reverseName', () => {
    assert.equal(reverseName('192.0.2.10'), '10.2.0.192.in-addr.arpa');
    assert.equal(
      reverseName('2001:db8::1'),
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
    assert.equal(reverseName('web01'), null);
  });
});
