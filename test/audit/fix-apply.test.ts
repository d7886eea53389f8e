// The fix scripts, applied: the audit's --fix-script is applied to the configuration text by a
// small applier (test/support/fix-applier.ts, which understands exactly the commands asakit
// emits), the result is parsed and audited again. The fixed findings must be gone (whole unused
// chains in one round), no new undefined reference may appear, and every access-list and network
// object-group that stays must still mean what it meant, entry by entry, in the same order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/model/build.js';
import { AddressResolver } from '../../src/model/addresses.js';
import { aceOf, remarkOf, type Config } from '../../src/model/types.js';
import type { AddressOperand } from '../../src/parse/operands.js';
import {
  formatFixScript,
  runAudit,
  type AuditReport,
  type Finding,
  type RuleId,
} from '../../src/audit/index.js';
import { generateConfig } from '../../bench/generate.js';
import { applyFixScript } from '../support/fix-applier.js';
import { examplesDir, repoRoot } from '../support/paths.js';

const NOW = new Date('2026-12-15T00:00:00Z');
const STRUCTURAL: RuleId[] = [
  'unused',
  'incomplete-crypto-map',
  'expired-certificate',
  'portchannel-failover-mac',
  'raw-address',
  'name-trailing-dot',
];

/** A finding's fix does something (not only `!` comments). */
const acts = (f: Finding) => f.fix.some((c) => !c.startsWith('!'));
const key = (f: Finding) => `${f.rule} ${f.subject.kind} ${f.subject.name} ${f.address ?? ''}`;

/** What an address operand stands for, independent of how it is written. */
function canon(c: Config, op: AddressOperand): string {
  const set = new AddressResolver(c).operand(op);
  if (op.type === 'object-group') return `group:${op.name}`;
  if (set.any) return `any:${op.type === 'any' ? op.word : ''}`;
  return JSON.stringify([
    set.v4.map((r) => [r.first, r.last]),
    set.v6.map(([a, l]) => `${a.toString()}/${l}`),
    set.unknown,
  ]);
}

/** Every entry of every access-list, with its address operands replaced by what they stand for. */
function aclMeaning(
  c: Config,
  skip: (line: number) => boolean = () => false,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const acl of c.accessLists.values()) {
    out.set(
      acl.name,
      acl.entries
        .filter((e) => !skip(e.line.n))
        .map((e) => {
          const t = [...e.line.tokens];
          if (remarkOf(e) !== undefined) return t.join(' ');
          const ace = aceOf(e);
          if (!ace) return t.join(' ');
          const ops = [ace.src, ace.dst].filter((o): o is AddressOperand => o !== undefined);
          // replace each operand's words by its meaning, right to left
          const spans = ops.map((op) => {
            let at = op.at;
            let len = 1;
            if (
              op.type === 'host' ||
              op.type === 'object' ||
              op.type === 'object-group' ||
              op.type === 'interface'
            ) {
              if (t[at - 1] === op.type || t[at - 1] === 'host') {
                at -= 1;
                len = 2;
              }
            } else if (op.type === 'network' || (op.type === 'name' && op.mask !== undefined))
              len = 2;
            else if (op.type === 'name' && t[at - 1] === 'host') {
              at -= 1;
              len = 2;
            }
            return { at, len, words: [`<${canon(c, op)}>`] };
          });
          for (const s of spans.sort((a, b) => b.at - a.at)) t.splice(s.at, s.len, ...s.words);
          return t
            .slice(2)
            .filter((w) => w !== 'line')
            .join(' ');
        }),
    );
  }
  return out;
}

function groupMeaning(c: Config): Map<string, string> {
  const r = new AddressResolver(c);
  const out = new Map<string, string>();
  for (const g of c.objectGroups.values()) {
    if (g.type !== 'network') continue;
    const s = r.group(g.name);
    const v4 = s.v4.map((x) => `${x.first}-${x.last}`).sort();
    const v6 = s.v6.map(([a, l]) => `${a.toString()}/${l}`).sort();
    out.set(g.name, JSON.stringify([v4, v6, s.unknown]));
  }
  return out;
}

