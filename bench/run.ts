// The growth benchmark: parse, audit and extract on generated multi-customer configurations from
// 1k to 1.5M lines, each measurement in a fresh child process (so peak RSS is per measurement),
// compared with the same run's baseline (Node reading the file and splitting it into lines).
//
//   npm run bench -- [--sizes 1000,10k,1.5M] [--limit-seconds 60] [--repeat 1] [--seed 1]
//                    [--cpu-prof DIR] [--out DIR] [--child-timeout-seconds N] [--keep]
//
// Writes OUT/results.csv, OUT/report.md, OUT/growth.svg (OUT defaults to bench/out, which is
// git-ignored); without --out, also the committed copy of the chart, bench/growth.svg. The
// series stops after the first size whose full audit takes longer than --limit-seconds. With --cpu-prof DIR, the largest measured
// size is run once more (audit, then extract-all) under `node --cpu-prof --cpu-prof-dir DIR`;
// the ten functions with the most self time are printed. Timings exclude Node's start-up and
// module loading (the same for every measurement, the baseline included).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { asFirepower, generateConfig, type GeneratedConfig } from './generate.js';
import { growthSvg } from './chart.js';
import { scanReferences, scanWords } from './scan.js';
import { mdTable, repoRoot, sizeOf, textTable } from './util.js';

function parseSize(s: string): number {
  return sizeOf(s) ?? fail(`not a size: ${s}`);
}

const KINDS = [
  'baseline',
  'words',
  'scan',
  'refs',
  'parse',
  'audit',
  'extract',
  'extract-all',
] as const;
type Kind = (typeof KINDS)[number];
/** what Node alone does with the file: yardsticks, not asakit measurements */
const REFERENCE: ReadonlySet<Kind> = new Set(['baseline', 'words', 'scan', 'refs']);
/** the asakit measurements: the ones RSS and growth are judged on */
const MEASURED = KINDS.filter((k) => !REFERENCE.has(k));

const DEFAULT_SIZES = [
  1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 400_000, 800_000, 1_500_000,
];

/** Targets (ratios to the same run's baseline; growth per doubling of the input). */
const TARGET = { audit: 3, extract: 2, rss: 12, perDoubling: 2.2, atLines: 1_300_000 };

interface ChildResult {
  kind: Kind;
  ms: number;
  maxRssKB: number;
  detail: Record<string, number | string>;
}

interface Meta {
  one: string;
  customers: string[];
}

interface Measurement {
  ms?: number;
  /** peak RSS in MB (10^6 bytes, the unit of the file sizes) */
  rssMB?: number;
  detail?: Record<string, number | string>;
  /** why there is no number: "timeout", "OOM", "exit 1", ... */
  failed?: string;
}

interface Row {
  lines: number;
  bytes: number;
  customers: number;
  one: string;
  m: Record<Kind, Measurement>;
}

// ---------------------------------------------------------------------------------------------
// Child: one measurement, one JSON line on standard output.

