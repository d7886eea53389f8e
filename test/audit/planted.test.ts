// Planted defects: bench/generate.ts plants exactly one of each defect into a large multi-customer
// config and lists them; the audit must find every one and report nothing else (a config
// generated without defects has no finding at all).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateConfig } from '../../bench/generate.js';
import { loadConfigText } from '../../src/model/build.js';
import { runAudit } from '../../src/audit/index.js';

const NOW = new Date('2026-12-15T00:00:00Z');

describe('planted defects in generated configurations', () => {
  for (const seed of [1, 42, 2026]) {
    it(`seed ${seed}, ~20k lines, with defects: exactly the planted findings`, async () => {
      const g = generateConfig({ targetLines: 20_000, seed, defects: true });
      assert.ok(g.lines > 15_000 && g.lines < 25_000, String(g.lines));
      const report = await runAudit(loadConfigText(g.text, `gen-${seed}.cfg`), { now: NOW });
      const found = report.findings
        .map((f) => `${f.rule} ${f.subject.kind} ${f.subject.name}`)
        .sort();
      const planted = g.planted.map((p) => `${p.rule} ${p.kind} ${p.name}`).sort();
      for (const p of planted) assert.ok(found.includes(p), `planted but not found: ${p}`);
      // nothing else as unused/undefined — and nothing else at all
      assert.deepEqual(found, planted);
      const raw = report.findings.find((f) => f.rule === 'raw-address');
      assert.equal(raw?.address, '203.0.113.7');
    });
  }

  for (const seed of [1, 42]) {
    it(`seed ${seed}, ~20k lines, without defects: no finding`, async () => {
      const g = generateConfig({ targetLines: 20_000, seed, defects: false });
      const report = await runAudit(loadConfigText(g.text, `clean-${seed}.cfg`), { now: NOW });
      assert.deepEqual(
        report.findings.map((f) => `${f.line} ${f.rule} ${f.message}`),
        [],
      );
    });
  }

  it('a 200k-line config audits in a few seconds', async () => {
    const g = generateConfig({ targetLines: 200_000, seed: 5, defects: true });
    const t0 = performance.now();
    const report = await runAudit(loadConfigText(g.text, 'big.cfg'), { now: NOW });
    const ms = performance.now() - t0;
    assert.equal(report.findings.length, g.planted.length);
    assert.ok(ms < 15_000, `${Math.round(ms)} ms`);
  });
});
