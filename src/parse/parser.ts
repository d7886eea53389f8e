// The parser: text → line tree → one statement per recognised line (via the grammar table).
// Unrecognised lines are kept with their line numbers and counted, never fatal.
import {
  RefSites,
  compileRules,
  matchLine,
  type CompiledRuleSet,
  type ParseContext,
  type Statement,
} from './engine.js';
import { GRAMMAR, HANDLERS } from './grammar.js';
import { leadingBlanks, splitLines, type Line, type LineTree } from './lines.js';
import { OperandCache } from './operands.js';

export interface Warning {
  line: number;
  message: string;
}

export interface ParseResult {
  source: string;
  tree: LineTree;
  /** statements in input order */
  statements: Statement[];
  /** command lines no rule knows (kept, counted) */
  unknown: Line[];
  warnings: Warning[];
}

let compiled: CompiledRuleSet | undefined;
/** the grammar's top-level rules, compiled once */
export function topRules(): CompiledRuleSet {
  return (compiled ??= compileRules(GRAMMAR));
}

/**
 * Object-group types are needed while parsing ACEs (is `object-group X` after the source a port
 * group or the destination?). Collect them first: a cheap scan of top-level lines.
 */
function collectTypes(tree: LineTree): Map<string, string> {
  const groups = new Map<string, string>();
  for (const line of tree.roots) {
    const raw = line.raw;
    if (!raw.startsWith('object-group', leadingBlanks(raw))) continue;
    const e = groupTypeEntry(line.tokens);
    if (e) groups.set(e[0], e[1]);
  }
  return groups;
}

/**
 * The (name, type) an `object-group` line declares from its first words: `object-group TYPE NAME`
 * or `object-group group TYPE NAME`; undefined for other lines.
 */
export function groupTypeEntry(t: readonly string[]): [string, string] | undefined {
  if (t.length < 3 || t[0] !== 'object-group') return undefined;
  if (t[1] === 'group' && t[3] !== undefined) return [t[3], t[2] as string];
  return [t[2] as string, t[1] as string];
}

/** A context for parsing lines of a text whose object-group types are known. */
export function parseContext(groupTypes: ReadonlyMap<string, string>): ParseContext {
  return {
    groupType: (name) => groupTypes.get(name),
    operands: new OperandCache(),
    sites: new RefSites(),
  };
}

export function parseText(text: string, source: string): ParseResult {
  const tree = splitLines(text);
  return parseTree(tree, source, parseContext(collectTypes(tree)));
}

/** One warning for every command line a terminal drew over, at the first of them. */
function editedWarning(edited: readonly number[]): Warning {
  const shown = edited.slice(0, 5).join(', ') + (edited.length > 5 ? ', ...' : '');
  const lines =
    edited.length === 1 ? `line ${shown} was` : `${edited.length} lines (${shown}) were`;
  return {
    line: edited[0] as number,
    message: `${lines} read as shown on the terminal that captured the configuration (pager prompts removed, backspaces and carriage returns applied)`,
  };
}

/** Parses the lines of a tree (all of a text, or some of its blocks: see splitBlocks). */
export function parseTree(tree: LineTree, source: string, ctx: ParseContext): ParseResult {
  // at most one statement per line: sized once (see splitLines), trimmed at the end
  const statements = new Array<Statement>(tree.all.length);
  let nStatements = 0;
  const unknown: Line[] = [];
  const warnings: Warning[] = [];
  const top = topRules();

  // Depth first, each line before its children, with the rule set its parent's rule gives them.
  // A stack, not recursion: hostile input may nest lines thousands of levels deep.
  type RuleSet = CompiledRuleSet | 'any' | undefined;
  const lines: Line[] = [];
  const sets: RuleSet[] = [];
  const push = (children: readonly Line[], set: RuleSet) => {
    for (let i = children.length - 1; i >= 0; i--) {
      lines.push(children[i] as Line);
      sets.push(set);
    }
  };
  // Lines that look like a child but have no parent (odd indentation in fragments) are still
  // top-level commands. One block at a time: the stack holds one block's lines, not the file's.
  for (const root of tree.roots) {
    lines.push(root);
    sets.push(top);
    while (lines.length > 0) {
      const line = lines.pop() as Line;
      const set = sets.pop();
      if (set === 'any') {
        // known free-form block content: no references; its own children are known too
        push(line.children, 'any');
        continue;
      }
      const m = set ? matchLine(set, line, line.tokens, HANDLERS, ctx) : undefined;
      if (!m) {
        unknown.push(line);
        push(line.children, undefined);
        continue;
      }
      statements[nStatements++] = m.stmt;
      const data = m.stmt.data as { incomplete?: string; trailing?: string[] } | undefined;
      if (data?.incomplete) {
        const what = data.incomplete.startsWith('invalid') ? '' : 'incomplete command: ';
        warnings.push({ line: line.n, message: `${what}${data.incomplete}` });
      }
      push(line.children, m.rule.children);
    }
  }
  statements.length = nStatements;
  if (tree.edited.length > 0) warnings.push(editedWarning(tree.edited));
  return { source, tree, statements, unknown, warnings };
}
