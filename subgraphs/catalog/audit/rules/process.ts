import { isBlank } from '../text.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule, Issue } from '../types.ts';
import type { ProcessStep, StepKind } from '../../guide/content.ts';

/** 办理流程: 流程环节完备性 (the five stages) and 流程内容详实性 (limit, handler, criteria per step). */

type Stage = Extract<StepKind, 'APPLY' | 'ACCEPT' | 'REVIEW' | 'DECIDE' | 'COMPLETE' | 'DELIVER'>;
const STAGES: Stage[] = ['APPLY', 'ACCEPT', 'REVIEW', 'DECIDE', 'COMPLETE', 'DELIVER'];
const STAGE_NAMES: Record<Stage, string> = { APPLY: '申请', ACCEPT: '受理', REVIEW: '审核', DECIDE: '审批（决定）', COMPLETE: '办结', DELIVER: '送达' };

/**
 * The stages the evaluation looks for. Applying is the applicant's act, not the agency's; an
 * immediate case is checked and decided on the spot, so its 审核 may be folded into 受理
 * (具体环节以实际办理环节设置为准).
 */
function requiredStages(caseKind: string): Stage[] {
  return caseKind === 'IMMEDIATE' ? ['ACCEPT', 'DECIDE', 'COMPLETE', 'DELIVER'] : ['ACCEPT', 'REVIEW', 'DECIDE', 'COMPLETE', 'DELIVER'];
}

/** The applicant's own step has no agency limit, handler or review standard. */
const agencyStep = (step: ProcessStep): boolean => step.kind !== 'APPLY';

function eachAgencyStep(process: ProcessStep[], test: (step: ProcessStep, element: string) => Issue | null): Issue[] {
  const issues: Issue[] = [];
  process.forEach((step, i) => {
    if (!agencyStep(step)) return;
    const issue = test(step, `process[${i}]`);
    if (issue !== null) issues.push(issue);
  });
  return issues;
}

export const PROCESS_RULES: AuditRule[] = [
  defineRule({
    id: 'PROCESS_COMPLETE',
    severity: 'ERROR',
    description: '办理流程涵盖受理、审核、审批（决定）、办结、送达',
    source: `${INDEX_2019} 流程环节完备性`,
    detect: ({ guide }) => {
      const present = new Set(guide.process.map((s) => s.kind));
      return requiredStages(guide.caseKind)
        .filter((stage) => !present.has(stage))
        .map((stage) => ({
          element: 'process',
          message: `办理流程缺少「${STAGE_NAMES[stage]}」环节`,
          fixHint: `按实际办理环节补充“${STAGE_NAMES[stage]}”，并写明时限、办理人员和审查标准`,
        }));
    },
  }),
  defineRule({
    id: 'PROCESS_ORDER',
    severity: 'WARNING',
    description: '办理环节按申请、受理、审核、决定、办结、送达的顺序排列',
    source: 'seed 003 个性要素8 办理流程',
    detect: ({ guide }) => {
      const issues: Issue[] = [];
      let latest: Stage | null = null;
      guide.process.forEach((step, i) => {
        const rank = STAGES.indexOf(step.kind as Stage);
        if (rank < 0) return;
        if (latest !== null && rank < STAGES.indexOf(latest)) {
          issues.push({
            element: `process[${i}]`,
            message: `「${STAGE_NAMES[step.kind as Stage]}」环节「${step.name}」排在「${STAGE_NAMES[latest]}」之后`,
            fixHint: '按实际办理先后排列环节，流程图与文字说明保持一致',
          });
          return;
        }
        latest = step.kind as Stage;
      });
      return issues;
    },
  }),
  defineRule({
    id: 'PROCESS_STEP_LIMIT',
    severity: 'ERROR',
    description: '每个办理环节写明办理时限',
    source: `${INDEX_2019} 流程内容详实性`,
    detect: ({ guide }) =>
      eachAgencyStep(guide.process, (step, element) => {
        const limit = step.timeLimit;
        const valid = limit !== null && Number.isInteger(limit.value) && limit.value >= 0 && (limit.unit === 'WORKING_DAY' || limit.unit === 'NATURAL_DAY');
        return valid
          ? null
          : { element: `${element}.timeLimit`, message: `环节「${step.name}」未写明有效的办理时限`, fixHint: '写明该环节的办理时限及单位，当场办理的填0个工作日' };
      }),
  }),
  defineRule({
    id: 'PROCESS_STEP_HANDLER',
    severity: 'ERROR',
    description: '每个办理环节写明办理人员（岗位）',
    source: `${INDEX_2019} 流程内容详实性`,
    detect: ({ guide }) =>
      eachAgencyStep(guide.process, (step, element) =>
        isBlank(step.handler) ? { element: `${element}.handler`, message: `环节「${step.name}」未写明办理人员`, fixHint: '写明承办该环节的岗位，如“受理窗口工作人员”“分管负责人”' } : null,
      ),
  }),
  defineRule({
    id: 'PROCESS_STEP_CRITERIA',
    severity: 'ERROR',
    description: '每个办理环节写明审查标准',
    source: `${INDEX_2019} 流程内容详实性`,
    detect: ({ guide }) =>
      eachAgencyStep(guide.process, (step, element) =>
        isBlank(step.criteria) ? { element: `${element}.criteria`, message: `环节「${step.name}」未写明审查标准`, fixHint: '写明该环节审查什么、符合什么条件予以通过' } : null,
      ),
  }),
];
