import type { ItemType } from '../../../lib/codes/basicCode.ts';
import type { LegalPersonTheme, NaturalPersonTheme } from './themes.ts';

/**
 * The service guide (办事指南) as data: the 36 elements of seed 003, split as seed 003 splits them.
 * Elements 1–9 are common (共性要素) and live on the item, identical for every implementation at
 * province, city and county level (the "five unifications": name, type, legal basis, code and
 * materials); elements 10–36 are individual (个性要素) and live on each guide. What the 2019
 * national index checks is structured, not free text, so it can be validated and audited.
 *
 * Both documents are stored as versions (JSON) and are the single source of what the graph shows.
 */

export type TimeUnit = 'WORKING_DAY' | 'NATURAL_DAY';

export interface TimeLimit {
  value: number;
  unit: TimeUnit;
}

/** 位阶, highest first — the order seed 003 (3.3.5.4) lists legal bases in. */
export const LEGAL_LEVELS = ['LAW', 'ADMINISTRATIVE_REGULATION', 'LOCAL_REGULATION', 'RULE', 'NORMATIVE_DOCUMENT', 'STANDARD'] as const;
export type LegalLevel = (typeof LEGAL_LEVELS)[number];
export const LEGAL_LEVEL_NAMES: Record<LegalLevel, string> = {
  LAW: '法律',
  ADMINISTRATIVE_REGULATION: '行政法规',
  LOCAL_REGULATION: '地方性法规',
  RULE: '规章',
  NORMATIVE_DOCUMENT: '规范性文件',
  STANDARD: '标准规范',
};

/** 设定依据: one cited provision. */
export interface LegalBasis {
  level: LegalLevel;
  /** Full title, e.g. 《中华人民共和国行政许可法》. */
  title: string;
  /** 主席令第七号, 国务院令第412号, 陕政发〔2011〕12号 … */
  documentNumber: string | null;
  /** Promulgation or latest amendment date, YYYY-MM-DD. */
  issuedOn: string | null;
  /** 第二十九条 … */
  article: string | null;
  /** The quoted text of the article. */
  text: string | null;
}

export type MaterialKind = 'FORM' | 'CERTIFICATE' | 'DOCUMENT' | 'OTHER';
export type MaterialMedium = 'ORIGINAL' | 'COPY' | 'ELECTRONIC';
/** 来源渠道: brought by the applicant, issued by an agency, or fetched by the platform (免提交). */
export type MaterialSource = 'APPLICANT' | 'AGENCY_ISSUED' | 'SHARED';

