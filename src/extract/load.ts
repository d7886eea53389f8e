// Loading a configuration for one extract: only the blocks the extract can reach are parsed.
//
// An extract prints a customer's part of a configuration: its interfaces, the access-groups and
// NAT rules on them, and what their references reach. In a million-line configuration that is a
// few hundred lines, and parsing the rest is most of the time. So: index the top-level blocks
// without parsing (blocks.ts), parse the blocks every extract may start from (access-groups, NAT,
// the header), pick the customer's roots from them with the extract's own rules, then parse the
// blocks that define what those roots reference (interfaces by their nameif, like any other
// name), and what those reference, until nothing new is reached. The model is then built from the
// chosen blocks, in text order, by the one parser and model builder; `extract` runs on it
// unchanged. That model is the extract's part only: its warnings and counts are not the file's.
//
// Anything the index cannot read exactly (pager residue), --include-global (which compares
// addresses with every other interface), or a question only the whole configuration answers (an
// unknown interface, text that is no configuration) goes to the whole parse.
import {
  indexBlocks,
  mergeRuns,
  type BlockIndex,
  type BlockIndexSpec,
  type BlockRun,
} from '../parse/blocks.js';
import { splitBlocks, type Line } from '../parse/lines.js';
import { parseContext, parseTree } from '../parse/parser.js';
import type { ParseContext } from '../parse/engine.js';
import { buildModel, loadConfigText, readConfigText } from '../model/build.js';
import type { Config } from '../model/types.js';
import { FOLLOWED, REACHED_KINDS, rootLines } from './extract.js';
import type { ExtractOptions } from './types.js';
import type { Kind } from '../parse/kinds.js';

/** Kinds the load follows: what an extract reaches, and the interfaces it names. */
const LOADED_KINDS: ReadonlySet<Kind> = new Set<Kind>([...REACHED_KINDS, 'interface']);

/** Blocks every extract keeps: the header, and the global access-groups (omitted, but counted). */
const ALWAYS = ['asa-version', 'hostname', 'access-group-global'];

/**
 * The blocks any extract may start from, in the grammar's terms: the header, the access-groups
 * and the NAT rules (top-level, and inside object blocks).
 */
const SPEC: BlockIndexSpec = {
  seedRules: [...ALWAYS, 'access-group', 'nat', 'legacy-nat'],
  seedChildRules: ['obj-nat'],
  seedMeta: ['saved-header'],
  kinds: LOADED_KINDS,
};

/** How a load for an extract went (for tests and the benchmark). */
export interface ExtractLoad {
  config: Config;
  /** 'blocks': only reachable blocks were parsed; 'whole': the whole text was */
  mode: 'blocks' | 'whole';
  /** command lines parsed for the final model */
  parsedLines: number;
}

/**
 * The model an extract for `nameifs` needs: the same extract as from the whole configuration's
 * model, from a model of only the blocks that extract can reach.
 */
export function loadForExtract(
  text: string,
  source: string,
  nameifs: readonly string[],
  opts: ExtractOptions = {},
): ExtractLoad {
  const whole = (): ExtractLoad => {
    const config = loadConfigText(text, source);
    return { config, mode: 'whole', parsedLines: config.tree.all.length };
  };
  if (opts.includeGlobal || nameifs.length === 0) return whole();
  const index = indexBlocks(text, SPEC);
  // an interface nobody names: the whole parse says so, with the interfaces there are
  if (!index || nameifs.some((n) => index.defs.runsOf(n).length === 0)) return whole();
  const ctx = parseContext(index.groupTypes);
  const blockOf = new Map<Line, BlockRun>();
  const seeds = model(text, source, index, mergeRuns(index.seeds), ctx, blockOf);
  if (seeds.statements.length === 0) return whole();

  // The extract's own rules pick its roots among the seeds; the header and the global
  // access-groups stay, the other customers' access-groups and NAT rules go.
  const chosen: BlockRun[] = [...index.headers];
  const keep = (line: Line) => chosen.push(blockOf.get(rootOf(line)) as BlockRun);
  for (const s of seeds.statements) if (!s.parent && ALWAYS.includes(s.id)) keep(s);
  const { roots, ifReached } = rootLines(seeds, [...nameifs]);
  roots.forEach(keep);
  ifReached.forEach(keep);

  // From the interfaces and the roots, follow references to the blocks that define them, until
  // nothing new is reached. A NAT rule on `any` is kept only if what it names of a followed kind
  // is reached anyway: only its other references (an ACL, an interface) are followed from it.
  const seen = new Set<string>();
  let names: string[] = [...nameifs];
  for (const line of roots) {
    for (const r of line.refs) if (LOADED_KINDS.has(r.kind)) names.push(r.name);
  }
  for (const line of ifReached) {
    for (const r of line.refs) {
      if (LOADED_KINDS.has(r.kind) && !FOLLOWED.has(r.kind)) names.push(r.name);
    }
  }
  while (names.length > 0) {
    const fresh: BlockRun[] = [];
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      fresh.push(...index.defs.runsOf(name));
    }
    names = [];
    if (fresh.length === 0) break;
    chosen.push(...fresh);
    const part = parseTree(splitBlocks(text, mergeRuns(fresh), index.lineCount), source, ctx);
    for (const s of part.statements) {
      for (const r of s.refs) if (LOADED_KINDS.has(r.kind)) names.push(r.name);
    }
  }
  const config = model(text, source, index, mergeRuns(chosen), ctx);
  if (!nameifs.every((n) => config.interfacesByNameif.has(n))) return whole();
  return { config, mode: 'blocks', parsedLines: config.tree.all.length };
}

/** loadForExtract of a file (or standard input for `-`), read and decoded as loadConfigFile does */
export function loadFileForExtract(
  file: string | undefined,
  nameifs: readonly string[],
  opts: ExtractOptions = {},
): ExtractLoad {
  const { source, text } = readConfigText(file);
  return loadForExtract(text, source, nameifs, opts);
}

function model(
  text: string,
  source: string,
  index: BlockIndex,
  runs: BlockRun[],
  ctx: ParseContext,
  blockOf?: Map<Line, BlockRun>,
): Config {
  return buildModel(parseTree(splitBlocks(text, runs, index.lineCount, blockOf), source, ctx));
}

function rootOf(line: Line): Line {
  let l = line;
  while (l.parent) l = l.parent;
  return l;
}
