import { createHash } from 'node:crypto';
import { authorize } from '../../../lib/auth/authorize.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { canonicalJson } from '../../../lib/canonicalJson.ts';
import { checkImplementationCode } from '../../../lib/codes/implementationCode.ts';
import { badUserInput, forbidden } from '../../../lib/errors.ts';
import type { Context } from '../context.ts';
import type { GuideTerms } from '../datasources/catalog.ts';
import { actorFromPrincipal } from '../domain/actor.ts';
import { CaseSequenceOverflowError, caseNumberYear, formatCaseNumber } from '../domain/caseNumber.ts';
import { openCase } from '../domain/openCase.ts';
import type { ApplicationChannel, Party } from '../domain/processRecord.ts';
import type { CaseKind } from '../domain/states.ts';
import { refusalError } from '../errors.ts';
import type { CaseRow, MaterialFile } from '../repository.ts';
import { enqueue } from '../../../lib/outbox/outbox.ts';
import { DELIVERY_TOPIC, type ApplicationMessage } from '../datasources/departments.ts';
import type { CaseSnapshot } from '../domain/processRecord.ts';
import { awaitSupervision } from '../supervision/aftermath.ts';
import { caseObservation, observationKey, SUPERVISION_TOPIC } from '../supervision/observation.ts';
import { checkUploads, deferredMaterials, missingMaterials, type MaterialUploadInput } from './materials.ts';

export interface ApplicationInput {
  implementationCode: string;
  clientRequestId: string;
  applicant?: Party | null;
  formData?: Record<string, unknown> | null;
  forms?: string[] | null;
  materials: MaterialUploadInput[];
  channel?: ApplicationChannel | null;
  /** 办件类型: at the window only. */
  kind?: CaseKind | null;
}

