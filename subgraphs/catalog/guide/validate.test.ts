import { describe, expect, it } from 'vitest';
import { makeUscc, organizationCodeCheckChar } from '../../../lib/codes/index.ts';
import type { GuideContent, ItemContent, Material } from './content.ts';
import { DOCX_MEDIA_TYPE, fileRefOf, PDF_MEDIA_TYPE } from './files.ts';
import { dateProblem, exceedsLimit, naturalDaysOf, phoneProblem, timeProblem, validateGuideContent, validateItemContent } from './validate.ts';
import type { ElementError } from './validate.ts';

const blank = fileRefOf('申请表.docx', DOCX_MEDIA_TYPE, Buffer.from('blank'));
const sample = fileRefOf('申请表（样表）.pdf', PDF_MEDIA_TYPE, Buffer.from('sample'));

function applicationForm(): Material {
  return {
    id: 'M01', name: '旅馆业特种行业许可证申请表', kind: 'FORM', requirement: 'REQUIRED', condition: null, deferrable: false,
    source: 'APPLICANT', issuingAgency: null, copies: 1, media: ['ORIGINAL', 'ELECTRONIC'], paperSize: 'A4',
    legalBasis: null, blankForm: blank, sampleForm: sample, fillingNotes: '用黑色签字笔填写',
  };
}

function validItem(): ItemContent {
  return {
    name: '旅馆业特种行业许可证核发',
    type: 'LICENSE',
    themes: { naturalPerson: ['准营准办'], legalPerson: ['准营准办', '公安消防'] },
    legalBasis: [
      { level: 'LAW', title: '《中华人民共和国行政许可法》', documentNumber: '主席令第七号', issuedOn: '2003-08-27', article: '第四十二条', text: '除可以当场作出行政许可决定的外……' },
      { level: 'ADMINISTRATIVE_REGULATION', title: '《国务院对确需保留的行政审批项目设定行政许可的决定》', documentNumber: '国务院令第412号', issuedOn: '2004-06-29', article: '附件第38项', text: '旅馆业特种行业许可证核发' },
      { level: 'RULE', title: '《旅馆业治安管理办法》', documentNumber: null, issuedOn: '1987-11-10', article: '第四条', text: null },
    ],
    authorityDivision: null,
    legalTimeLimit: { value: 20, unit: 'WORKING_DAY' },
    acceptanceConditions: ['已取得营业执照'],
    materials: [
      applicationForm(),
      {
        id: 'M02', name: '消防安全检查合格证明', kind: 'CERTIFICATE', requirement: 'CONDITIONAL', condition: '经营场所属于公众聚集场所的',
        deferrable: true, source: 'AGENCY_ISSUED', issuingAgency: '勉县公安消防大队', copies: 1, media: ['COPY'], paperSize: 'A4',
        legalBasis: null, blankForm: null, sampleForm: null, fillingNotes: null,
      },
    ],
    situations: [{ id: 'S01', name: '公众聚集场所', materialIds: ['M01', 'M02'] }],
    intermediaryServices: [],
    serviceObjects: ['NATURAL_PERSON', 'LEGAL_PERSON'],
    aliases: [],
    policyReviewedOn: '2026-09-01',
  };
}

const jointAgency = makeUscc({ registrationAuthority: '1', organizationType: '1', regionCode: '610725', organizationCode: `TB725034${organizationCodeCheckChar('TB725034')}` });

