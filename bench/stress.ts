// The stress run: every odd-shaped configuration of bench/shapes.ts at two or more sizes, through
// the real command line (audit as text, JSON and fix script; parse as JSON; extract), each run in
// its own process with a time limit. A run must end with exit 0 or 1 and no internal error, and
// its time must grow like its input: more than 2.2× per doubling of the input is reported as
// superlinear (a quadratic step gives 4×). Exit status 1 when any run fails either way.
//
//   npm run stress -- [--sizes 20k,80k] [--shapes raw-shared,names] [--timeout-seconds 120]
//                     [--out DIR]
//
// Writes OUT/stress.md (OUT defaults to bench/out, git-ignored). Peak RSS is read from
// /proc/PID/status (VmHWM) while the process runs: Linux only, "–" elsewhere.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SHAPES, shapeConfig } from './shapes.js';
import { mdTable, repoRoot, sizeOf, textTable } from './util.js';

const USAGE =
  'usage: npm run stress -- [--sizes 20k,80k] [--shapes NAME,...] [--timeout-seconds 120] [--out DIR]';

/** the commands every shape goes through (after `asakit`; FILE is the configuration) */
const COMMANDS: Record<string, string[]> = {
  audit: ['audit', '--now', '2026-01-01T00:00:00Z', 'FILE'],
  'audit json': ['audit', '--format', 'json', '--now', '2026-01-01T00:00:00Z', 'FILE'],
  'fix script': ['audit', '--fix-script', '--now', '2026-01-01T00:00:00Z', 'FILE'],
  'parse json': ['parse', '--format', 'json', 'FILE'],
  extract: ['extract', '--config', 'FILE', '--now', '2026-01-01T00:00:00Z', 'outside'],
};

/** more time than this per doubling of the input is superlinear (the growth target of #6) */
const PER_DOUBLING = 2.2;

interface Options {
  sizes: number[];
  shapes: string[];
  timeoutMs: number;
  out: string;
}

interface Run {
  ms: number;
  code: number | null;
  timedOut: boolean;
  outBytes: number;
  rssMB: number | undefined;
  internalError: boolean;
}

function fail(message: string): never {
  process.stderr.write(`stress: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[], root: string): Options {
  const o: Options = {
    sizes: [20_000, 80_000],
    shapes: Object.keys(SHAPES),
    timeoutMs: 120_000,
    out: join(root, 'bench', 'out'),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const v = argv[++i];
    if (v === undefined) fail(`${flag} needs a value`);
    if (flag === '--sizes')
      o.sizes = v.split(',').map((s) => sizeOf(s) ?? fail(`not a size: ${s}`));
    else if (flag === '--shapes') o.shapes = v.split(',');
    else if (flag === '--timeout-seconds') o.timeoutMs = Number(v) * 1000;
    else if (flag === '--out') o.out = resolve(v);
    else fail(`unknown option ${flag}`);
  }
  for (const s of o.shapes)
    if (!(s in SHAPES)) fail(`no shape ${s} (${Object.keys(SHAPES).join(', ')})`);
  if (o.sizes.length < 2) fail('--sizes needs two sizes or more');
  if (!(o.timeoutMs > 0)) fail('--timeout-seconds: not a positive number');
  return o;
}

/** the peak RSS of a running process in MB (10^6 bytes), if /proc tells */
function peakRss(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? (Number(m[1]) * 1024) / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

function runCli(cli: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((done, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let outBytes = 0;
    let err = '';
    let rssMB: number | undefined;
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => (outBytes += b.length));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    const poll = setInterval(() => (rssMB = peakRss(child.pid) ?? rssMB), 50);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      done({
        ms: performance.now() - start,
        code,
        timedOut,
        outBytes,
        rssMB,
        internalError: /internal error|^\s+at /m.test(err),
      });
    });
  });
}

function failure(r: Run): string | undefined {
  if (r.timedOut) return 'timeout';
  if (r.internalError) return 'internal error';
  if (r.code !== 0 && r.code !== 1) return `exit ${r.code}`;
  return undefined;
}

async function main(argv: string[]): Promise<void> {
  const root = repoRoot();
  const o = parseArgs(argv, root);
  const cli = join(root, 'bin', 'asakit');
  const tmp = mkdtempSync(join(tmpdir(), 'asakit-stress-'));
  const head = [
    'shape',
    'command',
    ...o.sizes.map((n) => `ms @ ${n.toLocaleString('en-US')}`),
    'per doubling',
    'RSS MB',
    'output MB',
    'verdict',
  ];
  const body: string[][] = [];
  let failed = 0;
  try {
    for (const name of o.shapes) {
      const files = o.sizes.map((n) => {
        const file = join(tmp, `${name}-${n}.cfg`);
        writeFileSync(file, shapeConfig(SHAPES[name] as (n: number) => string, n));
        return file;
      });
      for (const [command, template] of Object.entries(COMMANDS)) {
        const runs: Run[] = [];
        for (const file of files) {
          runs.push(
            await runCli(
              cli,
              template.map((a) => (a === 'FILE' ? file : a)),
              o.timeoutMs,
            ),
          );
        }
        const first = runs[0] as Run;
        const last = runs[runs.length - 1] as Run;
        const doublings = Math.log2(
          (o.sizes[o.sizes.length - 1] as number) / (o.sizes[0] as number),
        );
        const per = (last.ms / first.ms) ** (1 / doublings);
        const problems = runs.map(failure).filter((x): x is string => x !== undefined);
        if (problems.length === 0 && per > PER_DOUBLING) problems.push('superlinear');
        if (problems.length > 0) failed++;
        const row = [
          name,
          command,
          ...runs.map((r) =>
            failure(r) ? `${Math.round(r.ms)} (${failure(r)})` : String(Math.round(r.ms)),
          ),
          `${per.toFixed(2)}×`,
          last.rssMB === undefined ? '–' : String(Math.round(last.rssMB)),
          (last.outBytes / 1e6).toFixed(1),
          problems.length > 0 ? problems.join(', ') : 'ok',
        ];
        body.push(row);
        process.stdout.write(`${row.join('  ')}\n`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`\n${textTable(head, body)}`);
  mkdirSync(o.out, { recursive: true });
  const report = join(o.out, 'stress.md');
  writeFileSync(
    report,
    `Command: \`npm run stress -- ${argv.join(' ')}\`\n\n${mdTable(head, body)}\nRSS and output of the largest size.\n`,
  );
  process.stdout.write(
    `\n${failed} of ${body.length} failed; wrote ${relative(process.cwd(), report)}\n`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`stress: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
