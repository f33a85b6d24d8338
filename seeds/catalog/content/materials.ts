import type { Material, MaterialKind, MaterialMedium, MaterialSource, Situation } from '../../../subgraphs/catalog/guide/content.ts';
import { DOCX_MEDIA_TYPE, docxDocument, PDF_MEDIA_TYPE, pdfDocument } from '../../../subgraphs/catalog/guide/files.ts';
import type { FileStore } from './fileStore.ts';
import type { ItemSubject } from './profile.ts';

/** A material before it gets its id and files. */
export interface MaterialSpec {
  name: string;
  kind: MaterialKind;
  condition?: string;
  deferrable?: boolean;
  source?: MaterialSource;
  issuingAgency?: string;
  copies?: number;
  media?: MaterialMedium[];
  legalBasis?: string;
  fillingNotes?: string;
  /** For forms: the fields of the blank form and the form's name in English (the PDF sample cannot show Chinese). */
  form?: { fields: readonly string[]; englishName: string };
}

interface ItemMaterials {
  specs: MaterialSpec[];
  /** Situations by name, listing the materials (by name) each needs. */
  situations?: ReadonlyArray<{ name: string; materials: readonly string[] }>;
  acceptanceConditions?: readonly string[];
}

const SCAN: MaterialMedium[] = ['ORIGINAL', 'COPY', 'ELECTRONIC'];
const GENERIC_FIELDS = ['申请人（单位）名称：', '公民身份号码/统一社会信用代码：', '联系地址：', '联系电话：', '申请内容及理由：', '申请人（签章）：　　　　　　年　月　日'];

function applicationForm(title: string, englishName: string, fields: readonly string[] = GENERIC_FIELDS): MaterialSpec {
  return { name: title, kind: 'FORM', media: ['ORIGINAL', 'ELECTRONIC'], fillingNotes: '用黑色钢笔或签字笔填写，字迹清楚，不得涂改；也可在陕西政务服务网在线填写', form: { fields, englishName } };
}

const PERSON_ID: MaterialSpec = { name: '申请人居民身份证', kind: 'CERTIFICATE', media: SCAN, fillingNotes: '核验原件，留存复印件一份' };
const BUSINESS_LICENSE: MaterialSpec = {
  name: '营业执照或法人登记证书', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '登记管理机关（工商行政管理部门、民政部门或机构编制部门）', media: SCAN,
};
const LEGAL_REPRESENTATIVE_ID: MaterialSpec = { name: '法定代表人（负责人）居民身份证', kind: 'CERTIFICATE', media: SCAN };
const AGENT: MaterialSpec = { name: '授权委托书及受托人居民身份证', kind: 'DOCUMENT', condition: '委托他人代为办理的', media: SCAN };
const HOUSEHOLD_REGISTER: MaterialSpec = { name: '居民户口簿', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '户口所在地公安派出所', media: ['ORIGINAL', 'COPY'] };

/**
 * Materials of the showcase items, after the laws that set them (社会团体登记管理条例 art. 11,
 * 中国公民收养子女登记办法 art. 5, 居民身份证法 art. 10 …) and common county practice.
 */
