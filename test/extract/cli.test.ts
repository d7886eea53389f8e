// `asakit extract` as scripts use it (CLI.md): config from --config or standard input (plain or
// gzip, detected by magic bytes), NAMEIF positional, --format json, --include-global, exit 2 with
// one line on stderr for an unknown interface, a note on stderr for an interface without
// access-group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cliPath, repoRoot } from '../support/paths.js';
import { VERSION, configLines, reparse } from './util.js';

const fixturesDir = join(repoRoot, 'test', 'fixtures', 'extract');
const PC = 'pc-hosting/config.cfg';
const pcText = readFileSync(join(fixturesDir, PC));
const NOW = ['--now', '2026-01-01T00:00:00Z'];
const expected = (name: string) =>
  readFileSync(join(fixturesDir, 'pc-hosting', `${name}.expected.txt`), 'utf8').replaceAll(
    '{{VERSION}}',
    VERSION,
  );

function asakit(args: string[], input?: Buffer | string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cliPath, ...args], {
    cwd: fixturesDir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ASAKIT_DEBUG: '' },
    ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }),
  });
}

/** One line on stderr, no stack trace. */
function assertOneLineError(r: SpawnSyncReturns<string>): void {
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  assert.ok(!/\n\s+at /.test(r.stderr) && !/Error:/.test(r.stderr), `no stack trace: ${r.stderr}`);
}

test('cli extract --config FILE NAMEIF prints the extract (same as the fixture)', () => {
  const r = asakit(['extract', '--config', PC, 'cust1', ...NOW]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, expected('cust1'));
});

test('cli extract FILE NAMEIF (the file without --config): one line that says how to give it', () => {
  for (const input of ['', 'hostname other\n']) {
    const r = asakit(['extract', PC, 'cust1', ...NOW], input);
    assertOneLineError(r);
    assert.match(
      r.stderr,
      /\(pc-hosting\/config\.cfg is a file: the interface names are the arguments, the configuration is --config pc-hosting\/config\.cfg or standard input\)\n$/,
    );
  }
  // an interface argument that is no file: the plain message
  const r = asakit(['extract', 'cust1', ...NOW], '');
  assertOneLineError(r);
  assert.doesNotMatch(r.stderr, /is a file/);
});

test('cli extract reads the configuration from standard input', () => {
  const r = asakit(['extract', 'cust1', ...NOW], pcText);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^! source: <stdin>$/m);
  assert.deepEqual(configLines(r.stdout), configLines(expected('cust1')));
});

