// Every public corpus config parses without throwing, to valid JSON, with its unknown lines listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigBytes } from '../../src/model/build.js';
import { modelToJson, summarize } from '../../src/model/summary.js';
import { configsDir, corpusFiles } from '../support/paths.js';

const files = corpusFiles();

test('the corpus has its 48 configs', () => {
  assert.equal(files.length, 48);
});

for (const f of files) {
  test(`corpus ${f} parses to JSON with unknown lines listed`, () => {
    const bytes = readFileSync(join(configsDir, f));
    const c = loadConfigBytes(bytes, f);
    const json = JSON.parse(JSON.stringify(modelToJson(c))) as {
      unknown: unknown[];
      lines: number;
    };
    const s = summarize(c);
    assert.equal(json.unknown.length, s.unknownLines);
    assert.equal(json.lines, c.tree.lineCount);
    // every command line is either understood or listed as unknown
    assert.equal(c.statements.length + s.unknownLines <= c.tree.all.length, true);
    // the line numbers are right: each statement's raw text is the physical line
    const physical = bytes.toString('latin1').split('\n');
    for (const st of c.statements.slice(0, 200)) {
      assert.equal(
        physical[st.line.n - 1]?.replace(/[\r\s]+$/, ''),
        st.line.raw.replace(/[\s]+$/, ''),
      );
    }
  });
}
