// JSON output is written in chunks (src/cli/output.ts): it must be byte for byte what
// JSON.stringify(value, null, 2) prints, whatever the size and content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJson } from '../../src/cli/output.js';
import { loadConfigText } from '../../src/model/build.js';
import { modelToJson } from '../../src/model/summary.js';
import { examplesDir } from '../support/paths.js';

async function captured(value: unknown): Promise<{ text: string; writes: number }> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => chunks.push(s) > 0) as typeof process.stdout.write;
  try {
    await writeJson(value);
  } finally {
    process.stdout.write = write;
  }
  return { text: chunks.join(''), writes: chunks.length };
}

test('writeJson prints what JSON.stringify(value, null, 2) prints, in chunks', async () => {
  const big = {
    rows: Array.from({ length: 30_000 }, (_, i) => ({
      line: i,
      text: `access-list A${i} extended permit tcp any host 10.0.${i % 256}.1 eq ${i} "quoted" \\ é \u2028`,
      skipped: undefined,
      empty: [],
      nested: { a: [1, null, true], o: {} },
    })),
    withToJson: { toJSON: () => ({ replaced: 1 }) },
    last: 'end',
  };
  const out = await captured(big);
  assert.equal(out.text, JSON.stringify(big, null, 2) + '\n');
  assert.ok(out.writes > 1, 'more than one write for a value over 1 MB');

  const model = modelToJson(
    loadConfigText(readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8'), 'hosting.cfg'),
  );
  assert.equal((await captured(model)).text, JSON.stringify(model, null, 2) + '\n');
  assert.equal((await captured([])).text, '[]\n');
});
