// incomplete-crypto-map: a crypto map entry without match address, peer, or transform-set /
// IPsec proposal can never bring up a tunnel. The fix removes the entry, and with it what only
// the entry used (its crypto ACL, the L2L tunnel-group of its peer, ...), users first.
import { UNUSABLE_KINDS } from '../../graph/liveness.js';
import { byFirstLine, type Def } from '../../graph/graph.js';
import { postOrder } from '../../graph/order.js';
import { removeCommands } from '../commands.js';
import type { AuditRule, Finding } from '../types.js';
import type { CryptoMap } from '../../model/types.js';
import { FIX_ORDER, effective, type IncompleteEntry } from './shared.js';

const REASON =
  'A crypto map entry needs a `match address` access-list (which traffic to protect), a `set peer` (where to send it) and an IKEv1 transform-set or IKEv2 IPsec proposal (how to protect it); an entry without one of them can never bring up a tunnel, yet it keeps peers, keys and access-lists in the configuration. `ipsec-isakmp dynamic` entries are complete by themselves. The ASA removes a whole entry with `clear configure crypto map MAP SEQ` (`no crypto map MAP SEQ ...` only removes one setting of it), so the fix uses that form.';

export const incompleteCryptoMap: AuditRule = {
  meta: {
    id: 'incomplete-crypto-map',
    severity: 'error',
    description: 'crypto map entries without match address, peer, or transform-set/IPsec proposal',
    reason: REASON,
  },
  check(ctx) {
    const config = ctx.config;
    const g = config.graph;
    const eff = effective(ctx);
    const incomplete = eff.incomplete;
    if (incomplete.length === 0) return [];

    // Structures alive now that the removal of the entries leaves unused, in removal order
    // (users before what they use), each assigned to the last entry whose removal frees it.
    const freed = new Set<Def>();
    for (const d of eff.newlyDead) if (UNUSABLE_KINDS.has(d.kind)) freed.add(d);
    const assigned = new Map<Def, number>();
    incomplete.forEach((e, idx) => {
      if (!e.mapAlive) return;
      const stack: Def[] = [];
      const seen = new Set<Def>();
      const visit = (d: Def | undefined) => {
        if (d && freed.has(d) && !seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      };
      for (const l of e.entry.lines) for (const u of g.usesOnLine(l)) visit(g.target(u));
      while (stack.length > 0) {
        const d = stack.pop() as Def;
        for (const u of g.usesIn(d)) visit(g.target(u));
      }
      for (const d of seen) assigned.set(d, idx);
    });
    const order = postOrder([...assigned.keys()].sort(byFirstLine), (d) =>
      g
        .usesOf(d.kind, d.name)
        .filter((u) => u.owner && u.owner !== d && assigned.has(u.owner))
        .map((u) => u.owner as Def),
    );

    // per map: its last incomplete entry, and how many there are (all of them: the map goes)
    const lastOfMap = new Map<CryptoMap, IncompleteEntry>();
    const incompleteOfMap = new Map<CryptoMap, number>();
    for (const e of incomplete) {
      lastOfMap.set(e.map, e);
      incompleteOfMap.set(e.map, (incompleteOfMap.get(e.map) ?? 0) + 1);
    }

    const findings: Finding[] = [];
    incomplete.forEach((e, idx) => {
      const { map, entry, missing } = e;
      const name = `${map.name} ${entry.seq}`;
      const first = entry.lines[0];
      if (!first) return;
      const fix: string[] = [];
      const notes: string[] = [];
      if (!e.mapAlive) {
        notes.push(
          `Crypto map ${map.name} is not applied to any interface: the unused finding removes the whole map, this entry included.`,
        );
      } else {
        fix.push(`clear configure crypto map ${map.name} ${entry.seq}`);
        const last = lastOfMap.get(map);
        if (last === e && incompleteOfMap.get(map) === map.entries.size) {
          fix.push(`clear configure crypto map ${map.name}`);
          notes.push(
            `No entry of ${map.name} is complete: once its entries are gone, \`clear configure crypto map ${map.name}\` also removes its interface binding.`,
          );
        }
        const mine = order.filter((d) => assigned.get(d) === idx);
        for (const d of mine) fix.push(...removeCommands(config, d));
        if (mine.length > 0) {
          notes.push(
            `Removing the entry leaves ${mine.map((d) => `${d.kind} ${d.name}`).join(', ')} unused (only this entry used ${mine.length === 1 ? 'it' : 'them'}); the fix removes ${mine.length === 1 ? 'it' : 'them'} after the entry, users first.`,
          );
        }
      }
      // the entry's other lines and the map's interface bindings too
      const also = [...entry.lines, ...map.bindings.map((b) => b.line)];
      findings.push({
        rule: 'incomplete-crypto-map',
        severity: 'error',
        subject: { kind: 'crypto-map-entry', name },
        line: first.n,
        message: `crypto map ${name} has no ${missing.join(', no ')}: it can never bring up a tunnel`,
        reason: [REASON, ...notes].join(' '),
        fix,
        ...ctx.refsOf('crypto-map-entry', name, [first.n], also),
        order: FIX_ORDER.incompleteCryptoMap + idx,
      });
    });
    return findings;
  },
};
