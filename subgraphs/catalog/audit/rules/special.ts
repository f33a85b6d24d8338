import { isBlank } from '../text.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule, Issue } from '../types.ts';
import type { SpecialStep } from '../../guide/content.ts';

/**
 * 中介机构或特殊环节: the evaluation looks for 评审、评估、现场勘查 and the like to be marked, because
 * their time is not counted in the limit (行政许可法 art. 45) and applicants must plan for them.
 */

const SPECIAL_NAMES: Record<SpecialStep, string> = {
  EXPERT_REVIEW: '专家评审', ASSESSMENT: '评估', SITE_INSPECTION: '现场勘查', HEARING: '听证', TESTING: '检验检测',
  TENDER: '招标', AUCTION: '拍卖', QUARANTINE: '检疫', APPRAISAL: '鉴定',
};

/** Words in a step's name that make it a special step, and the mark each calls for. */
const SPECIAL_WORDS: Array<[RegExp, SpecialStep]> = [
  [/评审/, 'EXPERT_REVIEW'],
  [/评估/, 'ASSESSMENT'],
  [/现场勘[查验察测]|实地勘[查验察测]|现场核[查实验]|实地核[查实验]|现场检查|现场查验|勘验|踏勘/, 'SITE_INSPECTION'],
  [/听证/, 'HEARING'],
  [/检验|检测/, 'TESTING'],
  [/招标/, 'TENDER'],
  [/拍卖/, 'AUCTION'],
  [/检疫/, 'QUARANTINE'],
  [/鉴定/, 'APPRAISAL'],
];

const INTERMEDIARY_WORDS = /中介|第三方机构|技术服务机构/;

export const SPECIAL_STEP_RULES: AuditRule[] = [
  defineRule({
    id: 'SPECIAL_STEP_MARKED',
    severity: 'ERROR',
    description: '评审、评估、现场勘查等特殊环节已标注',
    source: `${INDEX_2019} 中介机构或特殊环节`,
    detect: ({ guide }) => {
      const issues: Issue[] = [];
      guide.process.forEach((step, i) => {
        const expected = SPECIAL_WORDS.filter(([words]) => words.test(step.name)).map(([, special]) => special);
        if (expected.length === 0 || (step.special !== null && expected.includes(step.special))) return;
        const wanted = expected.map((s) => SPECIAL_NAMES[s]).join('或');
        issues.push({
          element: `process[${i}].special`,
          message:
            step.special === null
              ? `环节「${step.name}」属于特殊环节，未标注`
              : `环节「${step.name}」标注为${SPECIAL_NAMES[step.special] ?? step.special}，与环节名称不符`,
          fixHint: `将该环节标注为特殊环节“${wanted}”，并在流程图和文字说明中体现`,
        });
      });
      return issues;
    },
  }),
  defineRule({
    id: 'INTERMEDIARY_LISTED',
    severity: 'ERROR',
    description: '中介服务环节已标注，且事项列明了对应的中介服务',
    source: `${INDEX_2019} 中介机构或特殊环节`,
    detect: ({ item, guide }) => {
      const issues: Issue[] = [];
      guide.process.forEach((step, i) => {
        if (step.intermediary && item.intermediaryServices.length === 0) {
          issues.push({
            element: `process[${i}].intermediary`,
            message: `环节「${step.name}」由中介机构办理，但事项未列明中介服务`,
            fixHint: '在事项的中介服务中列明该服务及其法定依据；未列入中介服务事项清单的，不得作为审批前置',
          });
        } else if (!step.intermediary && INTERMEDIARY_WORDS.test(step.name)) {
          issues.push({
            element: `process[${i}].intermediary`,
            message: `环节「${step.name}」涉及中介机构，未标注为中介服务`,
            fixHint: '将该环节标注为中介服务环节',
          });
        }
      });
      return issues;
    },
  }),
  defineRule({
    id: 'INTERMEDIARY_BASIS',
    severity: 'WARNING',
    description: '每项中介服务写明名称和设定依据',
    source: 'seed 003 共性要素8 中介服务',
    detect: ({ item }) =>
      item.intermediaryServices.flatMap((service, i): Issue[] => {
        if (isBlank(service.name)) {
          return [{ element: `intermediaryServices[${i}].name`, message: '中介服务未写明名称', fixHint: '按《行政审批事项中介服务清单》写明中介服务名称' }];
        }
        if (isBlank(service.basis)) {
          return [{ element: `intermediaryServices[${i}].basis`, message: `中介服务「${service.name}」未写明依据`, fixHint: '写明设定该中介服务的法律、法规或规章条款' }];
        }
        return [];
      }),
  }),
];
