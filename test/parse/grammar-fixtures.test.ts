// Fixture tests for each command family: a snippet in test/fixtures/parse/<family>.cfg, and beside
// it <family>.expected.json with the definitions and uses the graph must contain. Expectations
// were reviewed by hand against the ASA command reference; regenerate nothing automatically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/model/build.js';
import type { Config } from '../../src/model/types.js';
import { repoRoot } from '../support/paths.js';

const dir = join(repoRoot, 'test', 'fixtures', 'parse');

export function describeGraph(c: Config): {
  definitions: string[];
  uses: string[];
  unknown: number[];
} {
  return {
    definitions: [...c.graph.defs.values()].map(
      (d) => `${d.kind} ${d.name} @${d.lines.map((l) => l.n).join(',')}`,
    ),
    uses: c.graph
      .allUses()
      .map(
        (u) => `${u.kind} ${u.name} @${u.line.n}: ${u.context}${u.implicit ? ' (implicit)' : ''}`,
      ),
    unknown: c.unknown.map((l) => l.n),
  };
}

for (const f of readdirSync(dir).filter((x) => x.endsWith('.cfg'))) {
  test(`grammar fixture ${f}`, () => {
    const c = loadConfigText(readFileSync(join(dir, f), 'utf8'), f);
    const expected = JSON.parse(
      readFileSync(join(dir, f.replace(/\.cfg$/, '.expected.json')), 'utf8'),
    ) as ReturnType<typeof describeGraph>;
    const actual = describeGraph(c);
    assert.deepEqual(actual.unknown, expected.unknown, 'unknown lines');
    assert.deepEqual(
      [...actual.definitions].sort(),
      [...expected.definitions].sort(),
      'definitions',
    );
    assert.deepEqual(actual.uses, expected.uses, 'uses');
  });
}
