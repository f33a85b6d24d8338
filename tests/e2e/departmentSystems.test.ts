import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATERIALS } from '../support/applications.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * What a newcomer sees with `npm start`: an application for an item of 勉县住房和城乡建设局, whose
 * cases are worked in its own (here simulated) system, is delivered to that system; the system
 * accepts, reviews, decides and completes it, pushing every step back over CaseExchange (SOAP);
 * the case reaches its result in the graph, and the auditor sees the envelope behind each record.
 */
const GUIDE = '610725000000TB7250126102';
const HOUSING = '11610725TB72501263';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => stack?.close());

describe('a case worked in a departmental system', () => {
  it('is delivered, worked and completed by the department over SOAP, every step in the graph', async () => {
    expect(stack.legacySim).not.toBeNull();
    const { body: catalog } = await stack.graphql('query($c: ID!) { serviceGuide(implementationCode: $c) { item { materials { id requirement } } } }', { c: GUIDE });
    const materials = catalog.data.serviceGuide.item.materials
      .filter((material: { requirement: string }) => material.requirement === 'REQUIRED')
      .map((material: { id: string }) => ({ ...MATERIALS[0]!, materialId: material.id }));
    const { body } = await stack.graphql(
      'mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber } }',
      { input: { implementationCode: GUIDE, clientRequestId: 'dept-1', materials } },
      { as: 'wangfang' },
    );
    expect(body.errors).toBeUndefined();
    const caseNumber = body.data.submitApplication.caseNumber as string;

    const state = async () => (await stack.graphql('query($n: ID!) { case(caseNumber: $n) { state } }', { n: caseNumber }, { as: 'wangfang' })).body.data.case.state;
    await expect.poll(state, { timeout: 60_000, interval: 250 }).toBe('COMPLETED');
    await stack.cases.outbox.drain();

    const history = await stack.graphql(
      `query($n: ID!) { case(caseNumber: $n) {
        records { action channel actorKind sourceMessageId agency { uscc } evidence { messageId status sha256 envelope } }
        result { kind documentNumber }
      } }`,
      { n: caseNumber },
      { as: 'auditor-hejing' },
    );
    expect(history.body.errors).toBeUndefined();
    const records = history.body.data.case.records;
    const pushed = records.filter((record: { channel: string }) => record.channel === 'SOAP');
    expect(pushed.map((record: { action: string }) => record.action)).toEqual(['ACCEPT', 'START_STEP', 'COMPLETE_STEP', 'START_STEP', 'DECIDE', 'COMPLETE']);
    for (const record of pushed) {
      expect(record).toMatchObject({ actorKind: 'DEPARTMENT_SYSTEM', agency: { uscc: HOUSING } });
      expect(record.evidence).toMatchObject({ messageId: record.sourceMessageId, status: 'APPLIED' });
      expect(record.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(record.evidence.envelope).toContain(caseNumber);
    }
    expect(history.body.data.case.result).not.toBeNull();
  }, 90_000);

  it('serves the CaseExchange WSDL through the gateway, addressed at the gateway', async () => {
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/soap/CaseExchange?wsdl'));
    expect(response.status).toBe(200);
    const wsdl = await response.text();
    expect(wsdl).toContain('PushAcceptance');
    expect(wsdl).toContain('/soap/CaseExchange');
  });

  it('answers a SOAP request without credentials with a Fault, through the gateway', async () => {
    const envelope = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x/></soap:Body></soap:Envelope>`;
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/soap/CaseExchange'), {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:tongban:case-exchange:1/PushAcceptance"' },
      body: envelope,
    });
    expect([400, 500]).toContain(response.status);
    expect(await response.text()).toContain('Fault');
  });
});