const SPECIFIC: ReadonlyArray<{ keyword: string; materials: ItemMaterials }> = [
  {
    keyword: '旅馆业特种行业许可证核发',
    materials: {
      specs: [
        applicationForm('旅馆业特种行业许可证申请登记表', 'Special trade licence application (hotels)', ['旅馆名称：', '经营地址：', '法定代表人（负责人）及公民身份号码：', '客房间数及床位数：', '治安保卫负责人：', '联系电话：', '申请人（签章）：　　　　　　年　月　日']),
        BUSINESS_LICENSE,
        LEGAL_REPRESENTATIVE_ID,
        { name: '经营场所房屋产权证明或租赁合同', kind: 'DOCUMENT', media: SCAN },
        { name: '公众聚集场所投入使用、营业前消防安全检查合格证', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '勉县公安消防大队', deferrable: true, media: ['COPY', 'ELECTRONIC'], fillingNotes: '容缺受理：可先行受理，在作出许可决定前补齐' },
        { name: '旅馆平面图（标明客房、通道、安全出口位置）', kind: 'DOCUMENT', media: ['ORIGINAL', 'ELECTRONIC'] },
        { name: '治安保卫制度及旅客住宿登记管理制度', kind: 'DOCUMENT', media: ['ORIGINAL', 'ELECTRONIC'] },
      ],
      acceptanceConditions: ['已取得营业执照', '经营场所符合治安、消防安全要求', '具备旅客住宿登记和治安管理信息系统等必要设施'],
    },
  },
  {
    keyword: '机动车驾驶证核发',
    materials: {
      specs: [
        applicationForm('机动车驾驶证申请表', 'Driving licence application', ['姓名：', '公民身份号码：', '申请准驾车型：', '联系地址：', '联系电话：', '申请人签字：　　　　　　年　月　日']),
        PERSON_ID,
        { name: '县级或者部队团级以上医疗机构出具的身体条件证明', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '县级或者部队团级以上医疗机构', media: ['ORIGINAL'] },
        { name: '近期一寸白底免冠彩色照片', kind: 'OTHER', copies: 3, media: ['ORIGINAL', 'ELECTRONIC'] },
        { name: '居住证明', kind: 'CERTIFICATE', condition: '户籍不在勉县、在勉县居住申领的', source: 'AGENCY_ISSUED', issuingAgency: '居住地公安派出所', media: ['ORIGINAL', 'COPY'] },
      ],
      situations: [
        { name: '勉县户籍申请人初次申领', materials: ['机动车驾驶证申请表', '申请人居民身份证', '县级或者部队团级以上医疗机构出具的身体条件证明', '近期一寸白底免冠彩色照片'] },
        { name: '外地户籍在勉县居住的申请人初次申领', materials: ['机动车驾驶证申请表', '申请人居民身份证', '县级或者部队团级以上医疗机构出具的身体条件证明', '近期一寸白底免冠彩色照片', '居住证明'] },
      ],
      acceptanceConditions: ['年龄、身体条件符合机动车驾驶证申领条件', '经考试合格'],
    },
  },
  {
    keyword: '申领、换领、补领居民身份证',
    materials: {
      specs: [
        applicationForm('居民身份证申领登记表', 'Resident identity card application', ['姓名：', '性别：', '民族：', '出生日期：', '常住户口所在地住址：', '申领原因：□首次申领 □有效期满换领 □丢失补领 □损坏换领', '申请人（监护人）签字：　　　　　　年　月　日']),
        { ...HOUSEHOLD_REGISTER, fillingNotes: '交验原件（《居民身份证法》第十条）' },
        { name: '原居民身份证', kind: 'CERTIFICATE', condition: '换领的，交回原证', source: 'AGENCY_ISSUED', issuingAgency: '户口所在地县级公安机关', media: ['ORIGINAL'], copies: 1 },
        { name: '监护人居民身份证', kind: 'CERTIFICATE', condition: '未满十六周岁由监护人代为申领的', media: ['ORIGINAL', 'COPY'] },
      ],
      situations: [
        { name: '首次申领', materials: ['居民身份证申领登记表', '居民户口簿'] },
        { name: '有效期满或损坏换领', materials: ['居民身份证申领登记表', '居民户口簿', '原居民身份证'] },
        { name: '丢失补领', materials: ['居民身份证申领登记表', '居民户口簿'] },
        { name: '未满十六周岁申领', materials: ['居民身份证申领登记表', '居民户口簿', '监护人居民身份证'] },
      ],
      acceptanceConditions: ['常住户口在勉县', '本人到场采集人像和指纹信息'],
    },
  },
  {
    keyword: '户口迁移登记',
    materials: {
      specs: [
        applicationForm('户口迁移登记申请表', 'Household registration transfer application'),
        PERSON_ID,
        HOUSEHOLD_REGISTER,
        { name: '准予迁入证明', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '迁入地县级公安机关', media: ['ORIGINAL'] },
        { name: '结婚证', kind: 'CERTIFICATE', condition: '夫妻投靠迁移的', source: 'AGENCY_ISSUED', issuingAgency: '婚姻登记机关', media: ['ORIGINAL', 'COPY'] },
        { name: '录取通知书', kind: 'DOCUMENT', condition: '考入学校迁移户口的', source: 'AGENCY_ISSUED', issuingAgency: '录取学校', media: ['ORIGINAL', 'COPY'] },
      ],
      situations: [
        { name: '夫妻投靠', materials: ['户口迁移登记申请表', '申请人居民身份证', '居民户口簿', '准予迁入证明', '结婚证'] },
        { name: '学生入学', materials: ['户口迁移登记申请表', '申请人居民身份证', '居民户口簿', '准予迁入证明', '录取通知书'] },
      ],
      acceptanceConditions: ['符合迁入地户口迁移政策'],
    },
  },
  {
    keyword: '收养登记',
    materials: {
      specs: [
        applicationForm('收养登记申请书', 'Adoption registration application'),
        { ...PERSON_ID, name: '收养人居民身份证' },
        { ...HOUSEHOLD_REGISTER, name: '收养人居民户口簿' },
        { name: '收养人婚姻状况证明', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '婚姻登记机关', media: ['ORIGINAL', 'COPY'] },
        { name: '收养人所在单位或者村民委员会、居民委员会出具的本人婚姻状况、有无子女和抚养教育被收养人能力等情况的证明', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '收养人所在单位或者村民委员会、居民委员会', media: ['ORIGINAL'] },
        { name: '县级以上医疗机构出具的未患有在医学上认为不应当收养子女的疾病的身体健康检查证明', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '县级以上医疗机构', media: ['ORIGINAL'] },
        { name: '社会福利机构出具的被收养人情况证明', kind: 'DOCUMENT', condition: '收养社会福利机构抚养的查找不到生父母的儿童的', source: 'AGENCY_ISSUED', issuingAgency: '社会福利机构', media: ['ORIGINAL'] },
        { name: '送养人居民户口簿和居民身份证', kind: 'CERTIFICATE', condition: '收养有生父母的子女的', media: ['ORIGINAL', 'COPY'] },
      ],
      situations: [
        { name: '收养社会福利机构抚养的儿童', materials: ['收养登记申请书', '收养人居民身份证', '收养人居民户口簿', '收养人婚姻状况证明', '社会福利机构出具的被收养人情况证明'] },
        { name: '收养亲属或他人子女', materials: ['收养登记申请书', '收养人居民身份证', '收养人居民户口簿', '收养人婚姻状况证明', '送养人居民户口簿和居民身份证'] },
      ],
      acceptanceConditions: ['收养人、送养人、被收养人符合《中华人民共和国收养法》规定的条件', '当事人双方亲自到场办理'],
    },
  },
  {
    keyword: '社会团体成立',
    materials: {
      specs: [
        applicationForm('社会团体登记申请书', 'Social organisation registration application'),
        { name: '业务主管单位的批准文件', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '业务主管单位', media: ['ORIGINAL'] },
        { name: '验资报告', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '会计师事务所', media: ['ORIGINAL'] },
        { name: '场所使用权证明', kind: 'DOCUMENT', media: ['ORIGINAL', 'COPY'] },
        { name: '发起人和拟任负责人的基本情况、身份证明', kind: 'DOCUMENT', media: SCAN },
        { name: '章程草案', kind: 'DOCUMENT', media: ['ORIGINAL', 'ELECTRONIC'] },
      ],
      acceptanceConditions: ['有50个以上的个人会员或者30个以上的单位会员', '有规范的名称和相应的组织机构', '有固定的住所', '有合法的资产和经费来源，地方性社会团体有3万元以上活动资金'],
    },
  },
  {
    keyword: '农村村民宅基地审批',
    materials: {
      specs: [
        applicationForm('农村村民宅基地申请审批表', 'Rural homestead application', ['申请人姓名：', '公民身份号码：', '家庭人口：', '现住房情况：', '申请用地位置及四至：', '申请用地面积（平方米）：', '村民小组意见：', '村民委员会意见（盖章）：', '申请人签字：　　　　　　年　月　日']),
        PERSON_ID,
        HOUSEHOLD_REGISTER,
        { name: '村民委员会同意建房的意见', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '申请人所在村民委员会', media: ['ORIGINAL'] },
        { name: '拟建房屋位置示意图', kind: 'DOCUMENT', deferrable: true, media: ['ORIGINAL', 'ELECTRONIC'], fillingNotes: '容缺受理：现场勘查时可补正' },
        { name: '原宅基地退还协议', kind: 'DOCUMENT', condition: '申请异地新建、需退还原宅基地的', source: 'AGENCY_ISSUED', issuingAgency: '申请人所在村民委员会', media: ['ORIGINAL'] },
      ],
      situations: [
        { name: '分户新建', materials: ['农村村民宅基地申请审批表', '申请人居民身份证', '居民户口簿', '村民委员会同意建房的意见', '拟建房屋位置示意图'] },
        { name: '拆旧建新（异地）', materials: ['农村村民宅基地申请审批表', '申请人居民身份证', '居民户口簿', '村民委员会同意建房的意见', '拟建房屋位置示意图', '原宅基地退还协议'] },
      ],
      acceptanceConditions: ['本集体经济组织成员', '一户只能拥有一处宅基地，面积不超过陕西省规定的标准', '符合乡（镇）土地利用总体规划'],
    },
  },
  {
    keyword: '建设工程消防设计审核和消防验收',
    materials: {
      specs: [
        applicationForm('建设工程消防设计审核申报表', 'Fire protection design review application'),
        BUSINESS_LICENSE,
        { name: '设计单位资质证明文件', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '住房城乡建设主管部门', media: ['COPY', 'ELECTRONIC'] },
        { name: '建设工程规划许可证明文件', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '勉县住房和城乡建设局', media: ['COPY', 'ELECTRONIC'] },
        { name: '消防设计文件（含设计说明、图纸）', kind: 'DOCUMENT', media: ['ORIGINAL', 'ELECTRONIC'] },
        { name: '专家评审意见', kind: 'DOCUMENT', condition: '采用国家工程建设消防技术标准没有规定的新技术、新工艺、新材料的', source: 'AGENCY_ISSUED', issuingAgency: '省级公安机关消防机构组织的专家评审会', media: ['ORIGINAL'] },
      ],
      situations: [
        { name: '常规工程', materials: ['建设工程消防设计审核申报表', '营业执照或法人登记证书', '设计单位资质证明文件', '建设工程规划许可证明文件', '消防设计文件（含设计说明、图纸）'] },
        { name: '采用新技术、新工艺、新材料的工程', materials: ['建设工程消防设计审核申报表', '营业执照或法人登记证书', '设计单位资质证明文件', '建设工程规划许可证明文件', '消防设计文件（含设计说明、图纸）', '专家评审意见'] },
      ],
      acceptanceConditions: ['属于公安部规定的人员密集场所或特殊建设工程', '已取得建设工程规划许可'],
    },
  },
  {
    keyword: '税务登记设立、变更、注销',
    materials: {
      specs: [
        applicationForm('税务登记表', 'Tax registration form', ['纳税人名称：', '统一社会信用代码（注册号）：', '登记类型：□设立 □变更 □注销', '生产经营地址：', '法定代表人（负责人）：', '财务负责人及联系电话：', '纳税人（签章）：　　　　　　年　月　日']),
        { ...BUSINESS_LICENSE, name: '营业执照副本', issuingAgency: '勉县工商行政管理局' },
        { name: '组织机构代码证书', kind: 'CERTIFICATE', source: 'SHARED', media: ['COPY', 'ELECTRONIC'], fillingNotes: '通过部门信息共享获取，申请人无需提交' },
        LEGAL_REPRESENTATIVE_ID,
        { name: '生产经营场所使用证明', kind: 'DOCUMENT', media: SCAN },
        { name: '工商变更登记证明', kind: 'DOCUMENT', condition: '办理变更登记的', source: 'AGENCY_ISSUED', issuingAgency: '勉县工商行政管理局', media: ['COPY', 'ELECTRONIC'] },
        { name: '清税证明', kind: 'DOCUMENT', condition: '办理注销登记的', source: 'AGENCY_ISSUED', issuingAgency: '主管税务机关', media: ['ORIGINAL'] },
      ],
      situations: [
        { name: '设立登记', materials: ['税务登记表', '营业执照副本', '法定代表人（负责人）居民身份证', '生产经营场所使用证明'] },
        { name: '变更登记', materials: ['税务登记表', '营业执照副本', '工商变更登记证明'] },
        { name: '注销登记', materials: ['税务登记表', '清税证明'] },
      ],
      acceptanceConditions: ['已领取营业执照，或依法不需领取营业执照但负有纳税义务'],
    },
  },
  {
    keyword: '一孩生育服务证办理',
    materials: {
      specs: [
        applicationForm('一孩生育服务证申请表', 'First-child birth service certificate application'),
        { ...PERSON_ID, name: '夫妻双方居民身份证' },
        { ...HOUSEHOLD_REGISTER, name: '夫妻双方居民户口簿' },
        { name: '结婚证', kind: 'CERTIFICATE', source: 'AGENCY_ISSUED', issuingAgency: '婚姻登记机关', media: ['ORIGINAL', 'COPY'] },
        { name: '女方户籍地或现居住地村（居）民委员会出具的婚育情况证明', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '村（居）民委员会', deferrable: true, media: ['ORIGINAL'], fillingNotes: '容缺受理：可在领证前补交' },
      ],
      acceptanceConditions: ['夫妻双方依法登记结婚', '生育第一个子女'],
    },
  },
  {
    keyword: '城乡居民最低生活保障待遇核定',
    materials: {
      specs: [
        applicationForm('城乡居民最低生活保障申请审批表', 'Minimum living allowance application'),
        PERSON_ID,
        HOUSEHOLD_REGISTER,
        { name: '家庭收入情况声明及家庭经济状况核对授权书', kind: 'DOCUMENT', media: ['ORIGINAL'] },
        { name: '残疾人证', kind: 'CERTIFICATE', condition: '家庭成员中有残疾人的', source: 'AGENCY_ISSUED', issuingAgency: '勉县残疾人联合会', media: ['ORIGINAL', 'COPY'] },
        { name: '医疗机构诊断证明', kind: 'DOCUMENT', condition: '家庭成员患重大疾病的', source: 'AGENCY_ISSUED', issuingAgency: '二级以上医疗机构', media: ['ORIGINAL'] },
      ],
      situations: [
        { name: '一般困难家庭', materials: ['城乡居民最低生活保障申请审批表', '申请人居民身份证', '居民户口簿', '家庭收入情况声明及家庭经济状况核对授权书'] },
        { name: '因病因残致困家庭', materials: ['城乡居民最低生活保障申请审批表', '申请人居民身份证', '居民户口簿', '家庭收入情况声明及家庭经济状况核对授权书', '残疾人证', '医疗机构诊断证明'] },
      ],
      acceptanceConditions: ['持有勉县常住户口', '家庭人均收入低于当地最低生活保障标准，且家庭财产状况符合规定'],
    },
  },
  {
    keyword: '营业前消防安全检查',
    materials: {
      specs: [
        applicationForm('公众聚集场所投入使用、营业前消防安全检查申报表', 'Pre-opening fire safety inspection application'),
        BUSINESS_LICENSE,
        { name: '建设工程消防验收意见书或竣工验收消防备案凭证', kind: 'DOCUMENT', source: 'AGENCY_ISSUED', issuingAgency: '勉县公安消防大队', media: ['COPY', 'ELECTRONIC'] },
        { name: '消防安全制度、灭火和应急疏散预案、场所平面布置图', kind: 'DOCUMENT', media: ['ORIGINAL', 'ELECTRONIC'] },
        { name: '员工岗前消防安全教育培训记录', kind: 'DOCUMENT', deferrable: true, media: ['ORIGINAL'] },
      ],
      acceptanceConditions: ['场所已依法通过建设工程消防验收或者进行竣工验收消防备案'],
    },
  },
];

