// Properties of `extract` over generated hosting configurations (test/support/multi-customer.ts):
// for every customer of every generated firewall,
//   (a) everything its interface reaches is in the extract (JSON and text), and the NAT rules it
//       should get are there;
//   (b) nothing only other customers reach (or nobody reaches) appears: no structure name, no
//       address, description or remark marker, no other customer's interface, ACL or NAT rule
//       — checked by exact token, never by substring;
//   (c) the extract, audited on its own, has no undefined reference;
//   (d) the extract re-parses with zero unknown lines (and defines before it uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfigText } from '../../src/model/build.js';
import { extract } from '../../src/extract/extract.js';
import type { ExtractResult } from '../../src/extract/types.js';
import type { Config } from '../../src/model/types.js';
import {
  multiCustomerConfig,
  truthFor,
  type MultiCustomerConfig,
  type GenStructure,
} from '../support/multi-customer.js';
import { fuzz } from '../support/fuzz.js';
import { NOW, definitionsBeforeUse, tokens, undefinedRefs } from './util.js';

const RUNS = fuzz(20260101, 100); // seed and numRuns

function nameOf(key: string): string {
  return key.slice(key.indexOf(' ') + 1);
}

/** The original configuration parses completely (a generator check, not an asakit one). */
function load(g: MultiCustomerConfig): Config {
  const c = loadConfigText(g.text, 'generated.cfg');
  assert.deepEqual(
    c.unknown.map((l) => l.raw),
    [],
    'the generated configuration parses completely',
  );
  return c;
}

function definitionLine(s: GenStructure): RegExp {
  const n = s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (s.kind) {
    case 'object':
      return new RegExp(`^object (network|service) ${n}$`);
    case 'object-group':
      return new RegExp(`^object-group \\S+ ${n}( \\S+)?$`);
    case 'name':
      return new RegExp(`^name \\S+ ${n}( description .*)?$`);
    case 'time-range':
      return new RegExp(`^time-range ${n}$`);
    case 'access-list':
      return new RegExp(`^access-list ${n} `);
  }
}

/** (a): everything the customer reaches, in the JSON and in the text; its NAT rules. */
function checkComplete(
  g: MultiCustomerConfig,
  i: number,
  r: ExtractResult,
  includeGlobal: boolean,
): void {
  const t = truthFor(g, i, includeGlobal);
  const lines = r.text.split('\n');
  const kinds = (kind: string) =>
    [...t.reached]
      .filter((k) => k.startsWith(`${kind} `))
      .map(nameOf)
      .sort();
  const j = r.json;
  assert.deepEqual(
    j.objects
      .filter((o) => o.type !== 'name' && o.type !== 'time-range')
      .map((o) => o.name)
      .sort(),
    kinds('object'),
    'JSON objects = the objects the customer reaches',
  );
  assert.deepEqual(
    j.objectGroups.map((o) => o.name).sort(),
    kinds('object-group'),
    'JSON objectGroups',
  );
  for (const type of ['name', 'time-range']) {
    assert.deepEqual(
      j.objects
        .filter((o) => o.type === type)
        .map((o) => o.name)
        .sort(),
      kinds(type),
      `JSON ${type}s`,
    );
  }
  assert.deepEqual(
    [...new Set(j.accessLists.map((a) => a.name))].sort(),
    kinds('access-list'),
    'JSON accessLists',
  );
  assert.deepEqual(
    j.interfaces.map((x) => x.nameif),
    [g.customers[i]?.nameif],
  );
  for (const key of t.reached) {
    const s = g.structures.get(key) as GenStructure;
    const re = definitionLine(s);
    assert.ok(
      lines.some((l) => re.test(l)),
      `${key} is defined in the text`,
    );
    if (s.kind === 'access-list' && s.name !== g.globalAclName) {
      // every line, in order, remarks included
      const printed = lines.filter((l) => l.startsWith(`access-list ${s.name} `));
      assert.deepEqual(printed, s.lines, `every line of ${s.name}, in order`);
    }
  }
  {
    const printed = lines.filter((l) => l.startsWith(`access-list ${g.globalAclName} `));
    assert.deepEqual(
      printed,
      t.globalAces.map((a) => a.line),
      'the global entries bound to the interface (ifc) or, with --include-global, inside the customer space, and only those',
    );
  }
  for (const n of g.nats) {
    const want = t.nats.includes(n);
    const has = n.object
      ? lines.some((l, k) => l === n.line && lines[k - 1] === `object network ${n.object}`)
      : lines.includes(n.line);
    assert.equal(
      has,
      want,
      `${want ? 'missing' : 'unexpected'} NAT rule: ${n.object ? `object ${n.object}:` : ''}${n.line}`,
    );
  }
}

