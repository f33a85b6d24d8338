/**
 * `npm run demo:case`: walks one case through a running platform (`npm start`), through the
 * gateway, as its users would: 王芳 applies for 旅馆业特种行业许可证核发 of 勉县公安局, the window
 * accepts it, a reviewer and an approver review and decide it, the window completes it with a
 * certificate; then anyone looks it up with the case number and her ID number (结果反馈), the
 * result is listed publicly with her name masked (结果公示), and the auditor reads the whole history.
 *
 * GATEWAY_URL (default http://127.0.0.1:4000/graphql) and OIDC_ISSUER (default the development
 * provider, http://127.0.0.1:4010) say where the platform is.
 */
import { passwordToken } from '../idp/client.ts';
import { findUserByUsername } from '../seeds/identity/principals.ts';

const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';
const issuer = process.env['OIDC_ISSUER'] ?? 'http://127.0.0.1:4010';
const GUIDE = '610725000000TB7250054102';
const PDF = Buffer.from('%PDF-1.4\n% Tongban demo material\n%%EOF\n').toString('base64');

async function graphql(query: string, variables: Record<string, unknown>, username?: string): Promise<any> {
  const token = username === undefined ? undefined : await passwordToken(issuer, username);
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
  if (body.errors) throw new Error(`${username ?? 'anonymous'}: ${body.errors.map((error) => error.message).join('; ')}`);
  return body.data;
}

const ACT = `mutation($n: ID!, $a: CaseAction!, $i: CaseActionInput!) {
  actOnCase(caseNumber: $n, action: $a, input: $i) { case { state stateName version } record { stepName summary handlerName } } }`;

const { submitApplication: receipt } = await graphql(
  `mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber receiptNumber deferred case { stateName version } } }`,
  {
    input: {
      implementationCode: GUIDE,
      clientRequestId: `demo-${Date.now()}`,
      formData: { 旅馆名称: '汉江客栈', 客房数: 12 },
      materials: ['M01', 'M02', 'M03', 'M04', 'M06', 'M07'].map((materialId) => ({ materialId, fileName: `${materialId}.pdf`, contentType: 'application/pdf', contentBase64: PDF })),
    },
  },
  'wangfang',
);
console.log(`王芳 applied: case ${receipt.caseNumber}, receipt ${receipt.receiptNumber}, ${receipt.case.stateName}; deferred (容缺): ${receipt.deferred.join('、') || 'none'}`);

let version: number = receipt.case.version;
const steps: Array<[string, Record<string, unknown>, string]> = [
  ['ACCEPT', { opinion: '材料齐全，予以受理' }, 'police-zhangwei'],
  ['START_STEP', { step: 'REVIEW' }, 'police-liuyang'],
  ['COMPLETE_STEP', { opinion: '经审查，符合开办条件' }, 'police-liuyang'],
  ['START_STEP', { step: 'DECIDE' }, 'police-liuyang'],
  ['DECIDE', { decision: 'APPROVE', opinion: '准予许可' }, 'police-liuyang'],
  ['COMPLETE', { result: 'CERTIFICATE_ISSUED', resultDocument: { name: '特种行业许可证', number: `勉公特字〔${new Date().getFullYear()}〕${receipt.caseNumber.slice(-3)}号` }, deliveryMethod: 'WINDOW' }, 'police-zhangwei'],
];
for (const [action, input, username] of steps) {
  const { actOnCase } = await graphql(ACT, { n: receipt.caseNumber, a: action, i: { expectedVersion: version, ...input } }, username);
  version = actOnCase.case.version;
  console.log(`  ${username.padEnd(16)} ${action.padEnd(14)} → ${actOnCase.case.stateName}  (${actOnCase.record.stepName}: ${actOnCase.record.summary})`);
}

// The result reaches the results subgraph through the outbox right after the commit.
await new Promise((resolve) => setTimeout(resolve, 500));
const wangfang = findUserByUsername('wangfang')!;
const { caseStatus } = await graphql(
  `query($n: String!, $id: String!) { caseStatus(caseNumber: $n, idNumber: $id) { name stateName timeline { stepName occurredAt } result { kindName documentName } } }`,
  { n: receipt.caseNumber, id: wangfang.idNumber },
);
console.log('\n结果反馈 (no sign-in):', JSON.stringify(caseStatus, null, 2));

const { publicResults } = await graphql(`query($c: ID!) { publicResults(implementationCode: $c, first: 3) { totalCount edges { node { caseNumber applicantName kindName completedAt } } } }`, { c: GUIDE });
console.log('\n结果公示:', JSON.stringify(publicResults.edges.map((edge: { node: unknown }) => edge.node), null, 2));

const { case: history } = await graphql(
  `query($n: ID!) { case(caseNumber: $n) { stateName guideVersion { number effectiveFrom } records { version stepName stepStatusName handlerName occurredAt }
     deadlines { promised { due calendarVersion overdue } legal { due } } result { kindName documentNumber deliveryMethodName } } }`,
  { n: receipt.caseNumber },
  'auditor-hejing',
);
console.log('\nThe auditor reads the whole history:', JSON.stringify(history, null, 2));
