// The Batfish oracles (recorded unusedstructures / undefinedreferences answers and the grammar
// tests' reference assertions) hold for our graph, except where Batfish is wrong; each deliberate
// difference is its own test below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigBytes } from '../../src/model/build.js';
import { computeLiveness } from '../../src/graph/liveness.js';
import type { Config } from '../../src/model/types.js';
import type { Kind } from '../../src/parse/kinds.js';
import { configsDir, oraclesDir } from '../support/paths.js';

const load = (file: string): Config => loadConfigBytes(readFileSync(join(configsDir, file)), file);

/** Batfish AsaStructureType / Struct_Type text → our kind (+ subtype). */
function mapType(t: string): { kind: Kind; subtype?: string } {
  const m: Record<string, { kind: Kind; subtype?: string }> = {
    NETWORK_OBJECT: { kind: 'object', subtype: 'network' },
    SERVICE_OBJECT: { kind: 'object', subtype: 'service' },
    NETWORK_OBJECT_GROUP: { kind: 'object-group', subtype: 'network' },
    SERVICE_OBJECT_GROUP: { kind: 'object-group', subtype: 'service' },
    PROTOCOL_OBJECT_GROUP: { kind: 'object-group', subtype: 'protocol' },
    ICMP_TYPE_OBJECT_GROUP: { kind: 'object-group', subtype: 'icmp-type' },
    INTERFACE: { kind: 'interface' },
    IPV4_ACCESS_LIST_EXTENDED: { kind: 'access-list' },
    IP_ACCESS_LIST: { kind: 'access-list' },
    DNS_SERVER_GROUP: { kind: 'dns-server-group' },
    'object network': { kind: 'object', subtype: 'network' },
    'object-group network': { kind: 'object-group', subtype: 'network' },
    'object-group service': { kind: 'object-group', subtype: 'service' },
    interface: { kind: 'interface' },
    'policy-map': { kind: 'policy-map' },
    'extended ipv4 access-list': { kind: 'access-list' },
    'standard ipv4 access-list': { kind: 'access-list' },
  };
  const r = m[t];
  if (!r) throw new Error(`unmapped Batfish type ${t}`);
  return r;
}

function referrers(c: Config, kind: Kind, name: string): number {
  return c.graph.usesOf(kind, name).filter((u) => !u.implicit).length;
}

function isUndefined(c: Config, kind: Kind, name: string): boolean {
  return c.graph.undefinedUses().some((u) => u.kind === kind && u.name === name);
}

interface GrammarOracle {
  tests: {
    test: string;
    hostname: string;
    assertions: {
      kind: string;
      structure_type: string;
      name: string;
      num_referrers?: number;
      negated?: boolean;
    }[];
  }[];
}

const grammar = JSON.parse(
  readFileSync(join(oraclesDir, 'batfish__CiscoAsaGrammarTest.references.json'), 'utf8'),
) as GrammarOracle;

for (const t of grammar.tests) {
  test(`Batfish grammar test ${t.test} (${t.hostname})`, () => {
    const c = load(`batfish__testconfigs_${t.hostname}.cfg`);
    for (const a of t.assertions) {
      const { kind } = mapType(a.structure_type);
      const where = `${a.kind} ${a.structure_type} ${a.name}`;
      if (a.kind === 'hasNumReferrers') {
        assert.ok(c.graph.get(kind, a.name), `${where}: defined`);
        const n = referrers(c, kind, a.name);
        // Difference: Batfish counts an interface's own `interface ... nameif X` as a referrer of
        // X; we count only uses elsewhere.
        const expected = (a.num_referrers ?? 0) - (kind === 'interface' ? 1 : 0);
        if (expected === 0) assert.equal(n, 0, `${where}: unused`);
        else assert.ok(n > 0, `${where}: used (Batfish counts ${a.num_referrers}, we count ${n})`);
      } else {
        assert.equal(isUndefined(c, kind, a.name), !a.negated, where);
      }
    }
  });
}

