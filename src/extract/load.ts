// Loading a configuration for one extract: only the blocks the extract can reach are parsed.
//
// An extract prints a customer's part of a configuration: its interfaces, the access-groups and
// NAT rules on them, and what their references reach. In a million-line configuration that is a
// few hundred lines, and parsing the rest is most of the time. So: index the top-level blocks
// without parsing (blocks.ts), parse the blocks this extract may start from (the header, the
// access-groups and NAT rules whose text names one of the interfaces or that may be on any: see
// startsFor, and the entries of global ACLs that may be scoped to the interfaces: see
// globalPart), pick the customer's roots from them with the extract's own rules, then parse the
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
  type BlockIndex,
  type BlockIndexSpec,
  type BlockRun,
  type ConfigBytes,
} from '../parse/blocks.js';
import { topLine, type Line } from '../parse/lines.js';
import { parseContext, parseTree, type ParseResult } from '../parse/parser.js';
import { IFC } from '../parse/operands.js';
import { ENTRY_HANDLERS } from '../parse/grammar.js';
import { decodeConfig, plainBytes, readInput } from '../parse/input.js';
import { buildModel, loadConfigText } from '../model/build.js';
import { aceOf, ftdRuleIdOf, remarkText, type AccessList, type Config } from '../model/types.js';
import { FOLLOWED, REACHED_KINDS, onAny, rootLines } from './extract.js';
import { parseIfPair } from '../parse/nat.js';
import type { ExtractOptions } from './types.js';
import type { Kind } from '../parse/kinds.js';

/**
 * Kinds the load follows: what an extract reaches, the interfaces it names, and the physical
 * ports a redundant interface names as members (printed as stubs).
 */
const LOADED_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  ...REACHED_KINDS,
  'interface',
  'hw-interface',
]);

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
  /**
   * command lines parsed to find the extract's roots ('blocks': the seed blocks that may concern
   * the interfaces, see startsFor; 'whole': every line)
   */
  seedLines: number;
}

/**
 * The model an extract for `nameifs` needs: the same extract as from the whole configuration's
 * model, from a model of only the blocks that extract can reach. `text` is the configuration
 * as decoded (see loadFileForExtract for its bytes).
 */
export function loadForExtract(
  text: string,
  source: string,
  nameifs: readonly string[],
  opts: ExtractOptions = {},
): ExtractLoad {
  const input: ConfigBytes = { bytes: Buffer.from(text, 'utf8'), encoding: 'utf8' };
  return load(input, source, nameifs, opts, () => text);
}

/**
 * loadForExtract of a file (or standard input for `-`), read as loadConfigFile reads it; its bytes
 * are indexed, and only the blocks read are decoded.
 */
export function loadFileForExtract(
  file: string | undefined,
  nameifs: readonly string[],
  opts: ExtractOptions = {},
): ExtractLoad {
  const { source, bytes } = readInput(file);
  return loadBytesForExtract(bytes, source, nameifs, opts);
}

/**
 * loadForExtract of a configuration's bytes as read from a file (plain or gzip, any encoding).
 */
export function loadBytesForExtract(
  bytes: Buffer,
  source: string,
  nameifs: readonly string[],
  opts: LoadOptions = {},
): ExtractLoad {
  const plain = plainBytes(bytes, source);
  const decoded = () => decodeConfig(bytes, source).text;
  if (!plain) return whole(decoded(), source);
  return load(plain, source, nameifs, opts, decoded);
}

/**
 * The extract's options, and what to do about interfaces the configuration does not define:
 * parse it whole ('whole', the default: the whole model names the interfaces there are) or throw
 * MissingInterfaces ('throw').
 */
export type LoadOptions = ExtractOptions & { missing?: 'whole' | 'throw' };

/** The interfaces a configuration does not define (see LoadOptions). */
export class MissingInterfaces extends Error {
  constructor(readonly nameifs: string[]) {
    super(`not defined: ${nameifs.join(', ')}`);
    this.name = 'MissingInterfaces';
  }
}

function whole(text: string, source: string): ExtractLoad {
  const config = loadConfigText(text, source);
  const lines = config.tree.all.length;
  return { config, mode: 'whole', parsedLines: lines, seedLines: lines };
}

