import { LEGAL_LEVEL_NAMES, type Hours, type LegalBasis, type Location } from './content.ts';

/**
 * One-line renderings of structured elements, for the fields that predate the full guide
 * (`ServiceGuide.location`, `hours`, `legalBasis`) and for people reading a guide as text.
 */

export function renderLocation(location: Location): string {
  return [location.province, location.city, location.district, location.street, location.number, location.building, location.room, location.window]
    .filter((part): part is string => Boolean(part))
    .join(' ');
}

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Consecutive days with the same periods collapse: 周一至周五 08:30-12:00 14:30-18:00. */
export function renderHours(hours: Hours): string {
  const days = [...hours.weekly].sort((a, b) => a.day - b.day);
  const groups: Array<{ from: number; to: number; periods: string }> = [];
  for (const day of days) {
    const periods = day.periods.map((period) => `${period.from}-${period.to}`).join(' ');
    const last = groups.at(-1);
    if (last && last.to === day.day - 1 && last.periods === periods) last.to = day.day;
    else groups.push({ from: day.day, to: day.day, periods });
  }
  const text = groups
    .map((group) => `${DAY_NAMES[group.from]}${group.to > group.from ? `至${DAY_NAMES[group.to]}` : ''} ${group.periods}`)
    .join('；');
  return hours.note ? `${text}（${hours.note}）` : text;
}

/** 法律：《…》（主席令第七号，2003-08-27）第二十九条 … — seed 003 3.3.5's layout, one basis per line. */
export function renderLegalBasis(bases: LegalBasis[]): string | null {
  if (bases.length === 0) return null;
  return bases
    .map((basis) => {
      const issued = [basis.documentNumber, basis.issuedOn].filter(Boolean).join('，');
      return `${LEGAL_LEVEL_NAMES[basis.level]}：${basis.title}${issued ? `（${issued}）` : ''}${basis.article ? ` ${basis.article}` : ''}${basis.text ? `：${basis.text}` : ''}`;
    })
    .join('\n');
}
