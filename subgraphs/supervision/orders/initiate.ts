import { randomUUID } from 'node:crypto';
import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { badUserInput, forbidden } from '../../../lib/errors.ts';
import { chinaDate } from '../../../lib/time.ts';
import type { Context } from '../context.ts';
import type { SupervisionOrderInput } from '../generated/resolvers-types.ts';
import { caseNumberOf, dueAfter, text } from '../workflow/input.ts';
import { INITIATE, type OrderModel } from './model.ts';
import { nextNumber } from '../workflow/numbers.ts';
import { insertOrder } from './repository.ts';
import { caseTarget } from '../workflow/target.ts';
import { actorOf, stepOf } from '../workflow/machine.ts';

const MAX_ANSWER_WORKING_DAYS = 60;
const MAX_OFFICE = 100;

type Subject = Pick<OrderModel, 'agency' | 'region' | 'itemCode' | 'itemName' | 'itemType' | 'caseNumber' | 'alertId'>;

/** What the order is about: the case named, or the alert named (which brings its case and agency). */
async function subjectOf(context: Context, input: SupervisionOrderInput): Promise<Subject> {
  const { caseNumber, alertId } = input;
  if (caseNumber != null && alertId != null) throw badUserInput('input.alertId', 'give caseNumber or alertId, not both (an order on an alert takes the alert’s case)');
  let about: Omit<Subject, 'itemName'> & { knownName: string | null; nameFromCatalog: boolean };
  if (alertId != null) {
    const alert = await context.loaders.alert.load(alertId);
    if (alert === null) throw badUserInput('input.alertId', `no alert ${alertId}`);
    const onCase = alert.implementationCode === null && alert.caseNumber !== null ? await caseTarget(context, alert.caseNumber) : null;
    const itemCode = alert.implementationCode ?? onCase?.implementationCode ?? null;
    if (itemCode === null) throw badUserInput('input.alertId', 'the alert names no item (事项); initiate the order on its case');
    about = { agency: alert.agency, region: alert.region, itemCode, itemType: alert.itemType ?? onCase?.itemType ?? null, caseNumber: alert.caseNumber, alertId: alert.id, knownName: onCase?.itemName ?? null, nameFromCatalog: onCase?.itemNameFromCatalog ?? false };
  } else {
    if (caseNumber == null) throw badUserInput('input.caseNumber', 'give the case supervised, or alertId');
    const target = await caseTarget(context, caseNumberOf('input.caseNumber', caseNumber));
    if (target === null) throw badUserInput('input.caseNumber', `no case ${caseNumber}`);
    about = { agency: target.agency, region: target.region, itemCode: target.implementationCode, itemType: target.itemType, caseNumber, alertId: null, knownName: target.itemName, nameFromCatalog: target.itemNameFromCatalog };
  }
  // 事项名称 (§6(7)) as the catalog names the guide now; what the case was filed under when the catalog no longer has it.
  // caseTarget already asked the catalog when the case was not projected yet: its answer is the same.
  const { knownName, nameFromCatalog, ...rest } = about;
  const itemName = (nameFromCatalog ? null : (await context.sources.catalog.guide(rest.itemCode))?.name) ?? knownName ?? rest.itemCode;
  return { ...rest, itemName };
}

/**
 * 发起督办: an auditor orders the agency responsible for a case (or for what an alert found) to
 * answer within a number of working days. The order waits for a second auditor's review.
 */
export async function initiateOrder(context: Context, input: SupervisionOrderInput): Promise<OrderModel> {
  const { identity } = context;
  authorize(identity.principal, 'supervision.act');
  if (identity.principal.kind !== 'AUDITOR') throw forbidden('a supervision order is initiated by an auditor (监察监控人员)');
  const subject = text('input.subject', input.subject, true)!;
  const supervisingOffice = text('input.supervisingOffice', input.supervisingOffice, false, MAX_OFFICE) ?? context.settings.supervisingOffice;
  const days = input.answerWithinWorkingDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_ANSWER_WORKING_DAYS) {
    throw badUserInput('input.answerWithinWorkingDays', `should be 1–${MAX_ANSWER_WORKING_DAYS} working days`);
  }
  const about = await subjectOf(context, input);
  const now = context.now();
  const at = now.toISOString();
  const { dueOn, calendarVersion } = dueAfter(await context.sources.calendar.current(), chinaDate(now), days);
  const actor = actorOf(identity.principal);
  const id = randomUUID();
  return context.store.transaction(async (tx) => {
    const order: OrderModel = {
      id,
      number: await nextNumber(tx, 'DB', now),
      supervisingOffice,
      ...about,
      subject,
      initiatedBy: actor.subject,
      initiatedByName: actor.name,
      initiatedAt: at,
      answerWithinWorkingDays: days,
      dueOn,
      calendarVersion,
      answeredAt: null,
      closedAt: null,
      state: 'INITIATED',
      result: null,
      version: 1,
    };
    await insertOrder(tx, order, stepOf(INITIATE.action, INITIATE.name, null, 'INITIATED', actor, subject, at));
    await appendAccess(tx, identity, { action: 'WRITE', resourceType: 'supervision_order', resourceId: id, fields: ['action:INITIATE'] }, context.now);
    return order;
  });
}
