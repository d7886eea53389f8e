// undefined: referenced, never defined — one finding per missing structure (kind, name), at its
// first use, with every use's usage context, a fix that removes every line using it, and the
// other lines as references. One finding per use would list, for each use, every other use: a
// name used on 5,000 lines then made 25 million references (and exhausted the heap).
import type { Line } from '../../parse/lines.js';
import type { Use } from '../../graph/graph.js';
import { listStart } from '../../parse/engine.js';
import { isParenIf } from '../../parse/grammar.js';
import { reissueLine, removeLine } from '../commands.js';
import type { AuditRule, Finding } from '../types.js';

/** the undefined uses grouped by structure (kind, name), in the order of their first use */
function byStructure(uses: readonly Use[]): Use[][] {
  const groups = new Map<string, Use[]>();
  for (const u of uses) {
    const key = `${u.kind}\u0000${u.name}`;
    const list = groups.get(key);
    if (list) list.push(u);
    else groups.set(key, [u]);
  }
  return [...groups.values()];
}

/** `a`, `a and b`, `a, b and c`; past three, the first three `and N more` */
function listed(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  if (items.length > 3) return `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The fix for one line: for a command whose list replaces itself when entered again, the same
 * command without the undefined names (`set ikev1 transform-set TS` for `... TS BADTS`) while a
 * name is left in the list; otherwise (and for every other command) the line removed.
 */
function fixLine(line: Line, undefinedAt: ReadonlySet<number>): string[] {
  const rule = line.rule;
  if (rule?.replacesList) {
    const from = listStart(rule);
    const words = line.tokens;
    const dropped = (i: number) => i >= from && undefinedAt.has(i);
    const left = words.some((w, i) => i >= from && !dropped(i) && !isParenIf(w));
    if (from >= 0 && left)
      return reissueLine(
        line,
        words.filter((_, i) => !dropped(i)),
      );
  }
  return removeLine(line);
}

export const undefinedRule: AuditRule = {
  meta: {
    id: 'undefined',
    severity: 'error',
    description: 'references to structures that are defined nowhere in the configuration',
    reason:
      'The command refers to something that does not exist: it does not do what it says (an ACE matching an undefined group matches nothing, a tunnel-group with a missing group-policy falls back to defaults). Define the structure, or remove the reference.',
  },
  check(ctx) {
    const findings: Finding[] = [];
    const all = ctx.config.graph.undefinedUses();
    // every undefined name's position per line: a list loses all of them in one command
    const undefinedAt = new Map<Line, Set<number>>();
    for (const u of all) {
      const at = undefinedAt.get(u.line);
      if (at) at.add(u.at);
      else undefinedAt.set(u.line, new Set([u.at]));
    }
    for (const uses of byStructure(all)) {
      const first = uses[0] as Use;
      // a line may use the name twice (`permit ip object-group X object-group X`): lines once
      const lines: Line[] = [];
      for (const u of uses) if (lines[lines.length - 1] !== u.line) lines.push(u.line);
      const contexts = listed([...new Set(uses.map((u) => u.context))]);
      const where = lines.length === 1 ? '' : ` on ${lines.length} lines`;
      const text = first.line.raw.trim();
      const more = lines.length === 1 ? '' : ` (and ${lines.length - 1} more, see references)`;
      // defined once, then replaced (an interface's later nameif): say so, not "never"
      const gone = ctx.config.graph.retracted.find(
        (r) => r.kind === first.kind && r.name === first.name,
      );
      const never = gone
        ? `no longer defined: line ${gone.line.n} defined it, line ${gone.by.n} replaced that ("${gone.by.raw.trim()}")`
        : 'never defined';
      findings.push({
        rule: 'undefined',
        severity: 'error',
        subject: { kind: first.kind, name: first.name },
        line: first.line.n,
        message: `${first.kind} ${first.name} is referenced${where} (${contexts}) but ${never}`,
        reason: `${undefinedRule.meta.reason} Line ${first.line.n}: "${text}"${more}.`,
        fix: lines.flatMap((l) => fixLine(l, undefinedAt.get(l) as Set<number>)),
        ...ctx.refsOf(first.kind, first.name, [first.line.n]),
        order: 50,
      });
    }
    return findings;
  },
};
