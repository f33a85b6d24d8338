import { describe, expect, it } from 'vitest';
import { SEVERITY_WEIGHTS, auditGuide } from './audit.ts';
import { FIXTURE_TODAY, hotelLicenseInput } from './fixtures.ts';
import { AUDIT_RULES } from './rules/index.ts';
import type { AuditInput, Severity } from './types.ts';
import type { CaseKind, LegalLevel, MaterialMedium, MaterialSource, TimeUnit } from '../guide/content.ts';

/** Each case breaks one element of the flawless fixture and names the single finding it expects. */
interface Case {
  name: string;
  rule: string;
  element: string;
  severity: Severity;
  mutate(input: AuditInput): void;
}

const bad = <T>(value: unknown): T => value as T;

const CASES: Case[] = [
  // identity
  { name: 'implementation code with a wrong check character', rule: 'IMPLEMENTATION_CODE_VALID', element: 'implementationCode', severity: 'ERROR', mutate: (i) => void (i.implementationCode = '610725000000016345274101') },
  { name: 'item type differs from the basic code', rule: 'ITEM_TYPE_CONSISTENT', element: 'type', severity: 'ERROR', mutate: (i) => void (i.item.type = 'CONFIRMATION') },
  // time limits
  { name: 'case kind missing', rule: 'CASE_KIND_STATED', element: 'caseKind', severity: 'ERROR', mutate: (i) => void (i.guide.caseKind = bad<CaseKind>('')) },
  { name: 'legal limit missing', rule: 'LEGAL_LIMIT_STATED', element: 'legalTimeLimit', severity: 'ERROR', mutate: (i) => void (i.item.legalTimeLimit = null) },
  { name: 'legal limit not a whole number', rule: 'LEGAL_LIMIT_STATED', element: 'legalTimeLimit.value', severity: 'ERROR', mutate: (i) => void (i.item.legalTimeLimit = { value: 0, unit: 'WORKING_DAY' }) },
  { name: 'legal limit without a unit', rule: 'LEGAL_LIMIT_UNIT', element: 'legalTimeLimit.unit', severity: 'ERROR', mutate: (i) => void (i.item.legalTimeLimit = { value: 20, unit: bad<TimeUnit>('天') }) },
  { name: 'promised limit missing on a promised case', rule: 'PROMISED_LIMIT_STATED', element: 'promisedTimeLimit', severity: 'ERROR', mutate: (i) => void (i.guide.promisedTimeLimit = null) },
  { name: 'promised limit of zero on a promised case', rule: 'PROMISED_LIMIT_STATED', element: 'promisedTimeLimit.value', severity: 'ERROR', mutate: (i) => void (i.guide.promisedTimeLimit = { value: 0, unit: 'WORKING_DAY' }) },
  { name: 'promised limit without a unit', rule: 'PROMISED_LIMIT_UNIT', element: 'promisedTimeLimit.unit', severity: 'ERROR', mutate: (i) => void (i.guide.promisedTimeLimit = { value: 7, unit: bad<TimeUnit>('') }) },
  { name: 'promised in natural days, legal in working days', rule: 'PROMISED_UNIT_MATCHES_LEGAL', element: 'promisedTimeLimit.unit', severity: 'WARNING', mutate: (i) => void (i.guide.promisedTimeLimit = { value: 7, unit: 'NATURAL_DAY' }) },
  { name: 'promised longer than legal', rule: 'PROMISED_WITHIN_LEGAL', element: 'promisedTimeLimit', severity: 'ERROR', mutate: (i) => void (i.guide.promisedTimeLimit = { value: 25, unit: 'WORKING_DAY' }) },
  {
    name: 'promised equal to legal on a non-license item',
    rule: 'PROMISED_SHORTER_THAN_LEGAL',
    element: 'promisedTimeLimit',
    severity: 'INFO',
    mutate: (i) => {
      i.itemType = 'CONFIRMATION';
      i.item.type = 'CONFIRMATION';
      i.guide.promisedTimeLimit = { value: 20, unit: 'WORKING_DAY' };
    },
  },
  { name: 'license promised more than half the legal limit', rule: 'LICENSE_PROMISED_HALF_LEGAL', element: 'promisedTimeLimit', severity: 'WARNING', mutate: (i) => void (i.guide.promisedTimeLimit = { value: 11, unit: 'WORKING_DAY' }) },
  // location and hours
  { name: 'street missing', rule: 'LOCATION_TO_STREET', element: 'location.street', severity: 'ERROR', mutate: (i) => void (i.guide.location.street = '') },
  { name: 'district as a placeholder', rule: 'LOCATION_TO_STREET', element: 'location.district', severity: 'ERROR', mutate: (i) => void (i.guide.location.district = '无') },
  { name: 'house number without a number', rule: 'LOCATION_TO_NUMBER', element: 'location.number', severity: 'ERROR', mutate: (i) => void (i.guide.location.number = '定军大道东侧') },
  { name: 'room missing', rule: 'LOCATION_TO_ROOM', element: 'location.room', severity: 'ERROR', mutate: (i) => void (i.guide.location.room = null) },
  { name: 'window missing', rule: 'LOCATION_TO_WINDOW', element: 'location.window', severity: 'ERROR', mutate: (i) => void (i.guide.location.window = null) },
  { name: 'window without a number', rule: 'LOCATION_TO_WINDOW', element: 'location.window', severity: 'ERROR', mutate: (i) => void (i.guide.location.window = '综合受理窗口') },
  { name: 'no weekly hours', rule: 'HOURS_WEEKLY', element: 'hours.weekly', severity: 'ERROR', mutate: (i) => void (i.guide.hours.weekly = []) },
  { name: 'open on Saturday only', rule: 'HOURS_WEEKLY', element: 'hours.weekly', severity: 'ERROR', mutate: (i) => void (i.guide.hours.weekly = [{ day: 6, periods: [{ from: '09:00', to: '12:00' }] }]) },
  { name: 'period ending before it starts', rule: 'HOURS_PERIODS_VALID', element: 'hours.weekly[0].periods[1]', severity: 'ERROR', mutate: (i) => void (i.guide.hours.weekly[0]!.periods[1] = { from: '17:30', to: '14:00' }) },
  { name: 'time not in HH:MM', rule: 'HOURS_PERIODS_VALID', element: 'hours.weekly[2].periods[0]', severity: 'ERROR', mutate: (i) => void (i.guide.hours.weekly[2]!.periods[0] = { from: '8:30', to: '12:00' }) },
  { name: 'overlapping periods', rule: 'HOURS_PERIODS_VALID', element: 'hours.weekly[4].periods[1]', severity: 'ERROR', mutate: (i) => void (i.guide.hours.weekly[4]!.periods[1] = { from: '11:00', to: '17:30' }) },
  { name: 'a day listed twice', rule: 'HOURS_PERIODS_VALID', element: 'hours.weekly[5].day', severity: 'ERROR', mutate: (i) => void i.guide.hours.weekly.push({ day: 1, periods: [{ from: '18:00', to: '19:00' }] }) },
  { name: 'closed exception with periods', rule: 'HOURS_PERIODS_VALID', element: 'hours.exceptions[1].periods', severity: 'ERROR', mutate: (i) => void (i.guide.hours.exceptions[1]!.periods = [{ from: '09:00', to: '12:00' }]) },
  // phones
  { name: 'consultation phone without area code', rule: 'CONSULTATION_PHONE', element: 'consultationPhone', severity: 'ERROR', mutate: (i) => void (i.guide.consultationPhone = '3221005') },
  { name: 'consultation phone missing', rule: 'CONSULTATION_PHONE', element: 'consultationPhone', severity: 'ERROR', mutate: (i) => void (i.guide.consultationPhone = '') },
  { name: 'supervision phone malformed', rule: 'SUPERVISION_PHONE', element: 'supervisionPhone', severity: 'ERROR', mutate: (i) => void (i.guide.supervisionPhone = '见大厅公示') },
  { name: 'supervision phone is the window', rule: 'SUPERVISION_PHONE_INDEPENDENT', element: 'supervisionPhone', severity: 'WARNING', mutate: (i) => void (i.guide.supervisionPhone = '（0916）3221005') },
  // legal basis
  { name: 'no legal basis', rule: 'LEGAL_BASIS_PRESENT', element: 'legalBasis', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis = []) },
  { name: 'title without 《》', rule: 'LEGAL_BASIS_TITLE', element: 'legalBasis[1].title', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.title = '旅馆业治安管理办法') },
  { name: 'law cited by its short name', rule: 'LEGAL_BASIS_TITLE', element: 'legalBasis[0].title', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[0]!.title = '《行政许可法》') },
  { name: 'level missing', rule: 'LEGAL_BASIS_LEVEL', element: 'legalBasis[1].level', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.level = bad<LegalLevel>(null)) },
  { name: 'a law filed as a regulation', rule: 'LEGAL_BASIS_LEVEL', element: 'legalBasis[0].level', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[0]!.level = 'ADMINISTRATIVE_REGULATION') },
  { name: 'a 办法 filed as a law', rule: 'LEGAL_BASIS_LEVEL', element: 'legalBasis[1].level', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.level = 'LAW') },
  { name: 'document number missing', rule: 'LEGAL_BASIS_DOCUMENT_NUMBER', element: 'legalBasis[1].documentNumber', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.documentNumber = null) },
  { name: 'date missing', rule: 'LEGAL_BASIS_DATE', element: 'legalBasis[1].issuedOn', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.issuedOn = null) },
  { name: 'date after today', rule: 'LEGAL_BASIS_DATE', element: 'legalBasis[0].issuedOn', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[0]!.issuedOn = '2024-09-11') },
  { name: 'no article cited', rule: 'LEGAL_BASIS_ARTICLE', element: 'legalBasis[0].article', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[0]!.article = null) },
  { name: 'article without a number', rule: 'LEGAL_BASIS_ARTICLE', element: 'legalBasis[1].article', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.article = '有关条款') },
  { name: 'article text missing', rule: 'LEGAL_BASIS_TEXT', element: 'legalBasis[1].text', severity: 'ERROR', mutate: (i) => void (i.item.legalBasis[1]!.text = '') },
  {
    name: 'article text cut with an ellipsis',
    rule: 'LEGAL_BASIS_NO_ELLIPSIS',
    element: 'legalBasis[0].text',
    severity: 'WARNING',
    mutate: (i) => void (i.item.legalBasis[0]!.text = '除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。……'),
  },
  {
    name: 'regulation before law',
    rule: 'LEGAL_BASIS_ORDER',
    element: 'legalBasis[1]',
    severity: 'WARNING',
    mutate: (i) => void i.item.legalBasis.reverse(),
  },
  {
    name: 'articles of one law out of order',
    rule: 'LEGAL_BASIS_ORDER',
    element: 'legalBasis[1]',
    severity: 'WARNING',
    mutate: (i) =>
      void i.item.legalBasis.unshift({
        ...i.item.legalBasis[0]!,
        article: '第四十四条',
        text: '行政机关作出准予行政许可的决定，应当自作出决定之日起十日内向申请人颁发、送达行政许可证件，或者加贴标签、加盖检验、检测、检疫印章。',
      }),
  },
  // special steps and intermediaries
  { name: 'site inspection not marked', rule: 'SPECIAL_STEP_MARKED', element: 'process[2].special', severity: 'ERROR', mutate: (i) => void (i.guide.process[2]!.special = null) },
  { name: 'site inspection marked as assessment', rule: 'SPECIAL_STEP_MARKED', element: 'process[2].special', severity: 'ERROR', mutate: (i) => void (i.guide.process[2]!.special = 'ASSESSMENT') },
  { name: 'intermediary step without a listed service', rule: 'INTERMEDIARY_LISTED', element: 'process[2].intermediary', severity: 'ERROR', mutate: (i) => void (i.guide.process[2]!.intermediary = true) },
  { name: 'step naming an intermediary not marked', rule: 'INTERMEDIARY_LISTED', element: 'process[3].intermediary', severity: 'ERROR', mutate: (i) => void (i.guide.process[3]!.name = '委托中介机构核查') },
  { name: 'intermediary service without basis', rule: 'INTERMEDIARY_BASIS', element: 'intermediaryServices[0].basis', severity: 'WARNING', mutate: (i) => void (i.item.intermediaryServices = [{ name: '消防安全评估', basis: null }]) },
  // materials
  { name: 'catch-all material', rule: 'MATERIAL_NAME_SPECIFIC', element: 'materials[3].name', severity: 'ERROR', mutate: (i) => void (i.item.materials[3]!.name = '其他相关材料') },
  { name: 'material list ending in 等材料', rule: 'MATERIAL_NAME_SPECIFIC', element: 'materials[6].name', severity: 'ERROR', mutate: (i) => void (i.item.materials[6]!.name = '安全管理制度等材料') },
  { name: 'whatever the agency asks for', rule: 'MATERIAL_NAME_SPECIFIC', element: 'materials[7].name', severity: 'ERROR', mutate: (i) => void (i.item.materials[7]!.name = '审批机关认为需要提交的') },
  { name: 'issuing agency missing', rule: 'MATERIAL_SOURCE', element: 'materials[5].issuingAgency', severity: 'ERROR', mutate: (i) => void (i.item.materials[5]!.issuingAgency = null) },
  { name: 'source missing', rule: 'MATERIAL_SOURCE', element: 'materials[3].source', severity: 'ERROR', mutate: (i) => void (i.item.materials[3]!.source = bad<MaterialSource>(undefined)) },
  { name: 'copies missing', rule: 'MATERIAL_COPIES', element: 'materials[3].copies', severity: 'ERROR', mutate: (i) => void (i.item.materials[3]!.copies = 0) },
  { name: 'medium missing', rule: 'MATERIAL_MEDIUM', element: 'materials[3].media', severity: 'ERROR', mutate: (i) => void (i.item.materials[3]!.media = []) },
  { name: 'medium unknown', rule: 'MATERIAL_MEDIUM', element: 'materials[2].media', severity: 'ERROR', mutate: (i) => void (i.item.materials[2]!.media = ['ORIGINAL', bad<MaterialMedium>('扫描件')]) },
  { name: 'form without blank form', rule: 'FORM_BLANK_DOWNLOAD', element: 'materials[0].blankForm', severity: 'ERROR', mutate: (i) => void (i.item.materials[0]!.blankForm = null) },
  { name: 'blank form as PDF', rule: 'FORM_BLANK_DOWNLOAD', element: 'materials[0].blankForm.mediaType', severity: 'ERROR', mutate: (i) => void (i.item.materials[0]!.blankForm!.mediaType = 'application/pdf') },
  { name: 'form without sample', rule: 'FORM_SAMPLE_DOWNLOAD', element: 'materials[0].sampleForm', severity: 'ERROR', mutate: (i) => void (i.item.materials[0]!.sampleForm = null) },
  { name: 'sample as an image', rule: 'FORM_SAMPLE_DOWNLOAD', element: 'materials[0].sampleForm.mediaType', severity: 'ERROR', mutate: (i) => void (i.item.materials[0]!.sampleForm!.mediaType = 'image/jpeg') },
  { name: '容缺 offered but no material deferrable', rule: 'DEFERRABLE_MARKED', element: 'materials', severity: 'WARNING', mutate: (i) => void (i.item.materials[5]!.deferrable = false) },
  // process
  { name: 'no delivery step', rule: 'PROCESS_COMPLETE', element: 'process', severity: 'ERROR', mutate: (i) => void i.guide.process.splice(6, 1) },
  { name: 'no review step on a promised case', rule: 'PROCESS_COMPLETE', element: 'process', severity: 'ERROR', mutate: (i) => void i.guide.process.splice(3, 1) },
  {
    name: 'review after decision',
    rule: 'PROCESS_ORDER',
    element: 'process[4]',
    severity: 'WARNING',
    mutate: (i) => {
      const [review, decide] = [i.guide.process[3]!, i.guide.process[4]!];
      i.guide.process[3] = decide;
      i.guide.process[4] = review;
    },
  },
  { name: 'step without a limit', rule: 'PROCESS_STEP_LIMIT', element: 'process[4].timeLimit', severity: 'ERROR', mutate: (i) => void (i.guide.process[4]!.timeLimit = null) },
  { name: 'step without a handler', rule: 'PROCESS_STEP_HANDLER', element: 'process[3].handler', severity: 'ERROR', mutate: (i) => void (i.guide.process[3]!.handler = '') },
  { name: 'step without criteria', rule: 'PROCESS_STEP_CRITERIA', element: 'process[5].criteria', severity: 'ERROR', mutate: (i) => void (i.guide.process[5]!.criteria = null) },
  // visits and online depth
  { name: 'visits negative', rule: 'VISITS_STATED', element: 'visits', severity: 'ERROR', mutate: (i) => void (i.guide.visits = -1) },
  { name: 'online depth out of range', rule: 'ONLINE_DEPTH_STATED', element: 'onlineDepth', severity: 'ERROR', mutate: (i) => void (i.guide.onlineDepth = bad<1>(5)) },
  { name: 'two visits at depth III', rule: 'VISITS_WITHIN_DEPTH', element: 'visits', severity: 'WARNING', mutate: (i) => void (i.guide.visits = 2) },
  // freshness
  { name: 'policy review date missing', rule: 'POLICY_REVIEW_DATED', element: 'policyReviewedOn', severity: 'ERROR', mutate: (i) => void (i.item.policyReviewedOn = null) },
  { name: 'policy review date after today', rule: 'POLICY_REVIEW_DATED', element: 'policyReviewedOn', severity: 'ERROR', mutate: (i) => void (i.item.policyReviewedOn = '2024-09-11') },
  { name: 'policy reviewed over six months ago', rule: 'POLICY_REVIEW_FRESH', element: 'policyReviewedOn', severity: 'WARNING', mutate: (i) => void (i.item.policyReviewedOn = '2024-03-09') },
  { name: 'guide review date not a date', rule: 'GUIDE_REVIEW_DATED', element: 'reviewedOn', severity: 'ERROR', mutate: (i) => void (i.guide.reviewedOn = '2024-02-30') },
  { name: 'guide reviewed over a year ago', rule: 'GUIDE_REVIEW_FRESH', element: 'reviewedOn', severity: 'WARNING', mutate: (i) => void (i.guide.reviewedOn = '2023-09-09') },
];

