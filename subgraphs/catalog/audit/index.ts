/** The guide accuracy audit (办事指南准确度): pure functions over item and guide content. */
export { auditGuide, SEVERITY_WEIGHTS } from './audit.ts';
export { AUDIT_RULES } from './rules/index.ts';
export { summarizeAudits } from './summary.ts';
export type { AuditSummary, AuditedGuide, GroupScore, RuleTally } from './summary.ts';
export type { AuditInput, AuditRule, Finding, GuideAudit, RuleInfo, Severity } from './types.ts';
