// `asakit serve` and `npm start` (scripts/start.js) as processes: they come up on 127.0.0.1,
// answer, and stop cleanly on SIGINT (Ctrl-C).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../support/paths.js';
import { login, request, tempDir } from './helpers.js';

function waitFor(
  child: ChildProcess,
  re: RegExp,
  timeoutMs = 30_000,
): Promise<{ match: RegExpExecArray; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${re}; output so far:\n${output}`)),
      timeoutMs,
    );
    const onData = (c: Buffer) => {
      output += c.toString('utf8');
      const m = re.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ match: m, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${re}; output:\n${output}`));
    });
  });
}

function exited(child: ChildProcess, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error('did not stop after SIGINT')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test('asakit serve: creates the database, serves, stops on SIGINT', async () => {
  const { dir, cleanup } = tempDir();
  const child = spawn(
    process.execPath,
    [cliPath, 'serve', '--data', join(dir, 'data'), '--host', '127.0.0.1', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const { match } = await waitFor(child, /asakit portal: (http:\/\/127\.0\.0\.1:\d+)\//);
    const base = match[1] as string;
    const r = await request(base, '/login');
    assert.equal(r.status, 200);
    assert.ok(existsSync(join(dir, 'data', 'asakit.sqlite')));
    child.kill('SIGINT');
    assert.equal(await exited(child), 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    cleanup();
  }
});

test('asakit serve: a port in use is one line and exit status 2', async () => {
  const { dir, cleanup } = tempDir();
  const first = spawn(
    process.execPath,
    [cliPath, 'serve', '--data', join(dir, 'a'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const { match } = await waitFor(first, /127\.0\.0\.1:(\d+)\//);
    const second = spawn(
      process.execPath,
      [cliPath, 'serve', '--data', join(dir, 'b'), '--port', match[1] as string],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    second.stderr.on('data', (c: Buffer) => (err += c.toString()));
    assert.equal(await exited(second), 2);
    assert.match(err, /^asakit: 127\.0\.0\.1:\d+ is already in use; choose another --port\n$/);
    first.kill('SIGINT');
    assert.equal(await exited(first), 0);
  } finally {
    if (first.exitCode === null) first.kill('SIGKILL');
    cleanup();
  }
});

test('npm start (scripts/start.js): CLI tour, demo portal with working logins, clean stop on Ctrl-C', async () => {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.js')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', NO_COLOR: '1' },
  });
  try {
    const { output } = await waitFor(child, /Ctrl-C stops/, 60_000);
    assert.match(output, /\$ asakit parse examples\/hosting\.cfg/);
    assert.match(output, /\$ asakit extract --config examples\/hosting\.cfg cust-acme/);
    const base = /portal: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    assert.ok(base, output);
    const dataDir = /archive \((.*)\):/.exec(output)?.[1] as string;
    assert.ok(existsSync(dataDir));
    const acme = /customer acme\s+(\S+)\s+password (\S+)/.exec(output);
    assert.ok(acme, output);
    const cookie = await login(base, acme[1] as string, acme[2] as string);
    const days = await request(base, '/c/acme/', { cookie });
    assert.equal(days.status, 200);
    assert.match(days.body, /2018-01-12/);
    child.kill('SIGINT');
    assert.equal(await exited(child), 0);
    assert.equal(existsSync(dataDir), false, 'the demo data is removed');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