interface RoundTrip {
  before: AuditReport;
  after: AuditReport;
  script: string;
  errors: string[];
  beforeConfig: Config;
  afterConfig: Config;
  text: string;
}

async function roundTrip(text: string, source: string, rules: RuleId[]): Promise<RoundTrip> {
  const beforeConfig = loadConfigText(text, source);
  const fixReport = await runAudit(beforeConfig, { now: NOW, rules });
  const script = formatFixScript(fixReport);
  const applied = applyFixScript(text, script);
  const afterConfig = loadConfigText(applied.text, source);
  return {
    before: await runAudit(beforeConfig, { now: NOW }),
    after: await runAudit(afterConfig, { now: NOW }),
    script,
    errors: applied.errors,
    beforeConfig,
    afterConfig,
    text: applied.text,
  };
}

/** The checks every round trip must pass. */
function assertFixed(rt: RoundTrip, rules: RuleId[]): void {
  assert.deepEqual(rt.errors, [], `commands the ASA would refuse:\n${rt.script}`);
  const fixedBefore = new Set(
    rt.before.findings.filter((f) => rules.includes(f.rule) && acts(f)).map(key),
  );
  const leftOver = rt.after.findings.filter((f) => fixedBefore.has(key(f)));
  assert.deepEqual(
    leftOver.map((f) => `${f.line}: ${f.message}`),
    [],
    'findings that the fix script should have fixed',
  );
  for (const rule of ['unused', 'incomplete-crypto-map', 'portchannel-failover-mac'] as RuleId[]) {
    if (!rules.includes(rule)) continue;
    assert.deepEqual(
      rt.after.findings.filter((f) => f.rule === rule).map((f) => f.message),
      [],
      `${rule} after one round`,
    );
  }
  if (rules.includes('expired-certificate')) {
    assert.deepEqual(
      rt.after.findings
        .filter((f) => f.rule === 'expired-certificate' && f.severity === 'error')
        .map((f) => f.message),
      [],
    );
  }
  // raw-address / name-trailing-dot findings after: only those that had no fix before
  for (const rule of ['raw-address', 'name-trailing-dot'] as RuleId[]) {
    if (!rules.includes(rule)) continue;
    const unfixable = new Set(
      rt.before.findings.filter((f) => f.rule === rule && !acts(f)).map(key),
    );
    assert.deepEqual(
      rt.after.findings
        .filter((f) => f.rule === rule && !unfixable.has(key(f)))
        .map((f) => f.message),
      [],
    );
  }
  // no new undefined reference
  const undef = (r: AuditReport) =>
    new Set(
      r.findings
        .filter((f) => f.rule === 'undefined')
        .map((f) => `${f.subject.kind} ${f.subject.name}`),
    );
  const before = undef(rt.before);
  assert.deepEqual(
    [...undef(rt.after)].filter((u) => !before.has(u)),
    [],
    'new undefined references',
  );
  // what stays means the same, in the same order
  // (entries that hold an undefined reference are removed by the undefined fixes)
  const undefinedLines = new Set(rt.beforeConfig.graph.undefinedUses().map((u) => u.line.n));
  const aclsBefore = aclMeaning(
    rt.beforeConfig,
    (n) => rules.includes('undefined') && undefinedLines.has(n),
  );
  const aclsAfter = aclMeaning(rt.afterConfig);
  for (const [name, entries] of aclsAfter)
    assert.deepEqual(entries, aclsBefore.get(name), `access-list ${name}`);
  const groupsBefore = groupMeaning(rt.beforeConfig);
  for (const [name, meaning] of groupMeaning(rt.afterConfig))
    assert.equal(meaning, groupsBefore.get(name), `object-group ${name}`);
}