function validGuide(): GuideContent {
  const day = (n: number) => ({ day: n, periods: [{ from: '08:30', to: '12:00' }, { from: '14:30', to: '18:00' }] });
  return {
    level: 'COUNTY',
    exerciseContent: null,
    jointAgencies: [jointAgency],
    process: [
      { name: '受理', kind: 'ACCEPT', timeLimit: { value: 1, unit: 'WORKING_DAY' }, handler: '窗口受理人员', criteria: '材料齐全', special: null, intermediary: false },
      { name: '现场勘查', kind: 'SPECIAL', timeLimit: { value: 5, unit: 'WORKING_DAY' }, handler: '治安大队', criteria: '安全设施', special: 'SITE_INSPECTION', intermediary: false },
      { name: '审核', kind: 'REVIEW', timeLimit: { value: 5, unit: 'WORKING_DAY' }, handler: '治安大队', criteria: '条件', special: null, intermediary: false },
      { name: '决定', kind: 'DECIDE', timeLimit: { value: 2, unit: 'WORKING_DAY' }, handler: '分管局领导', criteria: '审核意见', special: null, intermediary: false },
      { name: '办结', kind: 'COMPLETE', timeLimit: { value: 1, unit: 'WORKING_DAY' }, handler: '窗口', criteria: '制证', special: null, intermediary: false },
      { name: '送达', kind: 'DELIVER', timeLimit: { value: 1, unit: 'WORKING_DAY' }, handler: '窗口', criteria: '签收', special: null, intermediary: false },
    ],
    quantityLimit: null,
    result: { name: '特种行业许可证', kind: 'CERTIFICATE', sample },
    fees: { charged: false, items: [] },
    caseKind: 'PROMISED',
    promisedTimeLimit: { value: 10, unit: 'WORKING_DAY' },
    visits: 1,
    onlineDepth: 3,
    singleSignOn: true,
    acrossScope: 'COUNTY',
    handlingForm: 'BOTH',
    appointment: { available: true, details: '陕西政务服务网预约' },
    onlinePayment: { available: false, details: null },
    delivery: { available: true, details: 'EMS' },
    runningSystem: 'PROVINCIAL',
    location: { province: '陕西省', city: '汉中市', district: '勉县', street: '定军大道', number: '88号', building: '政务服务大厅', room: '一楼东厅', window: '5号窗口' },
    hours: {
      weekly: [1, 2, 3, 4, 5].map(day),
      exceptions: [
        { date: '2019-02-04', closed: true, periods: [], note: '春节' },
        { date: '2019-02-02', closed: false, periods: [{ from: '08:30', to: '12:00' }], note: '调休上班' },
      ],
      note: null,
    },
    consultationPhone: '0916-3221005',
    supervisionPhone: '12345',
    faq: [{ question: '需要本人到场吗？', answer: '需要。' }],
    reviewedOn: '2026-09-01',
  };
}

function elements(errors: readonly ElementError[]): string[] {
  return errors.map((e) => e.element);
}

/** Applies `change` to a fresh valid guide and validates it against a fresh valid item. */
function guideErrors(change: (guide: GuideContent, item: ItemContent) => void): ElementError[] {
  const guide = validGuide();
  const item = validItem();
  change(guide, item);
  return validateGuideContent(guide, item);
}

function itemErrors(change: (item: ItemContent) => void): ElementError[] {
  const item = validItem();
  change(item);
  return validateItemContent(item);
}

describe('a complete item and guide', () => {
  it('pass with no errors', () => {
    expect(validateItemContent(validItem())).toEqual([]);
    expect(validateGuideContent(validGuide(), validItem())).toEqual([]);
  });

  it('survive a JSON round trip, as stored content does', () => {
    const item = JSON.parse(JSON.stringify(validItem())) as ItemContent;
    expect(validateItemContent(item)).toEqual([]);
    expect(validateGuideContent(JSON.parse(JSON.stringify(validGuide())), item)).toEqual([]);
  });
});