export interface SubmissionReceipt {
  caseNumber: string;
  row: CaseRow;
  receiptNumber: string;
  submittedAt: string;
  guideVersion: number;
  received: string[];
  deferred: string[];
  replayed: boolean;
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Form data is a filled-in form, not a document store; files go in as materials. */
const MAX_FORM_DATA_BYTES = 65_536;

/**
 * 网上申请. Everything is checked before anything is written: the guide in force, the applicant,
 * the files against the guide's material list (容缺 only where the guide allows), the form data.
 * The case number is taken from its sequence only then, and the case, its first process record,
 * its files and the access-log entry are written in one transaction.
 */
export async function submitApplication(context: Context, input: ApplicationInput): Promise<SubmissionReceipt> {
  const { principal } = context.identity;
  authorize(principal, 'case.submit');

  if (!CLIENT_REQUEST_ID.test(input.clientRequestId)) {
    throw badUserInput('input.clientRequestId', 'should be 1–64 letters, digits or . _ : -');
  }
  const requestSha256 = createHash('sha256').update(canonicalJson(input)).digest('hex');
  const earlier = await context.repository.bySubmission(principal.subject, input.clientRequestId);
  if (earlier !== null) return replay(earlier, requestSha256);

  const code = checkImplementationCode(input.implementationCode);
  if (!code.ok) throw badUserInput('input.implementationCode', code.reason);
  const guide = await context.catalog.guideTerms(input.implementationCode);
  if (guide === null || guide.status !== 'ACTIVE') {
    throw badUserInput('input.implementationCode', 'no guide with this implementation code is in force');
  }

  const atWindow = principal.kind === 'STAFF';
  const parties = atWindow ? windowParties(input.applicant ?? null) : partiesOf(principal, input.applicant ?? null);
  const kind = caseKindOf(guide, atWindow, input.kind ?? null);
  const uploads = checkUploads(input.materials, guide.materials, context.materialMaxBytes, 'input.materials');
  if ('reason' in uploads) throw badUserInput(uploads.field, uploads.reason);
  const missing = missingMaterials(new Set(uploads.files.map((file) => file.materialId)), guide.materials, 'input.materials');
  if ('reason' in missing) throw badUserInput(missing.field, missing.reason);
  const formData = input.formData ?? null;
  if (formData !== null && Buffer.byteLength(JSON.stringify(formData)) > MAX_FORM_DATA_BYTES) {
    throw badUserInput('input.formData', `should be at most ${MAX_FORM_DATA_BYTES} bytes of JSON`);
  }

  const submittedAt = context.now();
  const year = caseNumberYear(submittedAt);
  let caseNumber: string;
  try {
    caseNumber = formatCaseNumber(guide.implementationCode, year, await context.repository.nextSequence(guide.implementationCode, year));
  } catch (error) {
    if (error instanceof CaseSequenceOverflowError) {
      throw badUserInput('input.implementationCode', `the case numbers of this implementation for ${year} are exhausted; contact the agency`);
    }
    throw error;
  }

  const actor = actorFromPrincipal(principal)!;
  const opened = openCase(
    {
      caseNumber,
      name: guide.name,
      kind,
      owningAgency: guide.agency,
      participatingAgencies: guide.jointAgencies,
      applicant: parties.applicant,
      agent: parties.agent,
      application: {
        channel: input.channel ?? (atWindow ? 'WINDOW' : 'ONLINE'),
        submittedAt: submittedAt.toISOString(),
        forms: [...(input.forms ?? [])],
        materials: [...new Set(uploads.files.map((file) => file.name))],
      },
      promisedLimit: guide.promisedLimit,
    },
    actor,
    { channel: atWindow ? 'WINDOW' : input.channel === 'MOBILE' ? 'MOBILE' : 'ONLINE' },
  );
  if (!opened.ok) throw refusalError(opened);

  try {
    await context.store.transaction(async (tx) => {
      const recordedAt = await context.repository.insertCase(tx, {
        snapshot: opened.snapshot,
        record: opened.record,
        guideTerms: guide,
        formData,
        materials: uploads.files,
        submittedBy: principal.subject,
        clientRequestId: input.clientRequestId,
        requestSha256,
      });
      await enqueue(
        tx,
        SUPERVISION_TOPIC,
        observationKey(caseNumber, opened.snapshot.version),
        caseObservation({ guideTerms: guide, snapshot: opened.snapshot, record: opened.record, recordedAt, acceptedAt: null, deadlines: null }),
      );
      await appendAccess(tx, context.identity, { action: 'WRITE', resourceType: 'case', resourceId: caseNumber, fields: ['applicant', 'agent', 'formData', 'materials'] });
      // 统一受理: in the same transaction, so the department gets every application filed and only those.
      if (context.departments.hasSystem(guide.agency)) {
        await enqueue(tx, DELIVERY_TOPIC, caseNumber, applicationMessage(opened.snapshot, guide, formData, uploads.files));
      }
    });
  } catch (error) {
    // Two retries of one submission raced; the one that lost answers with the winner's case.
    if ((error as { code?: string }).code === '23505') {
      const winner = await context.repository.bySubmission(principal.subject, input.clientRequestId);
      if (winner !== null) return replay(winner, requestSha256);
    }
    throw error;
  }
  await awaitSupervision(context, caseNumber, opened.snapshot.version);
  const [row] = await context.repository.casesByNumber([caseNumber]);
  return receiptOf(row!, missing.deferred, false);
}

/**
 * Online applications are 即办件 or 承诺件 as the guide says, 联办件 where the guide names joint
 * agencies. The window may classify an application as 上报件 (decided by a higher agency) or 补办件;
 * a joint item stays joint whoever files it.
 */
const WINDOW_KINDS: readonly CaseKind[] = ['ESCALATED', 'SUPPLEMENTARY'];

function caseKindOf(guide: GuideTerms, atWindow: boolean, given: CaseKind | null): CaseKind {
  const byGuide: CaseKind = guide.jointAgencies.length > 0 ? 'JOINT' : guide.caseKind;
  if (given === null || given === byGuide) return byGuide;
  if (!atWindow) throw badUserInput('input.kind', 'is set by the window only; an online application takes the guide’s kind');
  if (byGuide === 'JOINT') throw badUserInput('input.kind', 'this item is handled jointly (联办件) by its agencies');
  if (!WINDOW_KINDS.includes(given)) throw badUserInput('input.kind', `the window files ${WINDOW_KINDS.join(' or ')}, or the guide’s ${byGuide}`);
  return given;
}

/** 窗口收件: the applicant stands at the window, so staff name them; the state machine checks the ID. */
function windowParties(given: Party | null): { applicant: Party; agent: Party | null } {
  if (given === null) throw badUserInput('input.applicant', 'is required at the window: name the applicant and their ID');
  return { applicant: { ...given }, agent: null };
}

/**
 * The applicant is the signed-in person, or whom an agent acts for (then the agent is recorded
 * too). An applicant given in the input must be one of those: nobody files in a stranger's name.
 */
function partiesOf(principal: Principal, given: Party | null): { applicant: Party; agent: Party | null } {
  const self: Party =
    principal.kind === 'LEGAL_PERSON'
      ? { kind: 'LEGAL_PERSON', name: principal.name ?? '', idType: 'USCC', idNumber: principal.uscc ?? '' }
      : { kind: 'NATURAL_PERSON', name: principal.name ?? '', idType: 'CITIZEN_ID', idNumber: principal.idNumber ?? '' };
  const represented = principal.actingFor;
  const principalParty: Party | null =
    represented === null
      ? null
      : {
          kind: represented.kind,
          name: represented.name,
          idType: represented.kind === 'LEGAL_PERSON' ? 'USCC' : 'CITIZEN_ID',
          idNumber: represented.code,
        };
  const defaultApplicant = principalParty ?? self;
  if (given === null) return { applicant: defaultApplicant, agent: principalParty === null ? null : self };
  if (given.idNumber === self.idNumber) return { applicant: { ...given }, agent: null };
  if (principalParty !== null && given.idNumber === principalParty.idNumber) return { applicant: { ...given }, agent: self };
  throw forbidden('an application is filed for yourself, or for the person or company you act for (代理)');
}

function applicationMessage(snapshot: CaseSnapshot, guide: GuideTerms, formData: Record<string, unknown> | null, files: readonly MaterialFile[]): ApplicationMessage {
  return {
    messageId: `application-${snapshot.caseNumber}`,
    agency: guide.agency,
    caseNumber: snapshot.caseNumber,
    implementationCode: guide.implementationCode,
    itemName: guide.name,
    submittedAt: snapshot.application.submittedAt,
    applicant: snapshot.applicant,
    agent: snapshot.agent,
    forms: snapshot.application.forms,
    materials: files.map((file) => ({ materialId: file.materialId, name: file.name, fileName: file.fileName, contentType: file.contentType, sha256: file.sha256, size: file.content.length })),
    formData,
  };
}

function replay(row: CaseRow, requestSha256: string): SubmissionReceipt {
  if (row.requestSha256 !== requestSha256) {
    throw badUserInput('input.clientRequestId', `was already used for another application (case ${row.caseNumber}); use a new id`);
  }
  return receiptOf(row, deferredMaterials(row.snapshot.application.materials, row.guideTerms.materials), true);
}

function receiptOf(row: CaseRow, deferred: string[], replayed: boolean): SubmissionReceipt {
  return {
    caseNumber: row.caseNumber,
    row,
    receiptNumber: createHash('sha256').update(`${row.caseNumber}\n${row.submittedAt}`).digest('hex').slice(0, 16).toUpperCase(),
    submittedAt: row.submittedAt,
    guideVersion: row.guideVersion,
    received: [...row.snapshot.application.materials],
    deferred,
    replayed,
  };
}
