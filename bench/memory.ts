// What a parsed configuration keeps: loads FILE as every command does (read, decode, parse,
// model, reference graph), then prints the live heap before and after a full garbage collection
// and the process's peak RSS. The per-step numbers in BENCHMARKS.md come from this.
//
//   node --expose-gc dist/bench/memory.js FILE
import { loadConfigFile } from '../src/model/build.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node --expose-gc dist/bench/memory.js FILE\n');
  process.exit(2);
}
const mb = (n: number) => `${Math.round(n / 1e6)} MB`;
const t0 = performance.now();
const config = loadConfigFile(file);
const ms = performance.now() - t0;
const before = process.memoryUsage();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const after = process.memoryUsage();
process.stdout.write(
  [
    `load ${Math.round(ms)} ms, ${config.tree.all.length} command lines`,
    `heap used after load ${mb(before.heapUsed)}`,
    gc ? `live heap after a full GC ${mb(after.heapUsed)}` : 'live heap: run with --expose-gc',
    `external (buffers outside the JS heap) ${mb(after.external)}`,
    `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  ].join('\n') + '\n',
);
