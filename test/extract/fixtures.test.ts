// Hand-written multi-customer configurations (test/fixtures/extract/<case>/config.cfg) and the
// exact extract each customer must get (<nameif>[+<nameif>...][.global].expected.txt; `.global`
// = --include-global). The expected files were written from the spec, line by line, not copied
// from asakit's output; `{{VERSION}}` stands for the package version in the footer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/model/build.js';
import { extract } from '../../src/extract/extract.js';
import type { Config } from '../../src/model/types.js';
import { repoRoot } from '../support/paths.js';
import {
  NOW,
  VERSION,
  assertSelfContained,
  configLines,
  definitionsBeforeUse,
  omittedCount,
  reparse,
} from './util.js';

const fixturesDir = join(repoRoot, 'test', 'fixtures', 'extract');

/** What is not in the text: notes for stderr and the omitted counts (NAT on `any`, global ACL). */
// The omitted counts whose reason concerns the global ACL, exactly (counted by hand from the
// configs: e.g. ftd-hosting alpha.global drops 2 entries scoped to beta/outside, 6 unscoped entries
// outside alpha's space and the 10 remarks of rules it does not keep).
const AG = 'global access-group (use --include-global)';
const OUTSIDE = 'global access-list entries outside these interfaces';
const ELSEWHERE = 'global access-list entries scoped to other interfaces (ifc)';
const EVERY = 'global access-list entries for every interface (use --include-global)';
const SIDE: Record<
  string,
  { noAccessGroup?: string[]; natOmitted: number; global: Record<string, number> }
> = {
  'pc-hosting/cust1': { natOmitted: 3, global: { [AG]: 1 } },
  'pc-hosting/cust2': { natOmitted: 1, global: { [AG]: 1 } },
  'pc-hosting/cust2.global': { natOmitted: 1, global: { [OUTSIDE]: 3 } },
  'pc-hosting/cust3': { noAccessGroup: ['cust3'], natOmitted: 3, global: { [AG]: 1 } },
  'gig-hosting/acme': { natOmitted: 1, global: {} },
  'gig-hosting/acme-test': { natOmitted: 2, global: {} },
  'gig-hosting/zeta': { natOmitted: 0, global: {} },
  'multi-vlan/kappa-web+kappa-db': {
    noAccessGroup: ['kappa-db'],
    natOmitted: 0,
    global: { [AG]: 1 },
  },
  'multi-vlan/kappa-db': { noAccessGroup: ['kappa-db'], natOmitted: 0, global: { [AG]: 1 } },
  'multi-vlan/lambda': { natOmitted: 0, global: { [AG]: 1 } },
  'multi-vlan/lambda.global': { natOmitted: 0, global: { [OUTSIDE]: 3 } },
  'multi-vlan/spare': { noAccessGroup: ['spare'], natOmitted: 0, global: { [AG]: 1 } },
  // a customer on a redundant interface: its member ports as one-line stubs before its block
  'redundant-hosting/rho': { natOmitted: 0, global: {} },
  'redundant-hosting/sigma': { natOmitted: 0, global: {} },
  // FTD: rules bound to an interface by `ifc` in the global ACL; the unscoped entries are omitted
  'ftd-hosting/alpha': { natOmitted: 0, global: { [ELSEWHERE]: 2, [EVERY]: 7 } },
  'ftd-hosting/alpha.global': { natOmitted: 0, global: { [ELSEWHERE]: 2, [OUTSIDE]: 16 } },
  'ftd-hosting/beta': { natOmitted: 0, global: { [ELSEWHERE]: 3, [EVERY]: 7 } },
};

interface Case {
  id: string;
  dir: string;
  nameifs: string[];
  includeGlobal: boolean;
  expected: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const dir of readdirSync(fixturesDir).sort()) {
    for (const f of readdirSync(join(fixturesDir, dir)).sort()) {
      if (!f.endsWith('.expected.txt')) continue;
      const base = f.slice(0, -'.expected.txt'.length);
      const includeGlobal = base.endsWith('.global');
      const nameifs = (includeGlobal ? base.slice(0, -'.global'.length) : base).split('+');
      const expected = readFileSync(join(fixturesDir, dir, f), 'utf8').replaceAll(
        '{{VERSION}}',
        VERSION,
      );
      out.push({ id: `${dir}/${base}`, dir, nameifs, includeGlobal, expected });
    }
  }
  return out;
}

