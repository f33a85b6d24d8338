import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, soapHeaders } from '../../adapters/case-exchange/testSupport.ts';
import { ok, sendTo, submitHotelCase } from '../support/caseWork.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * What the cases subgraph and the exchange service tell supervision, through the real stack: every
 * case write arrives as an observation, and a record a departmental system pushed that could not
 * be applied arrives as an exchange report — each before the request that caused it is answered
 * (SUPERVISION_SYNC_WAIT_MS), so the tests read the alerts right after the response: no sleep, no
 * polling.
 */
const ACT = /* GraphQL */ `
  mutation($caseNumber: ID!, $action: CaseAction!, $input: CaseActionInput!) {
    actOnCase(caseNumber: $caseNumber, action: $action, input: $input) { case { state version } record { version action feeYuan } }
  }
`;
const SUPERVISED = /* GraphQL */ `
  query($caseNumber: ID!) {
    case(caseNumber: $caseNumber) {
      alerts { check colour evidence }
      history { kind reference }
    }
  }
`;
const POLICE_SYSTEM = 'dept-610725-police';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 180_000);
afterAll(async () => stack?.close());

/** 王芳 applies for the hotel license, without the hotel's form. */
const fileCase = (clientRequestId: string) => submitHotelCase(sendTo(stack), clientRequestId, { as: 'wangfang', formData: null });

async function supervised(caseNumber: string) {
  return ok(await stack.graphql(SUPERVISED, { caseNumber }, { as: 'auditor-hejing' })).case as { alerts: Array<{ check: string; colour: string; evidence: Record<string, unknown> }>; history: Array<{ kind: string; reference: string }> };
}

describe('the feed from cases and the exchange into supervision', () => {
  it('has a staff acceptance judged by the time actOnCase answers: a fee on a free item is an alert already', async () => {
    const caseNumber = await fileCase('feed-accept');
    // 旅馆业特种行业许可证核发 charges no fee (its guide: 不收费); the window records one anyway.
    const { body } = await stack.graphql(ACT, { caseNumber, action: 'ACCEPT', input: { expectedVersion: 1, opinion: '材料齐全，予以受理', feeYuan: '50' } }, { as: 'police-zhangwei' });
    expect(body.errors).toBeUndefined();
    expect(body.data.actOnCase.record).toEqual({ version: 2, action: 'ACCEPT', feeYuan: '50.00' });

    const { alerts, history } = await supervised(caseNumber);
    expect(alerts.map((alert) => alert.check)).toContain('FEE_NOT_CHARGEABLE');
    expect(history.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['PROCESS_RECORD', 'ALERT_RAISED']));
    expect(history.filter((entry) => entry.kind === 'PROCESS_RECORD').map((entry) => entry.reference)).toEqual(['1', '2']);
    // Supervision took both observations (the submission and the acceptance); none was refused.
    const { rows } = await stack.cases.store.query<{ state: string }>(`SELECT state FROM outbox WHERE topic = 'case.supervision' AND message_key LIKE $1 ORDER BY id`, [`${caseNumber}:%`]);
    expect(rows.map((row) => row.state)).toEqual(['DELIVERED', 'DELIVERED']);
  });

  it('refuses a malformed fee naming the field, and stores nothing', async () => {
    const caseNumber = await fileCase('feed-bad-fee');
    const { body } = await stack.graphql(ACT, { caseNumber, action: 'ACCEPT', input: { expectedVersion: 1, feeYuan: '12.345' } }, { as: 'police-zhangwei' });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.feeYuan' });
    expect((await supervised(caseNumber)).alerts).toEqual([]);
  });

  it('raises DECISION_BEFORE_ACCEPTANCE for a decision pushed over SOAP before the acceptance, by the time the HELD receipt arrives', async () => {
    const caseNumber = await fileCase('feed-soap-decide');
    const messageId = 'feed-decide-1';
    const response = await fetch(stack.exchange.soapUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', ...soapHeaders('PushProcess') },
      body: envelope('PushProcess', {
        MessageId: messageId,
        CaseNumber: caseNumber,
        ImplementationCode: caseNumber.slice(0, 24),
        Action: 'DECIDE',
        OccurredAt: new Date().toISOString(),
        Handler: { Id: 'P-0012', Name: '赵警官' },
        Opinion: '准予许可',
        Decision: 'APPROVE',
      }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(/<(?:\w+:)?Status>([A-Z]+)</.exec(text)?.[1]).toBe('HELD');
    const receiptNumber = /<(?:\w+:)?ReceiptNumber>([^<]+)</.exec(text)?.[1];

    // Right after the SOAP response: no sleep, no polling.
    const { alerts } = await supervised(caseNumber);
    const legality = alerts.filter((alert) => alert.check === 'DECISION_BEFORE_ACCEPTANCE');
    expect(legality).toHaveLength(1);
    expect(legality[0]).toMatchObject({ colour: 'RED', evidence: { messageId, receiptNumber, action: 'DECIDE', status: 'HELD', senderClientId: POLICE_SYSTEM } });
    const { rows } = await stack.exchange.store.query<{ message_key: string; state: string }>('SELECT message_key, state FROM outbox');
    expect(rows).toEqual([{ message_key: `${messageId}:HELD`, state: 'DELIVERED' }]);
  });
});
