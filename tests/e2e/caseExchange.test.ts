import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient, ServiceCallError, type ServiceClient } from '../../lib/http/serviceClient.ts';
import { HOTEL_GUIDE, MATERIALS, POLICE } from '../support/applications.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * The cases subgraph's side of CaseExchange: records a departmental system pushed, passed on by
 * the exchange service as itself. They go through the same state machine as staff's acts, are
 * idempotent on the message id, and keep it in the process record.
 */
const EXCHANGE = /* GraphQL */ `
  mutation($input: ExchangeRecordInput!) { exchangeCaseRecord(input: $input) { outcome caseNumber caseVersion recordVersion } }
`;
const POLICE_SYSTEM = { agency: POLICE, clientId: 'dept-610725-police' };
const HOUSING_SYSTEM = { agency: '11610725TB72501263', clientId: 'dept-610725-housing' };

let stack: Stack;
let exchange: ServiceClient;
let caseNumber: string;

beforeAll(async () => {
  stack = await startStack();
  exchange = await createServiceClient({ caller: 'exchange', callee: 'cases', url: stack.cases.url, signingKey: stack.exchangeKey!, timeoutMs: 5_000 });
  const { body } = await stack.graphql(
    'mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber } }',
    { input: { implementationCode: HOTEL_GUIDE, clientRequestId: 'exchange-1', materials: MATERIALS } },
    { as: 'wangfang' },
  );
  caseNumber = body.data.submitApplication.caseNumber;
}, 120_000);
afterAll(async () => {
  await exchange?.close();
  await stack?.close();
});

const push = (messageId: string, action: string, fields: Record<string, unknown> = {}, department = POLICE_SYSTEM) =>
  exchange.request<{ exchangeCaseRecord: { outcome: string; caseVersion: number; recordVersion: number } }>(EXCHANGE, {
    input: { messageId, department, caseNumber, action, occurredAt: new Date().toISOString(), handler: { id: 'P-0012', name: '赵警官' }, ...fields },
  });

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ServiceCallError);
  return error as ServiceCallError;
};

describe('records pushed by a departmental system', () => {
  it('applies an acceptance through the state machine and keeps the message id with the record', async () => {
    const { exchangeCaseRecord } = await push('police-msg-1', 'ACCEPT', { opinion: '材料齐全' });
    expect(exchangeCaseRecord).toMatchObject({ outcome: 'APPLIED', caseVersion: 2, recordVersion: 2 });
    const { body } = await stack.graphql('query($n: ID!) { case(caseNumber: $n) { state records { action channel actorKind handlerName sourceMessageId } } }', { n: caseNumber }, { as: 'auditor-hejing' });
    expect(body.data.case.state).toBe('ACCEPTED');
    expect(body.data.case.records[1]).toEqual({ action: 'ACCEPT', channel: 'SOAP', actorKind: 'DEPARTMENT_SYSTEM', handlerName: '赵警官', sourceMessageId: 'police-msg-1' });
  });

  it('answers a repeated message with the record it produced, changing nothing', async () => {
    const { exchangeCaseRecord } = await push('police-msg-1', 'ACCEPT', { opinion: '材料齐全' });
    expect(exchangeCaseRecord).toMatchObject({ outcome: 'DUPLICATE', caseVersion: 2, recordVersion: 2 });
  });

  it('refuses what the state machine refuses, a foreign agency, and a missing handler', async () => {
    expect((await refusal(push('police-msg-2', 'DECIDE', { decision: 'APPROVE', opinion: '准予' }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await refusal(push('housing-msg-1', 'START_STEP', { step: 'REVIEW' }, HOUSING_SYSTEM))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
    const noHandler = await refusal(exchange.request(EXCHANGE, { input: { messageId: 'police-msg-3', department: POLICE_SYSTEM, caseNumber, action: 'START_STEP', step: 'REVIEW', occurredAt: new Date().toISOString() } }));
    expect(noHandler.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.handler' });
  });

  it('is refused to anyone but the exchange service', async () => {
    const response = await stack.graphql(`mutation { exchangeCaseRecord(input: { messageId: "x", department: { agency: "${POLICE}", clientId: "c" }, caseNumber: "${caseNumber}", action: ACCEPT, occurredAt: "2026-01-01T00:00:00Z" }) { outcome } }`, {}, { as: 'police-zhangwei' });
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
