import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_CLAIMS, startTestIssuer, type TestIssuer } from '../../tests/support/testIssuer.ts';
import { acceptance, caseNumber, envelope, POLICE, soapHeaders, startExchangeHarness, type ExchangeHarness } from './testSupport.ts';

/**
 * The second way to authenticate: an access token a departmental system got from the identity
 * provider with client credentials, verified by the gateway's own OIDC verifier against a real
 * (test) issuer over HTTP.
 */
describe('CaseExchange with a bearer token', () => {
  let issuer: TestIssuer;
  let h: ExchangeHarness;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    h = await startExchangeHarness('pglite', { oidcIssuer: issuer.issuer });
    for (let i = 1; i <= 5; i++) h.cases.open(caseNumber(i));
  });
  afterAll(async () => {
    await h?.close();
    await issuer?.close();
  });

  const DEPARTMENT = { sub: POLICE.clientId, tongban_kind: 'DEPARTMENT_SYSTEM', name: POLICE.name, agency: POLICE.agency, client_id: POLICE.clientId };
  const push = (messageId: string, authorization: string) =>
    h.post(envelope('PushAcceptance', acceptance(messageId, caseNumber(1)), null), { ...soapHeaders('PushAcceptance'), authorization });
  const fault = (text: string) => /<faultcode>([^<]*)<\/faultcode>/.exec(text)?.[1];

  it("accepts a departmental system's access token instead of a UsernameToken", async () => {
    const response = await push('bearer-1', `Bearer ${await issuer.sign(DEPARTMENT)}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<Status>APPLIED</Status>');
    expect(h.cases.applied.at(-1)).toMatchObject({ messageId: 'bearer-1', department: { agency: POLICE.agency, clientId: POLICE.clientId } });
  });

  it('refuses a token of anyone but a departmental system, and tokens that do not verify', async () => {
    const citizen = await push('bearer-2', `Bearer ${await issuer.sign(CITIZEN_CLAIMS)}`);
    expect([citizen.status, fault(citizen.text)]).toEqual([500, 'soap:Client.FORBIDDEN']);
    const expired = await push('bearer-3', `Bearer ${await issuer.sign({ ...DEPARTMENT, exp: Math.floor(Date.now() / 1000) - 3600 })}`);
    expect([expired.status, fault(expired.text)]).toEqual([500, 'soap:Client.UNAUTHENTICATED']);
    const wrongAudience = await push('bearer-4', `Bearer ${await issuer.sign({ ...DEPARTMENT, aud: 'someone-else' })}`);
    expect(fault(wrongAudience.text)).toBe('soap:Client.UNAUTHENTICATED');
    const basic = await push('bearer-5', 'Basic ZGVwdDpzZWNyZXQ=');
    expect(fault(basic.text)).toBe('soap:Client.UNAUTHENTICATED');
    expect(h.cases.applied.map((message) => message.messageId)).toEqual(['bearer-1']);
    const { body } = await h.graphql('{ exchangeMessages(first: 4) { edges { node { messageId faultCode sender { clientId } } } } }');
    expect(body.data.exchangeMessages.edges.map(({ node }: any) => node.faultCode)).toEqual([
      'soap:Client.UNAUTHENTICATED', 'soap:Client.UNAUTHENTICATED', 'soap:Client.UNAUTHENTICATED', 'soap:Client.FORBIDDEN',
    ]);
  });
});
