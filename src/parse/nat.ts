// NAT operand grammars: twice NAT (`nat (real,mapped) ... source ...`), object NAT (the `nat` line
// inside an `object network` block) and the pre-8.3 forms (`nat (if) id`, `global`, `static`),
// which are recognised and kept as legacy.
import type { HandlerOutput, ParseContext, Statement } from './engine.js';
import { isIPAddress } from './ip.js';

export interface NatInterfaces {
  real?: string;
  mapped?: string;
}

export interface TwiceNat {
  form: 'twice';
  ifs: NatInterfaces;
  /** manual position (`nat (a,b) 3 source ...`) */
  position?: number;
  afterAuto: boolean;
  sourceType: string;
  realSource?: string;
  mappedSource?: string;
  patPool?: string;
  destType?: string;
  mappedDest?: string;
  realDest?: string;
  serviceReal?: string;
  serviceMapped?: string;
  inactive: boolean;
  description?: string;
  /** object names (objects or groups) this rule references, in order */
  objects: string[];
  incomplete?: string;
}

export interface ObjectNat {
  form: 'object';
  ifs: NatInterfaces;
  type: string;
  mapped?: { type: 'object' | 'address' | 'interface' | 'pat-pool'; value: string };
  objects: string[];
  incomplete?: string;
}

export interface LegacyNat {
  form: 'legacy';
  command: string;
  ifs: NatInterfaces;
  acl?: string;
}

/** `(inside,outside)` → {real: inside, mapped: outside}; `(inside)` → {real: inside}. */
export function parseIfPair(w: string | undefined): NatInterfaces | undefined {
  if (w === undefined || !w.startsWith('(') || !w.endsWith(')')) return undefined;
  const [real, mapped] = w.slice(1, -1).split(',');
  const r: NatInterfaces = {};
  if (real) r.real = real;
  if (mapped) r.mapped = mapped;
  return r;
}

/** References the `(real,mapped)` interfaces; `any` is a keyword, not an interface. */
function refIfs(ifs: NatInterfaces, at: number, out: HandlerOutput, prefix: string): void {
  if (ifs.real !== undefined && ifs.real !== 'any')
    out.ref('interface', ifs.real, at, `${prefix} real interface`);
  if (ifs.mapped !== undefined && ifs.mapped !== 'any')
    out.ref('interface', ifs.mapped, at, `${prefix} mapped interface`);
}

const FLAGS = new Set([
  'dns',
  'unidirectional',
  'no-proxy-arp',
  'route-lookup',
  'net-to-net',
  'extended',
  'flat',
  'include-reserve',
  'round-robin',
  'block-allocation',
]);

