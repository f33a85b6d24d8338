import { randomBytes } from 'node:crypto';
import { createClientAsync, WSSecurity, type Client } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { storeKinds } from '../../tests/support/services.ts';
import { MAX_BODY_BYTES, MAX_DEPTH } from './transport.ts';
import {
  acceptance,
  caseNumber,
  encodeGbk,
  envelope,
  gzip,
  HOUSING,
  NS,
  password,
  POLICE,
  recordXml,
  securityHeader,
  soapHeaders,
  startExchangeHarness,
  type ExchangeHarness,
} from './testSupport.ts';

const faultOf = (text: string) => ({
  code: /<faultcode>([^<]*)<\/faultcode>/.exec(text)?.[1] ?? null,
  field: /<ce:Field>([^<]*)<\/ce:Field>/.exec(text)?.[1] ?? null,
});
const statusOf = (text: string) => /<Status>([A-Z]+)<\/Status>/.exec(text)?.[1] ?? null;
const receiptOf = (text: string) => /<ReceiptNumber>([^<]+)<\/ReceiptNumber>/.exec(text)?.[1] ?? null;

const MESSAGES = `query($filter: ExchangeMessageFilter, $first: Int) {
  exchangeMessages(filter: $filter, first: $first) {
    edges { node { messageId sequence operation sender { clientId agency } caseNumber status currentStatus receiptNumber faultCode faultField receivedAt sha256 envelope } }
  }
}`;

