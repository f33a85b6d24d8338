/**
 * `npm run demo:case`: walks one case through a running platform (`npm start`), through the
 * gateway, as its users would: 陈杰, agent of 勉县汉江绿源农业开发有限公司, applies for the company
 * for 旅馆业特种行业许可证核发 of 勉县公安局; the window accepts it, a reviewer and an approver review
 * and decide it, the window completes it (出证办结) and issues the sealed electronic certificate.
 * Then anyone looks the case up with its number and the company's code (结果反馈), the result is
 * listed publicly with the applicant masked (结果公示), the company finds the certificate in its
 * wallet, anyone verifies it. Then 电子监察 and 好差评: the company rates the case 不满意 and a
 * rectification task appears for the police with its due day; auditor 何静 opens a supervision order
 * on the case, auditor 赵磊 reviews it, the police sign and answer it, 何静 closes it; the police answer
 * the rectification; the auditor reads 勉县's efficiency figures and the case's complete history.
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
      formData: { 旅馆名称: '汉江绿源宾馆', 客房数: 24 },
      materials: ['M01', 'M02', 'M03', 'M04', 'M06', 'M07'].map((materialId) => ({ materialId, fileName: `${materialId}.pdf`, contentType: 'application/pdf', contentBase64: PDF })),
    },
  },
  'chenjie',
);
console.log(`陈杰 applied for 勉县汉江绿源农业开发有限公司: case ${receipt.caseNumber}, receipt ${receipt.receiptNumber}, ${receipt.case.stateName}; deferred (容缺): ${receipt.deferred.join('、') || 'none'}`);

let version: number = receipt.case.version;
const documentNumber = `勉公特字〔${new Date().getFullYear()}〕${receipt.caseNumber.slice(-3)}号`;
const steps: Array<[string, Record<string, unknown>, string]> = [
  ['ACCEPT', { opinion: '材料齐全，予以受理' }, 'police-zhangwei'],
  ['START_STEP', { step: 'REVIEW' }, 'police-liuyang'],
  ['COMPLETE_STEP', { opinion: '经审查，符合开办条件' }, 'police-liuyang'],
  ['START_STEP', { step: 'DECIDE' }, 'police-liuyang'],
  ['DECIDE', { decision: 'APPROVE', opinion: '准予许可' }, 'police-liuyang'],
  ['COMPLETE', { result: 'CERTIFICATE_ISSUED', resultDocument: { name: '特种行业许可证', number: documentNumber }, deliveryMethod: 'ELECTRONIC' }, 'police-zhangwei'],
];
for (const [action, input, username] of steps) {
  const { actOnCase } = await graphql(ACT, { n: receipt.caseNumber, a: action, i: { expectedVersion: version, ...input } }, username);
  version = actOnCase.case.version;
  console.log(`  ${username.padEnd(16)} ${action.padEnd(14)} → ${actOnCase.case.stateName}  (${actOnCase.record.stepName}: ${actOnCase.record.summary})`);
}

// The result reaches the results subgraph through the outbox right after the commit.
await new Promise((resolve) => setTimeout(resolve, 500));
const company = findUserByUsername('lvyuan')!;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const { issueCertificate: certificate } = await graphql(
  `mutation($input: IssueCertificateInput!) { issueCertificate(input: $input) { identifier type { name } sealKeyId } }`,
  {
    input: {
      typeCode: '11100000000013338W101',
      holder: { codeType: '001', code: company.uscc, name: company.name },
      surfaceData: { businessName: '汉江绿源宾馆', legalRepresentative: '陈杰', address: '陕西省汉中市勉县勉阳街道定军路12号', scope: '旅馆业', rooms: 24 },
      issuedOn: today,
      validFrom: today,
      caseNumber: receipt.caseNumber,
      documentNumber: documentNumber,
    },
  },
  'police-zhangwei',
);
console.log(`\n勉县公安局 issued ${certificate.type.name} ${certificate.identifier}, sealed with key ${certificate.sealKeyId}`);

const { caseStatus } = await graphql(
  `query($n: String!, $id: String!) { caseStatus(caseNumber: $n, idNumber: $id) { name stateName timeline { stepName occurredAt } result { kindName documentName } } }`,
  { n: receipt.caseNumber, id: company.uscc },
);
console.log('\n结果反馈 (no sign-in):', JSON.stringify(caseStatus, null, 2));

const { publicResults } = await graphql(`query($c: ID!) { publicResults(implementationCode: $c, first: 3) { totalCount edges { node { caseNumber applicantName kindName completedAt } } } }`, { c: GUIDE });
console.log('\n结果公示:', JSON.stringify(publicResults.edges.map((edge: { node: unknown }) => edge.node), null, 2));

const { myCertificates } = await graphql(`{ myCertificates { edges { node { identifier status validFrom printableHtml } } } }`, {}, 'lvyuan');
const held = myCertificates.edges.find((edge: { node: { identifier: string } }) => edge.node.identifier === certificate.identifier).node;
console.log(`\nThe company's wallet holds it (${held.status}); its printable page carries a QR code: ${held.printableHtml.includes('<svg') ? 'yes' : 'no'}`);
const { verifyCertificate } = await graphql(`query($i: String!) { verifyCertificate(identifier: $i) { status reason typeName issuer { uscc } sealKeyId } }`, { i: certificate.identifier });
console.log('verifyCertificate (anyone):', JSON.stringify(verifyCertificate));
console.log(`The QR code leads to ${gateway.replace(/\/graphql$/, '')}/certificates/verify?identifier=${encodeURIComponent(certificate.identifier)}&format=html`);

// 好差评: the company (the applicant; 陈杰 could give it for the company too) is not satisfied.
const { evaluateCase: evaluation } = await graphql(
  `mutation($input: EvaluationInput!) { evaluateCase(input: $input) { levelName rectification { id state dueOn workingDays version } } }`,
  {
    input: {
      caseNumber: receipt.caseNumber,
      channel: 'ONLINE',
      level: 'DISSATISFIED',
      indicators: { efficiency: 2, guideAccuracy: 4, convenience: 3, operability: 4 },
      comment: '审查环节等待时间较长，进度查询不够及时',
    },
  },
  'lvyuan',
);
const task = evaluation.rectification;
console.log(`
好差评: ${evaluation.levelName} → rectification task for 勉县公安局, ${task.state}, due ${task.dueOn} (${task.workingDays} working days)`);

// 督办: one auditor initiates, another reviews, the police sign and answer, the first closes.
const ORDER_ACT = `mutation($id: ID!, $a: SupervisionOrderAction!, $i: SupervisionOrderActionInput!) {
  actOnSupervisionOrder(id: $id, action: $a, input: $i) { number stateName version } }`;
const { initiateSupervisionOrder: order } = await graphql(
  `mutation($input: SupervisionOrderInput!) { initiateSupervisionOrder(input: $input) { id number supervisingOffice stateName dueOn version } }`,
  { input: { caseNumber: receipt.caseNumber, subject: '申请人反映审查环节等待时间较长，请核查并反馈', answerWithinWorkingDays: 3 } },
  'auditor-hejing',
);
console.log(`督办 ${order.number} by ${order.supervisingOffice}: ${order.stateName}, answer due ${order.dueOn}`);
let orderVersion: number = order.version;
const orderSteps: Array<[string, Record<string, unknown>, string]> = [
  ['APPROVE', { opinion: '同意督办' }, 'auditor-zhaolei'],
  ['SIGN', {}, 'police-zhangwei'],
  ['ANSWER', { opinion: '已核查：审查环节按时办结，已加强进度短信提醒' }, 'police-zhangwei'],
  ['CLOSE', { result: '已整改，督办办结' }, 'auditor-hejing'],
];
for (const [action, input, username] of orderSteps) {
  const { actOnSupervisionOrder } = await graphql(ORDER_ACT, { id: order.id, a: action, i: { expectedVersion: orderVersion, ...input } }, username);
  orderVersion = actOnSupervisionOrder.version;
  console.log(`  ${username.padEnd(16)} ${action.padEnd(8)} → ${actOnSupervisionOrder.stateName}`);
}
const { answerRectification } = await graphql(
  `mutation($id: ID!, $input: RectificationAnswerInput!) { answerRectification(id: $id, input: $input) { state reply } }`,
  { id: task.id, input: { expectedVersion: task.version, rectification: '增加办理进度短信提醒', reply: '感谢您的评价，我局已增加办理进度短信提醒。' } },
  'police-zhangwei',
);
console.log(`The police answer the rectification (${answerRectification.state}); the company reads: ${answerRectification.reply}`);

const year = today.slice(0, 4);
const { efficiencyFigures: figures } = await graphql(
  `query($scope: FiguresScope!, $period: PeriodInput!) { efficiencyFigures(scope: $scope, period: $period) {
     casesAccepted casesCompleted onTimeRate { value formula } onlineAcceptanceRate { value } averageHandlingWorkingDays { value }
     promisedToLegalCompression { value } immediateShare { value } averageVisits { value } goodReviewRate { value numerator denominator }
     alertsByColour { key count } evaluationLevels { key count } } }`,
  { scope: { region: '610725' }, period: { from: `${year}-01-01`, to: today } },
  'auditor-hejing',
);
console.log(`
勉县 ${year} efficiency figures (auditor):`, JSON.stringify(figures, null, 2));

const { case: history } = await graphql(
  `query($n: ID!) { case(caseNumber: $n) { stateName guideVersion { number effectiveFrom } records { version stepName stepStatusName handlerName occurredAt }
     deadlines { promised { due calendarVersion overdue } legal { due } } result { kindName documentNumber deliveryMethodName certificate { identifier status } }
     alerts { colour message } evaluation { levelName rectification { stateName: state reply } }
     history { at kind title actor } } }`,
  { n: receipt.caseNumber },
  'auditor-hejing',
);
console.log('\nThe auditor reads the whole history:', JSON.stringify(history, null, 2));
