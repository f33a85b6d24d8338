import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClientAsync, listen } from 'soap';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { DEV_DELIVERY_CREDENTIALS, developmentDepartmentSystems, type DepartmentSystem } from '../departments/config.ts';
import { deliverApplication, DeliveryError, type ApplicationMessage } from '../departments/deliver.ts';
import { CASE_EXCHANGE_WSDL } from './exchange.ts';
import { LICENSE_REGISTRY_WSDL, startLegacySim, type LegacySim, type LegacySimOptions } from './sim.ts';
import { usernameTokenVerifier } from './wsSecurity.ts';

// The fake exchange and the simulator's client are both built from the real WSDL (and its XSD).
const EXCHANGE_WSDL = CASE_EXCHANGE_WSDL;

const CLIENT_ID = 'dept-610725-housing';
const logger = createLogger('silent');

interface Arrival {
  operation: string;
  args: Record<string, unknown>;
  username: string | null;
}

interface FakeExchange {
  url: string;
  arrivals: Arrival[];
  /** Decides each call's fate; undefined answers a receipt. */
  fault?: (arrival: Arrival, earlierArrivalsOfId: number) => { faultcode: string; faultstring: string } | undefined;
  close(): Promise<void>;
}

/** The WSDL with its imported schema inlined, as a served WSDL is (a string has no base to resolve imports against). */
function inlinedWsdl(path: string): string {
  const wsdl = readFileSync(path, 'utf8');
  return wsdl.replace(/<xs:schema[^>]*>\s*<xs:import[^>]*schemaLocation="([^"]+)"[^>]*\/>\s*<\/xs:schema>/, (_all, location: string) =>
    readFileSync(new URL(location, `file://${path}`), 'utf8').replace(/<\?xml[^>]*\?>/, ''),
  );
}

