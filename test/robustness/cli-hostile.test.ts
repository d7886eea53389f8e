// Hostile inputs through the command line: every command ends with exit 0, 1 or 2, a clear
// message, never a stack trace, never an "internal error", never a hang (each run has a timeout),
// and its output is valid (JSON parses; an extract's text parses again as a configuration).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfigText } from '../../src/model/build.js';
import { cliPath, configsDir } from '../support/paths.js';
import type { Finding } from '../../src/audit/types.js';
import { SHAPES, shapeConfig } from '../../bench/shapes.js';

/** A hang fails the test instead of blocking the run. */
const TIMEOUT_MS = 60_000;
const NOW = '2024-01-01T00:00:00Z';

interface Run {
  args: string[];
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI; a run that outlives TIMEOUT_MS is killed and reported with code null. */
function run(args: string[], input?: Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, NO_COLOR: '1', ASAKIT_DEBUG: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // the CLI may exit before reading all of its input
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        args,
        code: timedOut ? null : code,
        out: Buffer.concat(out).toString('utf8'),
        err: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** The contract every run must keep, whatever the input. */
function assertClean(r: Run, opts: { json?: boolean } = {}): void {
  const what = `asakit ${r.args.map((a) => (a.length > 60 ? a.slice(0, 57) + '...' : a)).join(' ')}`;
  assert.notEqual(r.code, null, `${what}: did not finish within ${TIMEOUT_MS} ms (hang?)`);
  assert.ok(
    [0, 1, 2].includes(r.code as number),
    `${what}: exit ${r.code}\n${r.err.slice(0, 500)}`,
  );
  assert.doesNotMatch(
    r.err,
    /^ {4}at /m,
    `${what}: stack trace on stderr:\n${r.err.slice(0, 800)}`,
  );
  assert.doesNotMatch(r.err, /internal error/, `${what}: ${r.err.slice(0, 500)}`);
  if (r.code === 2) {
    assert.equal(r.out, '', `${what}: exit 2 with output`);
    assert.match(
      r.err,
      /^asakit: \S.*\n$/,
      `${what}: exit 2 needs one clear line: ${JSON.stringify(r.err.slice(0, 300))}`,
    );
  } else if (opts.json) {
    assert.doesNotThrow(() => JSON.parse(r.out), `${what}: stdout is not JSON`);
  }
}

let dir = '';
const file = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

const sample = (): string =>
  readFileSync(join(configsDir, 'ciscoconfparse__sample_01.cfg'), 'latin1');

/**
 * parse (summary and JSON), audit (JSON and text) and extract (JSON and text, for the first
 * nameif, or a missing one when there is none) must all keep the contract. Returns the runs.
 */
async function everyCommand(path: string): Promise<Record<string, Run>> {
  const [parse, parseJson, audit, auditJson] = await Promise.all([
    run(['parse', path]),
    run(['parse', '--format', 'json', path]),
    run(['audit', '--now', NOW, path]),
    run(['audit', '--format', 'json', '--now', NOW, path]),
  ]);
  assertClean(parse);
  assertClean(parseJson, { json: true });
  assertClean(audit);
  assertClean(auditJson, { json: true });
  assert.equal(audit.code, auditJson.code, 'audit: the same exit for text and JSON');
  assert.equal(parse.code, parseJson.code, 'parse: the same exit for summary and JSON');
  const ifs =
    parseJson.code === 0
      ? (JSON.parse(parseJson.out) as { interfaces: { nameif?: string }[] }).interfaces
          .map((i) => i.nameif)
          .filter((n): n is string => n !== undefined)
      : [];
  const target = ifs[0] ?? 'no-such-interface';
  const [extract, extractJson] = await Promise.all([
    run(['extract', '--config', path, '--now', NOW, target]),
    run(['extract', '--config', path, '--format', 'json', '--now', NOW, target]),
  ]);
  assertClean(extract);
  assertClean(extractJson, { json: true });
  assert.equal(extract.code, extractJson.code, 'extract: the same exit for text and JSON');
  if (extract.code === 0) {
    // The extract is itself a configuration.
    assert.doesNotThrow(() => loadConfigText(extract.out, 'extract'));
  }
  if (ifs.length === 0) assert.equal(extract.code, 2, 'extract of a missing nameif: exit 2');
  return {
    parse,
    'parse-json': parseJson,
    audit,
    'audit-json': auditJson,
    extract,
    'extract-json': extractJson,
  };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'asakit-robust-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A small customer configuration around some extra lines. */
function wrap(body: string): string {
  return [
    'hostname robust',
    'interface GigabitEthernet0/1',
    ' nameif inside',
    ' security-level 100',
    ' ip address 10.0.0.254 255.255.255.0',
    body.replace(/\n$/, ''),
    '',
  ].join('\n');
}

describe('input that is not a configuration: exit 2, one clear line', () => {
  test('empty file and empty standard input', async () => {
    const p = file('empty.cfg', '');
    for (const r of Object.values(await everyCommand(p))) assert.equal(r.code, 2);
    const r = await run(['parse', p]);
    assert.match(r.err, /empty/);
    const s = await run(['parse', '-'], Buffer.alloc(0));
    assertClean(s);
    assert.equal(s.code, 2);
  });

  test('binary garbage (file and standard input)', async () => {
    // Deterministic pseudo-random bytes.
    const buf = Buffer.alloc(200_000);
    let x = 12345;
    for (let i = 0; i < buf.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      buf[i] = x >>> 24;
    }
    const p = file('garbage.bin', buf);
    for (const r of Object.values(await everyCommand(p))) assert.equal(r.code, 2);
    assert.match((await run(['parse', p])).err, /binary|not a configuration|not an ASA/);
    const s = await run(['audit', '-'], buf);
    assertClean(s);
    assert.equal(s.code, 2);
  });

  test('truncated gzip (file and standard input)', async () => {
    const gz = gzipSync(sample());
    const p = file('trunc.cfg.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    for (const r of Object.values(await everyCommand(p))) assert.equal(r.code, 2);
    assert.match((await run(['parse', p])).err, /gzip/);
    const s = await run(['parse', '-'], gz.subarray(0, 10));
    assertClean(s);
    assert.equal(s.code, 2);
    // Only the magic bytes.
    const m = await run(['audit', file('magic.gz', Buffer.from([0x1f, 0x8b]))]);
    assertClean(m);
    assert.equal(m.code, 2);
  });

  test('text that is no configuration at all', async () => {
    const p = file('prose.txt', 'Dear customer,\nplease find attached\nour firewall rules.\n');
    for (const r of Object.values(await everyCommand(p))) assert.equal(r.code, 2);
  });
});

describe('damaged or unusual configurations: no crash, valid output', () => {
  test('an 8 MB single line: one token, and 600k tokens', async () => {
    const one = file(
      'long-token.cfg',
      sample() + 'access-list INSIDE_in remark ' + 'x'.repeat(8 << 20) + '\n',
    );
    await everyCommand(one);
    const many = file(
      'long-ace.cfg',
      sample() +
        'access-list INSIDE_in extended permit ip ' +
        'host 10.1.2.3 '.repeat(600_000) +
        '\n',
    );
    await everyCommand(many);
    const nested = file(
      'long-group.cfg',
      sample() +
        'object-group network BIG\n network-object ' +
        'object-group '.repeat(650_000) +
        '\n',
    );
    await everyCommand(nested);
    const nl = file('no-newline.cfg', 'hostname x\n' + 'y'.repeat(8 << 20));
    await everyCommand(nl);
  });

  test('NUL bytes inside a configuration', async () => {
    const text = sample()
      .replace('hostname', 'host\0name')
      .replace(/\n!/g, '\n\0!')
      .replace('nameif INSIDE', 'nameif INSIDE\0');
    const runs = await everyCommand(file('nul.cfg', text));
    assert.notEqual(runs['parse']?.code, undefined);
    // A few NULs in a text file leave the configuration readable.
    assert.equal(runs['parse']?.code, 0, runs['parse']?.err);
  });

  test('UTF-16 configurations (LE/BE, with and without BOM) parse like the UTF-8 original', async () => {
    const text = sample();
    const utf8 = await run(['parse', '--format', 'json', file('utf8.cfg', text)]);
    assertClean(utf8, { json: true });
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    const variants: [string, Buffer][] = [
      ['utf16le-bom.cfg', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['utf16le.cfg', le],
      ['utf16be-bom.cfg', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ['utf16be.cfg', be],
      [
        'utf8-bom.cfg',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]),
      ],
    ];
    const counts = (out: string) => {
      const m = JSON.parse(out) as { lines: number; counts: unknown; interfaces: unknown };
      return { lines: m.lines, counts: m.counts, interfaces: m.interfaces };
    };
    // Every command on two of them; the parsed model of all of them equals the original's.
    for (const [name, data] of [variants[0], variants[3]] as [string, Buffer][]) {
      const runs = await everyCommand(file(name, data));
      assert.equal(runs['extract']?.code, 0, `${name}: ${runs['extract']?.err}`);
    }
    const parsed = await Promise.all(
      variants.map(([name, data]) => run(['parse', '--format', 'json', file(name, data)])),
    );
    parsed.forEach((r, i) => {
      assertClean(r, { json: true });
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(counts(r.out), counts(utf8.out), variants[i]?.[0]);
    });
    // gzip of UTF-16 from standard input
    const s = await run(['parse', '--format', 'json', '-'], gzipSync(variants[0]?.[1] as Buffer));
    assertClean(s, { json: true });
    assert.deepEqual(counts(s.out), counts(utf8.out));
  });

  test('deep group-object nesting (30,000 levels): parse, audit and extract terminate', async () => {
    // deep enough for a recursive walk to overflow the stack (the extract's dependency order did)
    const N = 30_000;
    const lines: string[] = [];
    for (let i = 0; i < N; i++) {
      lines.push(`object-group network G${i}`);
      lines.push(i + 1 < N ? ` group-object G${i + 1}` : ' network-object host 10.0.0.1');
    }
    lines.push('access-list IN extended permit ip object-group G0 any');
    lines.push('access-group IN in interface inside');
    const runs = await everyCommand(file('deep.cfg', wrap(lines.join('\n'))));
    assert.equal(runs['extract']?.code, 0, runs['extract']?.err);
    // The whole chain is in the extract, innermost first (definitions before use).
    const out = runs['extract']?.out ?? '';
    assert.ok(out.includes(`object-group network G${N - 1}\n`));
    assert.ok(
      out.indexOf(`object-group network G${N - 1}\n`) < out.indexOf('object-group network G0\n'),
    );
    // Reversed order (use before definition) as well.
    const rev: string[] = [];
    for (let i = N - 1; i >= 0; i--) {
      rev.push(`object-group network R${i}`);
      rev.push(i + 1 < N ? ` group-object R${i + 1}` : ' network-object host 10.0.0.1');
    }
    rev.push('access-list IN extended permit ip object-group R0 any');
    rev.push('access-group IN in interface inside');
    await everyCommand(file('deep-rev.cfg', wrap(rev.join('\n'))));
  });

  test('lines indented 8,000 levels deep: parse, audit and extract terminate', async () => {
    // every line one blank deeper than the one before: a tree 8,000 levels deep (32 MB of
    // blanks; 4,000 overflowed the parser's recursion, 6,000 the extract's)
    const lines = [' nameif outside'];
    for (let i = 2; i < 8000; i++) lines.push(`${' '.repeat(i)}description d${i}`);
    const text = [
      'interface GigabitEthernet0/0',
      ...lines,
      'access-list A extended permit ip any any',
      'access-group A in interface outside',
      '',
    ].join('\n');
    const runs = await everyCommand(file('deep-indent.cfg', text));
    assert.equal(runs['parse']?.code, 0, runs['parse']?.err);
    assert.equal(runs['extract']?.code, 0, runs['extract']?.err);
    assert.ok(runs['extract']?.out.includes(`${' '.repeat(7999)}description d7999\n`));
  });

  test('a group of 150,000 members and 100,000 access-lists on one interface', async () => {
    // A list that large passed as call arguments (`push(...members)`) overflows the stack, and
    // a scan of the bound access-lists per binding was quadratic (minutes for 100,000)
    const lines = ['object-group network WIDE'];
    for (let i = 0; i < 150_000; i++)
      lines.push(` network-object host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    lines.push('access-list A0 extended permit ip object-group WIDE any');
    for (let i = 0; i < 100_000; i++) {
      if (i > 0) lines.push(`access-list A${i} extended permit ip any any`);
      lines.push(`access-group A${i} in interface inside`);
    }
    const p = file('wide.cfg', wrap(lines.join('\n')));
    const [extract, audit] = await Promise.all([
      run(['extract', '--config', p, '--now', NOW, 'inside']),
      run(['audit', '--format', 'json', '--now', NOW, p]),
    ]);
    assertClean(extract);
    assertClean(audit, { json: true });
    assert.equal(extract.code, 0, extract.err);
    assert.ok(extract.out.includes(' network-object host 10.2.73.239\n'), 'the last member');
    assert.ok(extract.out.includes('access-group A99999 in interface inside\n'));
  });

  test('cyclic group-object nesting: parse, audit and extract terminate', async () => {
    const runs = await everyCommand(
      file(
        'cyclic.cfg',
        wrap(`object-group network A
 group-object B
object-group network B
 group-object C
object-group network C
 group-object A
 network-object host 10.0.0.1
object-group network SELF
 group-object SELF
object-group service S1 tcp
 group-object S2
object-group service S2 tcp
 group-object S1
 port-object eq www
access-list IN extended permit tcp object-group A object-group SELF object-group S1
access-group IN in interface inside`),
      ),
    );
    assert.equal(runs['extract']?.code, 0, runs['extract']?.err);
    for (const g of ['A', 'B', 'C', 'SELF'])
      assert.match(runs['extract']?.out ?? '', new RegExp(`^object-group network ${g}$`, 'm'));
  });

  test('a name with 100k characters', async () => {
    const long = 'n' + 'a'.repeat(100_000);
    const runs = await everyCommand(
      file(
        'long-name.cfg',
        wrap(`name 10.0.0.5 ${long}
object network ${long}-obj
 host 10.0.0.6
object-group network ${long}-grp
 network-object object ${long}-obj
 network-object host ${long}
access-list IN extended permit ip object-group ${long}-grp host ${long}
access-group IN in interface inside`),
      ),
    );
    assert.equal(runs['extract']?.code, 0, runs['extract']?.err);
    assert.ok((runs['extract']?.out ?? '').includes(`object network ${long}-obj\n`));
  });

  test('truncated commands', async () => {
    await everyCommand(
      file(
        'truncated.cfg',
        wrap(`access-list X extended permit tcp any object-group
access-list X extended permit tcp any object
access-list X extended permit tcp any host
access-list X extended permit tcp any eq
access-list X extended permit
access-list X extended
access-list X
access-list
object-group network
object-group
object network
object
name
name 10.0.0.1
nat (inside,outside) source static
nat (inside,outside)
nat
access-group X in interface
access-group X in interface inside
access-group
crypto map
crypto map M 10 set peer
crypto map M 10 match address
crypto map M interface
tunnel-group
tunnel-group T
tunnel-group T ipsec-attributes
group-policy
interface
 nameif
 ip address
object-group network G
 network-object
 network-object host
 group-object
access-list Y extended permit ip object-group G any
access-group Y out interface inside`),
      ),
    );
  });

  test('invalid addresses and masks', async () => {
    await everyCommand(
      file(
        'bad-addresses.cfg',
        wrap(`name 999.1.1.1 bad-name
name 10.0.0.300 bad-name2.
object network O
 host 999.1.1.1
object network S
 subnet 10.0.0.0 255.0.255.0
object network R
 range 10.0.0.9 10.0.0.1
object network V6
 subnet 2001:db8::/999
object-group network G
 network-object 10.0.0.0 255.0.255.0
 network-object host 999.1.1.1
 network-object 1.2.3 255.255.255.0
access-list IN extended permit ip host 999.1.1.1 10.0.0.0 255.0.255.0
access-list IN extended permit ip object O object-group G
access-list IN extended permit ip object S object R
access-list IN extended permit ip object V6 2001:db8::/999
access-list IN extended permit ip 10.0.0.0 999.255.255.0 any
access-list IN extended permit tcp any any eq 99999
access-list IN extended permit tcp any any range 9000 80
access-group IN in interface inside
route inside 0.0.0.0 255.0.255.0 999.0.0.1`),
      ),
    );
  });
});

describe('duplicate definitions: warnings in parse output, no crash', () => {
  const dup = () =>
    file(
      'dup.cfg',
      wrap(`names
name 10.0.0.5 web
object network web
 host 10.0.0.6
object network srv
 host 10.0.0.7
object network srv
 host 10.0.0.8
access-list IN extended permit ip host web object srv
access-list IN extended permit ip object web any
access-group IN in interface inside`),
    );

  test('an object defined twice with different addresses', async () => {
    const p = dup();
    const runs = await everyCommand(p);
    assert.equal(runs['parse']?.code, 0);
    const w = (JSON.parse(runs['parse-json']?.out ?? '{}') as { warnings: { message: string }[] })
      .warnings;
    assert.ok(
      w.some((x) => /\bsrv\b/.test(x.message)),
      `expected a warning about object srv, got ${JSON.stringify(w)}`,
    );
    assert.match(runs['parse']?.out ?? '', /srv/);
  });

  test('a name and an object with the same name', async () => {
    const p = dup();
    const r = await run(['parse', '--format', 'json', p]);
    assertClean(r, { json: true });
    const w = (JSON.parse(r.out) as { warnings: { line: number; message: string }[] }).warnings;
    assert.ok(
      w.some((x) => /\bweb\b/.test(x.message)),
      `expected a warning that name web (line 7) and object network web (line 8) share a name, got ${JSON.stringify(w)}`,
    );
  });
});

describe('reports that grow faster than their input: bounded, and the output stays whole', () => {
  /** the stress run's shape (bench/shapes.ts) at size n, written to a file */
  const shaped = (name: string, n: number): string =>
    file(`${name}-${n}.cfg`, shapeConfig(SHAPES[name] as (n: number) => string, n));

  test('one undefined group used on 5,000 lines: one finding, every other use listed', async () => {
    // one finding per use, each listing every other use, was 25 million references: out of memory
    // 5,000 entries over 50 applied access-lists
    const p = shaped('undefined-everywhere', 5000);
    const r = await run(['audit', '--format', 'json', '--now', NOW, p]);
    assertClean(r, { json: true });
    assert.equal(r.code, 1);
    const findings = (JSON.parse(r.out) as { findings: Finding[] }).findings.filter(
      (f) => f.rule === 'undefined',
    );
    assert.equal(findings.length, 1);
    const [f] = findings as [Finding];
    assert.equal(f.references.length, 4999);
    assert.equal(f.fix.length, 5000);
    assert.match(f.message, /referenced on 5000 lines/);
  });

  test('one raw address in 400 access-lists: each finding lists the first 100 others', async () => {
    // two entries in each of 400 applied access-lists
    const p = shaped('raw-shared', 800);
    const r = await run(['audit', '--format', 'json', '--now', NOW, p]);
    assertClean(r, { json: true });
    const raw = (JSON.parse(r.out) as { findings: Finding[] }).findings.filter(
      (f) => f.rule === 'raw-address',
    );
    assert.equal(raw.length, 400);
    for (const f of raw) {
      assert.equal(f.references.length, 100);
      assert.equal(f.referencesTotal, 799);
      assert.ok(!f.references.some((x) => x.line === f.line), 'its own line is no reference');
    }
    const text = await run(['audit', '--now', NOW, p]);
    assertClean(text);
    assert.match(text.out, /also at \(799\):/);
    assert.match(text.out, /789 more \(--format json lists the first 100\)/);
  });

  test('5,000 incomplete entries of one crypto map: one finding each, in time', async () => {
    // each entry looked at every other entry twice: more than two minutes for 5,000
    const p = shaped('crypto-entries', 5000);
    const r = await run(['audit', '--format', 'json', '--rule', 'incomplete-crypto-map', p]);
    assertClean(r, { json: true });
    const found = (JSON.parse(r.out) as { findings: Finding[] }).findings;
    assert.equal(found.length, 5000);
    // the last entry's fix clears the whole map (every entry is incomplete)
    assert.ok(found.at(-1)?.fix.includes('clear configure crypto map CM'));
  });

  test('a reader that stops early (`| head`): the command ends quietly', async () => {
    const p = shaped('undefined-everywhere', 20000);
    for (const args of [
      ['audit', p],
      ['audit', '--format', 'json', p],
      ['parse', '--format', 'json', p],
    ]) {
      const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const err: Buffer[] = [];
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.stdout.once('data', () => child.stdout.destroy());
        child.on('close', (code) => resolve({ code, err: Buffer.concat(err).toString('utf8') }));
      });
      assert.equal(r.err, '', `asakit ${args[0]}: ${r.err.slice(0, 300)}`);
      assert.ok([0, 1].includes(r.code as number), `asakit ${args[0]}: exit ${r.code}`);
    }
  });
});
