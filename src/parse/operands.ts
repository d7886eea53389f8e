// Operand grammars that a pattern cannot express: access-list entries (ACEs) with their address,
// port, ICMP and option operands. Each operand records the word positions it came from, so the
// graph can point at references and the raw-address rule at literal addresses.
import { PARENT_PREFIX, type HandlerOutput, type ParseContext, type Statement } from './engine.js';
import { isIPv4, isIPv4Mask, isIPv6Prefix, looksLikeIPv4 } from './ip.js';

export type AddressOperand =
  | { type: 'any'; word: string; at: number }
  | { type: 'host'; address: string; at: number }
  | { type: 'network'; address: string; mask: string; at: number }
  | { type: 'prefix'; address: string; at: number }
  | { type: 'name'; name: string; mask?: string; at: number }
  | { type: 'object'; name: string; at: number }
  | { type: 'object-group'; name: string; at: number }
  | { type: 'interface'; name: string; at: number };

export type PortOperand =
  | { type: 'op'; op: string; ports: readonly string[]; at: number }
  | { type: 'object-group'; name: string; at: number };

/** The fields most entries leave unset, kept apart so that the common entry stays small. */
interface AceExtras {
  protocolRef?: { type: 'object' | 'object-group'; name: string };
  icmpType?: string;
  icmpGroup?: string;
  timeRange?: string;
  inactive?: boolean;
  log?: boolean;
  trailing?: string[];
  incomplete?: string;
  /** FTD: `ifc NAMEIF` before the source / destination address (ingress / egress interface) */
  srcIfc?: string;
  dstIfc?: string;
  /** FTD: the management center's rule the entry was generated from (`rule-id N`) */
  ruleId?: string;
  /** FTD: `event-log flow-start|flow-end|both` */
  eventLog?: string;
}

export type AceKind = 'extended' | 'standard' | 'ethertype' | 'webtype' | 'remark';
export type AceAction = 'permit' | 'deny' | 'trust';

/**
 * What thousands of entries have in common: kind, action and protocol word. One frozen record
 * per combination and parse (OperandCache.aceHead), two fields less per entry.
 */
export interface AceHead {
  readonly kind: AceKind;
  /** `trust` (FTD): permitted without further inspection */
  readonly action: AceAction | undefined;
  readonly protocol: string | undefined;
}

/** shared by every entry that sets none of the extras (never written: see Ace.extras()) */
const NO_EXTRAS: Readonly<AceExtras> = Object.freeze({});

/**
 * One access-list entry's operands. A large configuration holds hundreds of thousands of them:
 * the common operands are fields (one object shape), the rare ones (ICMP, options, protocol
 * objects, what the grammar did not understand) live in a separate record that most entries share
 * empty. Serialises to the plain object with the unset fields left out.
 */
export class Ace {
  src: AddressOperand | undefined = undefined;
  srcPort: PortOperand | undefined = undefined;
  dst: AddressOperand | undefined = undefined;
  dstPort: PortOperand | undefined = undefined;
  private x: AceExtras = NO_EXTRAS;

  constructor(private head: AceHead) {}

  get kind(): AceKind {
    return this.head.kind;
  }
  get action(): AceAction | undefined {
    return this.head.action;
  }
  /** protocol word, or undefined when a service object / group stands for it (protocolRef) */
  get protocol(): string | undefined {
    return this.head.protocol;
  }
  /** the head with the protocol word once it is parsed (from the parse's OperandCache.aceHead) */
  setHead(head: AceHead): void {
    this.head = head;
  }

  private extras(): AceExtras {
    if (this.x === NO_EXTRAS) this.x = {};
    return this.x;
  }