test('cli extract reads gzip input (standard input and --config), detected by magic bytes', () => {
  const gz = gzipSync(pcText);
  const fromStdin = asakit(['extract', 'cust1', ...NOW], gz);
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  assert.deepEqual(configLines(fromStdin.stdout), configLines(expected('cust1')));
  const dir = mkdtempSync(join(tmpdir(), 'asakit-extract-'));
  try {
    const file = join(dir, 'fw.cfg'); // no .gz in the name: the bytes decide
    writeFileSync(file, gz);
    const fromFile = asakit(['extract', '--config', file, 'cust1', ...NOW]);
    assert.equal(fromFile.status, 0, fromFile.stderr);
    assert.deepEqual(configLines(fromFile.stdout), configLines(expected('cust1')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli extract with an unknown nameif: exit 2, stderr lists the nameifs, no stack trace', () => {
  const r = asakit(['extract', '--config', PC, 'cust9']);
  assertOneLineError(r);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /cust9/);
  for (const n of ['outside', 'inside', 'cust1', 'cust2', 'cust3']) {
    assert.ok(r.stderr.split(/[\s,;:]+/).includes(n), `stderr lists ${n}: ${r.stderr}`);
  }
  // substring of a real nameif is still unknown
  assertOneLineError(asakit(['extract', '--config', PC, 'cust']));
  // one unknown among known ones
  assertOneLineError(asakit(['extract', '--config', PC, 'cust1', 'nope']));
});

test('cli extract from empty standard input: exit 2, one line', () => {
  assertOneLineError(asakit(['extract', 'cust1'], ''));
});

test('cli extract of an interface without access-group: valid extract and a note on stderr', () => {
  const r = asakit(['extract', '--config', PC, 'cust3', ...NOW]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /cust3/);
  assert.match(r.stderr, /access-group/);
  const c = reparse(r.stdout);
  assert.equal(c.accessGroups.length, 0);
  assert.ok(c.interfacesByNameif.has('cust3'));
  assert.deepEqual(configLines(r.stdout), configLines(expected('cust3')));
});

test('cli extract --format json has the CLI.md fields', () => {
  const r = asakit(['extract', '--config', PC, 'cust1', '--format', 'json', ...NOW]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  for (const k of [
    'interfaces',
    'accessGroups',
    'accessLists',
    'nat',
    'objectGroups',
    'objects',
    'omitted',
  ]) {
    assert.ok(k in j, `field ${k}`);
  }
  for (const k of ['interfaces', 'accessGroups', 'accessLists', 'nat', 'objectGroups', 'objects']) {
    assert.ok(Array.isArray(j[k]), `${k} is an array`);
  }
  const omitted = j['omitted'] as Record<string, unknown>;
  assert.ok(Object.keys(omitted).length > 0);
  for (const v of Object.values(omitted)) assert.equal(typeof v, 'number');
  // counts, never names: nothing of the other customers in the JSON at all
  for (const other of [
    'cust2-servers',
    'ALL-CUSTOMERS',
    'cust2-web',
    'web-old',
    'cust2_access_in',
    'global_access',
  ]) {
    assert.ok(
      !r.stdout.includes(`"${other}"`) && !r.stdout.includes(` ${other} `),
      `JSON mentions ${other}`,
    );
  }
  assert.deepEqual(
    (j['interfaces'] as { nameif: string }[]).map((i) => i.nameif),
    ['cust1'],
  );
});

test('cli extract --include-global: only the global entries inside the customer space', () => {
  const plain = asakit(['extract', '--config', PC, 'cust2', ...NOW]);
  assert.equal(plain.status, 0, plain.stderr);
  assert.ok(!plain.stdout.includes('global_access'), 'global ACL omitted by default');
  const json = JSON.parse(
    asakit(['extract', '--config', PC, 'cust2', '--format', 'json']).stdout,
  ) as {
    omitted: Record<string, number>;
  };
  assert.ok(
    Object.entries(json.omitted).some(([k, v]) => /global/i.test(k) && v > 0),
    `the global ACL is counted in omitted: ${JSON.stringify(json.omitted)}`,
  );
  const withGlobal = asakit(['extract', '--config', PC, 'cust2', '--include-global', ...NOW]);
  assert.equal(withGlobal.status, 0, withGlobal.stderr);
  const globalLines = withGlobal.stdout
    .split('\n')
    .filter((l) => l.startsWith('access-list global_access '));
  assert.deepEqual(globalLines, [
    'access-list global_access extended permit tcp any object cust2-web eq https',
  ]);
  assert.ok(withGlobal.stdout.split('\n').includes('access-group global_access global'));
  assert.deepEqual(configLines(withGlobal.stdout), configLines(expected('cust2.global')));
});

test('cli extract with several nameifs (one customer, several VLANs)', () => {
  const r = asakit([
    'extract',
    '--config',
    'multi-vlan/config.cfg',
    'kappa-web',
    'kappa-db',
    ...NOW,
  ]);
  assert.equal(r.status, 0, r.stderr);
  const want = readFileSync(
    join(fixturesDir, 'multi-vlan', 'kappa-web+kappa-db.expected.txt'),
    'utf8',
  ).replaceAll('{{VERSION}}', VERSION);
  assert.equal(r.stdout, want);
  assert.match(r.stderr, /kappa-db/);
});

test('cli extract --help shows examples', () => {
  const r = asakit(['extract', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Examples:/);
  assert.match(r.stdout, /asakit extract/);
});

// BUG (lead, src/cli/main.ts): CLI.md says a usage error is "one line on stderr"; commander's
// usage errors (missing NAMEIF, a bad --format value) are followed by the whole help text
// (`showHelpAfterError()`).
test('cli extract usage errors (no nameif, bad --format): exit 2, one line on stderr', () => {
  assertOneLineError(asakit(['extract', '--config', PC]));
  assertOneLineError(asakit(['extract', '--config', PC, 'cust1', '--format', 'xml']));
});
