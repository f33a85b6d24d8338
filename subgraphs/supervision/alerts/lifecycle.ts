import { GraphQLError } from 'graphql';
import { authorize } from '../../../lib/auth/authorize.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import { ERROR_CODES, forbidden } from '../../../lib/errors.ts';
import type { AlertModel, AlertState } from './model.ts';

/**
 * An alert's life: OPEN → ACKNOWLEDGED (签收) → RESOLVED (处置), or OPEN → RESOLVED directly.
 * Staff act on their own agency's alerts; auditors on any. Red alerts are resolved by auditors only:
 * a red card is supervision's finding, not something the agency can close on its own.
 */
export type AlertAction = 'ACKNOWLEDGE' | 'RESOLVE';

const FROM: Readonly<Record<AlertAction, readonly AlertState[]>> = {
  ACKNOWLEDGE: ['OPEN'],
  RESOLVE: ['OPEN', 'ACKNOWLEDGED'],
};

const NAMES: Readonly<Record<AlertAction, string>> = { ACKNOWLEDGE: 'acknowledge', RESOLVE: 'resolve' };

export function illegalTransition(reason: string): GraphQLError {
  return new GraphQLError(`Illegal transition: ${reason}`, { extensions: { code: ERROR_CODES.ILLEGAL_TRANSITION, reason } });
}

/** Throws FORBIDDEN or ILLEGAL_TRANSITION when `principal` may not take `action` on `alert` now. */
export function assertAlertAction(alert: Pick<AlertModel, 'state' | 'colour' | 'agency'>, action: AlertAction, principal: Principal): void {
  authorize(principal, 'supervision.act', { agency: alert.agency });
  if (action === 'RESOLVE' && alert.colour === 'RED' && principal.kind !== 'AUDITOR') throw forbidden('a red alert is resolved by an auditor');
  if (!FROM[action].includes(alert.state)) {
    throw illegalTransition(`${NAMES[action]} is allowed from ${FROM[action].join(' or ')}, and the alert is ${alert.state}`);
  }
}
