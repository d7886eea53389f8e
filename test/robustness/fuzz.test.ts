// Fuzzing over mutated corpus configurations (the public corpus, then our own grammar fixtures,
// test/fixtures/parse, for the command families the corpus lacks: VTIs, LDAP maps...; truncated, bytes flipped, lines dropped, duplicated,
// swapped or re-indented): parse, extract (every nameif of the mutated configuration) and audit
// never throw anything but InputError/UsageError, and always produce valid output (the model and
// the reports serialise to JSON; an extract's text parses again as a configuration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigBytes, loadConfigText } from '../../src/model/build.js';
import { InputError, UsageError } from '../../src/parse/errors.js';
import { modelToJson } from '../../src/model/summary.js';
import { extract } from '../../src/extract/extract.js';
import {
  formatAuditText,
  formatFixScript,
  runAudit,
  toJson,
  toSarif,
} from '../../src/audit/index.js';
import type { Config } from '../../src/model/types.js';
import { configsDir, corpusFiles, repoRoot } from '../support/paths.js';
import { FUZZ_FINDS, fuzz } from '../support/fuzz.js';
import { mutate, mutation } from '../support/mutations.js';

const NOW = new Date('2024-01-01T00:00:00Z');
const grammarFixtures = join(repoRoot, 'test', 'fixtures', 'parse');
// the corpus first: FUZZ_FINDS and logged counterexamples name corpus files by index
const corpus = [
  ...corpusFiles().map((f) => ({ name: f, bytes: readFileSync(join(configsDir, f)) })),
  ...readdirSync(grammarFixtures)
    .filter((f) => f.endsWith('.cfg'))
    .sort()
    .map((f) => ({ name: `fixtures/parse/${f}`, bytes: readFileSync(join(grammarFixtures, f)) })),
];

/** How much work the properties did (so that a vacuous run fails). */
const seen = { extracts: 0, audits: 0, findings: 0 };

function expected(e: unknown): boolean {
  return e instanceof InputError || e instanceof UsageError;
}

/** Runs every command on one input; returns what happened, throws on a contract violation. */
async function exercise(bytes: Buffer, source: string): Promise<string> {
  let config: Config;
  try {
    config = loadConfigBytes(bytes, source);
  } catch (e) {
    if (!expected(e)) throw e;
    assert.ok(!(e as Error).message.includes('\n'), 'an input error is one line');
    return 'refused';
  }
  assert.equal(typeof JSON.stringify(modelToJson(config)), 'string');

  // What the whole configuration leaves undefined (an extract may repeat it, never add to it).
  const undefinedInConfig = new Set<string>();
  try {
    for (const f of (await runAudit(config, { now: NOW, rules: ['undefined'] })).findings)
      undefinedInConfig.add(`${f.subject.kind} ${f.subject.name}`);
  } catch (e) {
    if (!expected(e)) throw e;
  }

  for (const nameif of config.interfacesByNameif.keys()) {
    let r: ReturnType<typeof extract>;
    try {
      r = extract(config, [nameif], { now: NOW });
    } catch (e) {
      if (!expected(e)) throw e;
      continue;
    }
    JSON.stringify(r.json);
    seen.extracts++;
    assert.ok(r.text.endsWith('\n'));
    // The extract is itself a configuration (it holds at least its interface) and is
    // self-contained: it references nothing that the configuration defines and it leaves out.
    const again = loadConfigText(r.text, `extract of ${nameif}`);
    assert.ok(again.interfacesByNameif.has(nameif), `the extract of ${nameif} keeps its interface`);
    const added = (await runAudit(again, { now: NOW, rules: ['undefined'] })).findings
      .map((f) => `${f.subject.kind} ${f.subject.name}`)
      .filter((s) => !undefinedInConfig.has(s));
    assert.deepEqual(added, [], `the extract of ${nameif} is self-contained`);
  }

  try {
    const report = await runAudit(config, { now: NOW });
    JSON.stringify(toJson(report));
    seen.audits++;
    seen.findings += report.findings.length;
    JSON.stringify(toSarif(report));
    assert.equal(typeof formatAuditText(report, { color: false }), 'string');
    assert.equal(typeof formatFixScript(report), 'string');
  } catch (e) {
    if (!expected(e)) throw e;
  }
  return 'ok';
}

test('the unmutated corpus: parse, extract and audit', async () => {
  for (const f of corpus) await exercise(f.bytes, f.name);
});

test('what earlier fuzz runs found (test/support/fuzz.ts) holds to the same contract', async () => {
  for (const [name, text] of Object.entries(FUZZ_FINDS)) {
    assert.equal(await exercise(Buffer.from(text), name), 'ok', name);
  }
});

test('mutated corpus configurations never crash parse, extract or audit', async () => {
  const outcomes = { ok: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: corpus.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      async (i, muts) => {
        const f = corpus[i] as (typeof corpus)[number];
        const r = await exercise(mutate(f.bytes, muts), `${f.name} (mutated)`);
        outcomes[r as keyof typeof outcomes]++;
      },
    ),
    fuzz(20240611, 1500),
  );
  // Most mutations keep a configuration; the property must not only test the refusal path.
  assert.ok(outcomes.ok > outcomes.refused, JSON.stringify(outcomes));
  assert.ok(seen.extracts > 300 && seen.findings > 1000, JSON.stringify(seen));
});

test('heavily damaged configurations (many mutations at once)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: corpus.length - 1 }),
      fc.array(mutation, { minLength: 5, maxLength: 20 }),
      async (i, muts) => {
        const f = corpus[i] as (typeof corpus)[number];
        await exercise(mutate(f.bytes, muts), `${f.name} (mutated)`);
      },
    ),
    fuzz(777, 400),
  );
});
