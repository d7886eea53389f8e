// Public API of the DNS checking engine behind `asakit audit --dns`: resolver parsing, name
// candidates (isDnsName), forward checks (checkNames) and reverse look-ups (reverseLookup).
export {
  parseResolver,
  formatResolver,
  systemResolvers,
  DEFAULT_DNS_PORT,
  type Resolver,
} from './resolver.js';
export { isDnsName, normaliseAddress, reverseName } from './names.js';
export {
  checkNames,
  reverseLookup,
  MAX_CNAME_CHAIN,
  type DnsCheckInput,
  type DnsCheckResult,
  type DnsOptions,
  type DnsStatus,
} from './check.js';
