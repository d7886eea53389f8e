// The DNS side of an audit: which names and objects carry a DNS name, and one shared lookup of
// all of them (the dns-* rules read the same results).
import {
  checkNames,
  isDnsName,
  reverseLookup,
  type DnsCheckResult,
  type DnsOptions,
  type Resolver,
} from '../dns/index.js';
import type { Config } from '../model/types.js';
import type { DnsCandidate, DnsContext } from './types.js';

/**
 * Candidates: `name ADDR NAME` whose NAME is a DNS name (with or without trailing dot), and
 * `object network NAME` with `host ADDR` whose NAME is a DNS name. `fqdn` objects have no
 * configured address to compare; the fqdn-object rule covers them.
 */
export function dnsCandidates(config: Config): DnsCandidate[] {
  const out: DnsCandidate[] = [];
  for (const n of config.names.values()) {
    if (isDnsName(n.name))
      out.push({
        kind: 'name',
        name: n.name,
        fqdn: n.name.replace(/\.$/, ''),
        address: n.address,
        line: n.line,
      });
  }
  for (const o of config.objects.values()) {
    if (o.type === 'network' && o.value?.type === 'host' && isDnsName(o.name)) {
      const line = o.blocks[0];
      if (line)
        out.push({
          kind: 'object',
          name: o.name,
          fqdn: o.name.replace(/\.$/, ''),
          address: o.value.address,
          line,
        });
    }
  }
  return out;
}

export function createDnsContext(
  config: Config,
  resolvers: Resolver[],
  opts: Partial<DnsOptions> = {},
): DnsContext {
  let pending: Promise<{ candidate: DnsCandidate; result: DnsCheckResult }[]> | undefined;
  const options: DnsOptions = { resolvers, ...opts };
  return {
    resolvers,
    results() {
      pending ??= (async () => {
        const candidates = dnsCandidates(config);
        const results = await checkNames(
          candidates.map((c) => ({ name: c.fqdn, address: c.address })),
          options,
        );
        return candidates.map((candidate, i) => ({
          candidate,
          result: results[i] as DnsCheckResult,
        }));
      })();
      return pending;
    },
    reverse(addresses) {
      return reverseLookup(addresses, options);
    },
  };
}
