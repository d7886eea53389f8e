// Firepower Threat Defense configurations (`NGFW Version`, the management center's `advanced`
// entries with `ifc`, `rule-id`, `event-log` and `trust`): audited as the device reads them, with
// fixes that say they are made in FMC or FDM.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfigText } from '../../src/model/build.js';
import { aceOf } from '../../src/model/types.js';
import { formatAuditText, formatFixScript, runAudit } from '../../src/audit/index.js';
import { cliPath, examplesDir, repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const NOW = new Date('2026-12-15T00:00:00Z');
const hosting = join(repoRoot, 'test', 'fixtures', 'extract', 'ftd-hosting', 'config.cfg');

/** An FTD with an entry on an interface it does not have, a raw address and an unused group. */
const FIRES = `NGFW Version 7.2.5
hostname ftd-lab
interface Ethernet1/1
 nameif outside
interface Ethernet1/2
 nameif inside
object network web
 host 10.9.0.10
object-group network FMC_INLINE_src_rule_268435470
 network-object object web
access-list CSM_FW_ACL_ remark rule-id 268435470: L4 RULE: admins
access-list CSM_FW_ACL_ advanced permit tcp ifc outside host 203.0.113.9 ifc inside object web eq ssh rule-id 268435470
access-list CSM_FW_ACL_ advanced trust ip ifc dmz any ifc outside any rule-id 268435471 event-log both
access-list CSM_FW_ACL_ advanced deny ip any any rule-id 268434432 event-log flow-start
access-group CSM_FW_ACL_ global
`;

describe('FTD configurations', () => {
  it('advanced entries are read operand by operand: no word is taken for a name', async () => {
    const c = loadConfigText(readFileSync(hosting, 'utf8'), 'ftd-hosting');
    assert.deepEqual(c.unknown, []);
    assert.deepEqual(c.warnings, []);
    assert.equal(c.accessLists.get('CSM_FW_ACL_')?.type, 'advanced');
    const aces = (c.accessLists.get('CSM_FW_ACL_')?.entries ?? []).flatMap((e) => aceOf(e) ?? []);
    assert.equal(aces.length, 11);
    assert.ok(aces.every((a) => a.incomplete === undefined && a.trailing === undefined));
    assert.ok(aces.every((a) => a.ruleId !== undefined));
    const trust = aces.find((a) => a.action === 'trust');
    assert.deepEqual(
      [trust?.srcIfc, trust?.src?.type, trust?.dstIfc, trust?.dst?.type, trust?.eventLog],
      ['outside', 'object', undefined, 'any', 'both'],
    );
    const r = await runAudit(c, { now: NOW });
    // every group, object and interface the policy names is defined and used
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.message}`),
      [],
    );
    assert.equal(r.platform, 'ftd');
  });

  it('an interface the device lacks, a raw address and an unused group are found', async () => {
    const r = await runAudit(loadConfigText(FIRES, 'fires'), { now: NOW });
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.subject.kind, f.subject.name, f.line]),
      [
        ['unused', 'object-group', 'FMC_INLINE_src_rule_268435470', 9],
        ['raw-address', 'access-list', 'CSM_FW_ACL_', 12],
        ['undefined', 'interface', 'dmz', 13],
      ],
    );
    const raw = r.findings.find((f) => f.rule === 'raw-address');
    assert.deepEqual(raw?.fix.slice(2), [
      'access-list CSM_FW_ACL_ line 2 advanced permit tcp ifc outside object host-203.0.113.9 ifc inside object web eq ssh rule-id 268435470',
      'no access-list CSM_FW_ACL_ advanced permit tcp ifc outside host 203.0.113.9 ifc inside object web eq ssh rule-id 268435470',
    ]);
    // said once, in the report and at the top of the fix script
    const text = formatAuditText(r, { color: false });
    assert.equal(text.match(/FMC or FDM owns it/g)?.length, 1);
    assert.match(formatFixScript(r).split('\n')[2] ?? '', /^! this is a Firepower Threat Defense/);
  });

  it('an ASA configuration has no platform and no such note', async () => {
    const r = await runAudit(
      loadConfigText(readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8'), 'hosting.cfg'),
      { now: NOW },
    );
    assert.equal(r.platform, undefined);
    assert.doesNotMatch(formatAuditText(r, { color: false }), /Firepower/);
    assert.doesNotMatch(formatFixScript(r), /Firepower/);
  });

  it('through the CLI: JSON says "platform": "ftd", the text report and the fix script say where to fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asakit-ftd-'));
    try {
      const file = join(dir, 'ftd.cfg');
      writeFileSync(file, FIRES);
      const out = async (args: string[]) => {
        try {
          return (await run(process.execPath, [cliPath, 'audit', file, ...args])).stdout;
        } catch (e) {
          const err = e as { code: number; stdout: string; stderr: string };
          assert.equal(err.code, 1, err.stderr); // findings at or above warning
          return err.stdout;
        }
      };
      const json = JSON.parse(await out(['--format', 'json'])) as { platform?: string };
      assert.equal(json.platform, 'ftd');
      assert.match(await out([]), /^note: this is a Firepower Threat Defense configuration/m);
      assert.match(await out(['--fix-script']), /^! this is a Firepower Threat Defense/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