/** (b): nothing that only other customers (or nobody) reach. */
function checkIsolated(
  g: MultiCustomerConfig,
  i: number,
  r: ExtractResult,
  includeGlobal: boolean,
): void {
  const t = truthFor(g, i, includeGlobal);
  const words = tokens(r.text);
  for (const s of g.structures.values()) {
    if (t.reached.has(s.key)) continue;
    assert.ok(!words.has(s.name), `${s.key} is not reached by customer ${i} but its name appears`);
    for (const str of s.strings)
      assert.ok(!words.has(str), `"${str}" of ${s.key} (not reached by customer ${i}) appears`);
  }
  const lines = r.text.split('\n');
  for (const other of g.customers) {
    if (other.index === i) continue;
    for (const str of other.interfaceStrings) {
      assert.ok(
        !words.has(str),
        `"${str}" of customer ${other.index}'s interface appears in customer ${i}'s extract`,
      );
    }
    for (const m of other.remarkMarkers)
      assert.ok(!words.has(m), `remark marker ${m} of customer ${other.index} appears`);
    for (const rem of other.remarks) {
      assert.ok(
        !lines.some((l) => l.endsWith(` remark ${rem}`)),
        `remark "${rem}" of customer ${other.index} appears`,
      );
    }
  }
  for (const n of g.nats) {
    if (t.nats.includes(n)) continue;
    for (const str of n.strings)
      assert.ok(!words.has(str), `address ${str} of a NAT rule not for customer ${i} appears`);
  }
}

async function checkAll(g: MultiCustomerConfig, includeGlobal: boolean): Promise<void> {
  const c = load(g);
  for (const cust of g.customers) {
    const r = extract(c, [cust.nameif], { now: NOW, includeGlobal });
    checkComplete(g, cust.index, r, includeGlobal);
    checkIsolated(g, cust.index, r, includeGlobal);
    const e = loadConfigText(r.text, `extract-${cust.nameif}`);
    assert.deepEqual(
      e.unknown.map((l) => l.raw),
      [],
      '(d) the extract re-parses with zero unknown lines',
    );
    assert.deepEqual(definitionsBeforeUse(e), [], 'definitions come before use');
    assert.deepEqual(await undefinedRefs(e), [], '(c) the extract has no undefined reference');
  }
}

test('generator: configurations parse completely and the truth covers every customer', () => {
  fc.assert(
    fc.property(multiCustomerConfig(), (g) => {
      load(g);
      assert.ok(g.customers.length >= 2 && g.customers.length <= 6);
      for (const c of g.customers) truthFor(g, c.index);
    }),
    fuzz(20260101, 50),
  );
});

test('extract properties (a)-(d) for every customer of generated hosting configs', async () => {
  let scoped = 0; // customers with a global entry bound to their interface by `ifc` (FTD)
  await fc.assert(
    fc.asyncProperty(multiCustomerConfig(), (g) => {
      scoped += g.globalAces.filter((a) => a.scoped === true && !/ remark /.test(a.line)).length;
      return checkAll(g, false);
    }),
    { ...RUNS, includeErrorInReport: true },
  );
  assert.ok(scoped >= RUNS.numRuns / 2, `${scoped} ifc-scoped global entries were generated`);
});

test('extract properties (a)-(d) with --include-global', async () => {
  await fc.assert(
    fc.asyncProperty(multiCustomerConfig(), (g) => checkAll(g, true)),
    { ...RUNS, includeErrorInReport: true },
  );
});

// A customer's own NAT rule `nat (<its nameif>,any) ...` built only from shared structures (here
// the provider's admin group) is that customer's rule; it must not show up in the extracts of
// the other customers, nor pull in a stub of that customer's interface.
test('extract isolation when customers have (own-interface,any) NAT rules of shared objects', async () => {
  await fc.assert(
    fc.asyncProperty(multiCustomerConfig({ ownAnyNat: true }), (g) => checkAll(g, false)),
    { ...RUNS, includeErrorInReport: true },
  );
});
