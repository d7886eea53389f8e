// An interface block opened again further on (a pasted change, two configurations joined) is the
// same interface on the ASA: the model merges the blocks, and what reads the model (extract,
// audit) sees one interface with every line of its blocks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/extract.js';
import { loadForExtract } from '../../src/extract/load.js';
import { runAudit } from '../../src/audit/index.js';
import { modelToJson } from '../../src/model/summary.js';
import { cfg, dedent } from '../support/config.js';
import { NOW } from '../extract/util.js';

const REOPENED = dedent(`
  interface GigabitEthernet0/1
   nameif outside
   security-level 0
   ip address 192.0.2.1 255.255.255.0
  interface GigabitEthernet0/2
   nameif cust1
   security-level 50
  object network web
   host 10.1.1.10
  access-list cust1_in extended permit tcp any object web eq https
  access-group cust1_in in interface cust1
  interface GigabitEthernet0/2
   description customer 1
   ip address 10.1.1.1 255.255.255.0
`);

describe('an interface opened again', () => {
  it('is one interface with both blocks, the later values winning', () => {
    const c = cfg(REOPENED);
    assert.deepEqual(
      c.interfaces.map((i) => `${i.hw} ${i.nameif} ${i.blocks.map((b) => b.n).join(',')}`),
      ['GigabitEthernet0/1 outside 1', 'GigabitEthernet0/2 cust1 5,12'],
    );
    const i = c.interfacesByNameif.get('cust1');
    assert.equal(i?.securityLevel, 50);
    assert.equal(i?.description, 'customer 1');
    assert.deepEqual(i?.ipv4, { address: '10.1.1.1', mask: '255.255.255.0' });
    assert.deepEqual(c.warnings, []);
    // `parse --format json` gives the blocks as line numbers
    const json = modelToJson(c) as { interfaces: { hw: string; line: number; blocks: number[] }[] };
    assert.deepEqual(
      json.interfaces.map((x) => [x.hw, x.line, x.blocks]),
      [
        ['GigabitEthernet0/1', 1, [1]],
        ['GigabitEthernet0/2', 5, [5, 12]],
      ],
    );
  });

  it("the extract prints the interface's blocks as they were written", () => {
    const whole = extract(cfg(REOPENED), ['cust1'], { now: NOW });
    const lines = whole.text.split('\n');
    const at = lines.indexOf('interface GigabitEthernet0/2');
    assert.deepEqual(lines.slice(at, lines.indexOf('!', at)), [
      'interface GigabitEthernet0/2',
      ' nameif cust1',
      ' security-level 50',
      'interface GigabitEthernet0/2',
      ' description customer 1',
      ' ip address 10.1.1.1 255.255.255.0',
    ]);
    // the extract that parses only the blocks it reaches finds the second block too
    const load = loadForExtract(REOPENED, 'snippet.cfg', ['cust1']);
    assert.equal(load.mode, 'blocks');
    assert.equal(extract(load.config, ['cust1'], { now: NOW }).text, whole.text);
  });

  it('a nameif in a later block replaces the earlier one: the earlier name is undefined', async () => {
    const c = cfg(`
      interface GigabitEthernet0/1
       nameif outside
      interface GigabitEthernet0/2
       nameif cust1
      object network web
       host 10.1.1.10
       nat (cust1,outside) static 192.0.2.10
      interface GigabitEthernet0/2
       nameif cust1-new
    `);
    assert.deepEqual([...c.interfacesByNameif.keys()].sort(), ['cust1-new', 'outside']);
    assert.deepEqual(
      c.warnings.map((w) => `${w.line} ${w.message}`),
      ['9 interface GigabitEthernet0/2: nameif cust1-new replaces nameif cust1'],
    );
    const r = await runAudit(c, { rules: ['undefined'] });
    assert.deepEqual(
      r.findings.map((f) => `${f.subject.kind} ${f.subject.name}`),
      ['interface cust1'],
    );
    // the new name's extract shows neither the old name nor the NAT rule that still names it
    const e = extract(c, ['cust1-new'], { now: NOW });
    assert.doesNotMatch(e.text, /[ (,]cust1[ ,)\n]/);
    assert.match(e.text, /nameif cust1-new/);
  });

  it('blocks that indent their lines differently keep their lines in the extract', () => {
    // one block indents by one blank, the next by two (fuzz find: a line of the first block made
    // the nameif of the second its child when both were printed as one block)
    const text = [
      'interface Vlan1',
      ' description first',
      'interface Vlan1',
      '  nameif inside',
      '  security-level 100',
      'interface Vlan2',
      ' nameif outside',
      'interface Vlan1',
      'access-list IN extended permit ip any any',
      'access-group IN in interface inside',
    ].join('\n');
    const e = extract(cfg(text), ['inside'], { now: NOW });
    const again = cfg(e.text);
    assert.equal(again.interfacesByNameif.get('inside')?.hw, 'Vlan1');
    assert.equal(again.interfacesByNameif.get('inside')?.description, 'first');
    // the third block has no lines: not printed
    assert.equal(e.text.split('\n').filter((l) => l === 'interface Vlan1').length, 2);
  });
});
