import { phoneProblem, phoneSet } from '../phone.ts';
import { isBlank } from '../text.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule, Issue } from '../types.ts';

/** 咨询电话 and 监督电话 (the evaluation's 联系电话). */

function phoneIssues(value: string | null | undefined, element: string, label: string, whose: string): Issue[] {
  if (isBlank(value)) return [{ element, message: `未填写${label}`, fixHint: `填写${whose}的电话，座机带区号，如0916-3221005` }];
  const problem = phoneProblem(value!);
  return problem === null ? [] : [{ element, message: `${label}${problem}`, fixHint: '座机写作“区号-号码”，手机写11位，多个号码用顿号分隔' }];
}

export const CONTACT_RULES: AuditRule[] = [
  defineRule({
    id: 'CONSULTATION_PHONE',
    severity: 'ERROR',
    description: '咨询电话已填写且格式正确',
    source: `${INDEX_2019} 联系电话`,
    detect: ({ guide }) => phoneIssues(guide.consultationPhone, 'consultationPhone', '咨询电话', '受理窗口或具体办理人员'),
  }),
  defineRule({
    id: 'SUPERVISION_PHONE',
    severity: 'ERROR',
    description: '监督电话已填写且格式正确',
    source: `${INDEX_2019} 联系电话`,
    detect: ({ guide }) => phoneIssues(guide.supervisionPhone, 'supervisionPhone', '监督电话', '本部门纪检或负责监督工作的机构'),
  }),
  defineRule({
    id: 'SUPERVISION_PHONE_INDEPENDENT',
    severity: 'WARNING',
    description: '监督电话不同于咨询电话',
    source: 'seed 003 个性要素25、27 咨询电话 监督电话',
    detect: ({ guide }) => {
      if (isBlank(guide.consultationPhone) || isBlank(guide.supervisionPhone)) return [];
      const consultation = phoneSet(guide.consultationPhone);
      const supervision = [...phoneSet(guide.supervisionPhone)];
      // A complaint about the window should not ring at the window.
      if (!supervision.every((p) => consultation.has(p))) return [];
      return [
        {
          element: 'supervisionPhone',
          message: '监督电话与咨询电话相同',
          fixHint: '监督电话填写本部门纪检或负责监督工作的电话，不填办理窗口的电话',
        },
      ];
    },
  }),
];