interface Table {
  rows: Record<string, unknown>[];
  _file_map?: Record<string, string>;
}
const undefinedOracle = JSON.parse(
  readFileSync(join(oraclesDir, 'batfish__unit-tests-undefined.asa.json'), 'utf8'),
) as Table;
const unusedOracle = JSON.parse(
  readFileSync(join(oraclesDir, 'batfish__unit-tests-unused.asa.json'), 'utf8'),
) as Table;
const fileOf = (batfishName: string) =>
  `batfish__unit-tests_${batfishName.replace('configs/', '')}.cfg`;

/** Deliberate differences from Batfish, each with its reason. */
const NOT_UNDEFINED_FOR_US = new Set([
  // `interface` in a twice NAT rule is the keyword "use the interface address", not an object
  'configs/asa_nat|object network|interface',
]);

test('Batfish undefined-reference rows hold (except documented differences)', () => {
  for (const row of undefinedOracle.rows) {
    const file = row['File_Name'] as string;
    const name = row['Ref_Name'] as string;
    const type = row['Struct_Type'] as string;
    const { kind } = mapType(type);
    const c = load(fileOf(file));
    const expected = !NOT_UNDEFINED_FOR_US.has(`${file}|${type}|${name}`);
    assert.equal(
      isUndefined(c, kind, name),
      expected,
      `${file} ${type} ${name} (${row['Context']})`,
    );
  }
});

test('difference: the NAT `interface` keyword is never an object (Batfish reports it undefined)', () => {
  const c = load('batfish__unit-tests_asa_nat.cfg');
  assert.equal(c.graph.usesOf('object', 'interface').length, 0);
  assert.ok(c.nat.some((n) => n.nat.form === 'twice' && n.line.tokens.includes('interface')));
});

test('Batfish unused-structure rows hold, and we report nothing else of those kinds directly unused', () => {
  const byFile = new Map<string, Set<string>>();
  for (const row of unusedOracle.rows) {
    const file = (row['Source_Lines'] as { filename: string }).filename;
    const { kind } = mapType(row['Structure_Type'] as string);
    const set = byFile.get(file) ?? new Set();
    set.add(`${kind} ${row['Structure_Name'] as string}`);
    byFile.set(file, set);
  }
  for (const [file, expected] of byFile) {
    const c = load(fileOf(file));
    const l = computeLiveness(c);
    const ours = new Set(
      l.unused
        .filter((d) => ['access-list', 'object', 'object-group'].includes(d.kind))
        .map((d) => `${d.kind} ${d.name}`),
    );
    assert.deepEqual([...ours].sort(), [...expected].sort(), file);
  }
});

test('difference: we also report chains (an object used only by an unused ACL); Batfish does not', () => {
  const c = load('batfish__unit-tests_asa_object_groups.cfg');
  const l = computeLiveness(c);
  assert.deepEqual(
    l.chained.map((d) => `${d.kind} ${d.name}`),
    ['object server02'],
  );
  assert.deepEqual(
    l.deadUsers.get(l.chained[0]!)?.map((d) => d.name),
    ['ALLOW_SERVER02'],
  );
});

test('hygiene oracle: unused ACL/object/group flagged, crypto-map and access-group ACLs not', () => {
  const oracle = JSON.parse(
    readFileSync(join(oraclesDir, 'cisco-asa-review__hygiene.expected.json'), 'utf8'),
  ) as {
    config: string;
    checks: Record<
      string,
      {
        must_flag: ({ name: string; line?: number } | string)[];
        must_not_flag: ({ name: string } | string)[];
      }
    >;
  };
  const c = load(oracle.config);
  const l = computeLiveness(c);
  const dead = new Map([...l.unused, ...l.chained].map((d) => [d.name, d]));
  for (const check of ['unused_acl', 'unused_object_or_group']) {
    const spec = oracle.checks[check];
    assert.ok(spec);
    for (const f of spec.must_flag) {
      const { name, line } = f as { name: string; line: number };
      assert.ok(dead.has(name), `${check}: ${name} flagged`);
      assert.equal(dead.get(name)?.lines[0]?.n, line, `${name} line`);
    }
    for (const f of spec.must_not_flag)
      assert.ok(
        !dead.has((f as { name: string }).name),
        `${check}: ${(f as { name: string }).name} not flagged`,
      );
  }
});
