// Public API of the audit.
export { runAudit, createContext, worstSeverity, SEVERITY_RANK, type AuditOptions } from './run.js';
export {
  auditTextLines,
  fixScriptLines,
  formatAuditText,
  formatFixScript,
  toJson,
  toSarif,
} from './format.js';
export { RULES } from './rules/index.js';
export type { AuditReport, Finding, RuleId, Severity, AuditRule, RuleContext } from './types.js';