async function child(kind: Kind, file: string, metaFile: string): Promise<void> {
  let ms: number;
  const detail: Record<string, number | string> = {};
  if (kind === 'baseline' || kind === 'words') {
    const t0 = performance.now();
    const lines = readFileSync(file).toString().split('\n');
    if (kind === 'words') {
      // the least any parser does: look at every word of every line once
      let words = 0;
      for (const line of lines) words += line.split(' ').length;
      detail['words'] = words;
    }
    ms = performance.now() - t0;
    detail['lines'] = lines.length;
  } else if (kind === 'scan') {
    const t0 = performance.now();
    const r = scanWords(readFileSync(file).toString());
    ms = performance.now() - t0;
    Object.assign(detail, r);
  } else if (kind === 'refs') {
    const t0 = performance.now();
    const r = scanReferences(readFileSync(file).toString());
    ms = performance.now() - t0;
    Object.assign(detail, r);
  } else {
    // Load every module first: the clock covers the work, not module loading.
    const { loadConfigFile } = await import('../src/model/build.js');
    const { runAudit, formatAuditText } = await import('../src/audit/index.js');
    const { extract } = await import('../src/extract/extract.js');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    const now = new Date('2024-01-01T00:00:00Z');
    const { loadFileForExtract } = await import('../src/extract/load.js');
    const t0 = performance.now();
    // `extract` does what `asakit extract` does: parses only the blocks one customer's extract
    // can reach; the other kinds parse the whole configuration
    const load = kind === 'extract' ? loadFileForExtract(file, [meta.one]) : undefined;
    const config = load ? load.config : loadConfigFile(file);
    const t1 = performance.now();
    detail['parseMs'] = round(t1 - t0);
    detail['parsedLines'] = config.tree.all.length;
    if (load) detail['seedLines'] = load.seedLines;
    if (kind === 'audit') {
      const report = await runAudit(config, { now });
      const text = formatAuditText(report, { color: false });
      detail['findings'] = report.findings.length;
      detail['outputChars'] = text.length;
    } else if (kind === 'extract') {
      const r = extract(config, [meta.one], { now });
      detail['outputChars'] = r.text.length;
    } else if (kind === 'extract-all') {
      let chars = 0;
      for (const c of meta.customers) chars += extract(config, [c], { now }).text.length;
      detail['extracts'] = meta.customers.length;
      detail['outputChars'] = chars;
    } else {
      detail['defs'] = config.graph.defs.length;
    }
    ms = performance.now() - t0;
    detail['afterParseMs'] = round(ms - (t1 - t0));
  }
  const res: ChildResult = { kind, ms, maxRssKB: process.resourceUsage().maxRSS, detail };
  process.stdout.write(JSON.stringify(res) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Parent.

interface Options {
  sizes: number[];
  limitSeconds: number;
  repeat: number;
  seed: number;
  cpuProf?: string;
  out: string;
  /** no --out given: the run also refreshes the committed chart bench/growth.svg */
  defaultOut: boolean;
  childTimeoutSeconds: number;
  keep: boolean;
  /** the configurations as a Firepower Threat Defense prints them (see asFirepower) */
  ftd: boolean;
}

const USAGE = `usage: node dist/bench/run.js [--sizes 1000,10k,1.5M] [--limit-seconds 60] [--repeat 1]
                                [--seed 1] [--cpu-prof DIR] [--out DIR]
                                [--child-timeout-seconds N] [--keep] [--ftd]`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const root = repoRoot();
  const o: Options = {
    sizes: DEFAULT_SIZES,
    limitSeconds: 60,
    repeat: 1,
    seed: 1,
    out: join(root, 'bench', 'out'),
    defaultOut: true,
    childTimeoutSeconds: 0,
    keep: false,
    ftd: false,
  };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min) fail(`${flag} needs a number >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--sizes': {
        const v = argv[++i];
        if (!v) fail('--sizes needs a list');
        o.sizes = [...new Set(v.split(',').filter(Boolean).map(parseSize))].sort((x, y) => x - y);
        if (o.sizes.length === 0 || o.sizes.some((n) => n < 100)) fail('sizes must be >= 100');
        break;
      }
      case '--limit-seconds':
        o.limitSeconds = num(a, argv[++i], 0.001);
        break;
      case '--repeat':
        o.repeat = Math.floor(num(a, argv[++i], 1));
        break;
      case '--seed':
        o.seed = Math.floor(num(a, argv[++i], 0));
        break;
      case '--cpu-prof': {
        const v = argv[++i];
        if (!v) fail('--cpu-prof needs a directory');
        o.cpuProf = resolve(v);
        break;
      }
      case '--out': {
        const v = argv[++i];
        if (!v) fail('--out needs a directory');
        o.out = resolve(v);
        o.defaultOut = false;
        break;
      }
      case '--child-timeout-seconds':
        o.childTimeoutSeconds = num(a, argv[++i], 1);
        break;
      case '--keep':
        o.keep = true;
        break;
      case '--ftd':
        o.ftd = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
      // falls through (never reached)
      default:
        fail(`unknown argument ${a}`);
    }
  }
  if (o.childTimeoutSeconds === 0) o.childTimeoutSeconds = Math.max(600, o.limitSeconds * 10);
  return o;
}

const self = fileURLToPath(import.meta.url);

function runChild(
  kind: Kind,
  file: string,
  metaFile: string,
  o: Options,
  nodeFlags: string[] = [],
): Measurement {
  const r = spawnSync(process.execPath, [...nodeFlags, self, '--child', kind, file, metaFile], {
    encoding: 'utf8',
    timeout: o.childTimeoutSeconds * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
    return { failed: 'timeout' };
  if (r.status !== 0) {
    const oom = /heap out of memory|Allocation failed/i.test(r.stderr ?? '');
    const why = oom ? 'OOM' : r.signal ? `signal ${r.signal}` : `exit ${r.status}`;
    const last = (r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? '';
    process.stderr.write(`bench: ${kind} ${file}: ${why}${last ? `: ${last}` : ''}\n`);
    return { failed: why };
  }
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const res = JSON.parse(line) as ChildResult;
  // maxRSS is in KiB; MB here are 10^6 bytes, like the file sizes they are compared with
  return { ms: res.ms, rssMB: (res.maxRssKB * 1024) / 1e6, detail: res.detail };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function medianRun(runs: Measurement[]): Measurement | undefined {
  const s = [...runs].sort((a, b) => (a.ms as number) - (b.ms as number));
  return s[(s.length - 1) >> 1];
}

function round(x: number, digits = 1): number {
  const f = Math.pow(10, digits);
  return Math.round(x * f) / f;
}

// --- formatting -------------------------------------------------------------------------------

const fmtMs = (m: Measurement): string =>
  m.failed ?? (m.ms === undefined ? '' : m.ms < 100 ? m.ms.toFixed(1) : String(Math.round(m.ms)));
const fmtX = (a: Measurement, b: Measurement): string =>
  a.ms !== undefined && b.ms !== undefined && b.ms > 0 ? `${(a.ms / b.ms).toFixed(1)}×` : '–';
const mb = (bytes: number) => bytes / 1e6;
const fmtLines = (n: number) => n.toLocaleString('en-US');

/** Peak RSS over the asakit measurements (the yardsticks excluded). */
function peakRss(r: Row): number | undefined {
  const v = MEASURED.map((k) => r.m[k].rssMB).filter((x): x is number => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
}

const HEAD = [
  'lines',
  'MB',
  'baseline ms',
  'words ms',
  'words/baseline',
  'scan ms',
  'scan/baseline',
  'refs ms',
  'refs/baseline',
  'parse ms',
  'audit ms',
  'audit/baseline',
  'extract ms',
  'extract/baseline',
  'extract-all ms',
  'RSS MB',
  'RSS/file',
];

function tableRows(rows: Row[]): string[][] {
  return rows.map((r) => {
    const rss = peakRss(r);
    return [
      fmtLines(r.lines),
      mb(r.bytes).toFixed(mb(r.bytes) < 10 ? 2 : 1),
      fmtMs(r.m.baseline),
      fmtMs(r.m.words),
      fmtX(r.m.words, r.m.baseline),
      fmtMs(r.m.scan),
      fmtX(r.m.scan, r.m.baseline),
      fmtMs(r.m.refs),
      fmtX(r.m.refs, r.m.baseline),
      fmtMs(r.m.parse),
      fmtMs(r.m.audit),
      fmtX(r.m.audit, r.m.baseline),
      fmtMs(r.m.extract),
      fmtX(r.m.extract, r.m.baseline),
      fmtMs(r.m['extract-all']),
      rss === undefined ? '–' : String(Math.round(rss)),
      rss === undefined ? '–' : `${(rss / mb(r.bytes)).toFixed(1)}×`,
    ];
  });
}

/** Time growth between consecutive sizes, normalised to one doubling of the input. */
function growth(rows: Row[]): { head: string[]; body: string[][]; worst: Record<string, number> } {
  const head = ['from → to', 'lines ×', ...KINDS.map((k) => `${k} ×/doubling`)];
  const body: string[][] = [];
  const worst: Record<string, number> = {};
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as Row;
    const b = rows[i] as Row;
    const doublings = Math.log2(b.lines / a.lines);
    const cells = KINDS.map((k) => {
      const x = a.m[k].ms;
      const y = b.m[k].ms;
      if (x === undefined || y === undefined || x <= 0) return '–';
      const per = Math.pow(y / x, 1 / doublings);
      // Small inputs are dominated by constant costs and timer noise: judge from 10k lines on.
      if (a.lines < 10_000 || REFERENCE.has(k)) return per.toFixed(2);
      worst[k] = Math.max(worst[k] ?? 0, per);
      const flag = per > TARGET.perDoubling ? ' !' : '';
      return `${per.toFixed(2)}${flag}`;
    });
    body.push([
      `${fmtLines(a.lines)} → ${fmtLines(b.lines)}`,
      (b.lines / a.lines).toFixed(2),
      ...cells,
    ]);
  }
  return { head, body, worst };
}

function targets(rows: Row[], worst: Record<string, number>): string[] {
  const out: string[] = [];
  const big = [...rows].reverse().find((r) => r.m.audit.ms !== undefined);
  if (!big) return ['no size was measured'];
  const where = `at ${fmtLines(big.lines)} lines${big.lines < TARGET.atLines ? ` (the target is stated for ${fmtLines(TARGET.atLines)} lines, larger than the largest size measured)` : ''}`;
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  const ratio = (k: Kind) =>
    big.m[k].ms !== undefined && big.m.baseline.ms !== undefined
      ? (big.m[k].ms as number) / (big.m.baseline.ms as number)
      : Infinity;
  const a = ratio('audit');
  out.push(
    `full audit ≤ ${TARGET.audit}× baseline ${where}: ${a.toFixed(1)}× — ${verdict(a <= TARGET.audit)}`,
  );
  const e = ratio('extract');
  out.push(
    `one-customer extract ≤ ${TARGET.extract}× baseline ${where}: ${e.toFixed(1)}× — ${verdict(e <= TARGET.extract)}`,
  );
  const rss = peakRss(big);
  const rr = rss === undefined ? Infinity : rss / mb(big.bytes);
  out.push(
    `peak RSS ≤ ${TARGET.rss}× file size ${where}: ${rr.toFixed(1)}× (${Math.round(rss ?? 0)} MB for ${mb(big.bytes).toFixed(1)} MB) — ${verdict(rr <= TARGET.rss)}`,
  );
  for (const k of MEASURED) {
    const w = worst[k];
    if (w === undefined) continue;
    out.push(
      `${k}: no doubling above ${TARGET.perDoubling}× time (from 10k lines on): worst ${w.toFixed(2)}× — ${verdict(w <= TARGET.perDoubling)}`,
    );
  }
  return out;
}

function csv(rows: Row[]): string {
  const head = [
    'lines',
    'bytes',
    'customers',
    ...KINDS.flatMap((k) => [`${k}_ms`, `${k}_rss_mb`, `${k}_status`]),
    'audit_parse_ms',
    'audit_over_baseline',
    'extract_over_baseline',
    'peak_rss_mb',
    'rss_over_file',
    'audit_findings',
  ];
  const body = rows.map((r) => {
    const rss = peakRss(r);
    const x = (k: Kind) =>
      r.m[k].ms !== undefined && r.m.baseline.ms
        ? round((r.m[k].ms as number) / r.m.baseline.ms, 2)
        : '';
    return [
      r.lines,
      r.bytes,
      r.customers,
      ...KINDS.flatMap((k) => [
        r.m[k].ms === undefined ? '' : round(r.m[k].ms as number, 2),
        r.m[k].rssMB === undefined ? '' : round(r.m[k].rssMB as number, 1),
        r.m[k].failed ?? 'ok',
      ]),
      r.m.audit.detail?.['parseMs'] ?? '',
      x('audit'),
      x('extract'),
      rss === undefined ? '' : round(rss, 1),
      rss === undefined ? '' : round(rss / mb(r.bytes), 2),
      r.m.audit.detail?.['findings'] ?? '',
    ].join(',');
  });
  return [head.join(','), ...body].join('\n') + '\n';
}

function chart(rows: Row[], o: Options): string {
  const pts = (k: Kind) => rows.map((r): [number, number | undefined] => [r.lines, r.m[k].ms]);
  return growthSvg(
    [
      { label: 'audit', color: '#d62728', points: pts('audit') },
      { label: 'extract-all', color: '#9467bd', points: pts('extract-all') },
      { label: 'parse', color: '#1f77b4', points: pts('parse') },
      { label: 'extract (one)', color: '#2ca02c', points: pts('extract') },
      { label: 'words (split only)', color: '#8c564b', points: pts('words') },
      { label: 'scan (words interned)', color: '#e377c2', points: pts('scan') },
      { label: 'refs (names interned)', color: '#17becf', points: pts('refs') },
      { label: 'baseline', color: '#555', points: pts('baseline') },
      {
        label: '3× baseline',
        color: '#999',
        dash: '5 4',
        markers: false,
        points: rows.map((r) => [
          r.lines,
          r.m.baseline.ms === undefined ? undefined : r.m.baseline.ms * 3,
        ]),
      },
    ],
    {
      title: 'asakit: time against configuration size',
      subtitle: `node ${process.version}, median of ${o.repeat}, fresh process per measurement, seed ${o.seed}`,
    },
  );
}

// --- CPU profiles -----------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const sourceMaps = new Map<string, SourceMap | null>();

/** "src/x.ts:LINE" for a frame in a compiled file with a source map, else "dist/...js:LINE". */
function location(f: ProfileNode['callFrame'], root: string): string {
  if (!f.url.startsWith('file://')) return f.url;
  const file = fileURLToPath(f.url);
  let map = sourceMaps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  const entry = map?.findEntry(f.lineNumber, f.columnNumber);
  if (entry && 'originalSource' in entry && entry.originalSource) {
    const src = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(file), entry.originalSource);
    return `${relative(root, src)}:${entry.originalLine + 1}`;
  }
  return `${relative(root, file)}:${f.lineNumber + 1}`;
}

/** The functions with the most self time in a .cpuprofile (V8 sample format). */
export function topSelf(profile: CpuProfile, root: string, n = 10): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${location(f, root)}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us], i) =>
        `${String(i + 1).padStart(2)}. ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
}

function profile(row: Row, file: string, metaFile: string, o: Options): string {
  const dir = o.cpuProf as string;
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const kind of ['audit', 'extract-all'] as const) {
    const name = `${kind}-${row.lines}.cpuprofile`;
    process.stderr.write(
      `bench: profiling ${kind} at ${fmtLines(row.lines)} lines -> ${join(dir, name)}\n`,
    );
    const m = runChild(kind, file, metaFile, o, [
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      '--cpu-prof-name',
      name,
    ]);
    if (m.failed || !readdirSync(dir).includes(name)) {
      out.push(`${kind}: profile failed (${m.failed ?? 'no profile written'})`);
      continue;
    }
    const p = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile;
    out.push(
      `${kind} at ${fmtLines(row.lines)} lines (${fmtMs(m)} ms under the profiler), top 10 by self time:`,
      ...topSelf(p, repoRoot()),
      '',
    );
  }
  return out.join('\n');
}

