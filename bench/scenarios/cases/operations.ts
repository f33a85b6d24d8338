import { checkOnce, CorrectnessError, type GraphQLOperation } from '../../lib/graphql.ts';

/**
 * The GraphQL the cases scenario sends, and the small steps built on it (submit, act). Every step
 * goes through checkOnce: a refusal while preparing the data is a correctness failure, not a figure.
 */

/** 旅馆业特种行业许可证核发, 勉县公安局: the license item tests/e2e/cases.test.ts files. */
export const LICENSE_GUIDE = '610725000000TB7250054102';

/** A minimal well-formed PDF: submitApplication checks the first bytes against the declared type. */
export const PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

export interface MaterialUpload {
  materialId: string;
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/** Every required material of the license guide except M05, which it allows to defer (容缺), as the e2e test sends. */
export const LICENSE_MATERIALS: readonly MaterialUpload[] = ['M01', 'M02', 'M03', 'M04', 'M06', 'M07'].map((materialId) => pdf(materialId));

export function pdf(materialId: string): MaterialUpload {
  return { materialId, fileName: `${materialId}.pdf`, contentType: 'application/pdf', contentBase64: PDF_BASE64 };
}

export const SUBMIT = `mutation BenchSubmit($input: ApplicationInput!) {
  submitApplication(input: $input) { caseNumber receiptNumber submittedAt guideVersion received deferred replayed case { state kind version } }
}`;

export const ACT = `mutation BenchAct($caseNumber: ID!, $action: CaseAction!, $input: CaseActionInput!) {
  actOnCase(caseNumber: $caseNumber, action: $action, input: $input) { case { state version } record { version action } }
}`;

/** What an auditor (电子监察) reads of one case: the whole history, as the e2e test's auditor does and more. */
export const HISTORY = `query BenchCaseHistory($n: ID!) {
  case(caseNumber: $n) {
    caseNumber state version
    guideVersion { number guide { name } }
    applicant { name idNumber }
    records { version action actionName stepName stepStatus handlerId handlerName opinion occurredAt agency { uscc } suspension decision result }
    specialProcedures { kind kindName reason startedAt endedAt outcome countsAgainstLimit }
    deadlines { legal { due overdue remainingWorkingDays suspendedDays } promised { due overdue overdueWorkingDays suspendedDays } steps { stepName deadline { due } } }
    materials { materialId name size sha256 }
    result { kind kindName documentName documentNumber deliveryMethod opinion completedAt }
  }
}`;

/** 结果反馈 as a citizen's status page asks it: no sign-in, case number and ID number. */
export const STATUS = `query BenchCaseStatus($n: String!, $id: String!) {
  caseStatus(caseNumber: $n, idNumber: $id) {
    caseNumber name state stateName agency { uscc name } submittedAt acceptedAt
    timeline { stepName stepStatusName occurredAt }
    result { kind kindName }
  }
}`;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function submitOperation(implementationCode: string, clientRequestId: string, materials: readonly MaterialUpload[] = LICENSE_MATERIALS): GraphQLOperation {
  return {
    operationName: 'BenchSubmit',
    query: SUBMIT,
    variables: { input: { implementationCode, clientRequestId, materials, formData: { 旅馆名称: '汉江客栈', 床位数: 24 } } },
  };
}

export interface Receipt {
  caseNumber: string;
  replayed: boolean;
  case: { state: string; kind: string; version: number };
}

export async function submit(target: string, url: string, token: string, operation: GraphQLOperation): Promise<Receipt> {
  const data = (await checkOnce(target, url, operation, bearer(token))) as { submitApplication?: Receipt };
  const receipt = data.submitApplication;
  if (!receipt || receipt.replayed !== false || receipt.case?.state !== 'SUBMITTED' || receipt.case.version !== 1) {
    throw new CorrectnessError(target, `submitApplication answered ${JSON.stringify(receipt ?? null)}; expected a new SUBMITTED case at version 1`);
  }
  return receipt;
}

/** One transition through the gateway as `token`'s holder; returns the case's new version. */
export async function act(
  url: string,
  token: string,
  caseNumber: string,
  action: string,
  version: number,
  input: Record<string, unknown> = {},
): Promise<number> {
  const operation = { operationName: 'BenchAct', query: ACT, variables: { caseNumber, action, input: { expectedVersion: version, ...input } } };
  const data = (await checkOnce(`actOnCase ${action}`, url, operation, bearer(token))) as {
    actOnCase?: { case: { version: number }; record: { version: number; action: string } };
  };
  const done = data.actOnCase;
  if (!done || done.case.version !== version + 1 || done.record.version !== version + 1) {
    throw new CorrectnessError(`actOnCase ${action}`, `on ${caseNumber} at version ${version}: answered ${JSON.stringify(done ?? null)}`);
  }
  return done.case.version;
}