/** Top-level `nat` lines: twice NAT, or the legacy `nat (if) id ...`. */
export function parseTopNat(
  tokens: string[],
  start: number,
  out: HandlerOutput,
  ctx: ParseContext,
  stmt: Statement,
): TwiceNat | LegacyNat {
  const pair = parseIfPair(tokens[start]);
  const ifs = pair ?? {};
  if (
    ifs.mapped === undefined &&
    tokens[start + 1] !== undefined &&
    /^\d+$/.test(tokens[start + 1] as string) &&
    !tokens.includes('source')
  ) {
    return parseLegacy(tokens, start, out, ctx, stmt);
  }
  refIfs(ifs, start, out, 'twice nat');
  const nat: TwiceNat = {
    form: 'twice',
    ifs,
    afterAuto: false,
    sourceType: '',
    inactive: false,
    objects: [],
  };
  let i = pair ? start + 1 : start;
  const objRef = (at: number, context: string, subtype: string) => {
    const n = tokens[at];
    if (n === undefined) return undefined;
    if (n === 'any' || n === 'interface') return n;
    out.ref('object', n, at, context, subtype);
    nat.objects.push(n);
    return n;
  };
  while (i < tokens.length) {
    const w = tokens[i] as string;
    if (/^\d+$/.test(w) && nat.sourceType === '') {
      nat.position = Number(w);
      i++;
    } else if (w === 'after-auto') {
      nat.afterAuto = true;
      i++;
    } else if (w === 'source') {
      nat.sourceType = tokens[i + 1] ?? '';
      const real = objRef(i + 2, 'twice nat real source', 'network');
      if (real !== undefined) nat.realSource = real;
      i += 3;
      if (tokens[i] === 'pat-pool') {
        const pool = objRef(i + 1, 'twice nat pat-pool', 'network');
        if (pool !== undefined) nat.patPool = pool;
        i += 2;
      } else {
        const mapped = objRef(i, 'twice nat mapped source', 'network');
        if (mapped !== undefined) nat.mappedSource = mapped;
        i++;
      }
      if (tokens[i] === 'interface') i++; // fallback to the interface address
      if (
        nat.realSource === undefined ||
        (nat.mappedSource === undefined && nat.patPool === undefined)
      ) {
        nat.incomplete ??= 'source needs a real and a mapped object';
      }
    } else if (w === 'destination') {
      nat.destType = tokens[i + 1] ?? '';
      const mapped = objRef(i + 2, 'twice nat mapped destination', 'network');
      if (mapped !== undefined) nat.mappedDest = mapped;
      const real = objRef(i + 3, 'twice nat real destination', 'network');
      if (real !== undefined) nat.realDest = real;
      i += 4;
    } else if (w === 'service') {
      const a = objRef(i + 1, 'twice nat real service', 'service');
      const b = objRef(i + 2, 'twice nat mapped service', 'service');
      if (a !== undefined) nat.serviceReal = a;
      if (b !== undefined) nat.serviceMapped = b;
      i += 3;
    } else if (w === 'inactive') {
      nat.inactive = true;
      i++;
    } else if (w === 'description') {
      nat.description = tokens.slice(i + 1).join(' ');
      break;
    } else if (FLAGS.has(w)) {
      i++;
    } else {
      i++;
    }
  }
  if (nat.sourceType === '') nat.incomplete ??= 'no `source` clause';
  return nat;
}

/** The `nat` line inside an `object network` block. */
export function parseObjectNat(
  tokens: string[],
  start: number,
  out: HandlerOutput,
  _ctx: ParseContext,
  stmt: Statement,
): ObjectNat {
  const owner = stmt.line.parent?.tokens[2] ?? '';
  const ifs = parseIfPair(tokens[start]) ?? {};
  let i = start;
  if (tokens[start]?.startsWith('(')) {
    refIfs(ifs, start, out, 'object nat');
    i++;
  }
  // the object's own NAT rule is a use of the object (the rule is live by itself)
  out.ref('object', owner, 0, 'object nat real source', 'network');
  const nat: ObjectNat = { form: 'object', ifs, type: tokens[i] ?? '', objects: [] };
  i++;
  const w = tokens[i];
  if (w === undefined) {
    nat.incomplete = 'no mapped address';
  } else if (w === 'interface') {
    nat.mapped = { type: 'interface', value: 'interface' };
  } else if (w === 'pat-pool') {
    const n = tokens[i + 1];
    if (n !== undefined) {
      out.ref('object', n, i + 1, 'object nat pat-pool', 'network');
      nat.objects.push(n);
      nat.mapped = { type: 'pat-pool', value: n };
    }
  } else if (isIPAddress(w) || w.includes('/')) {
    nat.mapped = { type: 'address', value: w };
  } else {
    out.ref('object', w, i, 'object nat mapped source', 'network');
    nat.objects.push(w);
    nat.mapped = { type: 'object', value: w };
  }
  return nat;
}

/** Pre-8.3 NAT: `nat (inside) 0 access-list ACL`, `global (outside) 1 ...`, `static (a,b) ...`. */
export function parseLegacy(
  tokens: string[],
  start: number,
  out: HandlerOutput,
  _ctx: ParseContext,
  _stmt: Statement,
): LegacyNat {
  const ifs = parseIfPair(tokens[start]) ?? {};
  const command = tokens[0] as string;
  refIfs(ifs, start, out, `legacy ${command}`);
  const nat: LegacyNat = { form: 'legacy', command, ifs };
  const a = tokens.indexOf('access-list', start);
  if (a > 0 && tokens[a + 1] !== undefined) {
    nat.acl = tokens[a + 1] as string;
    out.ref('access-list', nat.acl, a + 1, `legacy ${command} access-list`);
  }
  return nat;
}