function auditWith(mutate: (input: AuditInput) => void) {
  const input = hotelLicenseInput();
  mutate(input);
  return auditGuide(input);
}

describe('auditGuide on the flawless license fixture', () => {
  it('finds nothing and scores 100', () => {
    const audit = auditGuide(hotelLicenseInput());
    expect(audit.findings).toEqual([]);
    expect(audit).toMatchObject({ implementationCode: '610725000000016345273101', score: 100, passed: true });
  });

  it('lets an immediate case go without a promised limit or a separate review step', () => {
    const audit = auditWith((i) => {
      i.guide.caseKind = 'IMMEDIATE';
      i.guide.promisedTimeLimit = null;
      i.guide.process.splice(3, 1);
    });
    expect(audit.findings).toEqual([]);
  });
});

describe('each rule', () => {
  it.each(CASES)('$rule: $name', ({ rule, element, severity, mutate }) => {
    const audit = auditWith(mutate);
    expect(audit.findings.map((f) => ({ rule: f.rule, element: f.element, severity: f.severity }))).toEqual([{ rule, element, severity }]);
    const [finding] = audit.findings;
    expect(finding!.source).toBe(AUDIT_RULES.find((r) => r.id === rule)!.source);
    expect(finding!.message).toMatch(/\p{Script=Han}/u);
    expect(finding!.fixHint).toMatch(/\p{Script=Han}/u);
    expect(audit.passed).toBe(severity !== 'ERROR');
    expect(audit.score).toBe(100 - SEVERITY_WEIGHTS[severity]);
  });

  it('has a case for every rule in the catalogue, with the catalogue severity', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(AUDIT_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
    for (const c of CASES) expect(AUDIT_RULES.find((r) => r.id === c.rule)?.severity, c.name).toBe(c.severity);
  });
});

