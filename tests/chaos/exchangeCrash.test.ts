import { postToSubgraph } from '../support/subgraphRequest.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, soapHeaders } from '../../adapters/case-exchange/testSupport.ts';
import { createInternalSigner } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { HOTEL_GUIDE, MATERIALS } from '../support/applications.ts';
import { dropSchema, postgresUrl, uniqueSchema } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * The exchange service killed (SIGKILL) in the middle of a push load. It runs as its own process
 * (`adapters/case-exchange/main.ts`, the production layout) against a platform started here, both
 * on the same PostgreSQL. Departmental-system workers push START_STEP/COMPLETE_STEP records for
 * several cases concurrently; the service is killed mid-load and started again; every message whose
 * receipt was not received is delivered again (at least once: same MessageId, same payload, a fresh
 * UsernameToken). Afterwards every acknowledged receipt is in the inbox, every record is on its case
 * exactly once, and the evidence log's chain still verifies.
 *
 * Needs PostgreSQL (two processes share the store): runs when DATABASE_URL is set, always in CI.
 */
const databaseUrl = postgresUrl();
if (!databaseUrl) console.warn('tests/chaos/exchangeCrash.test.ts skipped: DATABASE_URL is not set (the exchange process and the platform share PostgreSQL)');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = 8;
/** START_STEP/COMPLETE_STEP pairs per case. */
const PAIRS = 10;
/** The share of the load acknowledged before the kill. */
const KILL_AFTER = 0.4;
const POLICE_SYSTEM = 'dept-610725-police';

interface Message {
  caseNumber: string;
  messageId: string;
  operation: string;
  fields: Record<string, unknown>;
}

interface Receipt {
  messageId: string;
  receiptNumber: string;
  status: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The exchange service as a child process, with its output kept for diagnostics. */
class ExchangeProcess {
  child: ChildProcess | null = null;
  output = '';
  constructor(private readonly env: Record<string, string>, readonly port: number) {}

