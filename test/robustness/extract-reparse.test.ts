// Regressions found by the fuzzer (fuzz.test.ts with other seeds; fixed in f2e3786): an extract
// must parse again as the same configuration part, and be self-contained (no undefined reference
// it did not inherit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../src/model/build.js';
import { extract } from '../../src/extract/extract.js';
import { runAudit } from '../../src/audit/index.js';
import type { Config } from '../../src/model/types.js';

const NOW = new Date('2024-01-01T00:00:00Z');

async function undefinedRefs(c: Config): Promise<string[]> {
  const r = await runAudit(c, { now: NOW, rules: ['undefined'] });
  return r.findings.map((f) => `${f.subject.kind} ${f.subject.name}`);
}

test('a uniformly indented configuration (pasted from a ticket): its extract parses again', async () => {
  // Every command one blank to the right: the parser reads it like the unindented original.
  const text = [
    ' hostname fw',
    ' interface GigabitEthernet0/1',
    '  nameif inside',
    '  ip address 10.0.0.1 255.255.255.0',
    ' object network web',
    '  host 10.0.0.5',
    ' access-list IN extended permit tcp any object web eq www',
    ' access-group IN in interface inside',
    '',
  ].join('\n');
  const config = loadConfigText(text, 'indented.cfg');
  assert.ok(config.interfacesByNameif.has('inside'));
  assert.equal(config.unknown.length, 0);
  assert.equal(config.accessGroups.length, 1);

  const r = extract(config, ['inside'], { now: NOW });
  const again = loadConfigText(r.text, 'extract');
  // Once the extract printed `hostname fw` at column 0 (rebuilt from the header) but every other
  // line with its original leading blank, so they all became children of `hostname`.
  assert.deepEqual(
    again.unknown.map((l) => l.raw.trim()),
    [],
    `the extract re-parses with unknown lines:\n${r.text}`,
  );
  assert.ok(again.interfacesByNameif.has('inside'), 'the extract keeps its interface');
  assert.equal(again.accessGroups.length, 1, 'the extract keeps its access-group');
  assert.deepEqual(await undefinedRefs(again), []);
});

test('an interface block with two nameif lines: the stub of a peer interface names the right nameif', async () => {
  // The later `nameif` wins on an ASA: Gi0/0 is "inside"; "outside" is Gi0/1.
  const text = [
    'hostname t',
    'interface GigabitEthernet0/0',
    ' nameif outside',
    ' nameif inside',
    ' security-level 100',
    ' ip address 1.0.0.1 255.255.255.0',
    'interface GigabitEthernet0/1',
    ' nameif outside',
    ' ip address 2.0.0.1 255.255.255.0',
    'object network src',
    ' host 1.1.1.1',
    ' nat (inside,outside) dynamic interface',
    '',
  ].join('\n');
  const config = loadConfigText(text, 'two-nameifs.cfg');
  assert.deepEqual(await undefinedRefs(config), []);
  const r = extract(config, ['outside'], { now: NOW });
  const again = loadConfigText(r.text, 'extract');
  // The NAT rule names `inside`; the extract adds a stub for it, which once printed the first
  // nameif line of Gi0/0 (`nameif outside`) instead of the one that names `inside`.
  assert.deepEqual(
    await undefinedRefs(again),
    [],
    `the extract of outside is not self-contained:\n${r.text}`,
  );
});
