// Checks shared by the extract tests: exact-token views of an extract, self-containment (no
// undefined reference when audited alone), re-parsing without unknown lines, definitions before
// use (so the text can be pasted as it is).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigText } from '../../src/model/build.js';
import { runAudit } from '../../src/audit/index.js';
import type { Config } from '../../src/model/types.js';
import { repoRoot } from '../support/paths.js';

export const NOW = new Date('2026-01-01T00:00:00Z');

export const VERSION = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

/** Every whitespace-separated word of the text (exact-token matching, never substrings). */
export function tokens(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter((w) => w.length > 0));
}

/**
 * The words of the text that can name a structure or an address: free text (remarks,
 * descriptions, `!` comments) left out, so that "shared web frontend" does not count as `web`.
 */
export function referenceTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('!') || /^\s*description\s/.test(line)) continue;
    let l = line;
    const remark = / remark( |$)/.exec(l);
    if (l.startsWith('access-list ') && remark) l = l.slice(0, remark.index);
    const description = / description( |$)/.exec(l);
    if (description) l = l.slice(0, description.index);
    for (const w of l.split(/\s+/)) if (w) out.add(w);
  }
  return out;
}

/** The configuration lines of an extract: everything but `!` comment lines. */
export function configLines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0 && !l.startsWith('!'));
}

/** Re-parses an extract; it must be a configuration with no unknown line. */
export function reparse(text: string, source = 'extract'): Config {
  const c = loadConfigText(text, source);
  assert.deepEqual(
    c.unknown.map((l) => `${l.n}: ${l.raw}`),
    [],
    'the extract re-parses with zero unknown lines',
  );
  return c;
}

/** "kind name" of every undefined reference an audit of the configuration reports. */
export async function undefinedRefs(c: Config): Promise<string[]> {
  const report = await runAudit(c, { rules: ['undefined'] });
  return report.findings
    .filter((f) => f.rule === 'undefined')
    .map((f) => `${f.subject.kind} ${f.subject.name}`);
}

/** The extract, audited on its own, has no undefined reference. */
export async function assertSelfContained(text: string): Promise<void> {
  const refs = await undefinedRefs(loadConfigText(text, 'extract'));
  assert.deepEqual(refs, [], 'audit of the extract reports no undefined reference');
}

/**
 * Every reference in the extract points at a definition printed on an earlier line (or on the
 * same line, for the object NAT line's own object): the text can be pasted top to bottom.
 */
export function definitionsBeforeUse(c: Config): string[] {
  const late: string[] = [];
  for (const u of c.graph.allUses()) {
    if (u.implicit) continue;
    const d = c.graph.target(u);
    if (!d) continue;
    const first = d.lines[0];
    if (first && first.n > u.line.n)
      late.push(`${u.kind} ${u.name} used on line ${u.line.n}, defined on line ${first.n}`);
  }
  return late;
}

/** Sum of the `omitted` counts whose reason matches. */
export function omittedCount(omitted: Record<string, number>, reason: RegExp): number {
  return Object.entries(omitted)
    .filter(([k]) => reason.test(k))
    .reduce((s, [, v]) => s + v, 0);
}
