import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import { checkUscc } from '../../../lib/codes/uscc.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { checkCaseNumber } from '../../cases/domain/caseNumber.ts';
import { checkText } from './machine.ts';

/** Checks of the inputs orders and complaints share; each throws BAD_USER_INPUT naming the field. */

/** A required or optional text of 1–`max` characters, trimmed. */
export function text(field: string, value: string | null | undefined, required: boolean, max = 2000): string | null {
  const checked = checkText(field, value, required ? 'a value' : null);
  if (!checked.ok) throw badUserInput(field, checked.reason);
  if (checked.value !== null && checked.value.length > max) throw badUserInput(field, `should be at most ${max} characters`);
  return checked.value;
}

export function caseNumberOf(field: string, value: string): string {
  const check = checkCaseNumber(value);
  if (!check.ok) throw badUserInput(field, check.reason, '32 characters: implementation code (24) + year (2) + sequence (6)');
  return value;
}

export function usccOf(field: string, value: string): string {
  const check = checkUscc(value);
  if (!check.ok) throw badUserInput(field, check.reason, 'an 18-character unified social credit code (GB 32100)');
  return value;
}

/** `first` of a list: 0–100. */
export function firstOf(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > 100) throw badUserInput('first', 'should be 0–100');
  return first;
}

/**
 * The day `days` working days after `today` on the calendar in force. Past the calendar's coverage
 * (next year's holidays not yet published) weekdays count and the date is provisional: a due day is
 * never refused for a calendar gap, which is nobody's input mistake.
 */
export function dueAfter(calendar: WorkingCalendar, today: string, days: number): { dueOn: string; calendarVersion: string; provisional: boolean } {
  const { date, provisional } = calendar.addWorkingDaysProvisional(today, days);
  return { dueOn: date, calendarVersion: calendar.version, provisional };
}