describe('AUDIT_RULES', () => {
  it('lists unique, documented rules', () => {
    const ids = AUDIT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of AUDIT_RULES) {
      expect(rule.id).toMatch(/^[A-Z][A-Z_]+$/);
      expect(rule.description).toMatch(/\p{Script=Han}/u);
      expect(rule.source).not.toBe('');
      expect(Object.keys(rule).sort()).toEqual(['description', 'id', 'severity', 'source']);
    }
  });
});

describe('freshness depends on today', () => {
  const rulesOn = (today: string) => auditWith((i) => void (i.today = today)).findings.map((f) => f.rule);

  it('judges the same guide fresh, then policy-stale, then wholly stale as time passes', () => {
    expect(rulesOn(FIXTURE_TODAY)).toEqual([]);
    // policyReviewedOn 2024-06-15: due 2024-12-15; reviewedOn 2024-03-01: due 2025-03-01.
    expect(rulesOn('2024-12-15')).toEqual([]);
    expect(rulesOn('2024-12-16')).toEqual(['POLICY_REVIEW_FRESH']);
    expect(rulesOn('2025-03-01')).toEqual(['POLICY_REVIEW_FRESH']);
    expect(rulesOn('2025-03-02')).toEqual(['POLICY_REVIEW_FRESH', 'GUIDE_REVIEW_FRESH']);
  });

  it('clamps month ends: reviewed on 31 August is due on the last day of February', () => {
    const stale = (today: string) =>
      auditWith((i) => {
        i.item.policyReviewedOn = '2024-08-31';
        i.guide.reviewedOn = '2024-08-31';
        i.today = today;
      }).findings.map((f) => f.rule);
    expect(stale('2025-02-28')).toEqual([]);
    expect(stale('2025-03-01')).toEqual(['POLICY_REVIEW_FRESH']);
  });

  it('treats review dates after today as errors, not as fresh', () => {
    expect(rulesOn('2024-03-01')).toEqual(['POLICY_REVIEW_DATED']);
  });

  it('rejects a malformed today as the caller’s error', () => {
    expect(() => auditWith((i) => void (i.today = '2024/09/10'))).toThrow(RangeError);
  });
});

describe('scoring', () => {
  it('subtracts the documented weight per finding and floors at 0', () => {
    expect(SEVERITY_WEIGHTS).toEqual({ ERROR: 10, WARNING: 3, INFO: 1 });
    const two = auditWith((i) => {
      i.guide.location.window = null; // ERROR
      i.guide.visits = 2; // WARNING
    });
    expect(two.score).toBe(87);
    expect(two.passed).toBe(false);
    const many = auditWith((i) => {
      for (const m of i.item.materials) m.media = [];
      i.guide.process = [];
    });
    expect(many.findings.filter((f) => f.severity === 'ERROR').length).toBeGreaterThan(10);
    expect(many.score).toBe(0);
  });

  it('reports findings in rule-table order', () => {
    const audit = auditWith((i) => {
      i.item.policyReviewedOn = null;
      i.guide.location.window = null;
      i.implementationCode = 'x';
    });
    expect(audit.findings.map((f) => f.rule)).toEqual(['IMPLEMENTATION_CODE_VALID', 'LOCATION_TO_WINDOW', 'POLICY_REVIEW_DATED']);
  });
});