describe('fix scripts applied and re-audited', () => {
  it('examples/hosting.cfg: structural rules', async () => {
    const text = readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8');
    const rt = await roundTrip(text, 'hosting.cfg', STRUCTURAL);
    assertFixed(rt, STRUCTURAL);
    // what was removed is gone, what was added is there
    assert.equal(rt.afterConfig.trustpoints.has('TP-OLD-VPN'), false);
    assert.equal(rt.afterConfig.accessLists.has('globex-vpn-2018'), false);
    assert.equal(rt.afterConfig.cryptoMaps.get('outside_map')?.entries.has('30'), false);
    assert.match(
      rt.afterConfig.interfaces.find((i) => i.hw === 'Port-channel1')?.macAddress?.standby ?? '',
      /^0200\./,
    );
    assert.ok(rt.afterConfig.names.has('www.example.net.'));
    assert.ok(!rt.afterConfig.names.has('www.example.net'));
    assert.equal(rt.afterConfig.objects.get('host-198.51.100.77')?.value?.type, 'host');
    // the remaining findings: those without a fix, and the undefined ones (not in this script)
    assert.deepEqual([...new Set(rt.after.findings.map((f) => f.rule))].sort(), [
      'expired-certificate',
      'fqdn-object',
      'raw-address',
      'undefined',
    ]);
  });

  it('examples/hosting.cfg: every rule, undefined included, leaves no unused and no undefined', async () => {
    const text = readFileSync(join(examplesDir, 'hosting.cfg'), 'utf8');
    const all: RuleId[] = [...STRUCTURAL, 'undefined'];
    const rt = await roundTrip(text, 'hosting.cfg', all);
    assertFixed(rt, all);
    assert.deepEqual(
      rt.after.findings
        .filter((f) => f.rule === 'undefined' || f.rule === 'unused')
        .map((f) => f.message),
      [],
    );
  });

  it('the rule fixtures: each fires.cfg fixed by its own rule (and unused) is quiet', async () => {
    for (const rule of [
      'raw-address',
      'name-trailing-dot',
      'incomplete-crypto-map',
      'expired-certificate',
      'portchannel-failover-mac',
    ] as RuleId[]) {
      const file = join(repoRoot, 'test', 'fixtures', 'audit', rule, 'fires.cfg');
      const rules: RuleId[] = [rule, 'unused', 'undefined'];
      const rt = await roundTrip(readFileSync(file, 'utf8'), file, rules);
      assertFixed(rt, rules);
    }
  });

  for (const seed of [1, 2, 3]) {
    it(`generated config with defects (seed ${seed}, ~20k lines): structural rules`, async () => {
      const g = generateConfig({ targetLines: 20_000, seed, defects: true });
      const rt = await roundTrip(g.text, `gen-${seed}.cfg`, STRUCTURAL);
      assertFixed(rt, STRUCTURAL);
      // with the planted defects, only the undefined reference is left
      assert.deepEqual(
        rt.after.findings.map((f) => f.rule),
        ['undefined'],
      );
    });
  }

  it('a generated config without defects gets an empty fix script', async () => {
    const g = generateConfig({ targetLines: 5_000, seed: 9, defects: false });
    const report = await runAudit(loadConfigText(g.text, 'clean.cfg'), { now: NOW });
    assert.deepEqual(
      report.findings.map((f) => f.message),
      [],
    );
    assert.match(formatFixScript(report), /! nothing to fix/);
  });

  describe('names are aliases', () => {
    // The ASA stores the address; the text shows the name in its place while `names` is enabled.
    const text = [
      'names',
      'name 10.1.1.5 srv1 description web and syslog',
      'interface GigabitEthernet0/0',
      ' nameif inside',
      'access-list IN extended permit tcp any host srv1 eq 443',
      'access-group IN in interface inside',
      'logging host inside srv1',
      '',
    ].join('\n');

    it('the applier: no name shows the address, a new name for it shows the new name', () => {
      const gone = applyFixScript(text, ['no name 10.1.1.5 srv1']);
      assert.deepEqual(gone.errors, []);
      assert.match(gone.text, /^access-list IN extended permit tcp any host 10\.1\.1\.5 eq 443$/m);
      assert.match(gone.text, /^logging host inside 10\.1\.1\.5$/m);
      const renamed = applyFixScript(text, [
        'no name 10.1.1.5 srv1',
        'name 10.1.1.5 srv1. description web and syslog',
      ]);
      assert.deepEqual(renamed.errors, []);
      assert.equal(
        renamed.text,
        text
          .replace(/srv1 /, 'srv1. ')
          .replace(/host srv1 /, 'host srv1. ')
          .replace(/srv1\n$/, 'srv1.\n'),
      );
    });

    it('the applier: one name per address, so a second name for it is refused', () => {
      const r = applyFixScript(text, ['name 10.1.1.5 srv1.']);
      assert.deepEqual(r.errors, ['name 10.1.1.5 srv1.: 10.1.1.5 has the name srv1 already']);
      assert.equal(r.text, text);
    });

    it('name-trailing-dot: the syslog host and the permit survive the rename', async () => {
      const rules: RuleId[] = ['name-trailing-dot'];
      const rt = await roundTrip(text, 'names.cfg', rules);
      assertFixed(rt, rules);
      assert.match(rt.text, /^logging host inside srv1\.$/m);
      assert.match(rt.text, /^access-list IN extended permit tcp any host srv1\. eq 443$/m);
      assert.equal(rt.afterConfig.accessLists.get('IN')?.entries.length, 1);
    });
  });

  it('a removal several findings need is made once: the script applies without a refusal', async () => {
    // test/fixtures/audit/fix-script: an entry with two undefined groups, an object NAT line
    // with an undefined interface and mapped object, ... (see cli.test.ts)
    const file = join(repoRoot, 'test', 'fixtures', 'audit', 'fix-script', 'repeated-removals.cfg');
    const rules: RuleId[] = ['undefined', 'unused'];
    const rt = await roundTrip(readFileSync(file, 'utf8'), file, rules);
    assert.equal(rt.script.match(/^! \(already above: /gm)?.length, 4, rt.script);
    assertFixed(rt, rules);
    assert.deepEqual(
      rt.afterConfig.accessLists.get('outside_in')?.entries.map((e) => e.line.tokens.join(' ')),
      [
        'access-list outside_in extended permit tcp any object web eq https',
        'access-list outside_in extended permit tcp any object app eq 8443',
      ],
    );
    assert.doesNotMatch(rt.text, /nat \(inside,dmz\)|OLD-RADIUS|ESP-AES/);
    assert.match(rt.text, /^ authentication-server-group RADIUS$/m);
  });

  it('what a structure removed whole held is not removed first: the script applies without a refusal', async () => {
    // an unused ACL whose one entry names an undefined object, an unused group whose one member
    // is an undefined group: removing the entry (the member) first left nothing for the
    // `clear configure access-list` (the `no object-group`) to remove
    const text = [
      'hostname fw',
      'object-group network unused-grp',
      ' group-object MISSING-GRP',
      'access-list unused-acl extended permit ip object MISSING-OBJ any',
    ].join('\n');
    const rules: RuleId[] = ['undefined', 'unused'];
    const rt = await roundTrip(text, 'whole.cfg', rules);
    assert.equal(rt.script.match(/^! \(removed whole by /gm)?.length, 2, rt.script);
    assertFixed(rt, rules);
    assert.doesNotMatch(rt.text, /unused-grp|unused-acl/);
  });

  it('the applier: an object shown in two blocks (its NAT apart) is one object; a second removal is refused', () => {
    const text = [
      'object network app',
      ' host 10.0.0.20',
      'object network app',
      ' nat (inside,outside) static 192.0.2.20',
      '',
    ].join('\n');
    const remove = ['object network app', ' no nat (inside,outside) static 192.0.2.20', 'exit'];
    const once = applyFixScript(text, remove);
    assert.deepEqual(once.errors, []);
    assert.doesNotMatch(once.text, /nat/);
    assert.match(once.text, /^ host 10\.0\.0\.20$/m);
    const twice = applyFixScript(text, [...remove, ...remove]);
    assert.deepEqual(twice.errors, [
      'no nat (inside,outside) static 192.0.2.20: no such line in "object network app"',
    ]);
  });

  it('the applier refuses what the ASA would refuse', () => {
    const text = 'access-list A extended permit ip any any\nname 10.0.0.1 a.\n';
    const r = applyFixScript(text, [
      'no access-list A extended permit ip any host 10.0.0.9',
      'no object network missing',
      'name 10.0.0.2 a.',
      'access-list A line 1 extended deny ip any any',
    ]);
    assert.equal(r.errors.length, 3);
    assert.equal(
      r.text,
      'access-list A extended deny ip any any\naccess-list A extended permit ip any any\nname 10.0.0.1 a.\n',
    );
  });
});
