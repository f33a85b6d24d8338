import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { ANONYMOUS } from '../../../lib/auth/principal.ts';
import { checkUscc } from '../../../lib/codes/uscc.ts';
import { badUserInput, forbidden } from '../../../lib/errors.ts';
import type { Context } from '../context.ts';
import type { Action } from '../domain/actions.ts';
import { standingOf, type Actor } from '../domain/actor.ts';
import { noSuchCase } from '../errors.ts';
import { computeTransition, type CaseActionInput } from './act.ts';
import { awaitSupervision } from '../supervision/aftermath.ts';
import { commitTransition } from './commit.ts';

/** What the exchange service passes on for one CaseExchange message (adapters/README.md). */
export interface ExchangeRecordInput extends Omit<CaseActionInput, 'expectedVersion' | 'uploads' | 'occurredAt'> {
  messageId: string;
  department: { agency: string; clientId: string };
  caseNumber: string;
  action: Action;
  occurredAt: string;
}

export interface ExchangeRecordResult {
  outcome: 'APPLIED' | 'DUPLICATE';
  caseNumber: string;
  caseVersion: number;
  recordVersion: number;
}

const MESSAGE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** A staff member acting at the same moment can win the race for the version; the push then tries again. */
const ATTEMPTS = 3;

/**
 * A record pushed by a departmental system over CaseExchange (the exchange service calls this as
 * itself, on behalf of the department). The department is the actor, so the state machine decides
 * exactly as for the agency's staff; idempotent on the message id, which the record keeps.
 */
export async function exchangeCaseRecord(context: Context, input: ExchangeRecordInput): Promise<ExchangeRecordResult> {
  const { principal } = context.identity;
  authorize(principal, 'case.exchange');
  if (principal.subject !== 'exchange') throw forbidden('exchangeCaseRecord is for the exchange service');
  if (!MESSAGE_ID.test(input.messageId)) throw badUserInput('input.messageId', 'should be 1–64 letters, digits or . _ : -');
  const agency = checkUscc(input.department.agency);
  if (!agency.ok) throw badUserInput('input.department.agency', agency.reason);

  for (let attempt = 1; ; attempt += 1) {
    const earlier = await context.repository.recordByMessageId(input.messageId);
    if (earlier !== null) return duplicate(context, input, earlier.caseNumber, earlier.version);

    const [row] = await context.repository.casesByNumber([input.caseNumber]);
    const actor: Actor = { kind: 'DEPARTMENT_SYSTEM', agency: input.department.agency, roles: [], subject: input.department.clientId };
    if (!row || standingOf(row.snapshot, actor) === 'NONE') throw noSuchCase(input.caseNumber);

    const { messageId: _m, department: _d, caseNumber: _c, action, ...fields } = input;
    const { next, record, documents } = computeTransition(row, action, actor, fields, context.now());
    const stored = await commitTransition(context, departmentIdentity(input), row, action, { next, record: { ...record, sourceMessageId: input.messageId } }, { documents }).catch(
      async (error: { code?: string }) => {
        // The same message raced itself (a retry while the first was in flight): one record, the second is a duplicate.
        if (error.code === '23505' && (await context.repository.recordByMessageId(input.messageId)) !== null) return 'duplicate' as const;
        throw error;
      },
    );
    if (stored === 'duplicate') continue;
    if (stored) {
      // The department's receipt follows this answer: supervision has judged the record by then.
      await awaitSupervision(context, input.caseNumber, next.version);
      context.loaders.caseByNumber.clear(input.caseNumber);
      context.loaders.recordsByCase.clear(input.caseNumber);
      return { outcome: 'APPLIED', caseNumber: input.caseNumber, caseVersion: next.version, recordVersion: record.version };
    }
    if (attempt >= ATTEMPTS) throw badUserInput('input.caseNumber', 'the case kept changing while the record was applied; push it again');
  }
}

async function duplicate(context: Context, input: ExchangeRecordInput, caseNumber: string, recordVersion: number): Promise<ExchangeRecordResult> {
  if (caseNumber !== input.caseNumber) throw badUserInput('input.messageId', `was already used for a record of case ${caseNumber}`);
  const [row] = await context.repository.casesByNumber([caseNumber]);
  return { outcome: 'DUPLICATE', caseNumber, caseVersion: row!.version, recordVersion };
}

/** The access log names the department that pushed, with the message it pushed. */
function departmentIdentity(input: ExchangeRecordInput): InternalIdentity {
  return {
    principal: { ...ANONYMOUS, kind: 'DEPARTMENT_SYSTEM', subject: input.department.clientId, agency: input.department.agency },
    meta: { clientIp: null, purpose: `CaseExchange ${input.messageId}` },
  };
}
