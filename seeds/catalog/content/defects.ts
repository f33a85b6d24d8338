import type { GuideContent, ItemContent } from '../../../subgraphs/catalog/guide/content.ts';
import { splitDays } from './process.ts';

/**
 * Guides that carry one deliberate quality defect each, so the guide accuracy audit has something
 * real to find. Each stays valid data (validateItemContent/validateGuideContent pass): these are
 * the findings seed 004's evaluation would make, not malformed content. A defect in item content
 * is shared by every guide of the item; it is listed here by the 勉县 guide.
 */
export interface PlantedDefect {
  implementationCode: string;
  itemName: string;
  defect: string;
  /** Path of the defective element, in the item or the guide content. */
  element: string;
}

export const PLANTED_DEFECTS: readonly PlantedDefect[] = [
  {
    implementationCode: '610725000000TB7250126102',
    itemName: '建筑工程施工许可证核发',
    defect: 'promised limit of a licence is more than half its legal limit (15 of 20 working days; seed 004)',
    element: 'promisedTimeLimit',
  },
  {
    implementationCode: '610725000000TB7250054115',
    itemName: '娱乐场所备案',
    defect: 'location stops at the building: no room and no window (seed 004: street, number, room, window)',
    element: 'location.window',
  },
  {
    implementationCode: '610725000000TB7250054108',
    itemName: '临时身份证办理',
    defect: 'catch-all material 其他相关材料 (seed 004: no 其他材料/相关材料)',
    element: 'materials[3].name',
  },
  {
    implementationCode: '610725000000TB7250257103',
    itemName: '第三类非药品类易制毒化学品经营备案',
    defect: 'form to fill in has a blank form but no filled-in sample (seed 004: 样表下载)',
    element: 'materials[0].sampleForm',
  },
  {
    implementationCode: '610725000000TB7250054122',
    itemName: '机动车登记',
    defect: 'process has no 送达 step (seed 004: 受理、审核、审批、办结、送达)',
    element: 'process',
  },
  {
    implementationCode: '610725000000TB7250070102',
    itemName: '律师事务所年度检查考核(初审)',
    defect: 'legal basis names the law but cites no article (seed 004: quote the article)',
    element: 'legalBasis[0].article',
  },
];

/** Plants the item-content defect of `itemName`, if it has one. */
export function plantItemDefect(itemName: string, content: ItemContent): ItemContent {
  switch (itemName) {
    case '临时身份证办理':
      content.materials.push({
        id: `M${String(content.materials.length + 1).padStart(2, '0')}`,
        name: '其他相关材料',
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
      });
      break;
    case '第三类非药品类易制毒化学品经营备案':
      content.materials[0]!.sampleForm = null;
      break;
    case '律师事务所年度检查考核(初审)':
      content.legalBasis[0] = { ...content.legalBasis[0]!, article: null };
      break;
  }
  return content;
}

/** Plants the guide-content defect of `itemName`, if it has one. */
export function plantGuideDefect(itemName: string, content: GuideContent): GuideContent {
  switch (itemName) {
    case '建筑工程施工许可证核发': {
      content.promisedTimeLimit = { value: 15, unit: 'WORKING_DAY' };
      const split = splitDays(15);
      const byKind = { ACCEPT: split.accept, REVIEW: split.review, DECIDE: split.decide, COMPLETE: split.complete, DELIVER: split.deliver } as const;
      for (const step of content.process) {
        if (step.kind in byKind) step.timeLimit = { value: byKind[step.kind as keyof typeof byKind], unit: 'WORKING_DAY' };
      }
      content.faq = content.faq.map((q) => (q.question === '多长时间可以办好？' ? { ...q, answer: q.answer.replace(/\d+个工作日/, '15个工作日') } : q));
      break;
    }
    case '娱乐场所备案':
      content.location = { ...content.location, room: null, window: null };
      break;
    case '机动车登记':
      content.process = content.process.filter((step) => step.kind !== 'DELIVER');
      break;
  }
  return content;
}