describe('validateItemContent', () => {
  it('rejects what is not an object', () => {
    expect(validateItemContent(null)).toEqual([{ element: '$', reason: 'expected an object, got null' }]);
    expect(elements(validateItemContent([]))).toEqual(['$']);
  });

  it('names unknown and missing elements', () => {
    const errors = itemErrors((item) => {
      (item as unknown as Record<string, unknown>).nmae = 'x';
      delete (item as Partial<ItemContent>).policyReviewedOn;
    });
    expect(elements(errors)).toEqual(['nmae', 'policyReviewedOn']);
  });

  it('checks the name, type and themes', () => {
    expect(elements(itemErrors((i) => { i.name = '  '; }))).toEqual(['name']);
    expect(elements(itemErrors((i) => { i.name = '名'.repeat(201); }))).toEqual(['name']);
    expect(elements(itemErrors((i) => { (i as { type: string }).type = 'PERMIT'; }))).toEqual(['type']);
    expect(elements(itemErrors((i) => { (i.themes.naturalPerson as string[]).push('旅游'); }))).toEqual(['themes.naturalPerson[1]']);
    expect(elements(itemErrors((i) => { i.themes.legalPerson.push('准营准办'); }))).toEqual(['themes.legalPerson[2]']);
  });

  it('requires legal bases, each well-formed and highest level first', () => {
    expect(elements(itemErrors((i) => { i.legalBasis = []; }))).toEqual(['legalBasis']);
    expect(elements(itemErrors((i) => { i.legalBasis.reverse(); }))).toEqual(['legalBasis[1].level', 'legalBasis[2].level']);
    expect(elements(itemErrors((i) => { i.legalBasis[0]!.issuedOn = '2003-02-30'; }))).toEqual(['legalBasis[0].issuedOn']);
    expect(elements(itemErrors((i) => { i.legalBasis[1]!.title = ''; }))).toEqual(['legalBasis[1].title']);
    expect(elements(itemErrors((i) => { i.legalBasis[2]!.article = ''; }))).toEqual(['legalBasis[2].article']);
  });

  it('checks the legal limit as a positive whole number with a unit', () => {
    expect(elements(itemErrors((i) => { i.legalTimeLimit = { value: 0, unit: 'WORKING_DAY' }; }))).toEqual(['legalTimeLimit.value']);
    expect(elements(itemErrors((i) => { i.legalTimeLimit = { value: 2.5, unit: 'WORKING_DAY' }; }))).toEqual(['legalTimeLimit.value']);
    expect(elements(itemErrors((i) => { (i.legalTimeLimit as { unit: string }).unit = 'DAY'; }))).toEqual(['legalTimeLimit.unit']);
    expect(itemErrors((i) => { i.legalTimeLimit = null; })).toEqual([]);
  });

  it('checks each material', () => {
    expect(elements(itemErrors((i) => { i.materials[1]!.id = 'M01'; }))).toEqual(['materials[1].id', 'situations[0].materialIds[1]']);
    expect(elements(itemErrors((i) => { i.materials[0]!.copies = 100; }))).toEqual(['materials[0].copies']);
    expect(elements(itemErrors((i) => { i.materials[0]!.copies = -1; }))).toEqual(['materials[0].copies']);
    expect(elements(itemErrors((i) => { i.materials[0]!.media = []; }))).toEqual(['materials[0].media']);
    expect(elements(itemErrors((i) => { i.materials[0]!.media = ['COPY', 'COPY']; }))).toEqual(['materials[0].media[1]']);
    expect(elements(itemErrors((i) => { (i.materials[0]!.media as string[]) = ['SCAN']; }))).toEqual(['materials[0].media[0]']);
    expect(elements(itemErrors((i) => { (i.materials[0] as { kind: string }).kind = 'TABLE'; }))).toEqual(['materials[0].kind']);
    expect(elements(itemErrors((i) => { i.materials[0]!.blankForm = { ...blank, sha256: 'abc' }; }))).toEqual(['materials[0].blankForm.sha256']);
    expect(elements(itemErrors((i) => { i.materials[0]!.sampleForm = { ...sample, size: -1 }; }))).toEqual(['materials[0].sampleForm.size']);
  });

  it('ties condition to CONDITIONAL and the issuing agency to AGENCY_ISSUED', () => {
    expect(elements(itemErrors((i) => { i.materials[1]!.condition = null; }))).toEqual(['materials[1].condition']);
    expect(elements(itemErrors((i) => { i.materials[0]!.condition = '如有'; }))).toEqual(['materials[0].condition']);
    expect(elements(itemErrors((i) => { i.materials[1]!.issuingAgency = null; }))).toEqual(['materials[1].issuingAgency']);
    expect(itemErrors((i) => { i.materials[0]!.source = 'SHARED'; })).toEqual([]);
  });

  it('lets situations refer only to existing materials, once each', () => {
    expect(elements(itemErrors((i) => { i.situations[0]!.materialIds.push('M09'); }))).toEqual(['situations[0].materialIds[2]']);
    expect(elements(itemErrors((i) => { i.situations[0]!.materialIds = ['M01', 'M01']; }))).toEqual(['situations[0].materialIds[1]']);
    expect(elements(itemErrors((i) => { i.situations[0]!.materialIds = []; }))).toEqual(['situations[0].materialIds']);
    expect(elements(itemErrors((i) => { i.situations.push({ id: 'S01', name: '另一情形', materialIds: ['M01'] }); }))).toEqual(['situations[1].id']);
  });

  it('requires a service object and real review dates', () => {
    expect(elements(itemErrors((i) => { i.serviceObjects = []; }))).toEqual(['serviceObjects']);
    expect(elements(itemErrors((i) => { i.serviceObjects = ['LEGAL_PERSON', 'LEGAL_PERSON']; }))).toEqual(['serviceObjects[1]']);
    expect(elements(itemErrors((i) => { i.policyReviewedOn = '2026-9-1'; }))).toEqual(['policyReviewedOn']);
    expect(itemErrors((i) => { i.policyReviewedOn = null; })).toEqual([]);
  });

  it('reports every failing element at once', () => {
    const errors = itemErrors((i) => {
      i.name = '';
      i.materials[0]!.copies = 1.5;
      i.materials[1]!.issuingAgency = null;
      i.legalBasis[0]!.level = 'RULE';
      i.policyReviewedOn = '2026-13-01';
    });
    expect(elements(errors).sort()).toEqual(
      ['legalBasis[1].level', 'materials[0].copies', 'materials[1].issuingAgency', 'name', 'policyReviewedOn'].sort(),
    );
  });
});

