import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../../lib/outbox/outbox.ts';
import type { ApplicationMessage, DepartmentDelivery } from '../../subgraphs/cases/datasources/departments.ts';
import { HOTEL_GUIDE, MATERIALS, POLICE } from '../support/applications.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 统一受理: an application for an agency that works cases in its own system is delivered to that
 * system from the cases subgraph's outbox, at least once, with a stable message id; failures are
 * retried, a department's refusal or exhausted attempts dead-letter it, and an administrator can
 * see and redrive it. The department is a fake here (adapters/departments tests the SOAP client).
 */
const received: ApplicationMessage[] = [];
let failuresLeft = 0;
let refuse = false;
const police: DepartmentDelivery = {
  hasSystem: (agency) => agency === POLICE,
  async deliver(message) {
    if (refuse) throw new PermanentDeliveryError('Client.BAD_FIELD: CaseNumber');
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('department system did not answer');
    }
    received.push(message);
  },
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ departments: police, env: { OUTBOX_RETRY_BASE_MS: '20', OUTBOX_MAX_ATTEMPTS: '3' } });
}, 120_000);
afterAll(async () => stack?.close());

const submit = async (clientRequestId: string) => {
  const { body } = await stack.graphql(
    'mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber } }',
    { input: { implementationCode: HOTEL_GUIDE, clientRequestId, materials: MATERIALS, formData: { 旅馆名称: '汉江客栈' } } },
    { as: 'wangfang' },
  );
  return body.data.submitApplication.caseNumber as string;
};
const deliveries = async (state?: string) =>
  (await stack.graphql('query($s: DeliveryState) { applicationDeliveries(state: $s) { caseNumber state attempts lastError agency { uscc } } }', { s: state ?? null }, { as: 'catalog-madong' })).body;

describe('delivering applications to departmental systems', () => {
  it('delivers an application with its applicant, forms and material digests, retrying until the department answers', async () => {
    failuresLeft = 2;
    const caseNumber = await submit('delivery-1');
    await expect.poll(() => received.some((message) => message.caseNumber === caseNumber), { timeout: 5_000, interval: 20 }).toBe(true);
    const message = received.find((entry) => entry.caseNumber === caseNumber)!;
    expect(message).toMatchObject({ messageId: `application-${caseNumber}`, agency: POLICE, implementationCode: HOTEL_GUIDE, applicant: { name: '王芳' }, formData: { 旅馆名称: '汉江客栈' } });
    expect(message.materials).toHaveLength(6);
    expect(message.materials[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { data } = await deliveries();
    expect(data.applicationDeliveries.find((row: { caseNumber: string }) => row.caseNumber === caseNumber)).toMatchObject({ state: 'DELIVERED', attempts: 3 });
  });

  it('dead-letters a refused delivery, shows it to administrators only, and redelivers it with the same message id', async () => {
    refuse = true;
    const caseNumber = await submit('delivery-2');
    await expect.poll(async () => (await deliveries('DEAD')).data.applicationDeliveries.map((row: { caseNumber: string }) => row.caseNumber), { timeout: 5_000, interval: 20 }).toContain(caseNumber);
    const dead = (await deliveries('DEAD')).data.applicationDeliveries.find((row: { caseNumber: string }) => row.caseNumber === caseNumber);
    expect(dead).toMatchObject({ attempts: 1, lastError: 'Client.BAD_FIELD: CaseNumber', agency: { uscc: POLICE } });
    const staff = await stack.graphql('{ applicationDeliveries { caseNumber } }', {}, { as: 'police-zhangwei' });
    expect(staff.body.errors[0].extensions.code).toBe('FORBIDDEN');

    refuse = false;
    const redriven = await stack.graphql('mutation($n: ID!) { redeliverApplication(caseNumber: $n) { state attempts } }', { n: caseNumber }, { as: 'catalog-madong' });
    expect(redriven.body.errors).toBeUndefined();
    await expect.poll(() => received.filter((message) => message.caseNumber === caseNumber).length, { timeout: 5_000, interval: 20 }).toBe(1);
    expect(received.find((message) => message.caseNumber === caseNumber)!.messageId).toBe(`application-${caseNumber}`);
    const again = await stack.graphql('mutation($n: ID!) { redeliverApplication(caseNumber: $n) { state } }', { n: caseNumber }, { as: 'catalog-madong' });
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });

  it('delivers nothing for an agency that works in Tongban', async () => {
    // 建筑工程施工许可证核发 of 勉县住房和城乡建设局, which has no system of its own here.
    const guide = '610725000000TB7250126102';
    const { body: catalog } = await stack.graphql('query($c: ID!) { serviceGuide(implementationCode: $c) { item { materials { id requirement } } } }', { c: guide });
    const materials = catalog.data.serviceGuide.item.materials
      .filter((material: { requirement: string }) => material.requirement === 'REQUIRED')
      .map((material: { id: string }) => ({ ...MATERIALS[0]!, materialId: material.id }));
    const { body } = await stack.graphql(
      'mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber } }',
      { input: { implementationCode: guide, clientRequestId: 'delivery-housing', materials } },
      { as: 'wangfang' },
    );
    expect(body.errors).toBeUndefined();
    const housingCase = body.data.submitApplication.caseNumber;
    const all = (await deliveries()).data.applicationDeliveries.map((row: { caseNumber: string }) => row.caseNumber);
    expect(all).toHaveLength(2);
    expect(all).not.toContain(housingCase);
  });
});
