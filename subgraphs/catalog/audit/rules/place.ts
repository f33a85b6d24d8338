import { isIsoDate } from '../../../../lib/time.ts';
import { hasNumeral, isBlank } from '../text.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule, Issue } from '../types.ts';
import type { Location, TimePeriod } from '../../guide/content.ts';

/**
 * 办理地点 and 办理时间. The evaluation reads the address down to the window (街道名称、门牌号、
 * 房间号、窗口号) and the hours as a weekly schedule (星期一至星期五 09:00-12:00, 13:00-17:00).
 */

type LocationField = keyof Location;
const FIELD_NAMES: Record<LocationField, string> = {
  province: '省', city: '市', district: '区县', street: '街道', number: '门牌号', building: '楼宇', room: '房间号', window: '窗口号',
};

function missingLocation(location: Location | null | undefined, fields: LocationField[], numbered: boolean): Issue[] {
  // A guide with no location at all is reported once, by the street rule.
  if (location === null || location === undefined) return [];
  const issues: Issue[] = [];
  for (const field of fields) {
    const value = location[field];
    const label = FIELD_NAMES[field];
    if (isBlank(value)) {
      issues.push({ element: `location.${field}`, message: `办理地点未写明${label}`, fixHint: `补充${label}，办理地点须精确到街道、门牌号、房间号和窗口号` });
    } else if (numbered && !hasNumeral(value!)) {
      issues.push({ element: `location.${field}`, message: `办理地点的${label}「${value}」不含编号`, fixHint: `${label}写明具体编号，如“12号”` });
    }
  }
  return issues;
}

const DAY_NAMES = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

function minutes(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

/** Problems with one day's periods: format, from before to, sorted without overlap. */
function periodIssues(periods: TimePeriod[], element: string, label: string): Issue[] {
  const issues: Issue[] = [];
  let previousEnd = -1;
  periods.forEach((period, j) => {
    const from = minutes(period.from);
    const to = minutes(period.to);
    const at = `${element}.periods[${j}]`;
    if (from === null || to === null) {
      issues.push({ element: at, message: `${label}时段「${period.from}-${period.to}」格式不正确`, fixHint: '时间按24小时制HH:MM填写，如09:00' });
      return;
    }
    if (from >= to) {
      issues.push({ element: at, message: `${label}时段「${period.from}-${period.to}」开始不早于结束`, fixHint: '时段的开始时间须早于结束时间' });
      return;
    }
    if (from < previousEnd) {
      issues.push({ element: at, message: `${label}时段「${period.from}-${period.to}」与前一时段重叠或顺序颠倒`, fixHint: '同一天的时段按时间先后排列且互不重叠' });
    }
    previousEnd = Math.max(previousEnd, to);
  });
  return issues;
}

export const PLACE_RULES: AuditRule[] = [
  defineRule({
    id: 'LOCATION_TO_STREET',
    severity: 'ERROR',
    description: '办理地点写明省、市、区县和街道',
    source: `${INDEX_2019} 办理地点`,
    detect: ({ guide }) =>
      guide.location === null || guide.location === undefined
        ? [{ element: 'location', message: '未填写办理地点', fixHint: '填写办理地点，精确到街道、门牌号、房间号和窗口号' }]
        : missingLocation(guide.location, ['province', 'city', 'district', 'street'], false),
  }),
  defineRule({
    id: 'LOCATION_TO_NUMBER',
    severity: 'ERROR',
    description: '办理地点写明门牌号',
    source: `${INDEX_2019} 办理地点`,
    detect: ({ guide }) => missingLocation(guide.location, ['number'], true),
  }),
  defineRule({
    id: 'LOCATION_TO_ROOM',
    severity: 'ERROR',
    description: '办理地点写明房间号',
    source: `${INDEX_2019} 办理地点`,
    detect: ({ guide }) => missingLocation(guide.location, ['room'], true),
  }),
  defineRule({
    id: 'LOCATION_TO_WINDOW',
    severity: 'ERROR',
    description: '办理地点写明窗口号',
    source: `${INDEX_2019} 办理地点`,
    detect: ({ guide }) => missingLocation(guide.location, ['window'], true),
  }),
  defineRule({
    id: 'HOURS_WEEKLY',
    severity: 'ERROR',
    description: '办理时间为周计划，至少一个工作日有受理时段',
    source: `${INDEX_2019} 办理时间`,
    detect: ({ guide }) => {
      const weekly = guide.hours?.weekly ?? [];
      const open = weekly.some((d) => d.day >= 1 && d.day <= 5 && d.periods.length > 0);
      return open
        ? []
        : [
            {
              element: 'hours.weekly',
              message: weekly.length === 0 ? '未填写每周办理时间' : '办理时间中没有任何工作日开放',
              fixHint: '按“星期一至星期五：上午09:00-12:00，下午13:00-17:00”的格式填写每周办理时间',
            },
          ];
    },
  }),
  defineRule({
    id: 'HOURS_PERIODS_VALID',
    severity: 'ERROR',
    description: '办理时间的日期和时段格式正确、先后有序',
    source: `${INDEX_2019} 办理时间`,
    detect: ({ guide }) => {
      const issues: Issue[] = [];
      const seen = new Set<number>();
      (guide.hours?.weekly ?? []).forEach((entry, i) => {
        const element = `hours.weekly[${i}]`;
        if (!Number.isInteger(entry.day) || entry.day < 1 || entry.day > 7) {
          issues.push({ element: `${element}.day`, message: `办理时间中的星期「${String(entry.day)}」无效`, fixHint: '星期用1（星期一）至7（星期日）表示' });
          return;
        }
        if (seen.has(entry.day)) {
          issues.push({ element: `${element}.day`, message: `${DAY_NAMES[entry.day]}重复出现`, fixHint: '每个星期几只列一次，多个时段写在同一天下' });
        }
        seen.add(entry.day);
        issues.push(...periodIssues(entry.periods, element, DAY_NAMES[entry.day]!));
      });
      (guide.hours?.exceptions ?? []).forEach((exception, k) => {
        const element = `hours.exceptions[${k}]`;
        if (!isIsoDate(exception.date)) {
          issues.push({ element: `${element}.date`, message: `例外日期「${exception.date}」格式不正确`, fixHint: '日期按YYYY-MM-DD填写' });
          return;
        }
        if (exception.closed && exception.periods.length > 0) {
          issues.push({ element: `${element}.periods`, message: `${exception.date}标为不办公却列有时段`, fixHint: '不办公的日期不列时段；调休上班的日期标为办公并列出时段' });
        } else if (!exception.closed && exception.periods.length === 0) {
          issues.push({ element: `${element}.periods`, message: `${exception.date}标为办公但未列时段`, fixHint: '调休上班的日期列出办理时段' });
        }
        issues.push(...periodIssues(exception.periods, element, exception.date));
      });
      return issues;
    },
  }),
];