describe('validateGuideContent', () => {
  it('keeps the promised limit within the legal limit', () => {
    expect(elements(guideErrors((g) => { g.promisedTimeLimit = { value: 21, unit: 'WORKING_DAY' }; }))).toEqual(['promisedTimeLimit']);
    expect(guideErrors((g) => { g.promisedTimeLimit = { value: 20, unit: 'WORKING_DAY' }; })).toEqual([]);
  });

  it('compares working with natural days at five in seven', () => {
    // 20 working days span at least 28 natural days.
    expect(elements(guideErrors((g, i) => { i.legalTimeLimit = { value: 27, unit: 'NATURAL_DAY' }; g.promisedTimeLimit = { value: 20, unit: 'WORKING_DAY' }; }))).toEqual(['promisedTimeLimit']);
    expect(guideErrors((g, i) => { i.legalTimeLimit = { value: 28, unit: 'NATURAL_DAY' }; g.promisedTimeLimit = { value: 20, unit: 'WORKING_DAY' }; })).toEqual([]);
    expect(guideErrors((g, i) => { i.legalTimeLimit = { value: 60, unit: 'NATURAL_DAY' }; g.promisedTimeLimit = { value: 10, unit: 'WORKING_DAY' }; })).toEqual([]);
    expect(elements(guideErrors((g, i) => { i.legalTimeLimit = { value: 10, unit: 'WORKING_DAY' }; g.promisedTimeLimit = { value: 15, unit: 'NATURAL_DAY' }; }))).toEqual(['promisedTimeLimit']);
  });

  it('leaves the half-of-legal rule for licenses to the audit', () => {
    expect(guideErrors((g) => { g.promisedTimeLimit = { value: 15, unit: 'WORKING_DAY' }; })).toEqual([]);
  });

  it('needs a promised limit for a promised case but not for an immediate one', () => {
    expect(elements(guideErrors((g) => { g.promisedTimeLimit = null; }))).toEqual(['promisedTimeLimit']);
    expect(guideErrors((g) => { g.caseKind = 'IMMEDIATE'; g.promisedTimeLimit = null; })).toEqual([]);
    expect(elements(guideErrors((g) => { (g as { caseKind: string }).caseKind = '即办件'; }))).toEqual(['caseKind']);
  });

  it('gives step limits units and keeps counted steps within the promise', () => {
    expect(elements(guideErrors((g) => { (g.process[0]!.timeLimit as { unit: string | undefined }).unit = undefined; }))).toEqual(['process[0].timeLimit.unit']);
    expect(elements(guideErrors((g) => { g.process[2]!.timeLimit = { value: 8, unit: 'WORKING_DAY' }; }))).toEqual(['process']);
    // The site inspection's 5 days do not count (行政许可法 art. 45).
    expect(guideErrors((g) => { g.process[1]!.timeLimit = { value: 30, unit: 'WORKING_DAY' }; })).toEqual([]);
    expect(elements(guideErrors((g) => { g.process[1]!.special = null; }))).toEqual(['process[1].special', 'process']);
    expect(elements(guideErrors((g) => { g.process = []; }))).toEqual(['process']);
  });

  it('checks the location, down to optional room and window', () => {
    expect(elements(guideErrors((g) => { g.location.street = ''; }))).toEqual(['location.street']);
    expect(elements(guideErrors((g) => { g.location.window = ''; }))).toEqual(['location.window']);
    expect(guideErrors((g) => { g.location.room = null; g.location.window = null; })).toEqual([]);
  });

  it('checks the weekly schedule: days, times, order and overlaps', () => {
    expect(elements(guideErrors((g) => { g.hours.weekly[1]!.day = 1; }))).toEqual(['hours.weekly[1].day']);
    expect(elements(guideErrors((g) => { g.hours.weekly[1]!.day = 8; }))).toEqual(['hours.weekly[1].day']);
    expect(elements(guideErrors((g) => { g.hours.weekly[0]!.periods[1]!.to = '24:00'; }))).toEqual(['hours.weekly[0].periods[1].to']);
    expect(elements(guideErrors((g) => { g.hours.weekly[0]!.periods[1]!.to = '14:00'; }))).toEqual(['hours.weekly[0].periods[1].to']);
    expect(elements(guideErrors((g) => { g.hours.weekly[0]!.periods[0]!.to = '15:00'; }))).toEqual(['hours.weekly[0].periods[1]']);
    expect(elements(guideErrors((g) => { g.hours.weekly[0]!.periods[0]!.from = '8:30'; }))).toEqual(['hours.weekly[0].periods[0].from']);
    expect(elements(guideErrors((g) => { g.hours.weekly = []; }))).toEqual(['hours.weekly']);
    expect(elements(guideErrors((g) => { g.hours.weekly[2]!.periods = []; }))).toEqual(['hours.weekly[2].periods']);
  });

  it('checks exception days', () => {
    expect(elements(guideErrors((g) => { g.hours.exceptions[0]!.date = '2019-02-29'; }))).toEqual(['hours.exceptions[0].date']);
    expect(elements(guideErrors((g) => { g.hours.exceptions[1]!.date = '2019-02-04'; }))).toEqual(['hours.exceptions[1].date']);
    expect(elements(guideErrors((g) => { g.hours.exceptions[0]!.periods = [{ from: '08:30', to: '12:00' }]; }))).toEqual(['hours.exceptions[0].periods']);
    expect(elements(guideErrors((g) => { g.hours.exceptions[1]!.periods = []; }))).toEqual(['hours.exceptions[1].periods']);
  });

  it('checks phone numbers', () => {
    expect(elements(guideErrors((g) => { g.consultationPhone = '3221005'; }))).toEqual(['consultationPhone']);
    expect(elements(guideErrors((g) => { g.supervisionPhone = '0916 3221005'; }))).toEqual(['supervisionPhone']);
    expect(guideErrors((g) => { g.consultationPhone = '13909160001'; g.supervisionPhone = '0916-3221005'; })).toEqual([]);
  });

  it('checks joint agencies as unified social credit codes', () => {
    const wrongCheck = jointAgency.slice(0, 17) + (jointAgency[17] === '0' ? '1' : '0');
    expect(elements(guideErrors((g) => { g.jointAgencies = [wrongCheck]; }))).toEqual(['jointAgencies[0]']);
    expect(elements(guideErrors((g) => { g.jointAgencies = [jointAgency, jointAgency]; }))).toEqual(['jointAgencies[1]']);
  });

  it('ties charged to fee items and keeps amounts non-negative', () => {
    const fee = { name: '工本费', standard: '每证20元', amountYuan: 20, basis: '发改价格〔2003〕2322号' };
    expect(guideErrors((g) => { g.fees = { charged: true, items: [fee] }; })).toEqual([]);
    expect(elements(guideErrors((g) => { g.fees = { charged: true, items: [] }; }))).toEqual(['fees.items']);
    expect(elements(guideErrors((g) => { g.fees = { charged: false, items: [fee] }; }))).toEqual(['fees.charged']);
    expect(elements(guideErrors((g) => { g.fees = { charged: true, items: [{ ...fee, amountYuan: -1 }] }; }))).toEqual(['fees.items[0].amountYuan']);
    expect(guideErrors((g) => { g.fees = { charged: true, items: [{ ...fee, amountYuan: null }] }; })).toEqual([]);
  });

  it('bounds visits and online depth and keeps them consistent', () => {
    expect(elements(guideErrors((g) => { g.visits = 11; }))).toEqual(['visits']);
    expect(elements(guideErrors((g) => { g.onlineDepth = 5 as 4; }))).toEqual(['onlineDepth']);
    expect(elements(guideErrors((g) => { g.onlineDepth = 0 as 1; }))).toEqual(['onlineDepth']);
    expect(elements(guideErrors((g) => { g.visits = 2; }))).toEqual(['visits']);
    expect(elements(guideErrors((g) => { g.handlingForm = 'WINDOW'; }))).toEqual(['onlineDepth']);
    expect(elements(guideErrors((g) => { g.onlineDepth = 1; g.handlingForm = 'ONLINE'; }))).toEqual(['handlingForm']);
  });

  it('allows full online handling only when every material can be sent electronically', () => {
    expect(elements(guideErrors((g) => { g.onlineDepth = 4; g.visits = 0; }))).toEqual(['onlineDepth']);
    expect(guideErrors((g, i) => { g.onlineDepth = 4; g.visits = 0; i.materials[1]!.media = ['ELECTRONIC']; })).toEqual([]);
  });

  it('wants a license to end in a certificate or an approval', () => {
    expect(elements(guideErrors((g) => { g.result.kind = 'RECORD'; }))).toEqual(['result.kind']);
    expect(guideErrors((g, i) => { g.result.kind = 'RECORD'; i.type = 'CONFIRMATION'; })).toEqual([]);
  });

  it('takes 结果公示 as true or false, or omitted for the default', () => {
    expect(guideErrors((g) => { g.result.public = true; })).toEqual([]);
    expect(guideErrors((g) => { g.result.public = false; })).toEqual([]);
    expect(guideErrors((g) => { delete g.result.public; })).toEqual([]);
    expect(guideErrors((g, i) => { g.result.public = true; g.result.kind = 'RECORD'; i.type = 'CONFIRMATION'; })).toEqual([]);
    expect(guideErrors((g) => { (g.result as { public: unknown }).public = 'yes'; })).toEqual([
      { element: 'result.public', reason: 'expected true or false (or omit it for the default), got a string' },
    ]);
    expect(elements(guideErrors((g) => { (g.result as { public: unknown }).public = null; }))).toEqual(['result.public']);
    expect(elements(guideErrors((g) => { (g.result as unknown as Record<string, unknown>)['published'] = true; }))).toEqual(['result.published']);
  });

  it('asks how when appointment, payment or delivery is available', () => {
    expect(elements(guideErrors((g) => { g.delivery.details = null; }))).toEqual(['delivery.details']);
    expect(elements(guideErrors((g) => { (g.appointment as { available: unknown }).available = 'yes'; }))).toEqual(['appointment.available']);
  });

  it('checks enums, FAQ and the review date', () => {
    expect(elements(guideErrors((g) => { (g as { level: string }).level = 'TOWN'; }))).toEqual(['level']);
    expect(elements(guideErrors((g) => { (g as { acrossScope: string }).acrossScope = 'WORLD'; }))).toEqual(['acrossScope']);
    expect(elements(guideErrors((g) => { (g as { runningSystem: string }).runningSystem = 'LOCAL'; }))).toEqual(['runningSystem']);
    expect(elements(guideErrors((g) => { g.faq[0]!.answer = ''; }))).toEqual(['faq[0].answer']);
    expect(elements(guideErrors((g) => { g.reviewedOn = '2026-02-29'; }))).toEqual(['reviewedOn']);
    expect(elements(guideErrors((g) => { g.result.sample = { ...sample, mediaType: 'PDF' }; }))).toEqual(['result.sample.mediaType']);
  });

  it('reports every failing element at once', () => {
    const errors = guideErrors((g) => {
      g.promisedTimeLimit = { value: 30, unit: 'WORKING_DAY' };
      g.location.window = '';
      g.hours.weekly[0]!.periods[1]!.to = '14:00';
      g.visits = -1;
      g.consultationPhone = 'none';
    });
    expect(elements(errors).sort()).toEqual(
      ['consultationPhone', 'hours.weekly[0].periods[1].to', 'location.window', 'promisedTimeLimit', 'visits'].sort(),
    );
    expect(errors.every((e) => e.reason.length > 0)).toBe(true);
  });

  it('rejects a guide that is not an object', () => {
    expect(validateGuideContent('guide', validItem())).toEqual([{ element: '$', reason: 'expected an object, got a string' }]);
  });
});

