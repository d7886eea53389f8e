// The shape of audit rules and findings. One rule per file under rules/, in the spirit of
// typescript-eslint: each declares its id, severity, description and reason, and returns
// findings with message, fix commands and cross-references.
import type { Config } from '../model/types.js';
import type { Liveness } from '../graph/liveness.js';
import type { AddressResolver } from '../model/addresses.js';
import type { DnsCheckResult, Resolver } from '../dns/index.js';
import type { Line } from '../parse/lines.js';
import type { Kind } from '../parse/kinds.js';

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'unused'
  | 'undefined'
  | 'raw-address'
  | 'dns-mismatch'
  | 'dns-nxdomain'
  | 'dns-dnssec-failure'
  | 'dns-unverified'
  | 'fqdn-object'
  | 'name-trailing-dot'
  | 'expired-certificate'
  | 'incomplete-crypto-map'
  | 'portchannel-failover-mac';

/**
 * Subject kinds of findings (CLI.md): the structure kinds, with `crypto-map-entry` named
 * "<map> <seq>" and `interface` named by its hardware name. `undefined` findings may name any
 * referenced kind.
 */
export type SubjectKind = Kind;

export interface Reference {
  line: number;
  text: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  subject: { kind: SubjectKind; name: string };
  /** 1-based line of the definition (or of the use) */
  line: number;
  message: string;
  reason: string;
  /** plain ASA commands, in a safe order */
  fix: string[];
  /** every other line that names the same structure or address (raw-address: the first 100) */
  references: Reference[];
  /** how many there are, when `references` is cut (see RAW_REFERENCES) */
  referencesTotal?: number;
  /** raw-address findings: the address as written (with mask/prefix where there is one) */
  address?: string;
  /** unused findings that only become unused once their (unused) users are removed */
  chain?: { usedBy: { kind: string; name: string }[] };
  /**
   * where this finding's fix goes in a combined fix script: lower first. Removals of users come
   * before removals of what they use.
   */
  order?: number;
}

/** what a finding lists of the other lines that name its structure or address */
export type CrossReferences = Pick<Finding, 'references' | 'referencesTotal'>;

export interface RuleMeta {
  id: RuleId;
  severity: Severity;
  /** one line: what the rule finds */
  description: string;
  /** why it matters (the default reason of its findings) */
  reason: string;
}

export interface DnsContext {
  resolvers: Resolver[];
  /** results of the forward checks of all candidates, computed once per audit */
  results(): Promise<{ candidate: DnsCandidate; result: DnsCheckResult }[]>;
  /** PTR names for addresses (raw-address suggestions) */
  reverse(addresses: string[]): Promise<Map<string, string | null>>;
}

export interface DnsCandidate {
  kind: 'name' | 'object';
  /** the structure's name as written */
  name: string;
  /** the DNS name checked (without trailing dot) */
  fqdn: string;
  address: string;
  line: Line;
}

export interface RuleContext {
  config: Config;
  now: Date;
  liveness(): Liveness;
  addresses: AddressResolver;
  /**
   * the cross-references of a finding about the structure: the lines (other than `exclude`) that
   * define or name it, and `also` (see crossReferences)
   */
  refsOf(
    kind: Kind,
    name: string,
    exclude?: readonly number[],
    also?: readonly Line[],
  ): CrossReferences;
  /** the lines on which the address appears as a word, in line order */
  linesWithAddress(address: string): readonly Line[];
  /**
   * a finding's cross-references from lines in line order (each once), but `exclude`; past
   * `limit`, the first `limit` of them and the whole count
   */
  crossReferences(
    lines: readonly Line[],
    exclude?: readonly number[],
    limit?: number,
  ): CrossReferences;
  /** present when the audit runs with --dns */
  dns?: DnsContext;
}

export interface AuditRule {
  meta: RuleMeta;
  /** further rule ids this rule's findings may carry */
  alsoReports?: RuleId[];
  /** runs only when the audit has DNS (--dns) */
  needsDns?: boolean;
  check(ctx: RuleContext): Finding[] | Promise<Finding[]>;
}

export interface AuditSummary {
  lines: number;
  unknownLines: number;
  findings: Partial<Record<RuleId, number>>;
}

export interface AuditReport {
  source: string;
  /**
   * `ftd` for a Firepower Threat Defense configuration (`NGFW Version`): its management center
   * (FMC or FDM) owns it, so fixes are made there; absent for an ASA
   */
  platform?: 'ftd';
  findings: Finding[];
  summary: AuditSummary;
}
