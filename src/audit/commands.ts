// ASA commands that remove a structure or a line — the vocabulary of fix commands. The fix
// applier in the tests understands exactly these forms.
import type { Def } from '../graph/graph.js';
import type { Config } from '../model/types.js';
import type { Line } from '../parse/lines.js';

/**
 * The commands that remove a whole definition: removeCommand, but an access-list of an ASA before
 * 9.0 that holds `ipv6 access-list X ...` lines goes line by line, each line by its own `no` form
 * (`clear configure access-list X` is for the `access-list` lines).
 */
export function removeCommands(config: Config, d: Def): string[] {
  if (d.kind === 'access-list' && d.lines.some(isLegacyIpv6AclLine)) {
    return d.lines.map((l) => `no ${l.tokens.join(' ')}`);
  }
  return [removeCommand(config, d)];
}

/**
 * `ipv6 access-list X ...`: an IPv6 access-list line of an ASA before 9.0, known by the grammar
 * rule that recognised it (the text is not read again)
 */
export function isLegacyIpv6AclLine(line: Line): boolean {
  return line.rule?.p.startsWith('ipv6 access-list ') ?? false;
}

/** The command that removes a whole definition (see removeCommands). */
export function removeCommand(config: Config, d: Def): string {
  switch (d.kind) {
    case 'access-list':
      return `clear configure access-list ${d.name}`;
    case 'object': {
      const type = config.objects.get(d.name)?.type ?? d.subtype ?? 'network';
      return `no object ${type} ${d.name}`;
    }
    case 'object-group': {
      const type = config.objectGroups.get(d.name)?.type ?? d.subtype ?? 'network';
      return `no object-group ${type} ${d.name}`;
    }
    case 'name': {
      const n = config.names.get(d.name);
      return `no name ${n?.address ?? ''} ${d.name}`.replace('  ', ' ');
    }
    case 'tunnel-group':
      return `clear configure tunnel-group ${d.name}`;
    case 'group-policy':
      return `clear configure group-policy ${d.name}`;
    case 'class-map': {
      const head = d.lines[0]?.tokens ?? [];
      return head[1] === 'type' ? `no ${head.join(' ')}` : `no class-map ${d.name}`;
    }
    case 'policy-map': {
      const head = d.lines[0]?.tokens ?? [];
      return head[1] === 'type' ? `no ${head.join(' ')}` : `no policy-map ${d.name}`;
    }
    case 'transform-set': {
      const legacy = d.lines[0]?.tokens[2] === 'transform-set';
      return legacy
        ? `no crypto ipsec transform-set ${d.name}`
        : `no crypto ipsec ikev1 transform-set ${d.name}`;
    }
    case 'ipsec-proposal':
      return `no crypto ipsec ikev2 ipsec-proposal ${d.name}`;
    case 'ipsec-profile':
      return `no crypto ipsec profile ${d.name}`;
    case 'ldap-attribute-map':
      return `no ldap attribute-map ${d.name}`;
    case 'crypto-map':
      return `clear configure crypto map ${d.name}`;
    case 'dynamic-map':
      return `clear configure crypto dynamic-map ${d.name}`;
    case 'trustpoint':
      return `no crypto ca trustpoint ${d.name}`;
    default:
      return `no ${d.lines[0]?.tokens.join(' ') ?? d.name}`;
  }
}

/**
 * The commands that remove one configuration line: `no <line>` at top level; inside a block,
 * enter the block (its header line) and `no <child>`, then leave it.
 */
export function removeLine(line: Line): string[] {
  const words = line.tokens.join(' ');
  if (!line.parent) return [`no ${words}`];
  const path: string[] = [];
  let p: Line | undefined = line.parent;
  while (p) {
    path.unshift(p.tokens.join(' '));
    p = p.parent;
  }
  return [...path, ` no ${words}`, 'exit'];
}

/**
 * Enters a line again with other words, without removing it first: for commands whose second
 * entry replaces the first (`replacesList`: `set ikev1 transform-set A`, `address-pool P`).
 */
export function reissueLine(line: Line, words: readonly string[]): string[] {
  const text = words.join(' ');
  return line.parent ? inBlock(line.parent, [text]) : [text];
}

/**
 * `access-list ACL line N ...`: the entry `words` (a whole `access-list ACL ...` command) placed
 * at 1-based position N of its access-list (remarks count, as on the ASA).
 */
export function insertAclEntry(words: string[], position: number): string {
  const rest = words[2] === 'line' ? words.slice(4) : words.slice(2);
  return `access-list ${words[1] ?? ''} line ${position} ${rest.join(' ')}`;
}

/** Enters a block by its header line (and the headers above it), runs `children`, leaves it. */
export function inBlock(header: Line | string, children: string[]): string[] {
  const path: string[] = [];
  if (typeof header === 'string') path.push(header);
  else {
    let p: Line | undefined = header;
    while (p) {
      path.unshift(p.tokens.join(' '));
      p = p.parent;
    }
  }
  return [...path, ...children.map((c) => ` ${c}`), 'exit'];
}

/** Creates (or re-opens) `object network NAME` with a host or subnet value. */
export function networkObjectCommands(
  name: string,
  value: { type: 'host'; address: string } | { type: 'subnet'; address: string; mask: string },
): string[] {
  const v =
    value.type === 'host'
      ? `host ${value.address}`
      : value.mask.startsWith('/')
        ? `subnet ${value.address}${value.mask}`
        : `subnet ${value.address} ${value.mask}`;
  return [`object network ${name}`, ` ${v}`];
}