const configs = new Map<string, Config>();
function config(dir: string): Config {
  let c = configs.get(dir);
  if (!c) {
    c = loadConfigText(
      readFileSync(join(fixturesDir, dir, 'config.cfg'), 'utf8'),
      `${dir}/config.cfg`,
    );
    configs.set(dir, c);
  }
  return c;
}

const all = cases();

test('the extract fixtures: every case has its side expectations, configs are 40-120 clean lines', () => {
  assert.deepEqual(all.map((c) => c.id).sort(), Object.keys(SIDE).sort());
  assert.ok(new Set(all.map((c) => c.dir)).size >= 3);
  for (const dir of new Set(all.map((c) => c.dir))) {
    const c = config(dir);
    assert.ok(
      c.tree.lineCount >= 40 && c.tree.lineCount <= 120,
      `${dir}: ${c.tree.lineCount} lines`,
    );
    assert.deepEqual(
      c.unknown.map((l) => l.raw),
      [],
      `${dir} parses completely`,
    );
    assert.deepEqual(c.warnings, [], `${dir} parses without warnings`);
  }
});

for (const k of all) {
  const run = () => extract(config(k.dir), k.nameifs, { now: NOW, includeGlobal: k.includeGlobal });

  test(`fixture ${k.id}: the extract is exactly the expected text`, () => {
    assert.equal(run().text, k.expected);
  });

  // Same comparison without the `!` banner and comment lines, so that a difference in the
  // configuration itself is told apart from a presentation difference.
  test(`fixture ${k.id}: the configuration lines (all but ! comments) are exactly the expected ones`, () => {
    assert.deepEqual(configLines(run().text), configLines(k.expected));
  });

  test(`fixture ${k.id}: the extract re-parses cleanly, is self-contained and defines before use`, async () => {
    const text = run().text;
    const c = reparse(text);
    assert.deepEqual(definitionsBeforeUse(c), []);
    await assertSelfContained(text);
  });

  test(`fixture ${k.id}: JSON lists what the expected text holds; notes and omitted counts`, () => {
    const r = run();
    const e = loadConfigText(k.expected, 'expected');
    const j = r.json;
    assert.deepEqual(
      j.interfaces.map((i) => i.nameif),
      k.nameifs,
    );
    assert.deepEqual(
      j.accessGroups.map((a) => a.text),
      e.accessGroups.map((a) => a.line.raw),
    );
    assert.deepEqual(
      j.accessLists.map((a) => [a.name, a.lines.map((l) => l.text)]),
      [...e.accessLists.values()].map((a) => [a.name, a.entries.map((x) => x.line.raw)]),
    );
    assert.deepEqual(
      j.objectGroups.map((g) => g.name),
      [...e.objectGroups.keys()],
    );
    const plainObjects = j.objects.filter((o) => o.type !== 'name' && o.type !== 'time-range');
    assert.deepEqual(
      plainObjects.map((o) => o.name),
      [...e.objects.keys()],
    );
    assert.deepEqual(
      j.objects.filter((o) => o.type === 'name').map((o) => o.name),
      [...e.names.keys()],
    );
    assert.deepEqual(
      j.objects.filter((o) => o.type === 'time-range').map((o) => o.name),
      e.graph.defsOf('time-range').map((d) => d.name),
    );
    const natTexts = j.nat.flatMap((n) => (n.lines ? n.lines.map((l) => l.text) : [n.text]));
    const natStart = k.expected.indexOf('! --- NAT');
    const natSection = configLines(k.expected.slice(natStart));
    assert.deepEqual(natTexts, natSection);

    const side = SIDE[k.id];
    assert.ok(side);
    const noAg = r.notes.filter((n) => /access-group/.test(n));
    assert.equal(noAg.length, side.noAccessGroup?.length ?? 0, `notes: ${JSON.stringify(r.notes)}`);
    for (const n of side.noAccessGroup ?? [])
      assert.ok(
        noAg.some((x) => x.includes(n)),
        `a note names ${n}`,
      );
    assert.equal(omittedCount(j.omitted, /nat/i), side.natOmitted, JSON.stringify(j.omitted));
    assert.deepEqual(
      Object.fromEntries(Object.entries(j.omitted).filter(([why]) => /global/i.test(why))),
      side.global,
    );
    // counts, never names
    for (const [reason, count] of Object.entries(j.omitted)) {
      assert.equal(typeof count, 'number');
      for (const name of [
        ...config(k.dir).objects.keys(),
        ...config(k.dir).objectGroups.keys(),
        ...config(k.dir).accessLists.keys(),
      ]) {
        assert.ok(!reason.split(/\s+/).includes(name), `omitted reason "${reason}" names ${name}`);
      }
    }
  });
}