  /** the service object / group that stands for the protocol */
  get protocolRef(): AceExtras['protocolRef'] {
    return this.x.protocolRef;
  }
  set protocolRef(v: AceExtras['protocolRef']) {
    this.extras().protocolRef = v;
  }
  get icmpType(): string | undefined {
    return this.x.icmpType;
  }
  set icmpType(v: string | undefined) {
    this.extras().icmpType = v;
  }
  get icmpGroup(): string | undefined {
    return this.x.icmpGroup;
  }
  set icmpGroup(v: string | undefined) {
    this.extras().icmpGroup = v;
  }
  get timeRange(): string | undefined {
    return this.x.timeRange;
  }
  set timeRange(v: string | undefined) {
    this.extras().timeRange = v;
  }
  get inactive(): boolean {
    return this.x.inactive === true;
  }
  set inactive(v: boolean) {
    this.extras().inactive = v;
  }
  get log(): boolean {
    return this.x.log === true;
  }
  set log(v: boolean) {
    this.extras().log = v;
  }
  /** words the grammar did not understand (newer syntax); kept, reported as a warning */
  get trailing(): string[] | undefined {
    return this.x.trailing;
  }
  set trailing(v: string[] | undefined) {
    this.extras().trailing = v;
  }
  get srcIfc(): string | undefined {
    return this.x.srcIfc;
  }
  set srcIfc(v: string | undefined) {
    this.extras().srcIfc = v;
  }
  get dstIfc(): string | undefined {
    return this.x.dstIfc;
  }
  set dstIfc(v: string | undefined) {
    this.extras().dstIfc = v;
  }
  get ruleId(): string | undefined {
    return this.x.ruleId;
  }
  set ruleId(v: string | undefined) {
    this.extras().ruleId = v;
  }
  get eventLog(): string | undefined {
    return this.x.eventLog;
  }
  set eventLog(v: string | undefined) {
    this.extras().eventLog = v;
  }
  /** set when the entry is cut short (e.g. ends after `object-group`) */
  get incomplete(): string | undefined {
    return this.x.incomplete;
  }
  set incomplete(v: string | undefined) {
    this.extras().incomplete = v;
  }

  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      action: this.action,
      protocol: this.protocol,
      protocolRef: this.protocolRef,
      srcIfc: this.srcIfc,
      src: this.src,
      srcPort: this.srcPort,
      dstIfc: this.dstIfc,
      dst: this.dst,
      dstPort: this.dstPort,
      icmpType: this.icmpType,
      icmpGroup: this.icmpGroup,
      timeRange: this.timeRange,
      inactive: this.inactive,
      log: this.log,
      ruleId: this.ruleId,
      eventLog: this.eventLog,
      trailing: this.trailing,
      incomplete: this.incomplete,
    };
  }
}

/**
 * Operands are read-only once parsed, and a large configuration writes the same ones over and
 * over (`any` as source, `eq https` as destination port, a customer's group in every entry): one
 * frozen object per (kind, word position, text) serves every entry that has it.
 */
class SharedOperands<T extends object> {
  /** per word position, operand by text */
  private readonly byAt: (Map<string, T> | undefined)[] = [];

  get(at: number, text: string, make: () => T): T {
    let byText = this.byAt[at];
    if (!byText) this.byAt[at] = byText = new Map();
    let op = byText.get(text);
    if (op === undefined) {
      op = Object.freeze(make());
      byText.set(text, op);
    }
    return op;
  }
}

/**
 * The shared operands of one parse (ParseContext.operands). Scoped to the parse, not the module:
 * a long-running portal parses a configuration per customer and day, and a module-wide table
 * would keep every name it ever saw.
 */
export class OperandCache {
  readonly any = new SharedOperands<AddressOperand>();
  readonly object = new SharedOperands<AddressOperand>();
  readonly objectGroup = new SharedOperands<AddressOperand>();
  readonly portGroup = new SharedOperands<PortOperand>();
  private readonly portOps = new Map<string, SharedOperands<PortOperand>>();
  private readonly heads = new Map<
    AceKind,
    Map<string | undefined, Map<string | undefined, AceHead>>
  >();

  aceHead(kind: AceKind, action: AceHead['action'], protocol: string | undefined): AceHead {
    let byAction = this.heads.get(kind);
    if (!byAction) this.heads.set(kind, (byAction = new Map()));
    let byProtocol = byAction.get(action);
    if (!byProtocol) byAction.set(action, (byProtocol = new Map()));
    let head = byProtocol.get(protocol);
    if (!head) byProtocol.set(protocol, (head = Object.freeze({ kind, action, protocol })));
    return head;
  }

  portOp(op: string): SharedOperands<PortOperand> {
    let byOp = this.portOps.get(op);
    if (!byOp) this.portOps.set(op, (byOp = new SharedOperands()));
    return byOp;
  }
}

/**
 * FTD's interface qualifier: `ifc NAMEIF` before an entry's source or destination. Only there: a
 * line with the word holds a scoped entry unless a structure is named so (see extract/load.ts).
 */
export const IFC = 'ifc';

const PORT_OPS = new Set(['eq', 'neq', 'lt', 'gt']);
const IDENTITY_WORDS = new Set([
  'user',
  'user-group',
  'object-group-user',
  'security-group',
  'object-group-security',
]);
const PORTED = new Set(['tcp', 'udp', 'tcp-udp', 'sctp', '6', '17', '132']);