  get soapUrl() {
    return `http://127.0.0.1:${this.port}/soap/CaseExchange`;
  }
  get graphqlUrl() {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/case-exchange/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the exchange process exited while starting (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      const ready = await fetch(`http://127.0.0.1:${this.port}/ready`).then((response) => response.ok, () => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the exchange process did not become ready within 60 s:\n${this.output}`);
  }

  /** SIGKILL: no shutdown hook runs, in-flight requests are cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

describe.skipIf(!databaseUrl)('the exchange service killed in the middle of a push load', () => {
  let stack: Stack;
  let exchange: ExchangeProcess;
  const exchangeSchema = uniqueSchema('exchange_crash');
  const messages: Message[] = [];
  /** Per case: the acceptance pushed before the load, and the load's messages in order. */
  const byCase = new Map<string, { accepted: string; load: Message[] }>();

  beforeAll(async () => {
    stack = await startStack({ store: 'postgres' });
    if (!stack.exchangeKey || !stack.internalKeys) throw new Error('the platform was expected to generate its keys');
    const port = await freePort();
    exchange = new ExchangeProcess(
      {
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        EXCHANGE_PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl!,
        EXCHANGE_DATABASE_URL: databaseUrl!,
        EXCHANGE_DB_SCHEMA: exchangeSchema,
        CASES_URL: stack.cases.url,
        // Held records are reported to supervision (its outbox table lives in the exchange store).
        SUPERVISION_URL: stack.supervision.url,
        OIDC_ISSUER: stack.issuer,
        // The cases subgraph trusts the platform's exchange key; the gateway's public keys verify internal tokens.
        SERVICE_SIGNING_KEY: JSON.stringify(stack.exchangeKey),
        INTERNAL_VERIFY_KEYS: JSON.stringify(stack.internalKeys.publicJwks),
      },
      port,
    );
    await exchange.start();

    // Cases of 勉县公安局, applied for by a citizen, each accepted by the police's own system.
    for (let i = 0; i < CASES; i++) {
      const { body } = await stack.graphql(
        'mutation($input: ApplicationInput!) { submitApplication(input: $input) { caseNumber } }',
        { input: { implementationCode: HOTEL_GUIDE, clientRequestId: `crash-${i}`, materials: MATERIALS } },
        { as: 'wangfang' },
      );
      expect(body.errors).toBeUndefined();
      const caseNumber = body.data.submitApplication.caseNumber as string;
      const accepted = `crash-${i}-accept`;
      const accept = await push(exchange, message(caseNumber, accepted, 'PushAcceptance', { Action: 'ACCEPT', OccurredAt: new Date().toISOString(), Opinion: '材料齐全，予以受理' }));
      expect(accept).toMatchObject({ messageId: accepted, status: 'APPLIED' });
      byCase.set(caseNumber, { accepted, load: [] });
    }
    // The load, payloads fixed once so that a redelivery is the same message: per case, steps in order.
    const base = Date.now();
    let i = 0;
    for (const [caseNumber, { load: list }] of byCase) {
      for (let pair = 0; pair < PAIRS; pair++) {
        const step = pair % 2 === 0 ? 'REVIEW' : 'VERIFY';
        const at = (offset: number) => new Date(base + pair * 200 + offset).toISOString();
        list.push(message(caseNumber, `crash-${i}-${pair}-start`, 'PushProcess', { Action: 'START_STEP', OccurredAt: at(0), Step: step }));
        list.push(message(caseNumber, `crash-${i}-${pair}-complete`, 'PushProcess', { Action: 'COMPLETE_STEP', OccurredAt: at(100), Opinion: `第${pair + 1}轮${step === 'REVIEW' ? '审查' : '审核'}通过`, Passed: true }));
      }
      messages.push(...list);
      i += 1;
    }
  }, 180_000);

  afterAll(async () => {
    await exchange?.kill();
    await stack?.close();
    if (databaseUrl) await dropSchema(databaseUrl, exchangeSchema);
  });

  function message(caseNumber: string, messageId: string, operation: string, fields: Record<string, unknown>): Message {
    const { Action, OccurredAt, ...rest } = fields;
    return {
      caseNumber,
      messageId,
      operation,
      // In the XSD's order.
      fields: {
        MessageId: messageId,
        CaseNumber: caseNumber,
        ImplementationCode: caseNumber.slice(0, 24),
        Action,
        OccurredAt,
        Handler: { Id: 'P-0012', Name: '赵警官' },
        ...(rest['Opinion'] !== undefined ? { Opinion: rest['Opinion'] } : {}),
        ...(rest['Step'] !== undefined ? { Step: rest['Step'] } : {}),
        ...(rest['Passed'] !== undefined ? { Passed: rest['Passed'] } : {}),
      },
    };
  }

  /** One delivery with a fresh UsernameToken; a receipt, or throws (transport error or Fault). */
  async function push(target: ExchangeProcess, sent: Message): Promise<Receipt> {
    const response = await fetch(target.soapUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', ...soapHeaders(sent.operation) },
      body: envelope(sent.operation, sent.fields),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const field = (name: string) => new RegExp(`<(?:[\\w-]+:)?${name}>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(text)?.[1];
    const fault = field('faultcode');
    if (fault !== undefined) throw new SoapFault(fault, field('faultstring') ?? '');
    const receipt = { messageId: field('MessageId') ?? '', receiptNumber: field('ReceiptNumber') ?? '', status: field('Status') ?? '' };
    if (response.status !== 200 || !receipt.receiptNumber) throw new Error(`no receipt for ${sent.messageId} (HTTP ${response.status}): ${text}`);
    return receipt;
  }

  it('keeps every acknowledged receipt and doubles no record', async () => {
    const acknowledged = new Map<string, Receipt>();
    const faults: string[] = [];
    let redelivered = 0;
    let restarted: Promise<void> | null = null;
    let killNow!: () => void;
    const killTime = new Promise<void>((resolve) => (killNow = resolve));

    // A departmental system's sender per case: in order, each message again until its receipt arrives.
    const worker = async (list: Message[]) => {
      for (const sent of list) {
        for (let attempt = 1; ; attempt++) {
          let receipt: Receipt;
          try {
            receipt = await push(exchange, sent);
          } catch (error) {
            // A cut or refused connection, or Server.UNAVAILABLE: send the same message again.
            if (error instanceof SoapFault && !error.code.endsWith('Server.UNAVAILABLE')) {
              faults.push(`${sent.messageId}: ${error.message}`);
              return;
            }
            if (attempt >= 50) throw new Error(`${sent.messageId}: no receipt after ${attempt} attempts: ${(error as Error).message}`);
            redelivered += 1;
            if (restarted) await restarted;
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          if (receipt.messageId !== sent.messageId) faults.push(`${sent.messageId}: the receipt names ${receipt.messageId}`);
          acknowledged.set(sent.messageId, receipt);
          if (acknowledged.size >= messages.length * KILL_AFTER) killNow();
          break;
        }
      }
    };
    const load = Promise.all([...byCase.values()].map(({ load: list }) => worker(list)));
    load.catch(() => {});

    await Promise.race([killTime, load.then(() => Promise.reject(new Error('the load ended before the kill')))]);
    const acknowledgedBeforeKill = acknowledged.size;
    restarted = (async () => {
      await exchange.kill();
      await exchange.start();
    })();
    await restarted;
    await load;

    const duplicates = [...acknowledged.values()].filter((receipt) => receipt.status === 'DUPLICATE').length;
    console.info(`exchange crash: ${acknowledgedBeforeKill}/${messages.length} acknowledged before the kill, ${redelivered} deliveries repeated, ${duplicates} answered DUPLICATE (committed before the kill, receipt lost)`);
    expect(faults).toEqual([]);
    expect(acknowledgedBeforeKill).toBeGreaterThan(0);
    expect(acknowledgedBeforeKill).toBeLessThan(messages.length);
    // Requests were in flight when the process died, and were delivered again.
    expect(redelivered).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(messages.length);

    // A department that lost its receipts sends everything again: the first receipts, nothing changes.
    for (const sent of messages.filter((_, index) => index % 3 === 0)) {
      const again = await push(exchange, sent);
      expect(again).toEqual({ ...acknowledged.get(sent.messageId), status: 'DUPLICATE' });
    }

    // Every acknowledged receipt is in the inbox, with the receipt number the department holds.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let inbox: Array<{ message_id: string; receipt_number: string; status: string }>;
    try {
      inbox = (await client.query(`SELECT message_id, receipt_number, status FROM ${exchangeSchema}.exchange_inbox WHERE message_id LIKE 'crash-%' AND message_id NOT LIKE '%-accept'`)).rows;
    } finally {
      await client.end();
    }
    const rows = new Map(inbox.map((row) => [row.message_id, row]));
    expect(rows.size).toBe(messages.length);
    for (const [messageId, receipt] of acknowledged) {
      expect(rows.get(messageId), messageId).toMatchObject({ receipt_number: receipt.receiptNumber, status: 'APPLIED' });
    }

    // Every record is on its case exactly once, in the order the department sent them.
    for (const [caseNumber, { accepted, load: list }] of byCase) {
      const { body } = await stack.graphql('query($n: ID!) { case(caseNumber: $n) { state records { action sourceMessageId } } }', { n: caseNumber }, { as: 'auditor-hejing' });
      expect(body.errors).toBeUndefined();
      const pushed = (body.data.case.records as Array<{ action: string; sourceMessageId: string | null }>).filter((record) => record.sourceMessageId !== null);
      const ids = pushed.map((record) => record.sourceMessageId);
      expect(new Set(ids).size, `a record doubled on ${caseNumber}`).toBe(ids.length);
      expect(ids).toEqual([accepted, ...list.map((sent) => sent.messageId)]);
      expect(body.data.case.state).toBe('IN_PROCESS');
    }

    // The evidence log's chain survived the kill (an entry cut off mid-write would break it).
    const gateway = await createInternalSigner(stack.internalKeys!.privateJwk, 60);
    const { body: verification } = await postToSubgraph(
      exchange.graphqlUrl,
      gateway,
      { ...ANONYMOUS, subject: 'auditor-1', kind: 'AUDITOR', name: '审计员' },
      '{ verifyEvidenceLog { ok entries firstBrokenSequence reason } }',
    );
    expect(verification.errors).toBeUndefined();
    expect(verification.data.verifyEvidenceLog).toMatchObject({ ok: true, firstBrokenSequence: null });
    expect(verification.data.verifyEvidenceLog.entries).toBeGreaterThanOrEqual(messages.length + CASES);
  }, 240_000);
});

class SoapFault extends Error {
  constructor(readonly code: string, reason: string) {
    super(`${code}: ${reason}`);
  }
}