describe('small checkers', () => {
  it('accept only real dates', () => {
    expect(dateProblem('2019-02-28')).toBeNull();
    expect(dateProblem('2020-02-29')).toBeNull();
    expect(dateProblem('2019-02-29')).toMatch(/not a real date/);
    expect(dateProblem('20190228')).toMatch(/YYYY-MM-DD/);
  });

  it('accept 24-hour times', () => {
    expect(timeProblem('00:00')).toBeNull();
    expect(timeProblem('23:59')).toBeNull();
    expect(timeProblem('24:00')).not.toBeNull();
    expect(timeProblem('8:30')).not.toBeNull();
  });

  it('accept landlines, mobiles and hotlines', () => {
    for (const ok of ['0916-3221005', '029-87654321', '0916-3221005-801', '13909160001', '12345', '12315', '110', '95598', '400-123-4567']) {
      expect(phoneProblem(ok), ok).toBeNull();
    }
    for (const bad of ['3221005', '0916 3221005', '1390916000', '23909160001', 'call us']) expect(phoneProblem(bad), bad).not.toBeNull();
  });

  it('convert working days to natural days at seven for five', () => {
    expect(naturalDaysOf({ value: 10, unit: 'WORKING_DAY' })).toBe(14);
    expect(naturalDaysOf({ value: 10, unit: 'NATURAL_DAY' })).toBe(10);
    expect(exceedsLimit({ value: 10, unit: 'WORKING_DAY' }, { value: 13, unit: 'NATURAL_DAY' })).toBe(true);
    expect(exceedsLimit({ value: 10, unit: 'WORKING_DAY' }, { value: 14, unit: 'NATURAL_DAY' })).toBe(false);
  });
});
