// Per-section differences between two days' extracts (line-based, with the `diff` package),
// reduced to changed lines with a little context.
import { diffArrays } from 'diff';
import { COMPARED_SECTIONS, type Section } from './extracts.js';

export type DiffRow =
  { kind: 'ctx' | 'add' | 'del'; text: string } | { kind: 'skip'; count: number };

export interface SectionDiff {
  id: string;
  title: string;
  added: number;
  removed: number;
  rows: DiffRow[];
}

const DEFAULT_TITLES: Record<string, string> = {
  interfaces: 'Interfaces',
  'access-groups': 'Access groups',
  'access-lists': 'Access lists',
  nat: 'NAT',
  'object-groups': 'Object groups',
  objects: 'Objects',
};

export function diffSections(
  from: readonly Section[],
  to: readonly Section[],
  context = 3,
): SectionDiff[] {
  const byId = (list: readonly Section[]) => new Map(list.map((s) => [s.id, s]));
  const a = byId(from);
  const b = byId(to);
  const out: SectionDiff[] = [];
  for (const id of COMPARED_SECTIONS) {
    const sa = a.get(id);
    const sb = b.get(id);
    if (!sa && !sb) continue;
    const changes = diffArrays(sa?.lines ?? [], sb?.lines ?? []);
    const full: { kind: 'ctx' | 'add' | 'del'; text: string }[] = [];
    let added = 0;
    let removed = 0;
    for (const c of changes) {
      const kind = c.added ? 'add' : c.removed ? 'del' : 'ctx';
      if (kind === 'add') added += c.value.length;
      if (kind === 'del') removed += c.value.length;
      for (const text of c.value) full.push({ kind, text });
    }
    out.push({
      id,
      title: DEFAULT_TITLES[id] ?? sb?.title ?? sa?.title ?? id,
      added,
      removed,
      rows: withContext(full, context),
    });
  }
  return out;
}

/** Keeps changed rows and `context` unchanged rows around them; the rest becomes "skip" rows. */
function withContext(
  rows: { kind: 'ctx' | 'add' | 'del'; text: string }[],
  context: number,
): DiffRow[] {
  if (!rows.some((r) => r.kind !== 'ctx')) return [];
  const keep = new Array<boolean>(rows.length).fill(false);
  rows.forEach((r, i) => {
    if (r.kind === 'ctx') return;
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++)
      keep[j] = true;
  });
  const out: DiffRow[] = [];
  let skipped = 0;
  rows.forEach((r, i) => {
    if (keep[i]) {
      if (skipped) out.push({ kind: 'skip', count: skipped });
      skipped = 0;
      out.push(r);
    } else skipped++;
  });
  if (skipped) out.push({ kind: 'skip', count: skipped });
  return out;
}

/** The diff as unified-style plain text (for tests and the CLI). */
export function diffText(diffs: readonly SectionDiff[]): string {
  const out: string[] = [];
  for (const d of diffs) {
    if (d.rows.length === 0) continue;
    out.push(`! ${d.title}: +${d.added} -${d.removed}`);
    for (const r of d.rows)
      out.push(
        r.kind === 'skip'
          ? `  ... ${r.count} unchanged`
          : `${r.kind === 'add' ? '+' : r.kind === 'del' ? '-' : ' '} ${r.text}`,
      );
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
