// `asakit parse`: counts per structure kind, unknown lines and warnings; and the JSON form of the
// model (stable field names, documented in README).
import { aceOf, remarkOf, type Config } from './types.js';
import type { Line } from '../parse/lines.js';

export interface ParseSummary {
  source: string;
  lines: number;
  commands: number;
  counts: Record<string, number>;
  unknownLines: number;
  unknown: { line: number; text: string }[];
  warnings: { line: number; message: string }[];
}

export function summarize(c: Config): ParseSummary {
  const counts: Record<string, number> = {};
  for (const d of c.graph.defs.values()) {
    const k =
      d.kind === 'object' || d.kind === 'object-group'
        ? `${d.kind} ${d.subtype ?? c.objects.get(d.name)?.type ?? c.objectGroups.get(d.name)?.type ?? ''}`.trim()
        : d.kind;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  counts['access-list entries'] = [...c.accessLists.values()].reduce(
    (n, a) => n + a.entries.filter((e) => aceOf(e)).length,
    0,
  );
  counts['access-group'] = c.accessGroups.length;
  counts['nat (twice)'] = c.nat.filter((n) => n.nat.form === 'twice').length;
  counts['nat (object)'] = [...c.objects.values()].reduce((n, o) => n + o.nat.length, 0);
  counts['nat (legacy)'] = c.nat.filter((n) => n.nat.form === 'legacy').length;
  counts['route'] = c.routes.length;
  counts['certificate'] = [...c.trustpoints.values()].reduce(
    (n, t) => n + t.certificates.length,
    0,
  );
  const sorted: Record<string, number> = {};
  for (const k of Object.keys(counts).sort()) if (counts[k]) sorted[k] = counts[k] as number;
  return {
    source: c.source,
    lines: c.tree.lineCount,
    commands: c.tree.all.length,
    counts: sorted,
    unknownLines: c.unknown.length,
    unknown: c.unknown.map((l) => ({ line: l.n, text: l.raw })),
    warnings: c.warnings
      .map((w) => ({ line: w.line, message: w.message }))
      .sort((a, b) => a.line - b.line),
  };
}

export function formatSummary(s: ParseSummary, maxUnknown = 20): string {
  const out: string[] = [];
  out.push(`${s.source}: ${s.lines} lines, ${s.commands} commands`);
  const width = Math.max(...Object.keys(s.counts).map((k) => k.length), 10);
  for (const [k, v] of Object.entries(s.counts)) out.push(`  ${k.padEnd(width)}  ${v}`);
  out.push(`unknown lines: ${s.unknownLines}`);
  for (const u of s.unknown.slice(0, maxUnknown)) out.push(`  ${u.line}: ${u.text.trim()}`);
  if (s.unknown.length > maxUnknown)
    out.push(`  ... and ${s.unknown.length - maxUnknown} more (--format json lists all)`);
  out.push(`warnings: ${s.warnings.length}`);
  for (const w of s.warnings) out.push(`  ${w.line}: ${w.message}`);
  return out.join('\n') + '\n';
}

const lineRef = (l: Line) => l.n;

/** The model as JSON: plain data, line numbers instead of line objects. */
export function modelToJson(c: Config): unknown {
  const s = summarize(c);
  return {
    source: c.source,
    lines: c.tree.lineCount,
    header: c.header,
    counts: s.counts,
    interfaces: c.interfaces.map((i) => ({
      ...i,
      line: lineRef(i.line),
      blocks: i.blocks.map(lineRef),
    })),
    names: [...c.names.values()].map((n) => ({ ...n, line: lineRef(n.line) })),
    objects: [...c.objects.values()].map((o) => ({
      name: o.name,
      type: o.type,
      lines: o.blocks.map(lineRef),
      value: o.value,
      description: o.description,
      nat: o.nat.map((n) => ({ line: lineRef(n.line), ...n.nat })),
    })),
    objectGroups: [...c.objectGroups.values()].map((g) => ({
      name: g.name,
      type: g.type,
      protocol: g.protocol,
      lines: g.blocks.map(lineRef),
      description: g.description,
      members: g.members.map((m) => ({ line: m.n, text: m.tokens.join(' ') })),
    })),
    accessLists: [...c.accessLists.values()].map((a) => ({
      name: a.name,
      type: a.type,
      entries: a.entries.map((e) => {
        const remark = remarkOf(e);
        const ace = aceOf(e);
        return {
          line: lineRef(e),
          ...(remark !== undefined ? { remark } : {}),
          ...(ace ? { ace } : { text: e.raw }),
        };
      }),
    })),
    accessGroups: c.accessGroups.map((g) => ({ ...g, line: lineRef(g.line) })),
    nat: c.nat.map((n) => ({ line: lineRef(n.line), ...n.nat })),
    routes: c.routes.map((r) => ({ ...r, line: lineRef(r.line) })),
    cryptoMaps: [...c.cryptoMaps.values()].map((m) => ({
      name: m.name,
      bindings: m.bindings.map((b) => ({ interface: b.interface, line: lineRef(b.line) })),
      entries: [...m.entries.values()].map((e) => ({ ...e, lines: e.lines.map(lineRef) })),
    })),
    trustpoints: [...c.trustpoints.values()].map((t) => ({
      name: t.name,
      lines: t.lines.map(lineRef),
      certificates: t.certificates.map((x) => ({
        serial: x.serial,
        ca: x.ca,
        line: lineRef(x.line),
        bytes: x.hex.length / 2,
      })),
    })),
    blocks: Object.fromEntries(
      (
        [
          ['tunnelGroups', c.tunnelGroups],
          ['groupPolicies', c.groupPolicies],
          ['transformSets', c.transformSets],
          ['ipsecProposals', c.ipsecProposals],
          ['ipsecProfiles', c.ipsecProfiles],
          ['ldapAttributeMaps', c.ldapAttributeMaps],
          ['dynamicMaps', c.dynamicMaps],
          ['classMaps', c.classMaps],
          ['policyMaps', c.policyMaps],
        ] as const
      ).map(([k, m]) => [
        k,
        [...m.values()].map((b) => ({ name: b.name, type: b.type, lines: b.lines.map(lineRef) })),
      ]),
    ),
    failover: { enabled: c.failover.enabled, lines: c.failover.lines.map(lineRef) },
    references: {
      definitions: [...c.graph.defs.values()].map((d) => ({
        kind: d.kind,
        name: d.name,
        subtype: d.subtype,
        lines: d.lines.map(lineRef),
      })),
      uses: c.graph.allUses().map((u) => ({
        kind: u.kind,
        name: u.name,
        line: u.line.n,
        context: u.context,
        ...(u.implicit ? { implicit: true } : {}),
      })),
    },
    unknown: s.unknown,
    warnings: s.warnings,
  };
}
