import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usernameTokenVerifier } from '../legacy-sim/wsSecurity.ts';
import { APPLICATION_INTAKE_WSDL, type DepartmentSystem } from './config.ts';
import { deliverApplication, DeliveryError, type ApplicationMessage } from './deliver.ts';

const CREDENTIALS = { username: 'tongban', password: 'test-secret' };

const message: ApplicationMessage = {
  messageId: 'application:610725000000TB725012610226000001',
  caseNumber: '610725000000TB725012610226000001',
  implementationCode: '610725000000TB7250126102',
  itemName: '建筑工程施工许可证核发',
  submittedAt: '2026-03-02T09:15:00+08:00',
  applicant: { kind: 'LEGAL_PERSON', name: '勉县汉江绿源农业开发有限公司', idType: 'USCC', idNumber: '91610725TBQ725018D' },
  agent: { kind: 'NATURAL_PERSON', name: '陈杰', idType: 'CITIZEN_ID', idNumber: '610725199001010011' },
  forms: ['建筑工程施工许可申请表'],
  materials: [{ name: '建设工程规划许可证', fileName: 'plan.pdf', contentType: 'application/pdf', sha256: 'a'.repeat(64), size: 2048 }],
  formData: { projectName: '汉江绿源冷库', contractPrice: 860 },
};

type Behaviour = (args: Record<string, unknown>) => Promise<unknown>;

let behaviour: Behaviour;
let received: Record<string, unknown>[] = [];
let server: Server;
let endpoint: string;
let broken: Server;
let brokenEndpoint: string;

function system(overrides: Partial<DepartmentSystem> = {}): DepartmentSystem {
  return {
    agency: '11610725TB72501263',
    name: 'test department',
    endpoint,
    wsdl: APPLICATION_INTAKE_WSDL,
    credentials: CREDENTIALS,
    timeoutMs: 2_000,
    ...overrides,
  };
}

async function listenOn(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the delivery to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  const soapServer = listen(
    server,
    '/soap/ApplicationIntake',
    {
      ApplicationIntakeService: {
        ApplicationIntakePort: {
          ReceiveApplication: async (args: Record<string, unknown>) => {
            received.push(args);
            return behaviour(args);
          },
        },
      },
    },
    readFileSync(APPLICATION_INTAKE_WSDL, 'utf8'),
  );
  const verifier = usernameTokenVerifier([CREDENTIALS]);
  soapServer.authenticate = (security: unknown) => verifier.verify(security).ok;
  endpoint = `${await listenOn(server)}/soap/ApplicationIntake`;

  broken = createServer((_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>'));
  brokenEndpoint = `${await listenOn(broken)}/soap/ApplicationIntake`;
});

afterAll(async () => {
  for (const s of [server, broken]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe('deliverApplication', () => {
  it('posts the application with a PasswordDigest UsernameToken and resolves with the receipt', async () => {
    received = [];
    behaviour = async () => ({ Receipt: 'R-1', Accepted: true, ReceivedAt: '2026-03-02T09:15:02+08:00', Duplicate: false });
    const receipt = await deliverApplication(system(), message);
    expect(receipt).toMatchObject({ receipt: 'R-1', duplicate: false, message: null });
    expect(receipt.receivedAt).toMatch(/^2026-03-02T01:15:02/);
    expect(received).toHaveLength(1);
    const args = received[0]!;
    expect(args.MessageId).toBe(message.messageId);
    expect(args.CaseNumber).toBe(message.caseNumber);
    expect(args.Applicant).toMatchObject({ Kind: 'LEGAL_PERSON', IdType: 'USCC', IdNumber: '91610725TBQ725018D' });
    expect(args.Agent).toMatchObject({ Name: '陈杰' });
    expect((args.Materials as { Material: unknown }).Material).toMatchObject([{ Name: '建设工程规划许可证', Sha256: 'a'.repeat(64), Size: 2048 }]);
    expect(JSON.parse(String(args.FormData))).toEqual(message.formData);
  });

  it('reports a redelivery the department recognised', async () => {
    behaviour = async () => ({ Receipt: 'R-1', Accepted: true, ReceivedAt: '2026-03-02T09:15:02+08:00', Duplicate: true });
    await expect(deliverApplication(system(), message)).resolves.toMatchObject({ receipt: 'R-1', duplicate: true });
  });

  it('is permanent when the department answers a Client fault', async () => {
    behaviour = async () => {
      throw { Fault: { faultcode: 'soap:Client.ForeignImplementation', faultstring: 'not our item', statusCode: 500 } };
    };
    const error = await failure(deliverApplication(system(), message));
    expect(error).toMatchObject({ failure: 'CLIENT_FAULT', retryable: false, details: { faultCode: 'Client.ForeignImplementation', status: 500 } });
    expect(error.message).toContain('not our item');
  });

  it('is retryable when the department answers a Server fault', async () => {
    behaviour = async () => {
      throw { Fault: { faultcode: 'soap:Server.Busy', faultstring: 'database locked' } };
    };
    await expect(failure(deliverApplication(system(), message))).resolves.toMatchObject({ failure: 'SERVER', retryable: true, details: { faultCode: 'Server.Busy' } });
  });

  it('is permanent when the department refuses the application (Accepted=false)', async () => {
    behaviour = async () => ({ Receipt: 'R-2', Accepted: false, ReceivedAt: '2026-03-02T09:15:02+08:00', Message: '项目不在本县' });
    const error = await failure(deliverApplication(system(), message));
    expect(error).toMatchObject({ failure: 'REFUSED', retryable: false });
    expect(error.message).toContain('项目不在本县');
  });

  it('is permanent when the department refuses the credentials', async () => {
    received = [];
    behaviour = async () => ({ Receipt: 'R-3', Accepted: true, ReceivedAt: '2026-03-02T09:15:02+08:00' });
    const error = await failure(deliverApplication(system({ credentials: { username: 'tongban', password: 'wrong' } }), message));
    expect(error).toMatchObject({ failure: 'CLIENT_FAULT', retryable: false });
    expect(received).toHaveLength(0);
  });

  it('is retryable when the department does not answer within the timeout', async () => {
    behaviour = () => new Promise((resolve) => setTimeout(() => resolve({ Receipt: 'late', Accepted: true, ReceivedAt: '2026-03-02T09:15:02+08:00' }), 1_500));
    const started = Date.now();
    const error = await failure(deliverApplication(system({ timeoutMs: 300 }), message));
    expect(error).toMatchObject({ failure: 'TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('is retryable on HTTP 5xx without a SOAP envelope', async () => {
    await expect(failure(deliverApplication(system({ endpoint: brokenEndpoint }), message))).resolves.toMatchObject({
      failure: 'SERVER',
      retryable: true,
      details: { status: 503 },
    });
  });

  it('is retryable when the connection is refused', async () => {
    const closed = createServer();
    const url = await listenOn(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expect(failure(deliverApplication(system({ endpoint: `${url}/soap/ApplicationIntake` }), message))).resolves.toMatchObject({
      failure: 'UNREACHABLE',
      retryable: true,
    });
  });
});
