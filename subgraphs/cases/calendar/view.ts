import type { CalendarVersionModel } from './store.ts';

/** The GraphQL CalendarYear. */
export interface CalendarYearView {
  year: number;
  notice: string | null;
  offDays: string[];
  workDays: string[];
}

/** The GraphQL WorkingCalendarVersion, whole: a version is a few kilobytes, no field is worth deferring. */
export interface WorkingCalendarVersionView {
  version: string;
  publishedAt: string;
  author: string;
  reason: string;
  coverageFrom: string;
  coverageTo: string;
  years: CalendarYearView[];
}

export function calendarVersionView(model: CalendarVersionModel): WorkingCalendarVersionView {
  const years = Object.keys(model.data.years)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    version: model.version,
    publishedAt: model.publishedAt,
    author: model.author,
    reason: model.reason,
    coverageFrom: `${years[0]}-01-01`,
    coverageTo: `${years.at(-1)}-12-31`,
    years: years.map((year) => {
      const entry = model.data.years[year]!;
      return { year, notice: entry.notice, offDays: [...entry.offDays].sort(), workDays: [...entry.workDays].sort() };
    }),
  };
}
