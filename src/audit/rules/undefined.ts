// undefined: referenced, never defined — reported once per use, with its usage context.
import { removeLine } from '../commands.js';
import type { AuditRule, Finding } from '../types.js';

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
    const g = ctx.config.graph;
    for (const u of g.undefinedUses()) {
      const text = u.line.raw.trim();
      findings.push({
        rule: 'undefined',
        severity: 'error',
        subject: { kind: u.kind, name: u.name },
        line: u.line.n,
        message: `${u.kind} ${u.name} is referenced (${u.context}) but never defined`,
        reason: `${undefinedRule.meta.reason} Line ${u.line.n}: "${text}".`,
        fix: removeLine(u.line),
        references: ctx.refsOf(u.kind, u.name, [u.line.n]),
        order: 50,
      });
    }
    return findings;
  },
};