/** A stored file (blank form, sample form, result sample), downloadable at /files/{id}. */
export interface FileRef {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** 申请材料: one material. */
export interface Material {
  /** Stable within the item (M01, M02 …): cases and situations refer to materials by it. */
  id: string;
  name: string;
  kind: MaterialKind;
  requirement: 'REQUIRED' | 'CONDITIONAL';
  /** When requirement is CONDITIONAL: the condition, in words. */
  condition: string | null;
  /** 容缺受理: the case may be accepted while this material is still missing. */
  deferrable: boolean;
  source: MaterialSource;
  /** 出具单位, when the source is AGENCY_ISSUED. */
  issuingAgency: string | null;
  copies: number;
  media: MaterialMedium[];
  paperSize: 'A4' | 'A3' | null;
  legalBasis: string | null;
  /** For forms: the blank form (DOC/DOCX) and a filled-in sample (PDF). */
  blankForm: FileRef | null;
  sampleForm: FileRef | null;
  fillingNotes: string | null;
}

/** 情形: a situation that decides which materials apply. */
export interface Situation {
  id: string;
  name: string;
  materialIds: string[];
}

export interface IntermediaryService {
  name: string;
  /** The legal basis that requires it. */
  basis: string | null;
}

export type ServiceObject = 'NATURAL_PERSON' | 'LEGAL_PERSON';

/** The common elements (共性要素, seed 003 items 1–9), on the item. */
export interface ItemContent {
  name: string;
  type: ItemType;
  themes: { naturalPerson: NaturalPersonTheme[]; legalPerson: LegalPersonTheme[] };
  /** Ordered by level, highest first. */
  legalBasis: LegalBasis[];
  /** 权限划分 */
  authorityDivision: string | null;
  /** 法定办结时限 */
  legalTimeLimit: TimeLimit | null;
  /** 受理条件 */
  acceptanceConditions: string[];
  materials: Material[];
  situations: Situation[];
  intermediaryServices: IntermediaryService[];
  serviceObjects: ServiceObject[];
  /** Everyday names people search for (准生证 for 生育服务证); not an element, but catalog data. */
  aliases: string[];
  /** When the policy elements (legal basis, materials, conditions) were last confirmed, YYYY-MM-DD (seed 002: every six months). */
  policyReviewedOn: string | null;
}

/** 办理流程: one step. */
export type StepKind = 'APPLY' | 'ACCEPT' | 'REVIEW' | 'DECIDE' | 'COMPLETE' | 'DELIVER' | 'SPECIAL' | 'OTHER';
/** Special steps whose time does not count against the limit (行政许可法 art. 45), and site work. */
export type SpecialStep = 'EXPERT_REVIEW' | 'ASSESSMENT' | 'SITE_INSPECTION' | 'HEARING' | 'TESTING' | 'TENDER' | 'AUCTION' | 'QUARANTINE' | 'APPRAISAL';

export interface ProcessStep {
  name: string;
  kind: StepKind;
  timeLimit: TimeLimit | null;
  /** Who handles it: a step role (ACCEPT, REVIEW, APPROVE) or a post. */
  handler: string | null;
  /** 审查标准 */
  criteria: string | null;
  special: SpecialStep | null;
  /** Done by an intermediary (中介服务) rather than the agency. */
  intermediary: boolean;
}

export interface FeeItem {
  name: string;
  /** 收费标准, e.g. 每证10元. */
  standard: string;
  /** The amount in yuan when the standard is a fixed amount; null when it varies. */
  amountYuan: number | null;
  /** 收费依据 */
  basis: string;
}

/** 办理地点, down to the window. */
export interface Location {
  province: string;
  city: string;
  district: string;
  street: string;
  number: string;
  building: string | null;
  room: string | null;
  window: string | null;
}

export interface TimePeriod {
  /** HH:MM, 24-hour. */
  from: string;
  to: string;
}

/** 办理时间: a weekly schedule with exceptions (holidays, make-up working days). */
export interface Hours {
  /** Day 1 = Monday … 7 = Sunday; days not listed are closed. */
  weekly: Array<{ day: number; periods: TimePeriod[] }>;
  exceptions: Array<{ date: string; closed: boolean; periods: TimePeriod[]; note: string | null }>;
  note: string | null;
}

export type CaseKind = 'IMMEDIATE' | 'PROMISED';
/** 通办范围 */
export type AcrossScope = 'NONE' | 'COUNTY' | 'CITY' | 'PROVINCE' | 'NATION';
export type HandlingForm = 'WINDOW' | 'ONLINE' | 'BOTH';
export type RunningSystem = 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY';

export interface Availability {
  available: boolean;
  /** How: the booking channel, the payment channel, the courier. */
  details: string | null;
}

/** 结果名称, 结果类型, 结果样本, and whether the result is published (结果公示). */
export interface GuideResult {
  name: string;
  kind: 'CERTIFICATE' | 'APPROVAL' | 'RECORD' | 'OTHER';
  sample: FileRef | null;
  /**
   * 依法应公示结果 (结果公示, seed 001 §7(3) item 10): results of 行政许可 and other items whose results the
   * law says to publish are listed publicly. Optional in stored content: when omitted it is true for
   * LICENSE items and false otherwise — applied when content is read (`withGuideDefaults`), so
   * versions stored before the element existed get it too.
   */
  public?: boolean;
}

/** The individual elements (个性要素, seed 003 items 10–36), on each guide. */
export interface GuideContent {
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  /** 行使内容 */
  exerciseContent: string | null;
  /** 联办机构: other agencies' USCCs. */
  jointAgencies: string[];
  process: ProcessStep[];
  /** 数量限制, or null for none. */
  quantityLimit: string | null;
  result: GuideResult;
  fees: { charged: boolean; items: FeeItem[] };
  caseKind: CaseKind;
  promisedTimeLimit: TimeLimit | null;
  /** 到办事现场次数 */
  visits: number;
  /** 网上办理深度 I–IV */
  onlineDepth: 1 | 2 | 3 | 4;
  /** Signs in through the unified identity platform (单点登录). */
  singleSignOn: boolean;
  acrossScope: AcrossScope;
  handlingForm: HandlingForm;
  appointment: Availability;
  onlinePayment: Availability;
  delivery: Availability;
  runningSystem: RunningSystem;
  location: Location;
  hours: Hours;
  consultationPhone: string;
  supervisionPhone: string;
  faq: Array<{ question: string; answer: string }>;
  /** When the guide's own elements were last confirmed, YYYY-MM-DD (seed 002: yearly). */
  reviewedOn: string | null;
}

/** A guide's content as read: every element that may be omitted in storage has its value. */
export interface ResolvedGuideContent extends GuideContent {
  result: GuideResult & { public: boolean };
}

/** 结果公示 when a guide does not say: results of 行政许可 (LICENSE) are published, others not. */
export function defaultResultPublic(itemType: ItemType): boolean {
  return itemType === 'LICENSE';
}

/**
 * Fills in the elements stored content may omit, from the type of the item the guide implements.
 * Every read of stored guide content goes through it (repository.ts), so old versions read like new
 * ones; the stored JSON itself is never changed (versions are immutable).
 */
export function withGuideDefaults(content: GuideContent, itemType: ItemType): ResolvedGuideContent {
  if (typeof content.result?.public === 'boolean') return content as ResolvedGuideContent;
  return { ...content, result: { ...content.result, public: defaultResultPublic(itemType) } };
}
