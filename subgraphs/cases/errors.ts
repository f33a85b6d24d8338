import { GraphQLError } from 'graphql';
import { badUserInput, ERROR_CODES, forbidden } from '../../lib/errors.ts';
import type { TransitionRefusal } from './domain/outcome.ts';

/**
 * The state machine's refusals as client errors. `prefix` maps the domain's field names onto the
 * GraphQL argument they came in (`opinion` → `input.opinion`).
 */
export function refusalError(refusal: TransitionRefusal, prefix = 'input'): GraphQLError {
  switch (refusal.code) {
    case 'ILLEGAL_TRANSITION':
      return new GraphQLError(`Illegal transition: ${refusal.reason}`, {
        extensions: { code: ERROR_CODES.ILLEGAL_TRANSITION, reason: refusal.reason },
      });
    case 'FORBIDDEN':
      return forbidden(refusal.reason);
    case 'BAD_USER_INPUT':
      return badUserInput(refusal.field === undefined ? prefix : `${prefix}.${refusal.field}`, refusal.reason);
  }
}

/** The same answer for a case that does not exist and one the caller has no standing on: no enumeration. */
export function noSuchCase(caseNumber: string): GraphQLError {
  return badUserInput('caseNumber', `no case ${caseNumber} that you may act on`);
}