function load(
  input: ConfigBytes,
  source: string,
  nameifs: readonly string[],
  opts: LoadOptions,
  text: () => string,
): ExtractLoad {
  if (opts.includeGlobal || nameifs.length === 0) return whole(text(), source);
  const index = indexBlocks(input, SPEC);
  if (!index) return whole(text(), source);
  // an interface nobody names: the whole parse says so, with the interfaces there are
  const notDefined = (missing: string[]): ExtractLoad => {
    if (opts.missing === 'throw') throw new MissingInterfaces(missing);
    return whole(text(), source);
  };
  const missing = nameifs.filter((n) => index.defs.runsOf(n).length === 0);
  if (missing.length > 0) return notDefined(missing);
  const ctx = parseContext(index.groupTypes);
  const parse = (runs: readonly BlockRun[], roots?: Map<Line, number>) =>
    parseTree(index.tree(runs, roots), source, ctx);
  const model = (runs: readonly BlockRun[], roots?: Map<Line, number>): Config =>
    buildModel(parse(runs, roots));
  const ordinalOf = new Map<Line, number>();
  const starts = startsFor(index, nameifs);
  let seeds = model(starts, ordinalOf);
  if (seeds.statements.length === 0) return whole(text(), source);
  // A global ACL's entries may be scoped to interfaces (FTD's `ifc`): those that may be scoped to
  // these are seeds as well; the others are counted (see globalPart).
  const globals = [
    ...new Set(seeds.accessGroups.filter((a) => a.direction === 'global').map((a) => a.acl)),
  ].map((acl) => globalPart(index, acl, nameifs, parse));
  const globalRuns = globals.flatMap((g) => g.runs);
  if (globalRuns.length > 0) {
    ordinalOf.clear();
    seeds = model([...starts, ...globalRuns], ordinalOf);
  }

  // The extract's own rules pick its roots among the seeds; the header and the global
  // access-groups stay, the other customers' access-groups and NAT rules go.
  const chosen: BlockRun[] = [...index.headers, ...globalRuns];
  const keep = (line: Line) => chosen.push(index.block(ordinalOf.get(topLine(line)) as number));
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
      for (const run of index.defs.runsOf(name)) fresh.push(run);
    }
    names = [];
    if (fresh.length === 0) break;
    for (const run of fresh) chosen.push(run);
    const part = parseTree(index.tree(fresh), source, ctx);
    for (const s of part.statements) {
      for (const r of s.refs) if (LOADED_KINDS.has(r.kind)) names.push(r.name);
      // an interface's other blocks (opened again further on) are part of it
      if (s.id === 'interface') names.push(s.caps['hw'] as string);
    }
  }
  const config = model(chosen);
  // a name defined, but not by an interface
  const absent = nameifs.filter((n) => !config.interfacesByNameif.has(n));
  if (absent.length > 0) return notDefined(absent);
  for (const g of globals) {
    // unless a reference reached the whole access-list after all
    const acl = config.accessLists.get(g.acl);
    if (acl && g.notLoaded && !seen.has(g.acl)) acl.notLoaded = g.notLoaded;
  }
  return {
    config,
    mode: 'blocks',
    parsedLines: config.tree.all.length,
    seedLines: seeds.tree.all.length,
  };
}

/**
 * The seed blocks an extract for the interfaces can start from, without parsing the others. An
 * access-group or NAT rule is bound to an interface by its nameif, written as a word or inside a
 * NAT rule's `(real,mapped)`: a block whose text does not contain any of the nameifs is bound to
 * none of them. It can still be a root as a block every extract keeps (the header, a global
 * access-group) or as a NAT rule on any interface (its real side `any`, or no interfaces at all:
 * see onAny). On a hosting firewall that leaves a handful of the thousands of seed blocks.
 */
function startsFor(index: BlockIndex, nameifs: readonly string[]): BlockRun[] {
  const runs: BlockRun[] = [];
  index.eachLine(index.seeds, [], (root, rule) => {
    const id = rule?.spec.id;
    const text = index.text(root);
    if (
      (id !== undefined && ALWAYS.includes(id)) ||
      nameifs.some((n) => text.includes(n)) ||
      natOnAny(text)
    ) {
      runs.push(index.block(root));
    }
  });
  return runs;
}

/** Does a block's text have a `nat` line that may be on any interface (see onAny)? */
function natOnAny(text: string): boolean {
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    // keywords are taken in any case, as the parser takes them
    if (words[0]?.toLowerCase() === 'nat' && onAny(parseIfPair(words[1]) ?? {})) return true;
  }
  return false;
}

/** The lines of a global access-list an extract parses, and the entries it only counts. */
interface GlobalPart {
  acl: string;
  runs: BlockRun[];
  notLoaded: AccessList['notLoaded'];
}

/**
 * Which lines of a global access-list an extract for the interfaces must parse. An FTD policy is
 * one global ACL of up to hundreds of thousands of lines, and a customer's entries are the few
 * scoped to its interfaces (`ifc NAMEIF`): an entry that names none of them as a word cannot be
 * one. Such entries are only counted (the extract reports how many it left out): with the word
 * `ifc`, as scoped to other interfaces; without, as for every interface. The access-list's first
 * line that is no remark is parsed all the same (it gives the access-list its type), and so are
 * its lines that are no entries, entries whose last word is `ifc` (cut short: no interface
 * follows, so the word proves nothing) and the remarks with the rule-id of an entry parsed (FTD's
 * rule names).
 */
function globalPart(
  index: BlockIndex,
  acl: string,
  nameifs: readonly string[],
  parse: (runs: readonly BlockRun[]) => ParseResult,
): GlobalPart {
  const all = index.defs.runsOf(acl);
  // a structure named like the qualifier: the word no longer tells a scoped entry, parse it all
  if (index.defs.runsOf(IFC).length > 0) return { acl, runs: all, notLoaded: undefined };
  const runs: BlockRun[] = [];
  const remarks = new Map<string, BlockRun[]>();
  const notLoaded = { scopedElsewhere: 0, unscoped: 0 };
  let typed = false;
  index.eachLine(all, [IFC, ...nameifs], (root, rule, has, text, last) => {
    const remark = rule?.spec.id === 'acl-remark';
    const entry = !remark && rule?.handler !== undefined && ENTRY_HANDLERS.has(rule.handler);
    if (entry && typed && (has & ~1) === 0 && last !== 1) {
      if (has === 1) notLoaded.scopedElsewhere++;
      else notLoaded.unscoped++;
    } else if (remark && (has & ~1) === 0) {
      const id = ftdRuleIdOf(remarkText(text()));
      if (id === undefined) return;
      const list = remarks.get(id);
      if (list) list.push(index.block(root));
      else remarks.set(id, [index.block(root)]);
    } else {
      runs.push(index.block(root));
      if (!remark && rule?.defines.has('access-list')) typed = true;
    }
  });
  const ids = new Set<string>();
  for (const s of parse(runs).statements) {
    const id = aceOf(s)?.ruleId;
    if (id !== undefined) ids.add(id);
  }
  for (const id of ids) for (const run of remarks.get(id) ?? []) runs.push(run);
  return { acl, runs, notLoaded };
}