describe.each(storeKinds())('CaseExchange on %s', (kind) => {
  let h: ExchangeHarness;
  let client: Client;
  beforeAll(async () => {
    h = await startExchangeHarness(kind, { publicUrl: 'https://tongban.example.gov.cn' });
    for (let i = 1; i <= 20; i++) h.cases.open(caseNumber(i));
    // A real SOAP client built from the served WSDL, as a department's developer would.
    client = await createClientAsync(`${h.soapUrl}?wsdl`, {}, h.soapUrl);
    client.setSecurity(new WSSecurity(POLICE.clientId, password(POLICE.clientId), { passwordType: 'PasswordDigest', hasTimeStamp: true, hasNonce: true }));
  }, 60_000);
  afterAll(async () => h?.close());

  const inboxCount = async () => Number((await h.service.store.query<{ n: number | string }>('SELECT count(*) AS n FROM exchange_inbox')).rows[0]!.n);
  const latest = async () => (await h.graphql(MESSAGES, { first: 1 })).body.data.exchangeMessages.edges[0].node;
  /** Posts and expects a Fault; asserts that only an evidence entry was left. */
  const refused = async (body: string | Buffer, headers: Record<string, string> = soapHeaders('PushAcceptance'), status = 500) => {
    const [inboxBefore, callsBefore] = [await inboxCount(), h.cases.calls];
    const response = await h.post(body, headers);
    expect(response.status).toBe(status);
    expect(await inboxCount()).toBe(inboxBefore);
    expect(h.cases.calls).toBe(callsBefore);
    const entry = await latest();
    const fault = faultOf(response.text);
    expect(entry).toMatchObject({ status: 'REJECTED', faultCode: fault.code });
    return { ...fault, entry };
  };

  describe('a real SOAP client (node-soap, WS-Security PasswordDigest)', () => {
    it('serves the WSDL with the XSD inlined and the address under PUBLIC_URL', async () => {
      const wsdl = await (await fetch(`${h.soapUrl}?wsdl`)).text();
      expect(wsdl).toContain('<soap:address location="https://tongban.example.gov.cn/soap/CaseExchange"/>');
      expect(wsdl).not.toContain('xs:import');
      for (const operation of ['PushAcceptance', 'PushProcess', 'PushSpecialProcedure', 'PushResult', 'PushMaterials', 'Submit']) {
        expect(wsdl).toContain(`<wsdl:operation name="${operation}">`);
      }
      expect(await (await fetch(`${h.soapUrl}?xsd`)).text()).toContain('targetNamespace="urn:tongban:case-exchange:1"');
    });

    it('pushes an acceptance: applied to the case, acknowledged with a receipt after commit', async () => {
      const [response] = await client.PushAcceptanceAsync(acceptance('client-1'));
      expect(response).toMatchObject({ MessageId: 'client-1', Status: 'APPLIED', CaseVersion: 2 });
      expect(response.ReceiptNumber).toMatch(/^CX\d{8}\d{10}$/);
      expect(h.cases.applied.at(-1)).toMatchObject({
        messageId: 'client-1',
        caseNumber: caseNumber(1),
        action: 'ACCEPT',
        occurredAt: '2025-03-10T09:00:00+08:00',
        handler: { id: 'P-0012', name: '赵警官' },
        opinion: '材料齐全，予以受理',
        department: { agency: POLICE.agency, clientId: POLICE.clientId },
      });
      const { rows } = await h.service.store.query('SELECT status, receipt_number FROM exchange_inbox WHERE message_id = $1', ['client-1']);
      expect(rows).toEqual([{ status: 'APPLIED', receipt_number: response.ReceiptNumber }]);
    });

    it('answers a repeated message id with the same payload with the first receipt, changing nothing', async () => {
      const [first] = await client.PushAcceptanceAsync(acceptance('client-dup', caseNumber(2)));
      const calls = h.cases.calls;
      const [again] = await client.PushAcceptanceAsync(acceptance('client-dup', caseNumber(2)));
      expect(again).toMatchObject({ MessageId: 'client-dup', ReceiptNumber: first.ReceiptNumber, Status: 'DUPLICATE', CaseVersion: 2 });
      expect(h.cases.calls).toBe(calls);
      expect(h.cases.applied.filter((message) => message.messageId === 'client-dup')).toHaveLength(1);
    });

    it('gives concurrent deliveries of one message one receipt and one application', async () => {
      const body = () => envelope('PushAcceptance', acceptance('race-1', caseNumber(18)));
      const answers = await Promise.all([1, 2, 3].map(() => h.post(body(), soapHeaders('PushAcceptance'))));
      expect(answers.map((answer) => statusOf(answer.text)).sort()).toEqual(['APPLIED', 'DUPLICATE', 'DUPLICATE']);
      expect(new Set(answers.map((answer) => receiptOf(answer.text))).size).toBe(1);
      expect(h.cases.applied.filter((message) => message.messageId === 'race-1')).toHaveLength(1);
    });

    it('faults the same message id with a different payload', async () => {
      const error = await client.PushAcceptanceAsync(acceptance('client-dup', caseNumber(2), { Opinion: '不同的意见' })).catch((caught: unknown) => caught);
      expect((error as { root: any }).root.Envelope.Body.Fault.faultcode).toBe('soap:Client.DUPLICATE_ID_DIFFERENT_PAYLOAD');
      expect(await latest()).toMatchObject({ messageId: 'client-dup', status: 'REJECTED', faultCode: 'soap:Client.DUPLICATE_ID_DIFFERENT_PAYLOAD', faultField: 'MessageId' });
    });

    it('carries every record kind', async () => {
      const number = caseNumber(3);
      const common = { CaseNumber: number, ImplementationCode: number.slice(0, 24), Handler: { Id: 'P-0012', Name: '赵警官' } };
      await client.PushAcceptanceAsync(acceptance('kinds-1', number));
      const [step] = await client.PushProcessAsync({ MessageId: 'kinds-2', ...common, Action: 'START_STEP', OccurredAt: '2025-03-10T10:00:00+08:00', Step: 'REVIEW' });
      const [hearing] = await client.PushSpecialProcedureAsync({ MessageId: 'kinds-3', ...common, Action: 'SUSPEND', OccurredAt: '2025-03-10T11:00:00+08:00', Suspension: 'HEARING', Reason: '依法举行听证' });
      const [resume] = await client.PushSpecialProcedureAsync({ MessageId: 'kinds-4', ...common, Action: 'RESUME', OccurredAt: '2025-03-11T11:00:00+08:00', Opinion: '听证结束' });
      const [decide] = await client.PushProcessAsync({ MessageId: 'kinds-5', ...common, Action: 'DECIDE', OccurredAt: '2025-03-12T11:00:00+08:00', Decision: 'APPROVE', Opinion: '准予许可', Passed: true });
      const [result] = await client.PushResultAsync({
        MessageId: 'kinds-6', ...common, Action: 'COMPLETE', OccurredAt: '2025-03-13T11:00:00+08:00', Result: 'CERTIFICATE_ISSUED',
        ResultDocument: { Name: '特种行业许可证', Number: 'TH-2025-0001' }, DeliveryMethod: 'POST',
        Attachments: { Attachment: [{ Name: '许可证', Reference: 'certs/1' }, { Name: '决定书', Reference: 'docs/2' }] },
        RiskPoint: { Category: '廉政', Description: '超期办理', Controls: '系统预警' },
      });
      expect([step, hearing, resume, decide, result].map((answer) => answer.Status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
      expect(h.cases.applied.at(-1)).toMatchObject({
        action: 'COMPLETE', result: 'CERTIFICATE_ISSUED', resultDocument: { name: '特种行业许可证', number: 'TH-2025-0001' }, deliveryMethod: 'POST',
        attachments: [{ name: '许可证', reference: 'certs/1' }, { name: '决定书', reference: 'docs/2' }],
        riskPoint: { category: '廉政', description: '超期办理', controls: '系统预警' },
      });
      expect(h.cases.applied.find((message) => message.messageId === 'kinds-5')).toMatchObject({ decision: 'APPROVE', passed: true });
      expect(h.cases.cases.get(number)!.state).toBe('COMPLETED');
    });

    it('carries the fee charged (FeeYuan) to the cases subgraph, and leaves it out when none is given', async () => {
      const [response] = await client.PushAcceptanceAsync(acceptance('fee-1', caseNumber(19), { FeeYuan: '120.50' }));
      expect(response.Status).toBe('APPLIED');
      expect(h.cases.applied.find((message) => message.messageId === 'fee-1')).toMatchObject({ feeYuan: '120.50' });
      expect(h.cases.applied.find((message) => message.messageId === 'client-1')).not.toHaveProperty('feeYuan');
    });
  });

  describe('out-of-order arrival', () => {
    it('holds records that arrive before their predecessor and applies them, in event-time order, once it arrives', async () => {
      const number = caseNumber(4);
      const common = { CaseNumber: number, ImplementationCode: number.slice(0, 24), Handler: { Id: 'P-0012' } };
      const push = async (operation: string, fields: Record<string, unknown>) => {
        const response = await h.post(envelope(operation, { ...common, ...fields }), soapHeaders(operation));
        expect(response.status).toBe(200);
        return response.text;
      };
      // The result first, then the decision, then the step: all before the acceptance.
      const result = await push('PushResult', { MessageId: 'ooo-4', Action: 'COMPLETE', OccurredAt: '2025-03-13T09:00:00+08:00', Result: 'COMPLETED' });
      expect(statusOf(result)).toBe('HELD');
      expect(receiptOf(result)).toMatch(/^CX/);
      expect(result).not.toContain('CaseVersion');
      // Supervision has the report by the time the receipt arrives: no waiting, no polling.
      expect(h.supervision.reports.find((report) => report.messageId === 'ooo-4')).toEqual({
        kind: 'EXCHANGE',
        messageId: 'ooo-4',
        caseNumber: number,
        action: 'COMPLETE',
        occurredAt: '2025-03-13T09:00:00+08:00',
        receivedAt: expect.any(String),
        status: 'HELD',
        reason: 'COMPLETE is not allowed in SUBMITTED',
        senderAgency: POLICE.agency,
        senderClientId: POLICE.clientId,
        receiptNumber: receiptOf(result),
      });
      expect(statusOf(await push('PushProcess', { MessageId: 'ooo-3', Action: 'DECIDE', OccurredAt: '2025-03-12T09:00:00+08:00', Decision: 'APPROVE', Opinion: '准予' }))).toBe('HELD');
      expect(statusOf(await push('PushProcess', { MessageId: 'ooo-2', Action: 'START_STEP', OccurredAt: '2025-03-11T09:00:00+08:00', Step: 'REVIEW' }))).toBe('HELD');
      expect(h.cases.cases.get(number)!.state).toBe('SUBMITTED');
      const { rows: held } = await h.service.store.query("SELECT message_id FROM exchange_inbox WHERE case_number = $1 AND status = 'HELD' ORDER BY message_id", [number]);
      expect(held.map((row) => row['message_id'])).toEqual(['ooo-2', 'ooo-3', 'ooo-4']);

      expect(statusOf(await push('PushAcceptance', { MessageId: 'ooo-1', Action: 'ACCEPT', OccurredAt: '2025-03-10T09:00:00+08:00' }))).toBe('APPLIED');
      expect(h.cases.applied.filter((message) => message.caseNumber === number).map((message) => message.messageId)).toEqual(['ooo-1', 'ooo-2', 'ooo-3', 'ooo-4']);
      expect(h.cases.cases.get(number)!.state).toBe('COMPLETED');
      const { body } = await h.graphql(MESSAGES, { filter: { caseNumber: number } });
      const byId = Object.fromEntries(body.data.exchangeMessages.edges.map(({ node }: any) => [node.messageId, node]));
      expect(byId['ooo-4']).toMatchObject({ status: 'HELD', currentStatus: 'APPLIED' });
      expect(byId['ooo-1']).toMatchObject({ status: 'APPLIED', currentStatus: 'APPLIED' });
      // A repeat of a message that was held answers its first receipt.
      const again = await push('PushResult', { MessageId: 'ooo-4', Action: 'COMPLETE', OccurredAt: '2025-03-13T09:00:00+08:00', Result: 'COMPLETED' });
      expect([statusOf(again), receiptOf(again)]).toEqual(['DUPLICATE', receiptOf(result)]);
    });

    it('applies a held record by the periodic sweep when its predecessor happened in Tongban, not over SOAP', async () => {
      const number = caseNumber(9);
      const common = { CaseNumber: number, ImplementationCode: number.slice(0, 24), Handler: { Id: 'P-0012' } };
      const held = await h.post(envelope('PushProcess', { ...common, MessageId: 'sweep-2', Action: 'START_STEP', OccurredAt: '2025-03-11T09:00:00+08:00', Step: 'REVIEW' }), soapHeaders('PushProcess'));
      expect(statusOf(held.text)).toBe('HELD');
      expect(await h.service.heldSweep.run()).toBeGreaterThanOrEqual(1);
      const still = await h.service.store.query('SELECT status FROM exchange_inbox WHERE message_id = $1', ['sweep-2']);
      expect(still.rows[0]).toMatchObject({ status: 'HELD' });
      // The window accepts the case in Tongban: no push the exchange could retry after.
      h.cases.cases.get(number)!.state = 'ACCEPTED';
      await h.service.heldSweep.run();
      const { rows } = await h.service.store.query('SELECT status FROM exchange_inbox WHERE message_id = $1', ['sweep-2']);
      expect(rows[0]).toMatchObject({ status: 'APPLIED' });
      expect(h.cases.cases.get(number)!.state).toBe('IN_PROCESS');
    });

    it('rejects a record held longer than 72 hours at the next retry of its case, never applying it', async () => {
      const number = caseNumber(5);
      const common = { CaseNumber: number, ImplementationCode: number.slice(0, 24), Handler: { Id: 'P-0012' } };
      const start = new Date();
      h.clock.now = start;
      const stamp = (at: Date) => securityHeader({ created: at.toISOString() });
      const held = await h.post(envelope('PushProcess', { ...common, MessageId: 'old-2', Action: 'START_STEP', OccurredAt: '2025-03-11T09:00:00+08:00', Step: 'REVIEW' }, stamp(start)), soapHeaders('PushProcess'));
      expect(statusOf(held.text)).toBe('HELD');
      const later = new Date(start.getTime() + 73 * 3_600_000);
      h.clock.now = later;
      const accepted = await h.post(envelope('PushAcceptance', acceptance('old-1', number), stamp(later)), soapHeaders('PushAcceptance'));
      expect(statusOf(accepted.text)).toBe('APPLIED');
      const { rows } = await h.service.store.query('SELECT status, status_reason FROM exchange_inbox WHERE message_id = $1', ['old-2']);
      expect(rows[0]).toMatchObject({ status: 'REJECTED' });
      expect(String(rows[0]!['status_reason'])).toContain('72 h');
      expect(h.cases.applied.some((message) => message.messageId === 'old-2')).toBe(false);
      // Reported twice, held then rejected; the rejection before the acceptance's receipt.
      expect(h.supervision.reports.filter((report) => report.messageId === 'old-2').map((report) => report.status)).toEqual(['HELD', 'REJECTED']);
      expect(h.supervision.reports.find((report) => report.messageId === 'old-2' && report.status === 'REJECTED')!.reason).toContain('72 h');
      h.clock.now = new Date();
    });

    it('answers a held record while supervision is down, and reports it once supervision is back', async () => {
      const number = caseNumber(20);
      h.supervision.unavailable = true;
      try {
        const response = await h.post(
          envelope('PushProcess', { MessageId: 'unreported-1', CaseNumber: number, ImplementationCode: number.slice(0, 24), Action: 'DECIDE', OccurredAt: '2025-03-12T09:00:00+08:00', Handler: { Id: 'P-0012' }, Decision: 'APPROVE' }),
          soapHeaders('PushProcess'),
        );
        expect(statusOf(response.text)).toBe('HELD');
        expect(h.supervision.reports.some((report) => report.messageId === 'unreported-1')).toBe(false);
        const { rows } = await h.service.store.query("SELECT state FROM outbox WHERE message_key = 'unreported-1:HELD'");
        expect(rows).toEqual([{ state: 'PENDING' }]);
      } finally {
        h.supervision.unavailable = false;
      }
      // Delivered by the outbox's next pass once its retry is due (the harness leaves no poll running: the test makes the pass).
      await expect
        .poll(async () => {
          await h.service.reportOutbox.drain();
          return h.supervision.reports.some((report) => report.messageId === 'unreported-1');
        }, { timeout: 15_000, interval: 100 })
        .toBe(true);
    });
  });

  describe('who may push', () => {
    it('refuses a replayed UsernameToken (the same nonce), even on another message', async () => {
      const header = securityHeader();
      expect((await h.post(envelope('PushAcceptance', acceptance('replay-1', caseNumber(6)), header), soapHeaders('PushAcceptance'))).status).toBe(200);
      const { code, field, entry } = await refused(envelope('PushAcceptance', acceptance('replay-2', caseNumber(7)), header));
      expect([code, field]).toEqual(['soap:Client.REPLAYED', 'Security/UsernameToken/Nonce']);
      expect(entry.sender.clientId).toBe(POLICE.clientId);
    });

    it('refuses a wrong digest, an unknown user, a stale or future Created, PasswordText and no token at all', async () => {
      const cases: Array<[string | null, string]> = [
        [securityHeader({ password: 'not-the-password' }), 'Security/UsernameToken'],
        [securityHeader({ username: 'dept-unknown' }), 'Security/UsernameToken'],
        [securityHeader({ created: new Date(Date.now() - 6 * 60_000).toISOString() }), 'Security/UsernameToken/Created'],
        [securityHeader({ created: new Date(Date.now() + 6 * 60_000).toISOString() }), 'Security/UsernameToken/Created'],
        [securityHeader({ type: 'PasswordText' }), 'Security/UsernameToken/Password'],
        [null, 'Security/UsernameToken'],
      ];
      for (const [header, expectedField] of cases) {
        const { code, field, entry } = await refused(envelope('PushAcceptance', acceptance(`auth-${randomBytes(4).toString('hex')}`, caseNumber(8)), header));
        expect([code, field]).toEqual(['soap:Client.UNAUTHENTICATED', expectedField]);
        expect(entry.sender).toEqual({ clientId: 'unauthenticated', agency: null });
      }
    });

    it("refuses a department pushing for another agency's implementation before asking the cases subgraph", async () => {
      const header = securityHeader({ username: HOUSING.clientId });
      const { code, field, entry } = await refused(envelope('PushAcceptance', acceptance('foreign-1', caseNumber(9)), header));
      expect([code, field]).toEqual(['soap:Client.FORBIDDEN', 'ImplementationCode']);
      expect(entry.sender).toEqual({ clientId: HOUSING.clientId, agency: HOUSING.agency });
    });

    it("faults what the cases subgraph refuses as another agency's case", async () => {
      // The housing bureau's own implementation code, on a case the cases subgraph says is the police's.
      const housingCode = `610725000000${HOUSING.agency!.slice(8, 17)}101`;
      const number = caseNumber(1, housingCode);
      h.cases.open(number, POLICE.agency!);
      const response = await h.post(envelope('PushAcceptance', acceptance('foreign-2', number), securityHeader({ username: HOUSING.clientId })), soapHeaders('PushAcceptance'));
      expect(response.status).toBe(500);
      expect(faultOf(response.text)).toEqual({ code: 'soap:Client.FORBIDDEN', field: 'CaseNumber' });
      expect(await latest()).toMatchObject({ messageId: 'foreign-2', status: 'REJECTED', faultCode: 'soap:Client.FORBIDDEN' });
      const { rows } = await h.service.store.query('SELECT 1 FROM exchange_inbox WHERE message_id = $1', ['foreign-2']);
      expect(rows).toHaveLength(0);
    });
  });

  describe('bad fields', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an impossible date', acceptance('bad-1', caseNumber(10), { OccurredAt: '2025-02-30T09:00:00+08:00' }), 'OccurredAt'],
      ['a date without a time zone', acceptance('bad-2', caseNumber(10), { OccurredAt: '2025-03-10T09:00:00' }), 'OccurredAt'],
      ['an action of another record kind', acceptance('bad-3', caseNumber(10), { Action: 'COMPLETE' }), 'Action'],
      ['an element the schema does not have', acceptance('bad-4', caseNumber(10), { Secret: 'x' }), 'Secret'],
      ['a case number of another implementation', acceptance('bad-5', caseNumber(10), { ImplementationCode: '610725000000TB7250054102' }), 'ImplementationCode'],
      ['a message id too long', acceptance('x'.repeat(65), caseNumber(10)), 'MessageId'],
      ['no handler', { ...acceptance('bad-6', caseNumber(10)), Handler: undefined }, 'Handler'],
      ['an opinion too long', acceptance('bad-7', caseNumber(10), { Opinion: '意'.repeat(2001) }), 'Opinion'],
      ['a fee with three decimals', acceptance('bad-11', caseNumber(10), { FeeYuan: '120.005' }), 'FeeYuan'],
      ['a negative fee', acceptance('bad-12', caseNumber(10), { FeeYuan: '-5' }), 'FeeYuan'],
    ];
    it.each(cases)('faults %s, naming the field', async (_name, fields, expectedField) => {
      const { code, field } = await refused(envelope('PushAcceptance', fields));
      expect([code, field]).toEqual(['soap:Client.BAD_FIELD', expectedField]);
    });

    it("passes on the cases subgraph's refusal of a field, named as in the XSD", async () => {
      const response = await h.post(envelope('PushAcceptance', acceptance('bad-8', caseNumber(10), { Action: 'REJECT' })), soapHeaders('PushAcceptance'));
      expect(faultOf(response.text)).toEqual({ code: 'soap:Client.BAD_FIELD', field: 'Reason' });
    });

    it('faults a SOAPAction that names another operation than the body carries, and a body that is not SOAP (400)', async () => {
      expect((await refused(envelope('PushAcceptance', acceptance('bad-9', caseNumber(10))), soapHeaders('PushResult'), 400)).code).toBe('soap:Client.MALFORMED');
      expect((await refused('this is not XML', {}, 400)).code).toBe('soap:Client.MALFORMED');
      expect((await refused('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Nope/></soap:Body></soap:Envelope>', {}, 400)).code).toBe('soap:Client.MALFORMED');
    });
  });

  describe('hostile XML', () => {
    const withDoctype = (doctype: string, entity: string) =>
      envelope('PushAcceptance', acceptance('hostile-1', caseNumber(11))).replace('<soap:Envelope', `${doctype}<soap:Envelope`).replace('材料齐全，予以受理', entity);

    it('refuses a DTD, an external entity and entity expansion (billion laughs) before parsing', async () => {
      const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`;
      for (const body of [
        withDoctype('<!DOCTYPE soap:Envelope>', 'x'),
        withDoctype('<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'),
        withDoctype(laughs, '&lol9;'),
      ]) {
        const { code, field } = await refused(body);
        expect([code, field]).toEqual(['soap:Client.DTD_FORBIDDEN', 'DOCTYPE']);
      }
    });

    it('refuses nesting deeper than the limit', async () => {
      const deep = `${'<ce:Office>'.repeat(MAX_DEPTH)}x${'</ce:Office>'.repeat(MAX_DEPTH)}`;
      const body = envelope('PushAcceptance', acceptance('hostile-2', caseNumber(11))).replace('<ce:Opinion>', `${deep}<ce:Opinion>`);
      expect((await refused(body)).code).toBe('soap:Client.TOO_DEEP');
    });

    it('refuses a body over the limit, and a gzip bomb at the limit of its decoded size', async () => {
      const big = envelope('PushAcceptance', acceptance('hostile-3', caseNumber(11), { Summary: 'x'.repeat(MAX_BODY_BYTES) }));
      const tooLarge = await refused(big);
      expect(tooLarge.code).toBe('soap:Client.TOO_LARGE');
      const bomb = gzip(Buffer.concat([Buffer.from(envelope('PushAcceptance', acceptance('hostile-4', caseNumber(11)))), Buffer.alloc(50 * MAX_BODY_BYTES, 0x20)]));
      expect(bomb.length).toBeLessThan(MAX_BODY_BYTES / 10);
      const { code, entry } = await refused(bomb, { ...soapHeaders('PushAcceptance'), 'content-encoding': 'gzip' });
      expect(code).toBe('soap:Client.TOO_LARGE');
      // The bomb itself is kept as received (compressed) in the evidence log.
      expect(entry.envelope).toBeNull();
    });

    it('accepts a gzipped envelope within the limit', async () => {
      const response = await h.post(gzip(envelope('PushAcceptance', acceptance('gzip-1', caseNumber(12)))), { ...soapHeaders('PushAcceptance'), 'content-encoding': 'gzip' });
      expect(statusOf(response.text)).toBe('APPLIED');
    });

    it('refuses bytes that are not valid in their charset, and charsets it does not read', async () => {
      const text = envelope('PushAcceptance', acceptance('hostile-5', caseNumber(11)));
      const broken = Buffer.concat([Buffer.from(text.slice(0, 200)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(200))]);
      expect((await refused(broken)).code).toBe('soap:Client.BAD_ENCODING');
      expect((await refused(text, { ...soapHeaders('PushAcceptance'), 'content-type': 'text/xml; charset=ISO-2022-JP' })).code).toBe('soap:Client.BAD_ENCODING');
      expect((await refused(text, { ...soapHeaders('PushAcceptance'), 'content-encoding': 'br' })).code).toBe('soap:Client.BAD_ENCODING');
    });
  });

  describe('legacy practice', () => {
    it('reads a GBK envelope (charset in Content-Type) and a GB2312 one (charset in the declaration only), Chinese text intact', async () => {
      const opinion = '经审查，申请材料齐全、符合法定形式，予以受理。';
      const gbk = encodeGbk(envelope('PushAcceptance', acceptance('gbk-1', caseNumber(13), { Opinion: opinion, Office: '治安管理大队' })).replace('encoding="UTF-8"', 'encoding="GBK"'));
      const response = await h.post(gbk, { ...soapHeaders('PushAcceptance'), 'content-type': 'text/xml; charset=GBK' });
      expect(statusOf(response.text)).toBe('APPLIED');
      expect(h.cases.applied.at(-1)).toMatchObject({ messageId: 'gbk-1', opinion, office: '治安管理大队', handler: { name: '赵警官' } });
      const entry = await latest();
      expect(entry.envelope).toContain(opinion);
      const { rows } = await h.service.store.query<{ envelope: Uint8Array }>('SELECT envelope FROM exchange_evidence WHERE sequence = $1', [entry.sequence]);
      expect(Buffer.from(rows[0]!.envelope).equals(gbk)).toBe(true);

      const gb2312 = encodeGbk(envelope('PushAcceptance', acceptance('gb2312-1', caseNumber(14), { Opinion: opinion })).replace('encoding="UTF-8"', 'encoding="GB2312"'));
      const second = await h.post(gb2312, { ...soapHeaders('PushAcceptance'), 'content-type': 'text/xml' });
      expect(statusOf(second.text)).toBe('APPLIED');
      expect(h.cases.applied.at(-1)).toMatchObject({ messageId: 'gb2312-1', opinion });
    });

    it('takes the record as an XML document in one string parameter (Submit), escaped or in CDATA', async () => {
      const document = (messageId: string, number: string) =>
        `<?xml version="1.0" encoding="UTF-8"?><PushAcceptance xmlns="${NS}">${recordXml(acceptance(messageId, number)).replace(/ce:/g, '')}</PushAcceptance>`;
      const escaped = document('submit-1', caseNumber(15)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const submit = (inner: string, header = securityHeader()) =>
        h.post(
          `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ce="${NS}"><soap:Header>${header}</soap:Header><soap:Body><ce:Submit><ce:xmlDocument>${inner}</ce:xmlDocument></ce:Submit></soap:Body></soap:Envelope>`,
          soapHeaders('Submit'),
        );
      const first = await submit(escaped);
      expect(first.text).toContain('SubmitResponse');
      expect(statusOf(first.text)).toBe('APPLIED');
      expect(h.cases.applied.at(-1)).toMatchObject({ messageId: 'submit-1', action: 'ACCEPT', caseNumber: caseNumber(15) });
      expect((await latest()).operation).toBe('Submit:PushAcceptance');

      const cdata = await submit(`<![CDATA[${document('submit-2', caseNumber(16))}]]>`);
      expect(statusOf(cdata.text)).toBe('APPLIED');
      expect(h.cases.applied.at(-1)).toMatchObject({ messageId: 'submit-2', caseNumber: caseNumber(16) });

      // The document inside gets the envelope's rules: no DTD, not too deep.
      const withDtd = `&lt;!DOCTYPE x [&lt;!ENTITY e SYSTEM "file:///etc/passwd"&gt;]&gt;${escaped}`;
      expect(faultOf((await submit(withDtd)).text).code).toBe('soap:Client.DTD_FORBIDDEN');
      const deep = `${'&lt;a&gt;'.repeat(MAX_DEPTH + 1)}${'&lt;/a&gt;'.repeat(MAX_DEPTH + 1)}`;
      expect(faultOf((await submit(deep)).text).code).toBe('soap:Client.TOO_DEEP');
      expect(faultOf((await submit('&lt;NotARecord/&gt;')).text)).toEqual({ code: 'soap:Client.BAD_FIELD', field: 'xmlDocument' });
    });
  });

  describe('when the cases subgraph cannot be reached', () => {
    it('faults Server.UNAVAILABLE, stores nothing but evidence, and applies the message when it is sent again', async () => {
      h.cases.unavailable = true;
      const body = () => envelope('PushAcceptance', acceptance('down-1', caseNumber(17)));
      const before = await inboxCount();
      const response = await h.post(body(), soapHeaders('PushAcceptance'));
      expect([response.status, faultOf(response.text).code]).toEqual([500, 'soap:Server.UNAVAILABLE']);
      expect(await inboxCount()).toBe(before);
      h.cases.unavailable = false;
      expect(statusOf((await h.post(body(), soapHeaders('PushAcceptance'))).text)).toBe('APPLIED');
    });
  });

  describe('the exchange subgraph and the evidence log', () => {
    it('lists every inbound message, faulted ones included, with its envelope, to auditors only', async () => {
      const { body } = await h.graphql(MESSAGES, { filter: { status: 'REJECTED' }, first: 100 });
      const codes = new Set(body.data.exchangeMessages.edges.map(({ node }: any) => node.faultCode));
      for (const code of ['soap:Client.DTD_FORBIDDEN', 'soap:Client.TOO_DEEP', 'soap:Client.TOO_LARGE', 'soap:Client.REPLAYED', 'soap:Client.UNAUTHENTICATED', 'soap:Client.BAD_FIELD', 'soap:Client.FORBIDDEN', 'soap:Server.UNAVAILABLE', 'soap:Client.MALFORMED']) {
        expect(codes).toContain(code);
      }
      const bySender = await h.graphql(MESSAGES, { filter: { sender: HOUSING.agency }, first: 100 });
      expect(bySender.body.data.exchangeMessages.edges.length).toBeGreaterThan(0);
      expect(bySender.body.data.exchangeMessages.edges.every(({ node }: any) => node.sender.agency === HOUSING.agency)).toBe(true);

      for (const kind of ['STAFF', 'DEPARTMENT_SYSTEM', 'NATURAL_PERSON'] as const) {
        const denied = await h.graphql(MESSAGES, {}, { ...ANONYMOUS, subject: 'x', kind, agency: POLICE.agency });
        expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    });

    it('resolves ExchangeMessage references (ProcessRecord.evidence) in one batch, auditors only', async () => {
      const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ExchangeMessage { messageId status receiptNumber envelope } } }';
      const representations = ['client-1', 'ooo-4', 'kinds-6', 'no-such-message'].map((messageId) => ({ __typename: 'ExchangeMessage', messageId }));
      const before = h.service.store.stats.statements;
      const { body } = await h.graphql(ENTITIES, { r: representations });
      // One statement for the four references, one for the envelopes.
      expect(h.service.store.stats.statements - before).toBe(2);
      const [client1, ooo4, kinds6, missing] = body.data._entities;
      expect(client1).toMatchObject({ messageId: 'client-1', status: 'APPLIED' });
      expect(client1.envelope).toContain('client-1');
      expect(ooo4).toMatchObject({ messageId: 'ooo-4', status: 'HELD' }); // the envelope that brought it in, not the repeat
      expect(kinds6.envelope).toContain('TH-2025-0001');
      expect(missing).toBeNull();
      const denied = await h.graphql(ENTITIES, { r: representations.slice(0, 1) }, { ...ANONYMOUS, subject: 'x', kind: 'STAFF', agency: POLICE.agency });
      expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    });

    it('keeps the log append-only and its chain intact, and names the first entry changed behind its back', async () => {
      const ok = await h.graphql('{ verifyEvidenceLog { ok entries firstBrokenSequence reason } }');
      expect(ok.body.data.verifyEvidenceLog).toMatchObject({ ok: true, firstBrokenSequence: null });
      expect(ok.body.data.verifyEvidenceLog.entries).toBeGreaterThan(30);
      await expect(h.service.store.query('UPDATE exchange_evidence SET fault_code = NULL WHERE sequence = 3')).rejects.toThrow(/append-only/);
      await expect(h.service.store.query('DELETE FROM exchange_evidence WHERE sequence = 3')).rejects.toThrow(/append-only/);
      // Someone who can disable the trigger swaps an envelope: the chain check finds it.
      await h.service.store.exec('ALTER TABLE exchange_evidence DISABLE TRIGGER exchange_evidence_no_change');
      await h.service.store.query("UPDATE exchange_evidence SET envelope = convert_to('forged', 'UTF8') WHERE sequence = 3");
      await h.service.store.exec('ALTER TABLE exchange_evidence ENABLE TRIGGER exchange_evidence_no_change');
      const broken = await h.graphql('{ verifyEvidenceLog { ok firstBrokenSequence reason } }');
      expect(broken.body.data.verifyEvidenceLog).toEqual({ ok: false, firstBrokenSequence: 3, reason: 'envelope does not match its SHA-256' });
    });
  });
});
