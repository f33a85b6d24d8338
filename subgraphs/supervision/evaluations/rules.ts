import { GraphQLError } from 'graphql';
import { badUserInput, ERROR_CODES } from '../../../lib/errors.ts';
import { checkCaseNumber } from '../../cases/domain/caseNumber.ts';
import { chinaDate } from '../../../lib/time.ts';
import type { CaseFacts } from '../datasources/cases.ts';
import type { EvaluationChannel, EvaluationIndicators, EvaluationInput, EvaluationLevel } from '../generated/resolvers-types.ts';
import { answeredLate } from '../workflow/overdue.ts';
import type { RectificationModel } from './model.ts';

/** The five levels in the national order, best first. */
export const EVALUATION_LEVELS: readonly EvaluationLevel[] = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'];

export const LEVEL_NAMES: Readonly<Record<EvaluationLevel, string>> = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
};

export const CHANNEL_NAMES: Readonly<Record<EvaluationChannel, string>> = {
  ONLINE: '网上',
  MOBILE: '移动端',
  SMS: '短信',
  WINDOW_DEVICE: '实体大厅评价器',
};

/** 差评: the two levels that open a rectification task and need a comment saying what went wrong. */
export const isBadReview = (level: EvaluationLevel): boolean => level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';

/**
 * The channels that ask the four online indicators (办事效率, 指南精确度, 便捷度, 平台操作性). SMS and
 * the hall's device carry a level (and a short text) only, so indicators sent on them are refused
 * rather than stored as if the applicant had been asked them.
 */
const INDICATOR_CHANNELS: ReadonlySet<EvaluationChannel> = new Set(['ONLINE', 'MOBILE']);

export const MAX_COMMENT = 500;
/** Rectification, reply, appeal reason and decision, close note. */
export const MAX_TEXT = 2000;

export interface ValidEvaluation {
  caseNumber: string;
  channel: EvaluationChannel;
  level: EvaluationLevel;
  indicators: EvaluationIndicators | null;
  comment: string | null;
}

/** Length in characters as a reader counts them (a CJK character or an emoji is one). */
const characters = (text: string) => [...text].length;

/**
 * A text of 1–max characters after trimming. Control characters other than line breaks and tabs
 * are refused: they are never meant.
 */
export function requiredText(field: string, value: string | null | undefined, max: number): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') throw badUserInput(field, 'must not be empty', `1–${max} characters`);
  if (characters(trimmed) > max) throw badUserInput(field, `must be at most ${max} characters`, `1–${max} characters`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) throw badUserInput(field, 'contains control characters');
  return trimmed;
}

/** As requiredText, but nothing (null, undefined, blank) is null. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  return (value ?? '').trim() === '' ? null : requiredText(field, value, max);
}

/** Checks an evaluation's own content, before anything about the case is asked. */
export function validateEvaluation(input: EvaluationInput): ValidEvaluation {
  const check = checkCaseNumber(input.caseNumber);
  if (!check.ok) throw badUserInput('input.caseNumber', check.reason, 'a 32-character case number');
  const comment = optionalText('input.comment', input.comment, MAX_COMMENT);
  if (isBadReview(input.level) && comment === null) {
    throw badUserInput('input.comment', `is required for ${LEVEL_NAMES[input.level]}: say what went wrong`);
  }
  return { caseNumber: input.caseNumber, channel: input.channel, level: input.level, indicators: indicatorsOf(input), comment };
}

const INDICATORS = ['efficiency', 'guideAccuracy', 'convenience', 'operability'] as const;

function indicatorsOf(input: EvaluationInput): EvaluationIndicators | null {
  const given = input.indicators ?? null;
  if (!INDICATOR_CHANNELS.has(input.channel)) {
    if (given !== null) throw badUserInput('input.indicators', `are not asked on ${input.channel}: only ONLINE and MOBILE carry them`);
    return null;
  }
  if (given === null) throw badUserInput('input.indicators', `are required on ${input.channel}`, 'efficiency, guideAccuracy, convenience, operability: 1–5');
  for (const name of INDICATORS) {
    const score = given[name];
    if (!Number.isInteger(score) || score < 1 || score > 5) throw badUserInput(`input.indicators.${name}`, 'must be 1 (worst) to 5 (best)', '1–5');
  }
  return { efficiency: given.efficiency, guideAccuracy: given.guideAccuracy, convenience: given.convenience, operability: given.operability };
}

/**
 * Whose an evaluation is, as the policy's owners: the applicant (recognised by citizen ID or USCC,
 * whoever signs in for it — an agent acting for it included) and the agent who applied. The same
 * parties as the cases subgraph's standing APPLICANT (cases/domain/actor.ts standingOf).
 */
export function ownersOf(parties: { applicantId: string; agentId: string | null }): string[] {
  return parties.agentId === null ? [parties.applicantId] : [parties.applicantId, parties.agentId];
}

export const partiesOf = (facts: CaseFacts) => ({ applicantId: facts.applicant.idNumber, agentId: facts.agent?.idNumber ?? null });

/** A state machine's refusal: names the transition, the state it was tried from, and why. */
export function illegalTransition(transition: string, from: string, why: string): GraphQLError {
  const reason = `${transition} is not allowed from ${from}: ${why}`;
  return new GraphQLError(`Illegal transition: ${reason}`, { extensions: { code: ERROR_CODES.ILLEGAL_TRANSITION, reason } });
}

/**
 * Overdue: still open after its due day, or answered after it (a late answer stays late). Due days
 * are China dates; the task is on time through the whole of its due day.
 */
export function isOverdue(task: Pick<RectificationModel, 'state' | 'dueOn' | 'answeredAt'>, now: Date): boolean {
  if (task.state === 'OPEN') return chinaDate(now) > task.dueOn;
  return answeredLate(task.answeredAt, task.dueOn);
}
