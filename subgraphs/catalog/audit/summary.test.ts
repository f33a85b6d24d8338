import { describe, expect, it } from 'vitest';
import { summarizeAudits } from './summary.ts';
import type { AuditedGuide } from './summary.ts';
import type { Finding, Severity } from './types.ts';

const A = '11610725016345273X';
const B = '11610725MB1234567Y';

function finding(rule: string, severity: Severity = 'ERROR', element = 'x'): Finding {
  return { element, rule, severity, message: '测试', fixHint: '测试', source: 'DESIGN' };
}

function audit(code: string, agencyUscc: string, regionCode: string, score: number, findings: Finding[]): AuditedGuide {
  return { implementationCode: code, agencyUscc, regionCode, score, findings, passed: !findings.some((f) => f.severity === 'ERROR') };
}

describe('summarizeAudits', () => {
  it('averages, counts passes and groups by agency and region', () => {
    const summary = summarizeAudits([
      audit('g1', A, '610725', 100, []),
      audit('g2', A, '610725', 70, [finding('LOCATION_TO_WINDOW'), finding('MATERIAL_COPIES', 'ERROR', 'materials[0].copies'), finding('MATERIAL_COPIES', 'ERROR', 'materials[1].copies')]),
      audit('g3', B, '610702', 87, [finding('LOCATION_TO_WINDOW'), finding('VISITS_WITHIN_DEPTH', 'WARNING')]),
      audit('g4', B, '610725', 97, [finding('VISITS_WITHIN_DEPTH', 'WARNING')]),
    ]);
    expect(summary.guides).toBe(4);
    expect(summary.averageScore).toBe(88.5); // (100 + 70 + 87 + 97) / 4
    expect(summary.passedShare).toBe(0.5); // g1 and g4
    expect(summary.worstRules).toEqual([
      // Two guides each; LOCATION_TO_WINDOW and VISITS_WITHIN_DEPTH tie on guides and findings, so by id.
      { rule: 'LOCATION_TO_WINDOW', count: 2, share: 0.5, findings: 2 },
      { rule: 'VISITS_WITHIN_DEPTH', count: 2, share: 0.5, findings: 2 },
      // One guide, two findings: ranked by guides, not findings.
      { rule: 'MATERIAL_COPIES', count: 1, share: 0.25, findings: 2 },
    ]);
    expect(summary.byAgency).toEqual([
      { agencyUscc: A, guides: 2, averageScore: 85 },
      { agencyUscc: B, guides: 2, averageScore: 92 },
    ]);
    expect(summary.byRegion).toEqual([
      { regionCode: '610702', guides: 1, averageScore: 87 },
      { regionCode: '610725', guides: 3, averageScore: 89 },
    ]);
  });

  it('keeps the ten rules failed by most guides, rounding shares', () => {
    const audits = [0, 1, 2].map((g) =>
      audit(`g${g}`, A, '610725', 0, Array.from({ length: 12 }, (_, r) => r).filter((r) => r <= 9 || g === 0).map((r) => finding(`RULE_${String(r).padStart(2, '0')}`))),
    );
    const summary = summarizeAudits(audits);
    expect(summary.worstRules).toHaveLength(10);
    expect(summary.worstRules.map((r) => r.rule)).toEqual(Array.from({ length: 10 }, (_, r) => `RULE_${String(r).padStart(2, '0')}`));
    expect(summary.worstRules[0]).toEqual({ rule: 'RULE_00', count: 3, share: 1, findings: 3 });
    expect(summarizeAudits(audits.slice(0, 1).concat(audits.slice(0, 2))).averageScore).toBe(0);
    const thirds = summarizeAudits([audit('a', A, '610725', 100, []), audit('b', A, '610725', 90, [finding('R')]), audit('c', A, '610725', 90, [finding('R')])]);
    expect(thirds.averageScore).toBe(93.3);
    expect(thirds.passedShare).toBe(0.3333);
    expect(thirds.worstRules).toEqual([{ rule: 'R', count: 2, share: 0.6667, findings: 2 }]);
  });

  it('summarizes nothing as zeros', () => {
    expect(summarizeAudits([])).toEqual({ guides: 0, averageScore: 0, passedShare: 0, worstRules: [], byAgency: [], byRegion: [] });
  });
});
