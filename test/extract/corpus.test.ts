// Every configuration of the public corpus (../shared/corpus/configs) that has nameifs: extract
// every interface; the extract re-parses with zero unknown lines, defines before it uses, and has
// no undefined reference that the original configuration did not already have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigBytes, loadConfigText } from '../../src/model/build.js';
import { extract } from '../../src/extract/extract.js';
import type { Config } from '../../src/model/types.js';
import { configsDir, corpusFiles } from '../support/paths.js';
import { NOW, definitionsBeforeUse, undefinedRefs } from './util.js';

const load = (file: string): Config => loadConfigBytes(readFileSync(join(configsDir, file)), file);

async function checkCorpus(includeGlobal: boolean): Promise<number> {
  const problems: string[] = [];
  let extracts = 0;
  for (const file of corpusFiles()) {
    const c = load(file);
    if (c.interfacesByNameif.size === 0) continue;
    const before = new Set(await undefinedRefs(c));
    for (const nameif of c.interfacesByNameif.keys()) {
      extracts++;
      const where = `${file} ${nameif}${includeGlobal ? ' (--include-global)' : ''}`;
      const r = extract(c, [nameif], { now: NOW, includeGlobal });
      const e = loadConfigText(r.text, `${file}:${nameif}`);
      for (const l of e.unknown) problems.push(`${where}: unknown line in the extract: ${l.raw}`);
      for (const late of definitionsBeforeUse(e)) problems.push(`${where}: ${late}`);
      for (const ref of await undefinedRefs(e)) {
        if (!before.has(ref)) problems.push(`${where}: undefined ${ref} (defined in the original)`);
      }
    }
  }
  assert.deepEqual(problems, []);
  return extracts;
}

test('corpus: every interface of every configuration extracts cleanly', async () => {
  const n = await checkCorpus(false);
  assert.ok(n > 20, `${n} extracts`);
});

test('corpus: every interface extracts cleanly with --include-global', async () => {
  await checkCorpus(true);
});
