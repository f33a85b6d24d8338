import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTEL_GUIDE, MATERIALS, POLICE } from '../support/applications.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * The CaseExchange WSDL consumed by a SOAP stack outside Node: Perl's SOAP::Lite (Debian's
 * libsoap-lite-perl, which `.ci/run` installs) reads the WSDL through the gateway, signs its own
 * WS-Security UsernameToken (PasswordDigest), pushes an acceptance with PushAcceptance, and the
 * record then appears in the graph. In CI a missing perl or SOAP::Lite fails the run; elsewhere
 * the test is skipped with a message saying what to install.
 */
const PUSH_PL = fileURLToPath(new URL('./push.pl', import.meta.url));
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

function soapLiteMissing(): string | null {
  const probe = spawnSync('perl', ['-MSOAP::Lite', '-e', 'print $SOAP::Lite::VERSION'], { encoding: 'utf8' });
  if (probe.error) return `perl is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `perl cannot load SOAP::Lite (${probe.stderr.split('\n')[0]!.replace(/\.$/, '')})`;
  return null;
}

const missing = soapLiteMissing();
if (missing && !inCi) {
  console.warn(`tests/interop/soapLite.test.ts skipped: ${missing}. Install Debian's libsoap-lite-perl (apt-get install libsoap-lite-perl), as .ci/run does.`);
}

function perl(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('perl', [PUSH_PL, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(missing !== null && !inCi)('a SOAP client outside Node (Perl SOAP::Lite)', () => {
  let stack: Stack;
  let caseNumber: string;
  let soapBase: string;

  beforeAll(async () => {
    stack = await startStack();
    soapBase = stack.gateway.url.replace(/\/graphql$/, '/soap/CaseExchange');
    const { body } = await stack.graphql(
      'mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber } }',
      { input: { implementationCode: HOTEL_GUIDE, clientRequestId: 'soap-lite-1', materials: MATERIALS } },
      { as: 'wangfang' },
    );
    expect(body.errors).toBeUndefined();
    caseNumber = body.data.submitApplication.caseNumber;
  }, 120_000);
  afterAll(async () => stack?.close());

  it('has perl and SOAP::Lite (installed by .ci/run)', () => {
    expect(missing, 'perl with SOAP::Lite (Debian: libsoap-lite-perl)').toBeNull();
  });

  it('reads the WSDL through the gateway and pushes an acceptance that appears in the graph', async () => {
    const messageId = `perl-soap-lite-${Date.now()}`;
    // Records report the past, but not before the application was submitted.
    const occurredAt = new Date().toISOString();
    const { code, stdout, stderr } = await perl([
      '--wsdl', `${soapBase}?wsdl`,
      // The WSDL's soap:address is PUBLIC_URL's; this gateway listens on a port of its own.
      '--endpoint', soapBase,
      '--username', 'dept-610725-police',
      '--password', 'dev-only-soap-dept-610725-police',
      '--operation', 'PushAcceptance',
      '--message-id', messageId,
      '--case-number', caseNumber,
      '--implementation-code', caseNumber.slice(0, 24),
      '--action', 'ACCEPT',
      '--occurred-at', occurredAt,
      '--handler-id', 'P-0012',
      '--handler-name', '赵警官',
      '--opinion', '材料齐全，予以受理',
    ]);
    expect(stderr, stderr).toBe('');
    expect(code).toBe(0);
    const receipt = JSON.parse(stdout.trim());
    expect(receipt).toMatchObject({ messageId, status: 'APPLIED', caseVersion: 2 });
    expect(receipt.receiptNumber).toMatch(/^CX\d{8}\d+$/);

    const { body } = await stack.graphql(
      `query($n: ID!) { case(caseNumber: $n) {
        state
        records { action channel actorKind handlerName opinion sourceMessageId agency { uscc } evidence { messageId status receiptNumber envelope } }
      } }`,
      { n: caseNumber },
      { as: 'auditor-hejing' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.case.state).toBe('ACCEPTED');
    const pushed = body.data.case.records.filter((record: { sourceMessageId: string | null }) => record.sourceMessageId === messageId);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({
      action: 'ACCEPT',
      channel: 'SOAP',
      actorKind: 'DEPARTMENT_SYSTEM',
      handlerName: '赵警官',
      opinion: '材料齐全，予以受理',
      agency: { uscc: POLICE },
      evidence: { messageId, status: 'APPLIED', receiptNumber: receipt.receiptNumber },
    });
    // The evidence log keeps the envelope SOAP::Lite wrote, its own UsernameToken included.
    expect(pushed[0].evidence.envelope).toContain(`<ce:MessageId>${messageId}</ce:MessageId>`);
    expect(pushed[0].evidence.envelope).toContain('#PasswordDigest');
  }, 90_000);
});
