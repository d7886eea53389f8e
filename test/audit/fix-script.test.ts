// The combined fix script says a removal once (src/audit/dedupe.ts): what counts as the same
// removal (the same command under the same block headers, with nothing of its kind added since)
// and what is always kept (additions, block headers entered again for other sub-commands).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemovalDeduper, removedWhole } from '../../src/audit/dedupe.js';
import { formatFixScript, type AuditReport, type Finding } from '../../src/audit/index.js';

/** Each fix through one deduper, as the fix script does. */
function run(...fixes: string[][]): string[][] {
  const d = new RemovalDeduper();
  return fixes.map((f) => d.take(f));
}

describe('fix script: a removal once', () => {
  it('a top-level removal repeated: a comment in its place', () => {
    const ace = 'no access-list A extended permit ip object-group X object-group Y';
    assert.deepEqual(run([ace], [ace]), [[ace], [`! (already above: ${ace})`]]);
  });

  it('a sub-command removal repeated: the block goes, one comment names header and command', () => {
    const block = ['object network app', ' no nat (inside,dmz) static app-public', 'exit'];
    assert.deepEqual(run(block, block), [
      block,
      ['! (already above: object network app / no nat (inside,dmz) static app-public)'],
    ]);
  });

  it('the same block entered again for another sub-command is kept', () => {
    const a = ['tunnel-group RA general-attributes', ' no authorization-server-group X', 'exit'];
    const b = ['tunnel-group RA general-attributes', ' no accounting-server-group X', 'exit'];
    assert.deepEqual(run(a, b), [a, b]);
    // a block with a repeated and a new sub-command: entered, the repeated one a comment
    const both = [
      'tunnel-group RA general-attributes',
      ' no authorization-server-group X',
      ' no default-group-policy GP',
      'exit',
    ];
    assert.deepEqual(run(a, both)[1], [
      'tunnel-group RA general-attributes',
      '! (already above: no authorization-server-group X)',
      ' no default-group-policy GP',
      'exit',
    ]);
  });

  it('the same sub-command under other headers is another line', () => {
    const a = ['object network a', ' no description old', 'exit'];
    const b = ['object network b', ' no description old', 'exit'];
    assert.deepEqual(run(a, b), [a, b]);
  });

  it('nested headers stay when their one sub-command is repeated (the first may be a command)', () => {
    const nested = [
      'policy-map global_policy',
      'class inspection_default',
      ' no inspect x',
      'exit',
    ];
    assert.deepEqual(run(nested, nested)[1], [
      'policy-map global_policy',
      'class inspection_default',
      '! (already above: no inspect x)',
      'exit',
    ]);
    // a top-level command before a block is not one of its headers
    const reissue = ['crypto map CM 10 set ikev1 transform-set TS', ...nested];
    assert.deepEqual(run(nested, reissue)[1], reissue);
  });

  it('additions are never dropped: names, objects re-entered with their value', () => {
    const obj = ['object network host-10.0.0.5', ' host 10.0.0.5'];
    const name = ['name 10.0.0.5 srv1.'];
    assert.deepEqual(run(obj, obj, name, name), [obj, obj, name, name]);
  });

  it('a removal after an addition of its kind counts again (the line may be back)', () => {
    assert.deepEqual(
      run(['no name 10.0.0.5 srv1'], ['name 10.0.0.5 srv1'], ['no name 10.0.0.5 srv1']),
      [['no name 10.0.0.5 srv1'], ['name 10.0.0.5 srv1'], ['no name 10.0.0.5 srv1']],
    );
    const nat = ['object network app', ' no nat (inside,dmz) static app-public', 'exit'];
    const put = ['object network app', ' nat (inside,dmz) static app-public', 'exit'];
    assert.deepEqual(run(nat, put, nat), [nat, put, nat]);
    // an entry inserted again (`access-list ACL line N ...`) makes its removal count again
    const ace = 'no access-list A extended permit ip any host 10.0.0.5';
    const insert = 'access-list A line 1 extended permit ip any host 10.0.0.5';
    assert.deepEqual(run([ace], [insert], [ace]), [[ace], [insert], [ace]]);
  });

  it('formatFixScript keeps every finding header; the findings keep their fix', () => {
    const ace = 'no access-list A extended permit ip object-group X object-group Y';
    const finding = (name: string): Finding => ({
      rule: 'undefined',
      severity: 'error',
      subject: { kind: 'object-group', name },
      line: 3,
      message: `object-group ${name} is referenced but never defined`,
      reason: 'r',
      fix: [ace],
      references: [],
      order: 50,
    });
    const report: AuditReport = {
      source: 'x.cfg',
      findings: [finding('X'), finding('Y')],
      summary: { lines: 3, findings: { undefined: 2 }, unknownLines: 0 },
    };
    assert.deepEqual(formatFixScript(report).split('\n').slice(2), [
      '!',
      '! [undefined] line 3: object-group X is referenced but never defined',
      ace,
      '!',
      '! [undefined] line 3: object-group Y is referenced but never defined',
      `! (already above: ${ace})`,
      '',
    ]);
    assert.deepEqual(
      report.findings.map((f) => f.fix),
      [[ace], [ace]],
    );
  });
});

describe('fix script: what a structure removed whole held', () => {
  it('an entry removal of an access-list cleared below: a comment', () => {
    const entry = 'no access-list A extended permit ip object X any';
    const other = 'no access-list B extended permit ip object X any';
    const clear = 'clear configure access-list A';
    const fixes = [[entry], [other], [clear]];
    const d = new RemovalDeduper(removedWhole(fixes));
    assert.deepEqual(
      fixes.map((f) => d.take(f)),
      [[`! (removed whole by ${clear}): ${entry}`], [other], [clear]],
    );
  });

  it('a member removal of an object-group removed below: the block goes, the rest stays', () => {
    const member = ['object-group network admin', ' no group-object missing', 'exit'];
    const kept = ['object-group network web', ' no group-object missing', 'exit'];
    const add = ['object-group network admin', ' network-object host 192.0.2.1', 'exit'];
    const whole = ['no object-group network admin'];
    const fixes = [member, kept, add, whole];
    const d = new RemovalDeduper(removedWhole(fixes));
    assert.deepEqual(
      fixes.map((f) => d.take(f)),
      [
        [
          '! (removed whole by no object-group network admin): object-group network admin / no group-object missing',
        ],
        kept,
        add,
        whole,
      ],
    );
  });

  it('removedWhole reads clear configure access-list, no object-group and no object', () => {
    assert.deepEqual(
      [
        ...removedWhole([
          ['clear configure access-list A', 'clear configure access-list', 'no access-list B x'],
          [' clear configure access-list C', 'no object-group network G', 'no object network O'],
          ['no object-group network G extra', 'object network P'],
        ]).keys(),
      ],
      ['access-list A', 'access-list C', 'object-group G', 'object O'],
    );
  });
});

describe('fix script: a group printed as `object-group group TYPE NAME`', () => {
  it('is the object-group NAME that `no object-group TYPE NAME` removes', () => {
    const member = ['object-group group service svc tcp-udp', ' no group-object MISSING', 'exit'];
    const whole = ['no object-group service svc'];
    const d = new RemovalDeduper(removedWhole([member, whole]));
    assert.deepEqual(d.take(member), [
      '! (removed whole by no object-group service svc): object-group group service svc tcp-udp / no group-object MISSING',
    ]);
  });
});