function formTitleOf(subject: ItemSubject): string {
  if (subject.type === 'DISCLOSURE') return '政府信息公开申请表';
  if (subject.type === 'LEVY') return `${subject.name.replace(/的?(征收|收取)$/, '')}申报表`;
  return `${subject.name.replace(/(\(初审\)|办理)$/, '')}申请表`;
}

/** Materials for items without a showcase list: the form, the applicant's identity, and an agent's mandate. */
function genericMaterials(subject: ItemSubject, natural: boolean): ItemMaterials {
  const identity = natural ? [PERSON_ID] : [BUSINESS_LICENSE, LEGAL_REPRESENTATIVE_ID];
  const englishName = subject.type === 'DISCLOSURE' ? 'Government information disclosure request' : `Application form for service item ${subject.basicCode}`;
  return { specs: [applicationForm(formTitleOf(subject), englishName), ...identity] };
}

/** Person (not a real one) used on every filled-in sample: the GB 11643 standard's own example number. */
const SAMPLE_PERSON = ['Applicant: Zhang San (sample person)', 'Citizen ID: 11010519491231002X (the GB 11643 example number)'];

function formFiles(spec: MaterialSpec, subject: ItemSubject, files: FileStore): Pick<Material, 'blankForm' | 'sampleForm'> {
  if (!spec.form) return { blankForm: null, sampleForm: null };
  const blank = docxDocument(spec.name, [`事项：${subject.name}（事项编码 ${subject.basicCode}）`, ...spec.form.fields, '（示例数据：勉县政务服务事项表单样式）']);
  const sample = pdfDocument(`${spec.form.englishName} - filled-in sample`, [
    `Service item ${subject.basicCode}, Mianxian (610725), Hanzhong, Shaanxi`,
    ...SAMPLE_PERSON,
    'Address: No. 88 Dingjun Avenue, Mianyang Town, Mianxian',
    'Phone: 0916-3221005',
    'Signature: Zhang San    Date: 2019-03-01',
    'Sample data. The standard PDF fonts carry no Chinese glyphs, so the form is',
    'shown in English; the blank DOCX form has the Chinese field names.',
  ]);
  return {
    blankForm: files.add(`${spec.name}（空白表）.docx`, DOCX_MEDIA_TYPE, blank),
    sampleForm: files.add(`${spec.name}（样表）.pdf`, PDF_MEDIA_TYPE, sample),
  };
}

