// The audit rules, in the order their findings are explained. One rule per file.
import type { AuditRule } from '../types.js';
import { undefinedRule } from './undefined.js';
import { unused } from './unused.js';

export const RULES: AuditRule[] = [unused, undefinedRule];
