import { expect } from 'vitest';
import { HOTEL_GUIDE, MATERIALS } from './applications.ts';
import type { Stack } from './stack.ts';

/**
 * What the end-to-end tests of supervision share: applying for the seeded hotel license, the
 * police working the case on, and reading the answers. Each test still says which steps it takes.
 */

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber case { version } } }
`;
export const ACT = /* GraphQL */ `
  mutation Act($caseNumber: ID!, $action: CaseAction!, $input: CaseActionInput!) {
    actOnCase(caseNumber: $caseNumber, action: $action, input: $input) { case { state version } }
  }
`;

/** The data of an answer, which must have no errors (they are the failure's message). */
export const ok = (response: { body: any }) => {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data;
};

/** The extensions of a refusal's first error (code, field, reason): an answer without errors fails. */
export const refusal = (response: { body: any }) => {
  expect(response.body.errors, 'expected a refusal').toBeDefined();
  return response.body.errors[0].extensions;
};

/** Sends a GraphQL request as the seeded user `as`: through the stack, or through a test's own client. */
export type Send = (query: string, variables: Record<string, unknown>, as: string) => Promise<{ body: any }>;

export const sendTo =
  (stack: Stack): Send =>
  (query, variables, as) =>
    stack.graphql(query, variables, { as });

/** The form of 李军's hotel. */
const HOTEL_FORM = { 旅馆名称: '汉江客栈' };

/**
 * Applies for the hotel license (HOTEL_GUIDE, MATERIALS) as `as`, 李军 unless named, with the
 * hotel's form (`formData: null` applies without one); answers the case number.
 */
export async function submitHotelCase(send: Send, clientRequestId: string, { as = 'lijun', formData = HOTEL_FORM }: { as?: string; formData?: Record<string, unknown> | null } = {}): Promise<string> {
  const input = { implementationCode: HOTEL_GUIDE, clientRequestId, materials: MATERIALS, ...(formData ? { formData } : {}) };
  return ok(await send(SUBMIT, { input }, as)).submitApplication.caseNumber;
}

/** One step of the police's work on a case: the action, its input but the expected version, and who takes it. */
export type Step = readonly [action: string, input: Record<string, unknown>, as: string];

/** The window (张伟) pre-reviews the application, then accepts it. */
export const PRE_REVIEW: Step = ['PRE_REVIEW', {}, 'police-zhangwei'];
export const ACCEPT: Step = ['ACCEPT', { opinion: '材料齐全，予以受理' }, 'police-zhangwei'];
/** 刘洋 reviews the case and starts the decision step. */
export const REVIEW: readonly Step[] = [
  ['START_STEP', { step: 'REVIEW' }, 'police-liuyang'],
  ['COMPLETE_STEP', { opinion: '经审查符合条件' }, 'police-liuyang'],
  ['START_STEP', { step: 'DECIDE' }, 'police-liuyang'],
];
export const DECIDE: Step = ['DECIDE', { decision: 'APPROVE', opinion: '准予许可' }, 'police-liuyang'];
/** The window issues the license `resultDocument` and completes the case. */
export const completion = (resultDocument: { name: string; number: string }): Step => [
  'COMPLETE',
  { result: 'CERTIFICATE_ISSUED', resultDocument, deliveryMethod: 'WINDOW' },
  'police-zhangwei',
];

/** Takes `steps` on the case in turn, each at the version the one before left; `worked.version` follows the case. */
export async function work(send: Send, worked: { caseNumber: string; version: number }, ...steps: readonly Step[]): Promise<void> {
  for (const [action, input, as] of steps) {
    const { actOnCase } = ok(await send(ACT, { caseNumber: worked.caseNumber, action, input: { expectedVersion: worked.version, ...input } }, as));
    worked.version = actOnCase.case.version;
  }
}

/**
 * A supervision clock ahead of the real time by as much as the test moves it: moved, never slept
 * on. Give `now` to startStack as supervisionNow.
 */
export function movableClock() {
  let shift = 0;
  return {
    now: () => new Date(Date.now() + shift),
    /** From here on the clock reads `instant` plus the real time that has passed since. */
    moveTo(instant: number) {
      shift = instant - Date.now();
    },
  };
}
