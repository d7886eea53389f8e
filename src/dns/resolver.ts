// Resolver addresses: parsing of the CLI's `--resolver IP[:PORT]` values, their display form and
// the system's configured resolvers. Resolvers are always IP literals (never host names), so a
// DNS check never depends on DNS to find its own resolver.
import { getServers } from 'node:dns';
import { isIP } from 'node:net';

export interface Resolver {
  host: string;
  port: number;
}

export const DEFAULT_DNS_PORT = 53;

function parsePort(text: string, spec: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) {
    throw new Error(`invalid resolver "${spec}": port "${text}" is not a number`);
  }
  const port = Number(text);
  if (port < 1 || port > 65535) {
    throw new Error(`invalid resolver "${spec}": port ${port} is out of range 1-65535`);
  }
  return port;
}

/**
 * Parses `IPv4`, `IPv4:PORT`, `IPv6`, `[IPv6]` or `[IPv6]:PORT` (default port 53).
 * Throws an Error that quotes the input when it is anything else (host names included).
 */
export function parseResolver(spec: string): Resolver {
  const text = spec.trim();
  if (text === '') throw new Error('invalid resolver "": expected IP[:PORT] or [IPv6]:PORT');
  let host: string;
  let port = DEFAULT_DNS_PORT;
  if (text.startsWith('[')) {
    const m = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
    if (!m) throw new Error(`invalid resolver "${spec}": expected [IPv6] or [IPv6]:PORT`);
    host = m[1] ?? '';
    if (m[2] !== undefined) port = parsePort(m[2], spec);
    if (isIP(host) !== 6)
      throw new Error(`invalid resolver "${spec}": "${host}" is not an IPv6 address`);
  } else if (text.includes(':') && text.indexOf(':') !== text.lastIndexOf(':')) {
    // Two or more colons and no brackets: a bare IPv6 address, no port.
    host = text;
    if (isIP(host) !== 6) {
      throw new Error(
        `invalid resolver "${spec}": not an IPv6 address (write [IPv6]:PORT to give a port)`,
      );
    }
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    if (colon >= 0) port = parsePort(text.slice(colon + 1), spec);
    if (isIP(host) !== 4) {
      throw new Error(
        `invalid resolver "${spec}": "${host}" is not an IPv4 address (resolvers must be IP addresses)`,
      );
    }
  }
  return { host, port };
}

/** `192.0.2.1:53`, `[2001:db8::1]:53`. */
export function formatResolver(r: Resolver): string {
  return isIP(r.host) === 6 ? `[${r.host}]:${r.port}` : `${r.host}:${r.port}`;
}

/** The resolvers of the system configuration (node:dns getServers()), invalid entries skipped. */
export function systemResolvers(): Resolver[] {
  const out: Resolver[] = [];
  for (const server of getServers()) {
    try {
      out.push(parseResolver(server));
    } catch {
      // getServers() only returns IP literals; ignore anything unexpected.
    }
  }
  return out;
}
