// Small helpers to build a model from an inline snippet.
import { loadConfigText } from '../../src/model/build.js';
import type { Config } from '../../src/model/types.js';

/** Parses a snippet; leading newline and common indentation of a template literal are removed. */
export function cfg(text: string, source = 'snippet.cfg'): Config {
  return loadConfigText(dedent(text), source);
}

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** "kind name" of every definition, sorted */
export function defNames(c: Config): string[] {
  return [...c.graph.defs.values()].map((d) => `${d.kind} ${d.name}`).sort();
}

/** "kind name @line: context" of every use, in order */
export function useList(c: Config): string[] {
  return c.graph
    .allUses()
    .filter((u) => !u.implicit)
    .map((u) => `${u.kind} ${u.name} @${u.line.n}: ${u.context}`);
}
