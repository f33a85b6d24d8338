import type { GuideAudit } from './types.ts';

export type AuditedGuide = GuideAudit & { agencyUscc: string; regionCode: string };

export interface RuleTally {
  rule: string;
  /** Guides with at least one finding of the rule. */
  count: number;
  /** count / guides, 0–1. */
  share: number;
  /** Findings of the rule across all guides (a guide with three vague materials counts three). */
  findings: number;
}

export interface GroupScore {
  guides: number;
  averageScore: number;
}

export interface AuditSummary {
  guides: number;
  /** Mean score, one decimal; 0 when there are no guides. */
  averageScore: number;
  /** Share of guides that passed, 0–1, four decimals. */
  passedShare: number;
  /** The ten rules failed by the most guides. */
  worstRules: RuleTally[];
  /** Lowest average first, so the agencies to follow up come first. */
  byAgency: Array<GroupScore & { agencyUscc: string }>;
  byRegion: Array<GroupScore & { regionCode: string }>;
}

const WORST_RULES = 10;

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

const mean = (scores: number[]): number => (scores.length === 0 ? 0 : round(scores.reduce((a, b) => a + b, 0) / scores.length, 1));

/** Scores grouped by a key, lowest average first so the ones to follow up come first. */
function scoresBy(audits: AuditedGuide[], keyOf: (a: AuditedGuide) => string): Array<GroupScore & { key: string }> {
  const groups = new Map<string, number[]>();
  for (const audit of audits) {
    const key = keyOf(audit);
    groups.set(key, [...(groups.get(key) ?? []), audit.score]);
  }
  return [...groups]
    .map(([key, scores]) => ({ key, guides: scores.length, averageScore: mean(scores) }))
    .sort((a, b) => a.averageScore - b.averageScore || a.key.localeCompare(b.key));
}

/**
 * Aggregates audits for a region or agency report. Rules are ranked by how many guides fail them
 * rather than by raw findings, so one guide with forty materials cannot top the list alone.
 */
export function summarizeAudits(audits: AuditedGuide[]): AuditSummary {
  const guides = audits.length;
  const tallies = new Map<string, { guides: number; findings: number }>();
  for (const audit of audits) {
    const seen = new Set<string>();
    for (const finding of audit.findings) {
      const tally = tallies.get(finding.rule) ?? { guides: 0, findings: 0 };
      tally.findings += 1;
      if (!seen.has(finding.rule)) tally.guides += 1;
      seen.add(finding.rule);
      tallies.set(finding.rule, tally);
    }
  }
  const worstRules = [...tallies]
    .map(([rule, t]) => ({ rule, count: t.guides, share: round(t.guides / guides, 4), findings: t.findings }))
    .sort((a, b) => b.count - a.count || b.findings - a.findings || a.rule.localeCompare(b.rule))
    .slice(0, WORST_RULES);
  return {
    guides,
    averageScore: mean(audits.map((a) => a.score)),
    passedShare: guides === 0 ? 0 : round(audits.filter((a) => a.passed).length / guides, 4),
    worstRules,
    byAgency: scoresBy(audits, (a) => a.agencyUscc).map(({ key, ...score }) => ({ agencyUscc: key, ...score })),
    byRegion: scoresBy(audits, (a) => a.regionCode).map(({ key, ...score }) => ({ regionCode: key, ...score })),
  };
}