function materialOf(spec: MaterialSpec, index: number, subject: ItemSubject, files: FileStore): Material {
  const source = spec.source ?? 'APPLICANT';
  return {
    id: `M${String(index + 1).padStart(2, '0')}`,
    name: spec.name,
    kind: spec.kind,
    requirement: spec.condition === undefined ? 'REQUIRED' : 'CONDITIONAL',
    condition: spec.condition ?? null,
    deferrable: spec.deferrable ?? false,
    source,
    issuingAgency: source === 'AGENCY_ISSUED' ? (spec.issuingAgency ?? null) : null,
    copies: spec.copies ?? 1,
    media: [...(spec.media ?? ['ORIGINAL'])],
    paperSize: spec.kind === 'OTHER' ? null : 'A4',
    legalBasis: spec.legalBasis ?? null,
    ...formFiles(spec, subject, files),
    fillingNotes: spec.fillingNotes ?? null,
  };
}

export interface MaterialsResult {
  materials: Material[];
  situations: Situation[];
  acceptanceConditions: string[];
}

const GENERAL_CONDITIONS = ['申请事项属于本行政机关职权范围', '申请材料齐全、符合法定形式'];

/** Materials, situations and acceptance conditions of an item; FORM materials get their files in `files`. */
export function materialsOf(subject: ItemSubject, natural: boolean, files: FileStore): MaterialsResult {
  const chosen = SPECIFIC.find((s) => subject.name.includes(s.keyword))?.materials ?? genericMaterials(subject, natural);
  // Everyone may send an agent except where the law wants the person there (收养, 身份证).
  const personal = ['收养登记', '居民身份证', '驾驶证核发'].some((k) => subject.name.includes(k));
  const specs = personal ? chosen.specs : [...chosen.specs, AGENT];
  const materials = specs.map((spec, i) => materialOf(spec, i, subject, files));
  const idByName = new Map(materials.map((m) => [m.name, m.id]));
  const situations = (chosen.situations ?? []).map((situation, i) => ({
    id: `S${String(i + 1).padStart(2, '0')}`,
    name: situation.name,
    materialIds: situation.materials.map((name) => {
      const id = idByName.get(name);
      if (id === undefined) throw new RangeError(`${subject.name}: situation ${situation.name} names unknown material ${name}`);
      return id;
    }),
  }));
  return { materials, situations, acceptanceConditions: [...GENERAL_CONDITIONS, ...(chosen.acceptanceConditions ?? [])] };
}

