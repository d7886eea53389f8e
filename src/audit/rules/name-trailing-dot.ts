// name-trailing-dot: IPv4 `name`s should end with a dot (so they can never be taken for a DNS name
// that resolves), IPv6 names should not. The fix creates the renamed name, re-points every line
// that uses the old one (adding before removing), then removes the old name.
import { isIPv4 } from '../../parse/ip.js';
import type { Line } from '../../parse/lines.js';
import type { AuditRule, Finding } from '../types.js';
import {
  FIX_ORDER,
  applyEdits,
  badName,
  comment,
  effective,
  namePlan,
  renameCreate,
  renamedUsesOn,
  replaceLineCommands,
  type WordEdit,
} from './shared.js';

const REASON_V4 =
  'A `name` is family-agnostic: nothing in `name ADDRESS NAME` says whether NAME is a label or a DNS name. Without a trailing dot, an IPv4 name such as `www.example.net` reads like a DNS name that resolves, and people take the config for what DNS says (or the reverse); with the trailing dot (`www.example.net.`) it is visibly a label fixed to the address in the config, and cannot be confused with a resolvable DNS name. The address stays the same, and a DNS check (--dns) still checks it.';
const REASON_V6 =
  'A `name` is family-agnostic, but for IPv6 names a trailing dot is not recommended: IPv6 names are not written with one, and a dotted IPv6 name stands out from the convention of the rest of the configuration (where only IPv4 names carry the dot).';

export const nameTrailingDot: AuditRule = {
  meta: {
    id: 'name-trailing-dot',
    severity: 'info',
    description: 'IPv4 names without a trailing dot, and IPv6 names with one',
    reason: REASON_V4,
  },
  async check(ctx) {
    const config = ctx.config;
    const g = config.graph;
    const eff = effective(ctx);
    const plan = await namePlan(ctx);

    // Which finding rewrites which line: the first renamed name it uses (raw-address leaves lines
    // with renamed names alone).
    const owner = new Map<Line, string>();
    for (const [name] of plan.renames) {
      for (const u of g.usesOf('name', name)) {
        if (u.implicit || !eff.kept(u.line) || owner.has(u.line)) continue;
        owner.set(u.line, name);
      }
    }

    const findings: Finding[] = [];
    let seq = 0;
    for (const n of config.names.values()) {
      if (!badName(n)) continue;
      const v4 = isIPv4(n.address);
      const r = plan.renames.get(n.name);
      const notes: string[] = [];
      const fix: string[] = [];
      const skipped = plan.skipped.get(n.name);
      if (skipped) notes.push(skipped);
      if (r) {
        const creates: string[] = [...renameCreate(r)];
        const body: string[] = [];
        const lines = [
          ...new Set(
            g
              .usesOf('name', n.name)
              .filter((u) => !u.implicit)
              .map((u) => u.line),
          ),
        ].sort((a, b) => a.n - b.n);
        let removed = 0;
        for (const l of lines) {
          if (!eff.kept(l)) {
            removed++;
            continue;
          }
          const o = owner.get(l);
          if (o !== n.name) {
            body.push(comment(`line ${l.n} is re-pointed by the fix for name ${o ?? '?'}`));
            continue;
          }
          const edits: WordEdit[] = [];
          for (const u of renamedUsesOn(ctx, plan, l)) {
            const other = plan.renames.get(u.name);
            if (!other) continue;
            for (const c of renameCreate(other)) if (!creates.includes(c)) creates.push(c);
            edits.push({ at: u.at, len: 1, words: [other.to] });
          }
          body.push(...replaceLineCommands(ctx, l, applyEdits(l.tokens, edits)));
        }
        if (removed > 0) {
          notes.push(
            `${removed} line(s) using it belong to structures that other fixes remove (unused, undefined, incomplete crypto map entries) and are not re-pointed.`,
          );
        }
        for (const c of [...creates, ...body, `no name ${n.address} ${n.name}`]) fix.push(c);
      }
      const message = v4
        ? `IPv4 name ${n.name} (${n.address}) has no trailing dot${r ? `; rename it to ${r.to}` : ''}`
        : `IPv6 name ${n.name} (${n.address}) ends with a dot${r ? `; rename it to ${r.to}` : ''}`;
      const how = r
        ? ` The fix creates ${r.to} for the same address${r.exists ? ' (it exists already)' : ''}, re-points every line that uses ${n.name} (access-list entries are re-inserted at their own position before the old entry is removed; block members are added before the old member is removed), and only then removes ${n.name}. The lines are listed under references.`
        : '';
      findings.push({
        rule: 'name-trailing-dot',
        severity: 'info',
        subject: { kind: 'name', name: n.name },
        line: n.line.n,
        message,
        reason: [(v4 ? REASON_V4 : REASON_V6) + how, ...notes].join(' '),
        fix,
        ...ctx.refsOf('name', n.name, [n.line.n]),
        order: FIX_ORDER.nameTrailingDot + seq++,
      });
    }
    return findings;
  },
};
