// Seeds and run counts of the fast-check properties: fixed by default, so CI is reproducible;
// ASAKIT_FUZZ_SEED (added to every seed) and ASAKIT_FUZZ_SCALE (multiplies every run count)
// widen a local bug hunt (see the README's Tests section).
const SHIFT = Number(process.env['ASAKIT_FUZZ_SEED'] ?? 0) || 0;
const SCALE = Number(process.env['ASAKIT_FUZZ_SCALE'] ?? 1) || 1;

/** fast-check's seed and numRuns for a property whose fixed values are these */
export function fuzz(seed: number, numRuns: number): { seed: number; numRuns: number } {
  return { seed: seed + SHIFT, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}