class Cursor {
  constructor(
    readonly tokens: string[],
    public i: number,
    /** this parse's shared operands */
    readonly shared: OperandCache,
  ) {}
  peek(k = 0): string | undefined {
    return this.tokens[this.i + k];
  }
  next(): string | undefined {
    return this.tokens[this.i++];
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

const ROLES = new Map<string, Map<string, string>>();
/** `${side} ${what}` as one shared string per combination (contexts are built lazily). */
function role(side: string, what: string): string {
  let bySide = ROLES.get(side);
  if (!bySide) ROLES.set(side, (bySide = new Map()));
  let r = bySide.get(what);
  if (r === undefined) bySide.set(what, (r = `${side} ${what}`));
  return r;
}

/** True when the word at the cursor starts an address operand. */
function startsAddress(w: string | undefined): boolean {
  if (w === undefined) return false;
  return (
    w === 'any' ||
    w === 'any4' ||
    w === 'any6' ||
    w === 'host' ||
    w === 'object' ||
    w === 'object-group' ||
    w === 'interface' ||
    w === IFC ||
    isIPv4(w) ||
    isIPv6Prefix(w)
  );
}

/**
 * Parses one address operand at the cursor. `ctxWord` names the position for usage contexts
 * ("source", "destination"). Returns undefined when the words run out.
 */
function parseAddress(
  c: Cursor,
  out: HandlerOutput,
  ctxPrefix: string,
  incomplete: (why: string) => void,
): AddressOperand | undefined {
  const at = c.i;
  const w = c.next();
  if (w === undefined) {
    incomplete(`missing ${ctxPrefix} address`);
    return undefined;
  }
  switch (w) {
    case 'any':
    case 'any4':
    case 'any6':
      return c.shared.any.get(at, w, () => ({ type: 'any', word: w, at }));
    case 'host': {
      const a = c.next();
      if (a === undefined) {
        incomplete(`\`host\` without an address`);
        return undefined;
      }
      if (isIPv4(a) || a.includes(':')) return { type: 'host', address: a, at: at + 1 };
      if (looksLikeIPv4(a)) {
        // `host 999.1.1.1`: a broken address, not a `name`
        incomplete(`invalid address ${a}`);
        return { type: 'host', address: a, at: at + 1 };
      }
      out.ref('name', a, at + 1, role(ctxPrefix, 'host'));
      return { type: 'name', name: a, at: at + 1 };
    }
    case 'object': {
      const n = c.next();
      if (n === undefined) {
        incomplete('`object` without a name');
        return undefined;
      }
      out.ref('object', n, at + 1, role(ctxPrefix, 'object'), 'network');
      return c.shared.object.get(at + 1, n, () => ({
        type: 'object',
        name: n,
        at: at + 1,
      }));
    }
    case 'object-group': {
      const n = c.next();
      if (n === undefined) {
        incomplete('`object-group` without a name');
        return undefined;
      }
      out.ref('object-group', n, at + 1, role(ctxPrefix, 'object-group'), 'network');
      return c.shared.objectGroup.get(at + 1, n, () => ({
        type: 'object-group',
        name: n,
        at: at + 1,
      }));
    }
    case 'interface': {
      const n = c.next();
      if (n === undefined) {
        incomplete('`interface` without a name');
        return undefined;
      }
      out.ref('interface', n, at + 1, role(ctxPrefix, 'interface'));
      return { type: 'interface', name: n, at: at + 1 };
    }
    default: {
      if (isIPv6Prefix(w)) return { type: 'prefix', address: w, at };
      const m = c.peek();
      if (isIPv4(w) || looksLikeIPv4(w)) {
        if (!isIPv4(w)) incomplete(`invalid address ${w}`);
        // an address in an entry is always followed by its mask
        if (m !== undefined && looksLikeIPv4(m)) {
          c.i++;
          if (!isIPv4Mask(m)) incomplete(`invalid netmask ${m} (not contiguous)`);
          return { type: 'network', address: w, mask: m, at };
        }
        return { type: 'host', address: w, at };
      }
      // A `name` standing for an address, optionally with a mask.
      out.ref('name', w, at, role(ctxPrefix, 'address'));
      if (m !== undefined && isIPv4Mask(m)) {
        c.i++;
        return { type: 'name', name: w, mask: m, at };
      }
      return { type: 'name', name: w, at };
    }
  }
}

function parsePort(c: Cursor, out: HandlerOutput, ctxPrefix: string): PortOperand | undefined {
  const w = c.peek();
  if (w === undefined) return undefined;
  const at = c.i;
  if (PORT_OPS.has(w)) {
    c.i++;
    const p = c.next();
    if (p === undefined) return { type: 'op', op: w, ports: [], at };
    return c.shared.portOp(w).get(at, p, () => ({
      type: 'op',
      op: w,
      ports: Object.freeze([p]),
      at,
    }));
  }
  if (w === 'range') {
    c.i++;
    const a = c.next();
    const b = c.next();
    return {
      type: 'op',
      op: 'range',
      ports: [a, b].filter((x): x is string => x !== undefined),
      at,
    };
  }
  if (w === 'object-group') {
    const n = c.peek(1);
    if (n === undefined) return undefined;
    c.i += 2;
    out.ref('object-group', n, at + 1, role(ctxPrefix, 'port object-group'), 'service');
    return c.shared.portGroup.get(at + 1, n, () => ({
      type: 'object-group',
      name: n,
      at: at + 1,
    }));
  }
  return undefined;
}

/**
 * After the source address of a TCP/UDP entry, `object-group X` is either a source-port group
 * or the destination address. The defined type of X decides; for an undefined X the shape of
 * what follows does (another address after it means X was a port group).
 */
function objectGroupIsPort(c: Cursor, ctx: ParseContext): boolean {
  if (c.peek() !== 'object-group') return false;
  const n = c.peek(1);
  if (n === undefined) return false;
  const t = ctx.groupType(n);
  if (t !== undefined) return t === 'service' || t === 'tcp' || t === 'udp' || t === 'tcp-udp';
  return startsAddress(c.peek(2));
}

/** `access-list NAME extended permit|deny ...` from the protocol word on. */
export function parseExtendedAce(
  tokens: string[],
  start: number,
  out: HandlerOutput,
  ctx: ParseContext,
  stmt: Statement,
): Ace {
  const action = aceAction(stmt.caps['action']);
  const ace = new Ace(ctx.operands.aceHead('extended', action, undefined));
  const c = new Cursor(tokens, start, ctx.operands);
  const incomplete = (why: string) => {
    ace.incomplete ??= why;
  };
  out.prefix(2); // contexts read "access-list NAME <role>"

  // protocol
  const pAt = c.i;
  const p = c.next();
  if (p === undefined) {
    incomplete('missing protocol');
    return ace;
  }
  if (p === 'object-group' || p === 'object') {
    const n = c.next();
    if (n === undefined) {
      incomplete(`\`${p}\` without a name`);
      return ace;
    }
    if (p === 'object') {
      out.ref('object', n, pAt + 1, 'service object', 'service');
      ace.protocolRef = { type: 'object', name: n };
    } else {
      const t = ctx.groupType(n);
      out.ref('object-group', n, pAt + 1, 'protocol/service object-group', t ?? 'service');
      ace.protocolRef = { type: 'object-group', name: n };
    }
  } else {
    ace.setHead(ctx.operands.aceHead('extended', action, p));
  }
  const ported = ace.protocol === undefined || PORTED.has(ace.protocol);
  parseQualifiers(c, out, ace, 'source');
  const src = parseAddress(c, out, 'source', incomplete);
  if (!src) return ace;
  ace.src = src;
  if (ported) {
    if (c.peek() === 'object-group') {
      if (objectGroupIsPort(c, ctx)) ace.srcPort = parsePort(c, out, 'source');
    } else {
      const sp = parsePort(c, out, 'source');
      if (sp) ace.srcPort = sp;
    }
  }
  parseQualifiers(c, out, ace, 'destination');
  const dst = parseAddress(c, out, 'destination', incomplete);
  if (!dst) return ace;
  ace.dst = dst;
  if (ported) {
    const dp = parsePort(c, out, 'destination');
    if (dp) ace.dstPort = dp;
  } else if (ace.protocol === 'icmp' || ace.protocol === 'icmp6' || ace.protocol === '1') {
    const w = c.peek();
    if (w === 'object-group') {
      const n = c.peek(1);
      if (n !== undefined) {
        out.ref('object-group', n, c.i + 1, 'icmp-type object-group', 'icmp-type');
        ace.icmpGroup = n;
        c.i += 2;
      }
    } else if (w !== undefined && !OPTION_WORDS.has(w)) {
      ace.icmpType = w;
      c.i++;
      // optional icmp code
      if (c.peek() !== undefined && /^\d+$/.test(c.peek() as string)) c.i++;
    }
  }
  parseOptions(c, out, ace);
  return ace;
}

/** `deny`, `trust` (FTD) or else `permit`: the grammar's action word, as the device reads it */
function aceAction(word: string | undefined): AceAction {
  const w = word?.toLowerCase();
  return w === 'deny' ? 'deny' : w === 'trust' ? 'trust' : 'permit';
}

/**
 * What may stand before an address: identity operands (user, security group) and, on FTD, the
 * interface the traffic enters (before the source) or leaves by (before the destination),
 * `ifc NAMEIF`, which is a reference to that interface.
 */
function parseQualifiers(
  c: Cursor,
  out: HandlerOutput,
  ace: Ace,
  side: 'source' | 'destination',
): void {
  for (;;) {
    const w = c.peek();
    if (w === IFC) {
      const n = c.peek(1);
      if (n === undefined) return;
      out.ref('interface', n, c.i + 1, role(side, 'interface (ifc)'));
      if (side === 'source') ace.srcIfc = n;
      else ace.dstIfc = n;
      c.i += 2;
      continue;
    }
    if (w === undefined || !IDENTITY_WORDS.has(w)) return;
    c.i++;
    const at = c.i;
    if (w === 'security-group') c.i++; // "security-group name X" / "tag N"
    const n = c.next();
    if (n !== undefined && (w === 'object-group-user' || w === 'object-group-security')) {
      out.ref('object-group', n, at, w, w === 'object-group-user' ? 'user' : 'security');
    }
  }
}

const OPTION_WORDS = new Set([
  'log',
  'time-range',
  'inactive',
  'interval',
  'disable',
  'default',
  'rule-id',
  'event-log',
]);
const EVENT_LOG = new Set(['flow-start', 'flow-end', 'both']);
const LOG_LEVELS = new Set([
  'emergencies',
  'alerts',
  'critical',
  'errors',
  'warnings',
  'notifications',
  'informational',
  'debugging',
]);

function parseOptions(c: Cursor, out: HandlerOutput, ace: Ace): void {
  while (!c.done()) {
    const at = c.i;
    const w = c.next() as string;
    if (w === 'log') {
      ace.log = true;
      const lv = c.peek();
      if (lv !== undefined && (/^[0-7]$/.test(lv) || LOG_LEVELS.has(lv))) c.i++;
      continue;
    }
    if (w === 'interval') {
      c.i++;
      continue;
    }
    if (w === 'disable' || w === 'default') continue;
    if (w === 'inactive') {
      ace.inactive = true;
      continue;
    }
    if (w === 'rule-id' && c.peek() !== undefined) {
      ace.ruleId = c.next();
      continue;
    }
    if (w === 'event-log' && EVENT_LOG.has(c.peek() ?? '')) {
      ace.eventLog = c.next();
      continue;
    }
    if (w === 'time-range') {
      const n = c.next();
      if (n === undefined) {
        ace.incomplete ??= '`time-range` without a name';
        continue;
      }
      out.ref('time-range', n, at + 1, 'time-range');
      ace.timeRange = n;
      continue;
    }
    (ace.trailing ??= []).push(w);
  }
}

/** `access-list NAME standard permit|deny ADDRESS`. */
export function parseStandardAce(
  tokens: string[],
  start: number,
  out: HandlerOutput,
  ctx: ParseContext,
  stmt: Statement,
): Ace {
  out.prefix(2);
  const action = aceAction(stmt.caps['action']);
  const ace = new Ace(ctx.operands.aceHead('standard', action, undefined));
  const c = new Cursor(tokens, start, ctx.operands);
  const dst = parseAddress(c, out, 'standard', (why) => {
    ace.incomplete ??= why;
  });
  if (dst) ace.dst = dst;
  parseOptions(c, out, ace);
  return ace;
}

/** Network operand of object-group / object lines: `host X`, `X MASK`, `X/len`, `object O`. */
export function parseNetworkObjectMember(
  tokens: string[],
  start: number,
  out: HandlerOutput,
  ctx: ParseContext,
  stmt: Statement,
): AddressOperand | undefined {
  const c = new Cursor(tokens, start, ctx.operands);
  if (!stmt.line.parent)
    return parseAddress(c, out, 'object-group network-object', () => undefined);
  out.prefix(PARENT_PREFIX); // "object-group network G network-object host"
  return parseAddress(c, out, 'network-object', () => undefined);
}
