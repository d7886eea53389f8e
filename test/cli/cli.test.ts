// The command-line contract (CLI.md): entry point, help, input forms, exit codes, one-line errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, configsDir, examplesDir } from '../support/paths.js';

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sample = join(configsDir, 'ciscoconfparse__sample_01.cfg');

test('--version and --help', () => {
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out, /^\d+\.\d+\.\d+\n$/);
  const h = run(['--help']);
  assert.equal(h.code, 0);
  for (const c of ['parse', 'extract', 'audit']) assert.match(h.out, new RegExp(`\\b${c}\\b`));
  for (const c of ['parse', 'extract', 'audit']) {
    const ch = run([c, '--help']);
    assert.equal(ch.code, 0);
    assert.match(ch.out, /Examples:/);
  }
});

test('parse: summary from a path, gzip from stdin, JSON model', () => {
  const s = run(['parse', sample]);
  assert.equal(s.code, 0);
  assert.match(s.out, /423 lines/);
  assert.match(s.out, /unknown lines: \d+/);
  const gz = run(['parse', '-', '--format', 'json'], gzipSync(readFileSync(sample)));
  assert.equal(gz.code, 0);
  const model = JSON.parse(gz.out) as {
    lines: number;
    objects: unknown[];
    references: { uses: unknown[] };
  };
  assert.equal(model.lines, 423);
  assert.ok(model.objects.length > 10);
  assert.ok(model.references.uses.length > 10);
});

test('bad input: one line on stderr, exit 2, no stack trace', () => {
  for (const [args, input, pattern] of [
    [
      ['parse', '/nonexistent/fw.cfg'],
      undefined,
      /^asakit: \/nonexistent\/fw\.cfg: cannot read: no such file\n$/,
    ],
    [
      ['parse', '-'],
      Buffer.from([0, 1, 2, 3, 0, 0, 0, 0, 255, 254, 0, 0, 7, 7, 7, 0]),
      /^asakit: <stdin>: not a configuration: the input is binary data\n$/,
    ],
    [['audit', '-'], 'hello world\n', /^asakit: <stdin>:1: not an ASA configuration/],
    [
      ['parse', '-'],
      gzipSync(Buffer.from('hostname x\n'.repeat(100))).subarray(0, 30),
      /^asakit: <stdin>: corrupt or truncated gzip data/,
    ],
    [['audit', sample, '--rule', 'nonsense'], undefined, /^asakit: unknown rule nonsense/],
    [['audit', sample, '--now', 'yesterday'], undefined, /^asakit: --now: not an ISO date/],
  ] as const) {
    const r = run([...args], input as string | Buffer | undefined);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, pattern as RegExp);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

test('audit exit status follows --fail-on', () => {
  assert.equal(run(['audit', sample]).code, 1);
  assert.equal(run(['audit', sample, '--fail-on', 'never']).code, 0);
  assert.equal(
    run(['audit', join(configsDir, 'netutils__asa_full_sent.cfg'), '--rule', 'undefined']).code,
    0,
  );
});

test('audit --format json follows the CLI.md shape', () => {
  const r = run(['audit', sample, '--format', 'json']);
  const j = JSON.parse(r.out) as {
    findings: Record<string, unknown>[];
    summary: { lines: number; unknownLines: number; findings: Record<string, number> };
  };
  assert.equal(j.summary.lines, 423);
  assert.ok(j.findings.length > 0);
  for (const f of j.findings) {
    for (const k of [
      'rule',
      'severity',
      'subject',
      'line',
      'message',
      'reason',
      'fix',
      'references',
    ])
      assert.ok(k in f, k);
  }
  const total = Object.values(j.summary.findings).reduce((a, b) => a + b, 0);
  assert.equal(total, j.findings.length);
});

test('the bundled example parses with no unknown lines', () => {
  const r = run(['parse', join(examplesDir, 'hosting.cfg')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /unknown lines: 0\n/);
});