// --- the machine and the source under test -----------------------------------------------------

function git(root: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function machine(root: string, argv: string[]): string[] {
  const commit = git(root, ['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(root, ['status', '--porcelain', '--', 'src']) !== '';
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return [
    `date: ${new Date().toISOString()}`,
    `commit: ${commit}${dirty ? ' (with uncommitted changes in src/)' : ''}`,
    `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}, load average at start ${load}`,
    `command: npm run bench --${argv.length ? ' ' + argv.join(' ') : ''}`,
  ];
}

// --- main -------------------------------------------------------------------------------------

/** the generated configuration of about `lines` lines, as an FTD prints it with --ftd */
function configFor(lines: number, o: Options): GeneratedConfig {
  const g = generateConfig({ targetLines: lines, seed: o.seed, defects: true });
  return o.ftd ? { ...g, text: asFirepower(g.text) } : g;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const [, kind, file, metaFile] = argv;
    if (!KINDS.includes(kind as Kind) || !file || !metaFile) fail('bad --child arguments');
    await child(kind as Kind, file, metaFile);
    return;
  }
  const o = parseArgs(argv);
  const root = repoRoot();
  mkdirSync(o.out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'asakit-bench-'));
  const info = machine(root, argv);
  process.stderr.write(info.map((l) => `bench: ${l}\n`).join(''));
  const rows: Row[] = [];
  let stopped = '';
  let last: { row: Row; file: string; metaFile: string } | undefined;
  try {
    for (const size of o.sizes) {
      const g = configFor(size, o);
      const file = join(tmp, `fw-${size}.cfg`);
      const metaFile = join(tmp, `fw-${size}.json`);
      writeFileSync(file, g.text);
      const one = g.customers[Math.floor(g.customers.length / 2)] as string;
      writeFileSync(metaFile, JSON.stringify({ one, customers: g.customers } satisfies Meta));
      const row: Row = {
        lines: g.lines,
        bytes: Buffer.byteLength(g.text),
        customers: g.customers.length,
        one,
        m: {} as Row['m'],
      };
      const runs = Object.fromEntries(KINDS.map((k) => [k, [] as Measurement[]])) as Record<
        Kind,
        Measurement[]
      >;
      // Interleave the kinds so that drift (thermal, other load) spreads over all of them.
      for (let i = 0; i < o.repeat; i++)
        for (const k of KINDS) {
          if (runs[k].some((m) => m.failed)) continue;
          runs[k].push(runChild(k, file, metaFile, o));
        }
      for (const k of KINDS) {
        const failed = runs[k].find((m) => m.failed);
        row.m[k] = failed
          ? failed
          : {
              ms: median(runs[k].map((m) => m.ms as number)),
              rssMB: Math.max(...runs[k].map((m) => m.rssMB as number)),
              // the details (findings, parse share) of the run that gave the median
              ...(medianRun(runs[k])?.detail ? { detail: medianRun(runs[k])?.detail } : {}),
            };
      }
      rows.push(row);
      const [cells] = tableRows([row]);
      process.stderr.write(`bench: ${HEAD.map((h, i) => `${h} ${cells?.[i] ?? ''}`).join(', ')}\n`);
      if (last && !o.keep) {
        rmSync(last.file, { force: true });
      }
      last = { row, file, metaFile };
      const a = row.m.audit;
      if (a.failed || (a.ms ?? 0) > o.limitSeconds * 1000) {
        stopped = `the series stopped after ${fmtLines(row.lines)} lines: audit ${a.failed ?? `${((a.ms as number) / 1000).toFixed(1)} s`} exceeds --limit-seconds ${o.limitSeconds}`;
        break;
      }
    }
    let prof = '';
    if (o.cpuProf && last) {
      // Profile the largest size that completed its audit.
      const ok = [...rows].reverse().find((r) => r.m.audit.ms !== undefined);
      if (ok && ok === last.row) prof = profile(ok, last.file, last.metaFile, o);
      else if (ok) {
        const g = configFor(ok.lines, o);
        const file = join(tmp, 'profile.cfg');
        const metaFile = join(tmp, 'profile.json');
        writeFileSync(file, g.text);
        writeFileSync(
          metaFile,
          JSON.stringify({ one: ok.one, customers: g.customers } satisfies Meta),
        );
        prof = profile(ok, file, metaFile, o);
      }
    }

    const body = tableRows(rows);
    const gr = growth(rows);
    const tg = targets(rows, gr.worst);
    info.push(
      `load average at end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    process.stdout.write('\n' + info.join('\n') + '\n\n' + textTable(HEAD, body) + '\n');
    process.stdout.write(
      'growth per doubling of the input (time ratio; ! = above ' + `${TARGET.perDoubling}×):\n`,
    );
    process.stdout.write(textTable(gr.head, gr.body) + '\n');
    if (stopped) process.stdout.write(stopped + '\n\n');
    process.stdout.write('targets:\n' + tg.map((t) => `  ${t}`).join('\n') + '\n');
    if (prof) process.stdout.write('\n' + prof + '\n');

    writeFileSync(join(o.out, 'results.csv'), csv(rows));
    const md = [
      ...info.map((l) => `- ${l}`),
      '',
      mdTable(HEAD, body),
      '',
      mdTable(gr.head, gr.body),
      '',
      ...(stopped ? [stopped, ''] : []),
      ...tg.map((t) => `- ${t}`),
      '',
      ...(prof ? ['```', prof.trimEnd(), '```', ''] : []),
    ].join('\n');
    writeFileSync(join(o.out, 'report.md'), md);
    const svg = chart(rows, o);
    writeFileSync(join(o.out, 'growth.svg'), svg);
    const written = ['results.csv', 'report.md', 'growth.svg'].map((f) => join(o.out, f));
    // The committed copy of the chart: only from a run into the default output directory.
    if (o.defaultOut) {
      writeFileSync(join(root, 'bench', 'growth.svg'), svg);
      written.push(join(root, 'bench', 'growth.svg'));
    }
    process.stdout.write(`\nwrote ${written.map((f) => relative(process.cwd(), f)).join(', ')}\n`);
  } finally {
    if (!o.keep) rmSync(tmp, { recursive: true, force: true });
    else process.stderr.write(`bench: kept the generated configurations in ${tmp}\n`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === self) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`bench: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
