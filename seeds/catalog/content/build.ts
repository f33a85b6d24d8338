import type { GuideContent, IntermediaryService, ItemContent } from '../../../subgraphs/catalog/guide/content.ts';
import { PDF_MEDIA_TYPE, pdfDocument } from '../../../subgraphs/catalog/guide/files.ts';
import { agencyCodes } from '../agencies.ts';
import type { ServiceGuideSeed, ServiceItemSeed } from '../types.ts';
import { plantGuideDefect, plantItemDefect } from './defects.ts';
import { feesOf } from './fees.ts';
import { faqOf } from './faq.ts';
import type { FileStore } from './fileStore.ts';
import { consultationPhone, hallHours, hallLocation, supervisionPhone } from './hall.ts';
import { legalBasisOf } from './legalBasis.ts';
import { materialsOf } from './materials.ts';
import { processOf } from './process.ts';
import { handlingOf, limitsOf, serviceObjectsOf } from './profile.ts';
import { resultOf } from './results.ts';
import { themesOf } from './themes.ts';

/** The day every sample guide was last confirmed, policy and guide alike (seed 002 freshness). */
export const SAMPLE_REVIEWED_ON = '2026-09-01';

export type ItemBase = Omit<ServiceItemSeed, 'content'>;
export type GuideIdentity = Pick<ServiceGuideSeed, 'implementationCode' | 'agencyUscc'>;

export interface GuideAgency {
  name: string;
  uscc: string;
  /** The agency's serial in the seed (agencies.ts), which fixes its hall window and phones. */
  serial: number;
}

function authorityDivisionOf(name: string): string | null {
  if (name.includes('(初审)')) return '县级主管部门负责受理和初审，报市级以上主管部门审批';
  if (name.includes('依法由县级政府办理')) return '按照国家和陕西省规定的审批权限，属于县级权限的由县级人民政府有关部门办理';
  return null;
}

const INTERMEDIARY: ReadonlyArray<{ keyword: string; service: IntermediaryService }> = [
  { keyword: '社会团体成立', service: { name: '验资（会计师事务所出具验资报告）', basis: '《社会团体登记管理条例》第十一条' } },
  { keyword: '环境影响报告书', service: { name: '建设项目环境影响评价文件编制', basis: '《中华人民共和国环境影响评价法》第十九条' } },
  { keyword: '水土保持方案', service: { name: '水土保持方案编制', basis: '《中华人民共和国水土保持法》第二十五条' } },
  { keyword: '消防设计审核和消防验收', service: { name: '消防设计文件编制（具有相应资质的设计单位）', basis: '《中华人民共和国消防法》第九条' } },
];

/** The common elements of an item (共性要素), the same for every guide that implements it. */
export function buildItemContent(item: ItemBase, files: FileStore): ItemContent {
  const subject = { basicCode: item.basicCode, name: item.name, type: item.type, group: item.group };
  const serviceObjects = serviceObjectsOf(subject);
  const natural = serviceObjects.includes('NATURAL_PERSON');
  const { materials, situations, acceptanceConditions } = materialsOf(subject, natural, files);
  const content: ItemContent = {
    name: item.name,
    type: item.type,
    themes: themesOf(item.name, item.group, { natural, legal: serviceObjects.includes('LEGAL_PERSON') }),
    legalBasis: legalBasisOf(subject),
    authorityDivision: authorityDivisionOf(item.name),
    legalTimeLimit: limitsOf(subject).legal,
    acceptanceConditions,
    materials,
    situations,
    intermediaryServices: INTERMEDIARY.filter((i) => item.name.includes(i.keyword)).map((i) => ({ ...i.service })),
    serviceObjects,
    aliases: [],
    policyReviewedOn: SAMPLE_REVIEWED_ON,
  };
  return plantItemDefect(item.name, content);
}

function resultSample(item: ServiceItemSeed, resultName: string, files: FileStore): GuideContent['result']['sample'] {
  if (item.type !== 'LICENSE') return null;
  const bytes = pdfDocument(`Licence result sample - service item ${item.basicCode}`, [
    'Issued by a Mianxian (610725) county agency, Hanzhong, Shaanxi',
    'Holder: Zhang San (sample person)',
    'Licence No.: MX-2019-000001 (sample)',
    'Valid: 2019-03-01 to 2022-02-28 (sample)',
    'Sample data. The standard PDF fonts carry no Chinese glyphs, so the licence',
    'text is shown in English.',
  ]);
  return files.add(`${resultName}（样本）.pdf`, PDF_MEDIA_TYPE, bytes);
}

/** The individual elements of one agency's guide (个性要素), consistent with the item it implements. */
export function buildGuideContent(guide: GuideIdentity, item: ServiceItemSeed, agency: GuideAgency, files: FileStore): GuideContent {
  if (guide.agencyUscc !== agency.uscc) throw new RangeError(`${guide.implementationCode}: guide and agency disagree`);
  const subject = { basicCode: item.basicCode, name: item.name, type: item.type, group: item.group };
  const limits = limitsOf(subject);
  const result = resultOf(subject);
  const firstBasis = item.content.legalBasis[0];
  const fees = feesOf(subject);
  const content: GuideContent = {
    level: 'COUNTY',
    exerciseContent: item.name.includes('(初审)') ? '县级负责受理、初审并报送' : '无',
    // 宅基地 needs the planning opinion of the housing bureau (乡村建设规划许可).
    jointAgencies: item.name.includes('宅基地审批') ? [agencyCodes('housing').uscc] : [],
    process: processOf(subject, {
      agencyName: agency.name,
      basis: firstBasis ? `${firstBasis.title}${firstBasis.article ?? ''}` : '有关规定',
      promised: limits.promised,
      resultName: result.name,
    }),
    quantityLimit: item.name.includes('宅基地审批') ? '农村村民一户只能拥有一处宅基地' : null,
    // 结果公示 (seed 001 §7(3) item 10): license results are published; stated outright for licenses,
    // other items leave it to the default (false) — withGuideDefaults in guide/content.ts.
    result: { ...result, sample: resultSample(item, result.name, files), ...(item.type === 'LICENSE' ? { public: true } : {}) },
    fees,
    caseKind: limits.caseKind,
    promisedTimeLimit: limits.promised,
    ...handlingOf(subject, item.group),
    appointment: { available: true, details: '通过陕西政务服务网（勉县站）或拨打咨询电话预约（示例数据）' },
    onlinePayment: fees.charged ? { available: true, details: '陕西政务服务网统一公共支付平台在线缴纳（示例数据）' } : { available: false, details: null },
    delivery: limits.caseKind === 'PROMISED' ? { available: true, details: '可选择EMS邮政速递送达办理结果，邮费由政府购买服务承担（示例数据）' } : { available: false, details: null },
    location: hallLocation(agency.serial),
    hours: hallHours(),
    consultationPhone: consultationPhone(agency.serial),
    supervisionPhone: supervisionPhone(agency.serial),
    faq: faqOf(subject, limits.promised?.value ?? null),
    reviewedOn: SAMPLE_REVIEWED_ON,
  };
  return plantGuideDefect(item.name, content);
}
