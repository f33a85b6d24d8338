import { randomUUID } from 'node:crypto';
import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { identityCodes } from '../../../lib/auth/policy.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import { checkImplementationCode } from '../../../lib/codes/implementationCode.ts';
import { badUserInput } from '../../../lib/errors.ts';
import type { Context } from '../context.ts';
import type { ComplaintInput } from '../generated/resolvers-types.ts';
import { caseNumberOf, text, usccOf } from '../workflow/input.ts';
import { nextNumber } from '../workflow/numbers.ts';
import { caseTarget } from '../workflow/target.ts';
import { actorOf, stepOf } from '../workflow/machine.ts';
import { RECEIVE, type ComplaintModel } from './model.ts';
import { insertComplaint } from './repository.ts';

const MAX_NAME = 100;

/** A mainland mobile (13800138000) or a landline with its area code (0916-3221005, 09163221005). */
const PHONES = [/^1[3-9]\d{9}$/, /^0\d{2,3}-?\d{7,8}$/];

export function complainantPhoneOf(field: string, value: string): string {
  const phone = value.replace(/\s+/g, '');
  if (!PHONES.some((pattern) => pattern.test(phone))) {
    throw badUserInput(field, 'should be a mainland mobile number (11 digits, 1[3-9]…) or a landline with its area code', 'e.g. 13800138000 or 0916-3221005');
  }
  return phone;
}

type Subject = Pick<ComplaintModel, 'subjectKind' | 'caseNumber' | 'agency' | 'region' | 'implementationCode' | 'itemType'>;

/** Only the field of the subject kind chosen: a complaint is about one thing. */
function onlyFieldOf(input: ComplaintInput): void {
  const fields = { CASE: 'caseNumber', AGENCY: 'agency', GUIDE: 'implementationCode' } as const;
  for (const [kind, field] of Object.entries(fields)) {
    const given = input[field] !== null && input[field] !== undefined;
    if (kind === input.subjectKind && !given) throw badUserInput(`input.${field}`, `is required for a complaint about a ${kind.toLowerCase()}`);
    if (kind !== input.subjectKind && given) throw badUserInput(`input.${field}`, `is given with subjectKind ${kind} only`);
  }
}

/**
 * What the complaint is about, and so the agency it goes to: a case (its agency; a person online
 * complains only about a case they applied for, or their agent did), an agency, or a guide (its agency).
 */
async function subjectOf(context: Context, input: ComplaintInput, principal: Principal): Promise<Subject> {
  onlyFieldOf(input);
  switch (input.subjectKind) {
    case 'CASE': {
      const caseNumber = caseNumberOf('input.caseNumber', input.caseNumber!);
      const target = await caseTarget(context, caseNumber);
      const own = principal.kind === 'AUDITOR' || (target !== null && identityCodes(principal).some((code) => target.parties.includes(code)));
      // A case that is not theirs is refused as an unknown one: complaining must not reveal which cases exist.
      if (target === null || !own) throw badUserInput('input.caseNumber', principal.kind === 'AUDITOR' ? `no case ${caseNumber}` : `no case ${caseNumber} that you applied for`);
      return { subjectKind: 'CASE', caseNumber, agency: target.agency, region: target.region, implementationCode: target.implementationCode, itemType: target.itemType };
    }
    case 'AGENCY': {
      const agency = usccOf('input.agency', input.agency!);
      if ((await context.sources.catalog.agencyName(agency)) === null) throw badUserInput('input.agency', `no agency ${agency} in the catalog`);
      // A USCC's characters 3–8 are the 行政区划 of the authority that registered the agency.
      return { subjectKind: 'AGENCY', caseNumber: null, agency, region: agency.slice(2, 8), implementationCode: null, itemType: null };
    }
    case 'GUIDE': {
      const code = input.implementationCode!;
      const check = checkImplementationCode(code);
      if (!check.ok) throw badUserInput('input.implementationCode', check.reason);
      const guide = await context.sources.catalog.guide(code);
      if (guide === null) throw badUserInput('input.implementationCode', `no guide ${code} in the catalog`);
      return { subjectKind: 'GUIDE', caseNumber: null, agency: guide.agency, region: code.slice(0, 6), implementationCode: code, itemType: guide.itemType };
    }
  }
}

/** Who complains: the person signed in (ONLINE), or whom the auditor names (PHONE, ON_SITE). */
function complainantOf(input: ComplaintInput, principal: Principal): Pick<ComplaintModel, 'complainantSubject' | 'complainantCodes' | 'complainantName'> {
  if (input.channel === 'ONLINE') {
    if (principal.kind === 'AUDITOR') throw badUserInput('input.channel', 'an auditor records PHONE and ON_SITE complaints; an ONLINE complaint is filed by the complainant signed in');
    if (input.complainantName != null) throw badUserInput('input.complainantName', 'an ONLINE complaint is the signed-in person’s; omit the name');
    return { complainantSubject: principal.subject, complainantCodes: identityCodes(principal), complainantName: principal.name ?? principal.subject };
  }
  if (principal.kind !== 'AUDITOR') throw badUserInput('input.channel', 'a complaint filed by the complainant signed in is ONLINE; PHONE and ON_SITE ones are recorded by an auditor');
  return { complainantSubject: null, complainantCodes: [], complainantName: text('input.complainantName', input.complainantName, true, MAX_NAME)! };
}

/** 投诉: a person online about their case, an agency or a guide; or an auditor recording a call or a visit. */
export async function fileComplaint(context: Context, input: ComplaintInput): Promise<ComplaintModel> {
  const { identity } = context;
  const { principal } = identity;
  authorize(principal, 'complaint.file');
  const complainant = complainantOf(input, principal);
  const complainantPhone = input.complainantPhone == null ? null : complainantPhoneOf('input.complainantPhone', input.complainantPhone);
  const content = text('input.content', input.content, true)!;
  const subject = await subjectOf(context, input, principal);
  const now = context.now();
  const at = now.toISOString();
  const actor = actorOf(principal);
  const id = randomUUID();
  return context.store.transaction(async (tx) => {
    const complaint: ComplaintModel = {
      id,
      number: await nextNumber(tx, 'TS', now),
      channel: input.channel,
      ...subject,
      ...complainant,
      complainantPhone,
      content,
      recordedBy: actor.subject,
      receivedAt: at,
      state: 'RECEIVED',
      answerDueOn: null,
      calendarVersion: null,
      answer: null,
      answeredAt: null,
      satisfied: null,
      closedAt: null,
      version: 1,
    };
    await insertComplaint(tx, complaint, stepOf(RECEIVE.action, RECEIVE.name, null, 'RECEIVED', actor, null, at));
    await appendAccess(tx, identity, { action: 'WRITE', resourceType: 'complaint', resourceId: id, fields: ['complainantName', ...(complainantPhone ? ['complainantPhone'] : [])] }, context.now);
    return complaint;
  });
}
