import type { ItemType } from '../../../lib/codes/basicCode.ts';
import type { GuideContent, ItemContent } from '../guide/content.ts';

export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface AuditInput {
  implementationCode: string;
  /** The item's type as its basic code says; the LICENSE-only rules key on it. */
  itemType: ItemType;
  item: ItemContent;
  guide: GuideContent;
  /** YYYY-MM-DD, China time: freshness is judged against it, so audits are reproducible. */
  today: string;
}

export interface Finding {
  /** Path into the item or guide content, e.g. location.window, materials[3].name. */
  element: string;
  /** Stable rule id, e.g. LOCATION_TO_WINDOW. */
  rule: string;
  severity: Severity;
  /** What is wrong, in Chinese. */
  message: string;
  /** How to fix it, in Chinese. */
  fixHint: string;
  /** Where the rule comes from, so a disputed finding can be traced to its text. */
  source: string;
}

export interface GuideAudit {
  implementationCode: string;
  /** 0–100. */
  score: number;
  findings: Finding[];
  /** No ERROR findings. */
  passed: boolean;
}

/** What a rule's detector reports; the rule itself supplies id, severity and source. */
export interface Issue {
  element: string;
  message: string;
  fixHint: string;
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line, in Chinese, for the rule catalogue. */
  description: string;
  source: string;
}

export interface AuditRule extends RuleInfo {
  check(input: AuditInput): Finding[];
}

/**
 * Detectors return bare issues and the rule stamps its own id, severity and source on them, so a
 * finding can never carry another rule's id or a severity the table does not show.
 */
export function defineRule(spec: RuleInfo & { detect(input: AuditInput): Issue[] }): AuditRule {
  const { detect, ...info } = spec;
  return {
    ...info,
    check: (input) =>
      detect(input).map((issue) => ({
        element: issue.element,
        rule: info.id,
        severity: info.severity,
        message: issue.message,
        fixHint: issue.fixHint,
        source: info.source,
      })),
  };
}

/** Source labels, so the same document is cited the same way everywhere. */
export const INDEX_2019 = '2019年省级政府调查评估指标体系';
