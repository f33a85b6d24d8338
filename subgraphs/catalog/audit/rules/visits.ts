import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule } from '../types.ts';

/** 到办事现场次数 and 网上办理深度. */

/**
 * Most visits each online depth allows (seed 004, 附件3 注①): II at most twice, III at most once,
 * IV never; level I is information only and sets no bound.
 */
const MAX_VISITS: Record<number, number> = { 2: 2, 3: 1, 4: 0 };
const DEPTH_NAMES: Record<number, string> = { 1: 'Ⅰ', 2: 'Ⅱ', 3: 'Ⅲ', 4: 'Ⅳ' };

const validVisits = (visits: number): boolean => Number.isInteger(visits) && visits >= 0;
const validDepth = (depth: number): boolean => depth === 1 || depth === 2 || depth === 3 || depth === 4;

export const VISIT_RULES: AuditRule[] = [
  defineRule({
    id: 'VISITS_STATED',
    severity: 'ERROR',
    description: '标注到办事现场次数',
    source: `${INDEX_2019} 到办事现场次数`,
    detect: ({ guide }) =>
      validVisits(guide.visits)
        ? []
        : [{ element: 'visits', message: `到办事现场次数「${String(guide.visits)}」无效`, fixHint: '填写申请人需要到现场的次数，0表示全程网办' }],
  }),
  defineRule({
    id: 'ONLINE_DEPTH_STATED',
    severity: 'ERROR',
    description: '标注网上办理深度（Ⅰ–Ⅳ级）',
    source: 'seed 004 附件3 网上办理深度',
    detect: ({ guide }) =>
      validDepth(guide.onlineDepth)
        ? []
        : [{ element: 'onlineDepth', message: `网上办理深度「${String(guide.onlineDepth)}」无效`, fixHint: '按四级标准标注网上办理深度Ⅰ、Ⅱ、Ⅲ或Ⅳ级' }],
  }),
  defineRule({
    id: 'VISITS_WITHIN_DEPTH',
    severity: 'WARNING',
    description: '到现场次数与网上办理深度相符（Ⅱ级≤2次，Ⅲ级≤1次，Ⅳ级0次）',
    source: 'seed 004 附件3 注① 网上办理深度四级标准',
    detect: ({ guide }) => {
      if (!validVisits(guide.visits) || !validDepth(guide.onlineDepth)) return [];
      const max = MAX_VISITS[guide.onlineDepth];
      if (max === undefined || guide.visits <= max) return [];
      return [
        {
          element: 'visits',
          message: `网上办理深度为${DEPTH_NAMES[guide.onlineDepth]}级，到现场次数却为${guide.visits}次（应不超过${max}次）`,
          fixHint: '核实到现场次数，或按实际情况调整网上办理深度',
        },
      ];
    },
  }),
];
