import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditInput, AuditRule, Issue } from '../types.ts';
import type { TimeLimit, TimeUnit } from '../../guide/content.ts';

/** 办件类型, 法定办结时限 and 承诺办结时限. */

const UNIT_NAMES: Record<TimeUnit, string> = { WORKING_DAY: '工作日', NATURAL_DAY: '自然日' };

const validUnit = (limit: TimeLimit): boolean => limit.unit === 'WORKING_DAY' || limit.unit === 'NATURAL_DAY';
const show = (limit: TimeLimit): string => `${limit.value}个${UNIT_NAMES[limit.unit] ?? limit.unit}`;

/**
 * Both limits usable for comparison: well-formed and counted the same way. Anything else is the
 * stated/unit rules' finding, and comparing it would only report the same fault twice.
 */
function comparable(input: AuditInput): { legal: TimeLimit; promised: TimeLimit } | null {
  const legal = input.item.legalTimeLimit;
  const promised = input.guide.promisedTimeLimit;
  if (legal === null || promised === null) return null;
  if (!validUnit(legal) || !validUnit(promised) || legal.unit !== promised.unit) return null;
  if (!Number.isInteger(legal.value) || legal.value <= 0 || !Number.isInteger(promised.value) || promised.value < 0) return null;
  return { legal, promised };
}

function unitIssue(element: string, label: string, limit: TimeLimit | null): Issue[] {
  if (limit === null || validUnit(limit)) return [];
  return [
    {
      element: `${element}.unit`,
      message: `${label}未说明是工作日还是自然日`,
      fixHint: `${label}的计量单位填写“工作日”或“自然日”`,
    },
  ];
}

