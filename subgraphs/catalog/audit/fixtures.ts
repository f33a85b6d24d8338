import { createHash } from 'node:crypto';
import type { AuditInput } from './types.ts';
import type { FileRef, GuideContent, ItemContent, TimePeriod } from '../guide/content.ts';

/**
 * A complete, flawless license guide: 勉县公安局's 旅馆业特种行业许可证核发. Every element the audit
 * reads is filled the way seeds 003 and 004 ask, so the audit finds nothing; each rule's test
 * breaks one element of a fresh copy. Names, phones and addresses are illustrative.
 */

export const FIXTURE_TODAY = '2024-09-10';
/** 勉县 (610725), organization code 016345273, statutory organ, handling item 01. */
export const FIXTURE_IMPLEMENTATION_CODE = '610725000000016345273101';

function file(id: string, name: string, mediaType: string, size: number): FileRef {
  return { id, name, mediaType, size, sha256: createHash('sha256').update(name).digest('hex') };
}

const WORKING_DAY = 'WORKING_DAY' as const;
const OFFICE_HOURS: TimePeriod[] = [
  { from: '08:30', to: '12:00' },
  { from: '14:00', to: '17:30' },
];

export function hotelLicenseItem(): ItemContent {
  return {
    name: '旅馆业特种行业许可证核发',
    type: 'LICENSE',
    themes: { naturalPerson: ['准营准办'], legalPerson: ['准营准办'] },
    legalBasis: [
      {
        level: 'LAW',
        title: '《中华人民共和国行政许可法》',
        documentNumber: '主席令第七号（2019年4月23日主席令第二十九号修正）',
        issuedOn: '2019-04-23',
        article: '第四十二条第一款',
        text:
          '除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能作出决定的，' +
          '经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。但是，法律、法规另有规定的，依照其规定。',
      },
      {
        // Issued in 1987 as a Ministry of Public Security order with State Council approval, before
        // the 立法法 of 2000: an administrative regulation by seed 003 3.3.5.6.
        level: 'ADMINISTRATIVE_REGULATION',
        title: '《旅馆业治安管理办法》',
        documentNumber: '国务院令第752号',
        issuedOn: '2022-03-29',
        article: '第四条',
        text: '申请开办旅馆，应取得市场监管部门核发的营业执照，向当地公安机关申领特种行业许可证后，方准开业。',
      },
    ],
    authorityDivision: '旅馆所在地县级人民政府公安机关负责核发',
    legalTimeLimit: { value: 20, unit: WORKING_DAY },
    acceptanceConditions: [
      '有合法、固定的经营场所，房屋建筑和消防安全符合国家有关规定',
      '具备防盗、视频监控、旅馆业治安管理信息系统、居民身份证阅读设备等治安防范设施',
      '设置治安保卫组织或者指定安全保卫人员',
      '建立旅客住宿登记、访客登记、贵重物品保管等安全管理制度',
    ],
    materials: [
      {
        id: 'M01',
        name: '特种行业许可证申请登记表',
        kind: 'FORM',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'APPLICANT',
        issuingAgency: null,
        copies: 1,
        media: ['ORIGINAL'],
        paperSize: 'A4',
        legalBasis: '《旅馆业治安管理办法》第四条',
        blankForm: file('f-m01-blank', '特种行业许可证申请登记表.doc', 'application/msword', 48_640),
        sampleForm: file('f-m01-sample', '特种行业许可证申请登记表（样表）.pdf', 'application/pdf', 212_480),
        fillingNotes: '用黑色签字笔填写，经营者签名；单位申请的加盖公章',
      },
      {
        id: 'M02',
        name: '营业执照',
        kind: 'CERTIFICATE',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'SHARED',
        issuingAgency: '勉县市场监督管理局',
        copies: 0,
        media: ['ELECTRONIC'],
        paperSize: null,
        legalBasis: '《旅馆业治安管理办法》第四条',
        blankForm: null,
        sampleForm: null,
        fillingNotes: '通过政务数据共享获取，申请人无需提交',
      },
      {
        id: 'M03',
        name: '经营者（法定代表人）居民身份证',
        kind: 'CERTIFICATE',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'APPLICANT',
        issuingAgency: null,
        copies: 1,
        media: ['ORIGINAL', 'COPY'],
        paperSize: 'A4',
        legalBasis: null,
        blankForm: null,
        sampleForm: null,
        fillingNotes: '原件当场核验后退还，留存复印件',
      },
      {
        id: 'M04',
        name: '经营场所房屋所有权证明或租赁合同',
        kind: 'DOCUMENT',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'APPLICANT',
        issuingAgency: null,
        copies: 1,
        media: ['COPY'],
        paperSize: 'A4',
        legalBasis: null,
        blankForm: null,
        sampleForm: null,
        fillingNotes: '租赁合同的租期应覆盖申请之日起一年以上',
      },
      {
        id: 'M05',
        name: '旅馆方位图及内部平面图（标明客房号、服务台和治安防范设施位置）',
        kind: 'DOCUMENT',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'APPLICANT',
        issuingAgency: null,
        copies: 1,
        media: ['ORIGINAL'],
        paperSize: 'A3',
        legalBasis: null,
        blankForm: null,
        sampleForm: null,
        fillingNotes: null,
      },
      {
        id: 'M06',
        name: '公众聚集场所投入使用、营业前消防安全检查合格证',
        kind: 'CERTIFICATE',
        requirement: 'CONDITIONAL',
        condition: '客房数量或建筑面积属于公众聚集场所消防安全检查范围的旅馆提交',
        deferrable: true,
        source: 'AGENCY_ISSUED',
        issuingAgency: '勉县消防救援大队',
        copies: 1,
        media: ['COPY'],
        paperSize: 'A4',
        legalBasis: null,
        blankForm: null,
        sampleForm: null,
        fillingNotes: '容缺受理的，应在作出许可决定前补交',
      },
      {
        id: 'M07',
        name: '旅客住宿登记、访客登记和贵重物品保管制度',
        kind: 'DOCUMENT',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'APPLICANT',
        issuingAgency: null,
        copies: 1,
        media: ['ORIGINAL'],
        paperSize: 'A4',
        legalBasis: null,
        blankForm: null,
        sampleForm: null,
        fillingNotes: null,
      },
      {
        id: 'M08',
        name: '治安保卫人员名单及其居民身份证复印件',
        kind: 'DOCUMENT',
        requirement: 'REQUIRED',
        condition: null,
        deferrable: false,
        source: 'APPLICANT',
        issuingAgency: null,
        copies: 1,
        media: ['COPY'],
        paperSize: 'A4',
        legalBasis: null,
        blankForm: null,
        sampleForm: null,
        fillingNotes: null,
      },
    ],
    situations: [
      { id: 'S01', name: '新开办旅馆', materialIds: ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08'] },
      { id: 'S02', name: '消防安全检查合格证尚在办理，申请容缺受理', materialIds: ['M01', 'M02', 'M03', 'M04', 'M05', 'M07', 'M08'] },
    ],
    intermediaryServices: [],
    serviceObjects: ['NATURAL_PERSON', 'LEGAL_PERSON'],
    aliases: ['开旅馆许可', '宾馆特种行业许可证', '特行证'],
    policyReviewedOn: '2024-06-15',
  };
}

export function hotelLicenseGuide(): GuideContent {
  const window = '县政务服务中心公安窗口工作人员';
  return {
    level: 'COUNTY',
    exerciseContent: '勉县行政区域内旅馆业特种行业许可证核发',
    jointAgencies: [],
    process: [
      { name: '申请', kind: 'APPLY', timeLimit: null, handler: '申请人', criteria: '通过陕西政务服务网在线提交或到窗口提交申请材料', special: null, intermediary: false },
      {
        name: '受理',
        kind: 'ACCEPT',
        timeLimit: { value: 1, unit: WORKING_DAY },
        handler: window,
        criteria: '申请材料齐全、符合法定形式的予以受理；不齐全的一次性告知需要补正的全部内容',
        special: null,
        intermediary: false,
      },
      {
        name: '现场勘查',
        kind: 'SPECIAL',
        timeLimit: { value: 2, unit: WORKING_DAY },
        handler: '县公安局治安管理大队民警（两人以上）',
        criteria: '经营场所与平面图一致，防盗、视频监控、旅馆业治安管理信息系统等设施安装到位并正常运行',
        special: 'SITE_INSPECTION',
        intermediary: false,
      },
      {
        name: '审核',
        kind: 'REVIEW',
        timeLimit: { value: 2, unit: WORKING_DAY },
        handler: '县公安局治安管理大队审核民警',
        criteria: '对照受理条件审查申请材料和现场勘查记录，提出审核意见',
        special: null,
        intermediary: false,
      },
      {
        name: '决定',
        kind: 'DECIDE',
        timeLimit: { value: 1, unit: WORKING_DAY },
        handler: '县公安局分管副局长',
        criteria: '符合条件的作出准予许可决定；不符合的作出不予许可决定并说明理由',
        special: null,
        intermediary: false,
      },
      {
        name: '办结',
        kind: 'COMPLETE',
        timeLimit: { value: 1, unit: WORKING_DAY },
        handler: '县公安局治安管理大队制证民警',
        criteria: '制作特种行业许可证，证载信息与许可决定一致',
        special: null,
        intermediary: false,
      },
      {
        name: '送达',
        kind: 'DELIVER',
        timeLimit: { value: 1, unit: WORKING_DAY },
        handler: window,
        criteria: '申请人凭受理回执到窗口领取，或选择EMS免费寄递',
        special: null,
        intermediary: false,
      },
    ],
    quantityLimit: null,
    result: { name: '特种行业许可证', kind: 'CERTIFICATE', sample: file('f-result', '特种行业许可证（样本）.pdf', 'application/pdf', 186_112) },
    fees: { charged: false, items: [] },
    caseKind: 'PROMISED',
    promisedTimeLimit: { value: 7, unit: WORKING_DAY },
    visits: 1,
    onlineDepth: 3,
    singleSignOn: true,
    acrossScope: 'COUNTY',
    handlingForm: 'BOTH',
    appointment: { available: true, details: '陕西政务服务网或“秦务员”App预约' },
    onlinePayment: { available: false, details: null },
    delivery: { available: true, details: '许可证可选择EMS免费寄递' },
    runningSystem: 'PROVINCIAL',
    location: {
      province: '陕西省',
      city: '汉中市',
      district: '勉县',
      street: '勉阳街道定军大道',
      number: '88号',
      building: '勉县政务服务中心',
      room: '103室（综合服务大厅）',
      window: '12号窗口',
    },
    hours: {
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, periods: OFFICE_HOURS.map((p) => ({ ...p })) })),
      exceptions: [
        { date: '2024-09-29', closed: false, periods: OFFICE_HOURS.map((p) => ({ ...p })), note: '国庆节调休上班' },
        { date: '2024-10-01', closed: true, periods: [], note: '国庆节' },
      ],
      note: '法定节假日按国务院办公厅通知调整',
    },
    consultationPhone: '0916-3221005',
    supervisionPhone: '0916-3226110',
    faq: [
      { question: '个体工商户可以申请吗？', answer: '可以，以营业执照登记的经营者为申请人。' },
      { question: '消防安全检查合格证还没拿到能先申请吗？', answer: '可以申请容缺受理，在作出许可决定前补交即可。' },
    ],
    reviewedOn: '2024-03-01',
  };
}

/** A fresh, flawless audit input; mutate it freely. */
export function hotelLicenseInput(): AuditInput {
  return {
    implementationCode: FIXTURE_IMPLEMENTATION_CODE,
    itemType: 'LICENSE',
    item: hotelLicenseItem(),
    guide: hotelLicenseGuide(),
    today: FIXTURE_TODAY,
  };
}
