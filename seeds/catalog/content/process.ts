import type { ProcessStep, SpecialStep, TimeLimit } from '../../../subgraphs/catalog/guide/content.ts';
import type { ItemSubject } from './profile.ts';

/** Special procedures (seed 004: 评审、评估、现场勘查) where the item needs them, with their own limits. */
const SPECIAL: ReadonlyArray<{ keywords: readonly string[]; name: string; special: SpecialStep; days: number; criteria: string }> = [
  { keywords: ['宅基地审批'], name: '现场勘查（实地踏勘选址、丈量四至）', special: 'SITE_INSPECTION', days: 5, criteria: '选址符合乡（镇）土地利用总体规划和村庄规划，四至清楚，无权属争议' },
  { keywords: ['消防设计审核和消防验收', '营业前消防安全检查'], name: '消防现场检查（评定）', special: 'SITE_INSPECTION', days: 5, criteria: '按照国家工程建设消防技术标准逐项检查，形成现场检查记录' },
  { keywords: ['旅馆业特种行业许可证', '公章刻制业'], name: '现场核查（治安、消防安全设施）', special: 'SITE_INSPECTION', days: 3, criteria: '经营场所、安全设施与申请材料一致，符合治安管理要求' },
  { keywords: ['环境影响报告书'], name: '技术评估', special: 'ASSESSMENT', days: 30, criteria: '环境影响报告书（表）技术评估机构出具评估意见' },
  { keywords: ['林木采伐', '临时占用林地'], name: '现场查验（伐区调查设计核实）', special: 'SITE_INSPECTION', days: 5, criteria: '采伐（占用）地点、面积、蓄积与申请一致' },
  { keywords: ['医疗机构执业许可证', '动物防疫条件', '动物诊疗', '公共场所卫生许可证'], name: '现场审查', special: 'SITE_INSPECTION', days: 5, criteria: '场所、设施、设备、人员符合规定条件' },
  { keywords: ['消防设计和竣工验收备案'], name: '随机抽查', special: 'SITE_INSPECTION', days: 5, criteria: '被抽中的工程按照消防技术标准进行检查' },
];

interface StepSplit {
  accept: number;
  review: number;
  decide: number;
  complete: number;
  deliver: number;
}

/** Splits a promised limit over the five steps; the parts always add up to at most the whole. */
export function splitDays(total: number): StepSplit {
  const accept = total >= 5 ? 1 : 0;
  const deliver = total >= 3 ? 1 : 0;
  const complete = total >= 8 ? 1 : 0;
  const rest = total - accept - deliver - complete;
  const decide = rest >= 2 ? Math.max(1, Math.floor(rest / 3)) : 0;
  return { accept, review: rest - decide, decide, complete, deliver };
}


interface ProcessContext {
  agencyName: string;
  /** The first legal basis's title and article, for the decision criteria. */
  basis: string;
  promised: TimeLimit | null;
  resultName: string;
}

/**
 * The outward process (seed 003 element 办理流程) covering 受理、审核、审批/决定、办结、送达 as
 * seed 004 checks it, each step with a limit, a handler and criteria. An immediate case does all
 * of it while the applicant waits, so every step is 0 working days (当场).
 */
export function processOf(subject: ItemSubject, context: ProcessContext): ProcessStep[] {
  const split = splitDays(context.promised?.value ?? 0);
  // Steps count in the promise's unit so that they add up against it.
  const unit = context.promised?.unit ?? 'WORKING_DAY';
  const days = (value: number): TimeLimit => ({ value, unit });
  const step = (name: string, kind: ProcessStep['kind'], value: number, handler: string, criteria: string): ProcessStep => ({
    name, kind, timeLimit: days(value), handler, criteria, special: null, intermediary: false,
  });
  const disclosure = subject.type === 'DISCLOSURE';
  const steps: ProcessStep[] = [
    step('受理', 'ACCEPT', split.accept, `${context.agencyName}窗口受理人员`,
      '申请事项属于本机关职权范围、申请材料齐全且符合法定形式的，当场受理并出具受理通知书；材料不全的，一次性告知需补正的全部内容'),
    step(disclosure ? '审核（查找、确认所申请信息）' : '审核', 'REVIEW', split.review, `${context.agencyName}业务股室承办人`,
      disclosure ? '核实所申请信息是否属于本机关公开范围、是否涉及国家秘密、商业秘密或个人隐私' : '对申请材料的真实性、合法性进行实质审查，提出审核意见'),
    step(disclosure ? '决定（答复审批）' : '审批决定', 'DECIDE', split.decide, `${context.agencyName}分管负责人`,
      `依据${context.basis}，符合条件的作出准予决定；不符合条件的作出不予决定并书面说明理由`),
    step('办结', 'COMPLETE', split.complete, `${context.agencyName}业务股室承办人`, `制作${context.resultName}，加盖印章，录入办件系统`),
    step('送达', 'DELIVER', split.deliver, `${context.agencyName}窗口工作人员`, '窗口领取或邮寄送达，申请人签收；电子结果同步推送至陕西政务服务网'),
  ];
  const special = SPECIAL.find((s) => s.keywords.some((k) => subject.name.includes(k)));
  if (special) {
    steps.splice(2, 0, {
      name: special.name,
      kind: 'SPECIAL',
      timeLimit: days(special.days),
      handler: `${context.agencyName}业务股室（两名以上工作人员）`,
      criteria: `${special.criteria}；所需时间不计入承诺时限（《中华人民共和国行政许可法》第四十五条）`,
      special: special.special,
      intermediary: false,
    });
  }
  return steps;
}