/** A CaseExchange stand-in built from the WSDL: checks the UsernameToken and records every push. */
async function startFakeExchange(): Promise<FakeExchange> {
  const wsdl = inlinedWsdl(EXCHANGE_WSDL);
  const serviceName = /<(?:\w+:)?service\s+name="([^"]+)"/.exec(wsdl)![1]!;
  const portName = /<(?:\w+:)?port\s+name="([^"]+)"/.exec(wsdl)![1]!;
  const verifier = usernameTokenVerifier([{ username: CLIENT_ID, password: `dev-only-soap-${CLIENT_ID}` }]);
  const http = createServer((_req, res) => res.writeHead(404).end());
  const fake: FakeExchange = { url: '', arrivals: [], close: async () => {} };
  let lastUser: string | null = null;
  const operation = (name: string) => async (args: Record<string, unknown>) => {
    const arrival: Arrival = { operation: name, args, username: lastUser };
    const earlier = fake.arrivals.filter((a) => a.args.MessageId === args.MessageId).length;
    fake.arrivals.push(arrival);
    const fault = fake.fault?.(arrival, earlier);
    if (fault) throw { Fault: { ...fault, statusCode: 500 } };
    return { MessageId: args.MessageId, ReceiptNumber: `EX-${fake.arrivals.length}`, Status: earlier > 0 ? 'DUPLICATE' : 'APPLIED' };
  };
  const ops = ['PushAcceptance', 'PushProcess', 'PushSpecialProcedure', 'PushResult', 'PushMaterials'];
  const soapServer = listen(http, '/soap/CaseExchange', { [serviceName]: { [portName]: Object.fromEntries(ops.map((op) => [op, operation(op)])) } }, wsdl);
  soapServer.authenticate = (security: unknown) => {
    const verdict = verifier.verify(security);
    lastUser = verdict.ok ? verdict.username : null;
    return verdict.ok;
  };
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/soap/CaseExchange`;
  fake.close = async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  };
  return fake;
}

/** Deterministic randomness for the failure rate. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock that moves one minute each time the simulator reads it. */
function steppingClock(start = Date.parse('2026-03-02T01:00:00Z')) {
  let t = start;
  return () => new Date((t += 60_000));
}

const CASE = '610725000000TB725012610226000001';
const application = (overrides: Partial<ApplicationMessage> = {}): ApplicationMessage => ({
  messageId: `application:${CASE}`,
  caseNumber: CASE,
  implementationCode: '610725000000TB7250126102',
  itemName: '建筑工程施工许可证核发',
  submittedAt: '2026-03-02T09:00:00+08:00',
  applicant: { kind: 'LEGAL_PERSON', name: '勉县汉江绿源农业开发有限公司', idType: 'USCC', idNumber: '91610725TBQ725018D' },
  forms: ['建筑工程施工许可申请表'],
  materials: [{ name: '建设工程规划许可证', fileName: 'plan.pdf', contentType: 'application/pdf', sha256: 'b'.repeat(64), size: 10 }],
  formData: { projectName: '冷库' },
  ...overrides,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp(options: Partial<LegacySimOptions> = {}): Promise<{ exchange: FakeExchange; sim: LegacySim; system: DepartmentSystem }> {
  const exchange = await startFakeExchange();
  cleanups.push(exchange.close);
  const sim = await startLegacySim({
    port: 0,
    exchangeUrl: exchange.url,
    exchangeWsdl: EXCHANGE_WSDL,
    delays: 0,
    retry: { baseMs: 2, maxMs: 20 },
    now: steppingClock(),
    logger,
    ...options,
  });
  cleanups.push(sim.stop);
  const system = { ...developmentDepartmentSystems()[0]!, endpoint: sim.intakeUrl, timeoutMs: 5_000 };
  return { exchange, sim, system };
}

const summary = (arrivals: Arrival[]) =>
  arrivals.map((a) => [a.operation, a.args.Action, a.args.Step ?? a.args.Decision ?? a.args.Result ?? null].filter((x) => x !== null).join(' '));

describe('legacy-sim', () => {
  it('receives an application and pushes acceptance, review, decision and result to CaseExchange over SOAP', async () => {
    const { exchange, sim, system } = await setUp();
    const receipt = await deliverApplication(system, application());
    expect(receipt).toMatchObject({ receipt: 'ZJJ-SL-000001', duplicate: false });
    await sim.idle();

    expect(summary(exchange.arrivals)).toEqual([
      'PushAcceptance ACCEPT',
      'PushProcess START_STEP REVIEW',
      'PushProcess COMPLETE_STEP REVIEW',
      'PushProcess START_STEP DECIDE',
      'PushProcess DECIDE APPROVE',
      'PushResult COMPLETE CERTIFICATE_ISSUED',
    ]);
    expect(exchange.arrivals.every((a) => a.username === CLIENT_ID)).toBe(true);
    const ids = exchange.arrivals.map((a) => a.args.MessageId);
    expect(new Set(ids).size).toBe(6);
    for (const { args } of exchange.arrivals) {
      expect(args).toMatchObject({ CaseNumber: CASE, ImplementationCode: '610725000000TB7250126102', Handler: { Id: expect.stringMatching(/^ZJ\d{4}$/) } });
    }
    expect(exchange.arrivals[2]!.args.Opinion).toMatch(/经审查/);
    expect(exchange.arrivals[4]!.args.Opinion).toBeTruthy();
    const result = exchange.arrivals[5]!.args;
    expect(result).toMatchObject({ DeliveryMethod: 'WINDOW', ResultDocument: { Name: '建筑工程施工许可证', Number: expect.stringMatching(/^勉住建许〔2026〕第0001号$/) } });
    // Each step happens at its own simulated time, in order.
    const times = exchange.arrivals.map((a) => new Date(a.args.OccurredAt as string | Date).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(6);

    const job = sim.job(CASE)!;
    expect(job).toMatchObject({ status: 'COMPLETED', receipt: 'ZJJ-SL-000001', error: null });
    expect(job.pushed.map((p) => p.messageId)).toEqual(ids);

    const registry = await createClientAsync(LICENSE_REGISTRY_WSDL, {}, sim.registryUrl);
    const [status] = await registry.QueryCaseStatusAsync({ CaseNumber: CASE });
    expect(status).toMatchObject({ Found: true, Status: 'COMPLETED', StatusName: '已办结', LicenseNumber: job.licenseNumber });
    const [licenses] = await registry.QueryLicensesByHolderAsync({ HolderCode: '91610725TBQ725018D' });
    expect(licenses.Licenses.License).toEqual([expect.objectContaining({ Name: '建筑工程施工许可证', CaseNumber: CASE, Status: 'VALID' })]);
    const [unknown] = await registry.QueryCaseStatusAsync({ CaseNumber: '610725000000TB725012610226999999' });
    expect(unknown).toMatchObject({ Found: false });
  });

  it('completes an item whose result is not a certificate as COMPLETED', async () => {
    const { exchange, sim, system } = await setUp({ certificates: {} });
    await deliverApplication(system, application());
    await sim.idle();
    expect(exchange.arrivals.at(-1)!.args).toMatchObject({ Action: 'COMPLETE', Result: 'COMPLETED' });
    expect(exchange.arrivals.at(-1)!.args.ResultDocument).toBeUndefined();
  });

  it('answers a redelivered message with its first receipt and works the case once', async () => {
    const { exchange, sim, system } = await setUp();
    const [first, second] = await Promise.all([deliverApplication(system, application()), deliverApplication(system, application())]);
    const third = await deliverApplication(system, application());
    expect(first.receipt).toBe(second.receipt);
    expect(third).toMatchObject({ receipt: first.receipt, duplicate: true });
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    await sim.idle();
    expect(sim.jobs()).toHaveLength(1);
    expect(exchange.arrivals).toHaveLength(6);
  });

  it('retries failed pushes with backoff, resending the same MessageId and payload', async () => {
    const { exchange, sim, system } = await setUp({ failureRate: 0.5, random: mulberry32(7) });
    // The exchange is also flaky itself: the first arrival of every message gets a Server fault.
    exchange.fault = (_arrival, earlier) => (earlier === 0 ? { faultcode: 'soap:Server.Unavailable', faultstring: 'try again' } : undefined);
    await deliverApplication(system, application());
    await sim.idle();

    const job = sim.job(CASE)!;
    expect(job.status).toBe('COMPLETED');
    const ids = [...new Set(exchange.arrivals.map((a) => a.args.MessageId))];
    expect(ids).toHaveLength(6);
    expect(job.pushed.map((p) => p.messageId)).toEqual(ids);
    // Every message arrived at least twice (the first was faulted), some more (lost answers: true duplicates).
    expect(exchange.arrivals.length).toBeGreaterThan(12);
    for (const id of ids) {
      const copies = exchange.arrivals.filter((a) => a.args.MessageId === id).map((a) => JSON.stringify(a.args));
      expect(copies.length).toBeGreaterThanOrEqual(2);
      expect(new Set(copies).size).toBe(1);
    }
    expect(job.pushed.some((p) => p.attempts > 2)).toBe(true);
    // Order is the department's: a step is pushed only after the previous one was acknowledged.
    const firstSeen = ids.map((id) => exchange.arrivals.findIndex((a) => a.args.MessageId === id));
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
  });

  it('gives up on a push the exchange refuses with a Client fault, without retrying it', async () => {
    const { exchange, sim, system } = await setUp();
    exchange.fault = (arrival) =>
      arrival.args.Action === 'START_STEP' ? { faultcode: 'soap:Client.IllegalTransition', faultstring: 'START_STEP is not allowed here' } : undefined;
    await deliverApplication(system, application());
    await sim.idle();
    expect(summary(exchange.arrivals)).toEqual(['PushAcceptance ACCEPT', 'PushProcess START_STEP REVIEW']);
    const job = sim.job(CASE)!;
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/Client\.IllegalTransition/);
    const registry = await createClientAsync(LICENSE_REGISTRY_WSDL, {}, sim.registryUrl);
    const [status] = await registry.QueryCaseStatusAsync({ CaseNumber: CASE });
    expect(status).toMatchObject({ Found: true, Status: 'FAILED' });
  });

  it('refuses deliveries with wrong credentials or for another agency, as permanent faults', async () => {
    const { exchange, sim, system } = await setUp();
    const wrongPassword = await deliverApplication({ ...system, credentials: { ...DEV_DELIVERY_CREDENTIALS, password: 'nope' } }, application()).catch((e: unknown) => e);
    expect(wrongPassword).toBeInstanceOf(DeliveryError);
    expect(wrongPassword).toMatchObject({ failure: 'CLIENT_FAULT', retryable: false });

    // 勉县公安局's item: the housing system does not handle it.
    const police = await deliverApplication(system, application({ implementationCode: '610725000000TB7250054101', caseNumber: '610725000000TB725005410126000001' })).catch((e: unknown) => e);
    expect(police).toMatchObject({ failure: 'CLIENT_FAULT', retryable: false, details: { faultCode: 'Client.ForeignImplementation' } });
    expect(sim.jobs()).toHaveLength(0);
    expect(exchange.arrivals).toHaveLength(0);
  });

  it('stop() cancels pending steps', async () => {
    const { exchange, sim, system } = await setUp({ delays: 60_000 });
    await deliverApplication(system, application());
    const started = Date.now();
    await sim.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(exchange.arrivals).toHaveLength(0);
  });

  it('delays LicenseRegistry answers by the configured time', async () => {
    const { sim } = await setUp({ queryDelayMs: 0 });
    const registry = await createClientAsync(LICENSE_REGISTRY_WSDL, {}, sim.registryUrl);
    sim.setQueryDelay(400);
    const started = Date.now();
    await expect(registry.QueryLicensesByHolderAsync({ HolderCode: 'nobody' }, { timeout: 100 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(350);
    sim.setQueryDelay(0);
    const [answer] = await registry.QueryLicensesByHolderAsync({ HolderCode: 'nobody' });
    expect(answer.Licenses?.License ?? []).toEqual([]);
  });
});
