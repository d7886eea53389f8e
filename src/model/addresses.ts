// What addresses a name, object, object-group or ACE operand stands for, and which address space
// an interface serves (its subnet and the routes pointing out of it). IPv4 ranges are numbers;
// IPv6 prefixes are kept as parsed CIDRs (ipaddr.js).
import ipaddr from 'ipaddr.js';
import {
  isIPv4,
  isIPv4Mask,
  ipv4ToInt,
  v4Range,
  v4Contains,
  v4Overlaps,
  type V4Range,
} from '../parse/ip.js';
import type { AddressOperand } from '../parse/operands.js';
import type { Config, NetObject } from './types.js';

export interface AddressSet {
  v4: V4Range[];
  v6: [ipaddr.IPv6, number][];
  /** true when some part could not be resolved (fqdn, undefined name, `any`) */
  unknown: boolean;
  any: boolean;
}

const empty = (): AddressSet => ({ v4: [], v6: [], unknown: false, any: false });

function addV6(set: AddressSet, text: string): void {
  try {
    if (text.includes('/')) {
      const [a, len] = ipaddr.parseCIDR(text);
      if (a.kind() === 'ipv6') set.v6.push([a as ipaddr.IPv6, len]);
    } else {
      const a = ipaddr.parse(text);
      if (a.kind() === 'ipv6') set.v6.push([a as ipaddr.IPv6, 128]);
    }
  } catch {
    set.unknown = true;
  }
}

function addAddress(set: AddressSet, address: string, mask?: string): void {
  if (isIPv4(address)) {
    if (mask !== undefined && !isIPv4Mask(mask)) {
      set.unknown = true;
      return;
    }
    set.v4.push(v4Range(address, mask));
  } else if (address.includes(':')) {
    addV6(set, address);
  } else {
    set.unknown = true;
  }
}

export class AddressResolver {
  private readonly objectCache = new Map<string, AddressSet>();
  private readonly groupCache = new Map<string, AddressSet>();
  constructor(private readonly config: Config) {}

  name(name: string): AddressSet {
    const set = empty();
    const n = this.config.names.get(name);
    if (n) addAddress(set, n.address);
    else set.unknown = true;
    return set;
  }

  object(name: string): AddressSet {
    const cached = this.objectCache.get(name);
    if (cached) return cached;
    const set = empty();
    this.objectCache.set(name, set);
    const o: NetObject | undefined = this.config.objects.get(name);
    const v = o?.value;
    if (!o || !v) {
      if (this.config.objectGroups.has(name)) return this.group(name);
      set.unknown = true;
      return set;
    }
    if (v.type === 'host') addAddress(set, v.address);
    else if (v.type === 'subnet') {
      if (v.mask.startsWith('/')) addV6(set, `${v.address}${v.mask}`);
      else addAddress(set, v.address, v.mask);
    } else if (v.type === 'range') {
      if (isIPv4(v.first) && isIPv4(v.last))
        set.v4.push({ first: ipv4ToInt(v.first), last: ipv4ToInt(v.last) });
      else set.unknown = true;
    } else set.unknown = true;
    return set;
  }

  group(name: string, depth = 0): AddressSet {
    const cached = this.groupCache.get(name);
    if (cached) return cached;
    const set = empty();
    this.groupCache.set(name, set); // also breaks cycles
    const g = this.config.objectGroups.get(name);
    if (!g || depth > 64) {
      set.unknown = true;
      return set;
    }
    for (const m of g.members) {
      const t = m.tokens;
      if (t[0] === 'group-object' && t[1]) merge(set, this.group(t[1], depth + 1));
      else if (t[0] === 'network-object') {
        if (t[1] === 'host' && t[2])
          merge(set, isIPv4(t[2]) || t[2].includes(':') ? single(t[2]) : this.name(t[2]));
        else if (t[1] === 'object' && t[2]) merge(set, this.object(t[2]));
        else if (t[1]) {
          if (isIPv4(t[1]) || t[1].includes(':')) addAddress(set, t[1], t[2]);
          else {
            const n = this.config.names.get(t[1]);
            if (n) addAddress(set, n.address, t[2]);
            else set.unknown = true;
          }
        }
      }
    }
    return set;
  }

  operand(op: AddressOperand | undefined): AddressSet {
    const set = empty();
    if (!op) {
      set.unknown = true;
      return set;
    }
    switch (op.type) {
      case 'any':
        set.any = true;
        return set;
      case 'host':
      case 'prefix':
        addAddress(set, op.address);
        return set;
      case 'network':
        addAddress(set, op.address, op.mask);
        return set;
      case 'name': {
        const n = this.config.names.get(op.name);
        if (n) addAddress(set, n.address, op.mask);
        else set.unknown = true;
        return set;
      }
      case 'object':
        return this.object(op.name);
      case 'object-group':
        return this.group(op.name);
      case 'interface': {
        const i = this.config.interfacesByNameif.get(op.name);
        if (i?.ipv4) addAddress(set, i.ipv4.address);
        else set.unknown = true;
        return set;
      }
    }
  }
}

function single(address: string): AddressSet {
  const s = empty();
  addAddress(s, address);
  return s;
}

function merge(into: AddressSet, from: AddressSet): void {
  for (const r of from.v4) into.v4.push(r);
  for (const r of from.v6) into.v6.push(r);
  into.unknown ||= from.unknown;
  into.any ||= from.any;
}

/** The address space an interface serves: its own subnets and the non-default routes out of it. */
export function interfaceSpace(config: Config, nameif: string): AddressSet {
  const set = empty();
  const i = config.interfacesByNameif.get(nameif);
  if (i?.ipv4 && isIPv4Mask(i.ipv4.mask)) set.v4.push(v4Range(i.ipv4.address, i.ipv4.mask));
  for (const p of i?.ipv6 ?? []) if (p.includes('/')) addV6(set, p);
  for (const r of config.routes) {
    if (r.interface !== nameif) continue;
    if (r.network === '0.0.0.0' && r.mask === '0.0.0.0') continue;
    addAddress(set, r.network, r.mask);
  }
  return set;
}

/** Every address of `inner` lies inside `outer` (unknown or `any` never does). */
export function within(inner: AddressSet, outer: AddressSet): boolean {
  if (inner.unknown || inner.any) return false;
  if (inner.v4.length === 0 && inner.v6.length === 0) return false;
  const v4ok = inner.v4.every((r) => outer.v4.some((o) => v4Contains(o, r)));
  const v6ok = inner.v6.every(([a, len]) =>
    outer.v6.some(([o, olen]) => olen <= len && a.match(o, olen)),
  );
  return v4ok && v6ok;
}

/** Some address of `a` lies in `b`. `any` or unknown parts count as overlapping (be safe). */
export function overlaps(a: AddressSet, b: AddressSet): boolean {
  if (a.unknown) return true;
  if (a.v4.some((r) => b.v4.some((o) => v4Overlaps(o, r)))) return true;
  return a.v6.some(([x, len]) =>
    b.v6.some(([o, olen]) => (olen <= len ? x.match(o, olen) : o.match(x, len))),
  );
}
