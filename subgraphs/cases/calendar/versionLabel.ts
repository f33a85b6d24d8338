/**
 * Calendar version labels.
 *
 * The first version is the data bundled in lib/calendar/holidays.ts and keeps that data's own label
 * (`2026-01`), so deadlines computed with the bundled calendar and with the seeded store name the
 * same version. Every published version is `YYYY-MM-DD.N`: the China date of publication and a
 * counter from 1 within that date, e.g. `2026-11-28.1`, `2026-11-28.2`.
 *
 * Labels are derived from the version they are published on, never from a count of rows, so they
 * only grow along the chain: if the clock reads a date earlier than the current label's (a skewed
 * server), the new label stays on the current label's date and increments N. Uniqueness is the
 * database's job (calendar_version.version is UNIQUE); the order of versions is `seq`, not the text.
 */
const PUBLISHED = /^(\d{4}-\d{2}-\d{2})\.([1-9]\d{0,5})$/;

export function nextVersionLabel(current: string, today: string): string {
  const match = PUBLISHED.exec(current);
  if (match && match[1]! >= today) return `${match[1]}.${Number(match[2]) + 1}`;
  return `${today}.1`;
}

/** True for a label this scheme produces for a published version. */
export function isPublishedLabel(label: string): boolean {
  return PUBLISHED.test(label);
}