export const TIME_LIMIT_RULES: AuditRule[] = [
  defineRule({
    id: 'CASE_KIND_STATED',
    severity: 'ERROR',
    description: '标注办件类型（承诺件、即办件）',
    source: `${INDEX_2019} 办件类型`,
    detect: ({ guide }) =>
      guide.caseKind === 'IMMEDIATE' || guide.caseKind === 'PROMISED'
        ? []
        : [{ element: 'caseKind', message: '未标注办件类型', fixHint: '能当场办结的标注“即办件”，否则标注“承诺件”' }],
  }),
  defineRule({
    id: 'LEGAL_LIMIT_STATED',
    severity: 'ERROR',
    description: '标注法定办结时限',
    source: `${INDEX_2019} 法定办结时限`,
    detect: ({ item }) => {
      const limit = item.legalTimeLimit;
      if (limit === null) {
        return [{ element: 'legalTimeLimit', message: '未标注法定办结时限', fixHint: '按设定依据条款填写法定办结时限，如“20个工作日”' }];
      }
      if (Number.isInteger(limit.value) && limit.value > 0) return [];
      return [
        {
          element: 'legalTimeLimit.value',
          message: `法定办结时限「${String(limit.value)}」不是正整数`,
          fixHint: '法定办结时限填写法规条款规定的天数',
        },
      ];
    },
  }),
  defineRule({
    id: 'LEGAL_LIMIT_UNIT',
    severity: 'ERROR',
    description: '法定办结时限说明工作日或自然日',
    source: `${INDEX_2019} 法定办结时限`,
    detect: ({ item }) => unitIssue('legalTimeLimit', '法定办结时限', item.legalTimeLimit),
  }),
  defineRule({
    id: 'PROMISED_LIMIT_STATED',
    severity: 'ERROR',
    description: '承诺件标注承诺办结时限（即办件可不填）',
    source: `${INDEX_2019} 承诺办结时限`,
    detect: ({ guide }) => {
      const limit = guide.promisedTimeLimit;
      // An immediate case is finished on the spot; it has nothing to promise.
      if (limit === null) {
        return guide.caseKind === 'IMMEDIATE'
          ? []
          : [{ element: 'promisedTimeLimit', message: '承诺件未标注承诺办结时限', fixHint: '在法定时限内填写本部门对外承诺的办结时限' }];
      }
      const minimum = guide.caseKind === 'IMMEDIATE' ? 0 : 1;
      if (Number.isInteger(limit.value) && limit.value >= minimum) return [];
      return [
        {
          element: 'promisedTimeLimit.value',
          message: `承诺办结时限「${String(limit.value)}」无效`,
          fixHint: guide.caseKind === 'IMMEDIATE' ? '即办件的承诺时限填写0或不填' : '承诺件的承诺办结时限填写不少于1的整数天数',
        },
      ];
    },
  }),
  defineRule({
    id: 'PROMISED_LIMIT_UNIT',
    severity: 'ERROR',
    description: '承诺办结时限说明工作日或自然日',
    source: `${INDEX_2019} 承诺办结时限`,
    detect: ({ guide }) => unitIssue('promisedTimeLimit', '承诺办结时限', guide.promisedTimeLimit),
  }),
  defineRule({
    id: 'PROMISED_UNIT_MATCHES_LEGAL',
    severity: 'WARNING',
    description: '承诺时限与法定时限计算口径一致',
    source: 'seed 003 个性要素16 承诺办结时限',
    detect: ({ item, guide }) => {
      const legal = item.legalTimeLimit;
      const promised = guide.promisedTimeLimit;
      if (legal === null || promised === null || !validUnit(legal) || !validUnit(promised)) return [];
      if (legal.unit === promised.unit) return [];
      // Working and natural days do not convert without the holiday calendar, so the limits
      // cannot be compared; the rules below stay silent and this one asks for one unit.
      return [
        {
          element: 'promisedTimeLimit.unit',
          message: `承诺时限按${UNIT_NAMES[promised.unit]}计，法定时限按${UNIT_NAMES[legal.unit]}计，无法比较`,
          fixHint: '承诺办结时限与法定办结时限采用相同的计量单位',
        },
      ];
    },
  }),
  defineRule({
    id: 'PROMISED_WITHIN_LEGAL',
    severity: 'ERROR',
    description: '承诺办结时限不超过法定办结时限',
    source: 'seed 003 个性要素16 承诺办结时限',
    detect: (input) => {
      const limits = comparable(input);
      if (limits === null || limits.promised.value <= limits.legal.value) return [];
      return [
        {
          element: 'promisedTimeLimit',
          message: `承诺时限${show(limits.promised)}超过法定时限${show(limits.legal)}`,
          fixHint: '承诺办结时限须在法定时限内，并结合实际最大限度压缩',
        },
      ];
    },
  }),
  defineRule({
    id: 'PROMISED_SHORTER_THAN_LEGAL',
    severity: 'INFO',
    description: '承诺办结时限少于法定办结时限（行政许可另有折半要求）',
    source: 'seed 003 个性要素16 承诺办结时限',
    detect: (input) => {
      const limits = comparable(input);
      // Licenses answer to the stricter half-limit rule below; one finding per shortfall.
      if (limits === null || input.itemType === 'LICENSE' || limits.promised.value !== limits.legal.value) return [];
      return [
        {
          element: 'promisedTimeLimit',
          message: `承诺时限与法定时限相同（${show(limits.legal)}），未作压缩`,
          fixHint: '承诺办结时限应当少于法定办结时限',
        },
      ];
    },
  }),
  defineRule({
    id: 'LICENSE_PROMISED_HALF_LEGAL',
    severity: 'WARNING',
    description: '行政许可事项承诺时限不超过法定时限的一半',
    source: 'seed 004 任务清单（九）',
    detect: (input) => {
      const limits = comparable(input);
      if (limits === null || input.itemType !== 'LICENSE') return [];
      const { legal, promised } = limits;
      // Above the legal limit is PROMISED_WITHIN_LEGAL's error; reported once, at its severity.
      if (promised.value * 2 <= legal.value || promised.value > legal.value) return [];
      return [
        {
          element: 'promisedTimeLimit',
          message: `行政许可承诺时限${show(promised)}超过法定时限${show(legal)}的一半`,
          fixHint: `承诺办结时限压缩至不超过${Math.floor(legal.value / 2)}个${UNIT_NAMES[legal.unit]}`,
        },
      ];
    },
  }),
];
