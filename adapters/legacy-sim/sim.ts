import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { listen } from 'soap';
import type { Logger } from '../../lib/logger.ts';
import { CERTIFICATE_TYPES, MIANXIAN_HOUSING } from '../../seeds/certificates/types.ts';
import { SEED_USERS } from '../../seeds/identity/principals.ts';
import { APPLICATION_INTAKE_WSDL, DEV_DELIVERY_CREDENTIALS } from '../departments/config.ts';
import { exchangeClient } from './exchange.ts';
import {
  chinaIso,
  DEFAULT_STAFF,
  DEVELOPMENT_DELAYS,
  JobRunner,
  STATUS_NAMES,
  STEPS,
  type Application,
  type Job,
  type License,
  type RetryPolicy,
  type SimDelays,
  type SimStaff,
} from './jobs.ts';
import { usernameTokenVerifier, type Credentials } from './wsSecurity.ts';

/**
 * A simulated departmental system (勉县住房和城乡建设局's own business system by default), its own
 * SOAP server built with `soap`:
 *
 * - /soap/ApplicationIntake (adapters/departments/wsdl/ApplicationIntake.wsdl): Tongban delivers
 *   applications here; the receipt is answered at once, idempotently by MessageId, and the case
 *   is then worked in the background and every step pushed to CaseExchange (see jobs.ts);
 * - /soap/LicenseRegistry (wsdl/LicenseRegistry.wsdl): licences by holder and case status by
 *   number, from memory, after an artificial delay.
 *
 * Everything is in memory: it is a simulator. A restart forgets its cases.
 */

export const LICENSE_REGISTRY_WSDL = fileURLToPath(new URL('./wsdl/LicenseRegistry.wsdl', import.meta.url));

export const DEV_SIM_CLIENT_ID = 'dept-610725-housing';
export const devSimPassword = (clientId: string) => `dev-only-soap-${clientId}`;

export interface LegacySimOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** CaseExchange endpoint, e.g. http://127.0.0.1:4000/soap/CaseExchange. */
  exchangeUrl: string;
  /** Defaults to adapters/case-exchange/wsdl/CaseExchange.wsdl. */
  exchangeWsdl?: string;
  /** The department system's client id at the exchange (WS-Security username). */
  clientId?: string;
  password?: string;
  /** The agency (USCC) the simulated system belongs to; it takes only its own implementation codes. */
  agency?: string;
  /** Milliseconds before each step; a number applies to every step. */
  delays?: number | Partial<SimDelays>;
  /** Share (0–1) of push attempts that fail on the simulated network and are retried. */
  failureRate?: number;
  /** Artificial delay of LicenseRegistry answers. */
  queryDelayMs?: number;
  retry?: Partial<RetryPolicy>;
  pushTimeoutMs?: number;
  /** Who may deliver applications (UsernameToken, PasswordDigest); null accepts anyone. */
  inbound?: readonly Credentials[] | null;
  /** Implementation code → certificate name; defaults to the seeded 证照目录 of the agency. */
  certificates?: Readonly<Record<string, string>>;
  staff?: SimStaff;
  /** Licences the registry knows from before (legacy data). */
  licenses?: readonly License[];
  logger: Logger;
  random?: () => number;
  now?: () => Date;
}

export interface JobView {
  receipt: string;
  messageId: string;
  caseNumber: string;
  status: Job['status'];
  error: string | null;
  licenseNumber: string | null;
  /** Acknowledged pushes in order: operation, action, MessageId, attempts. */
  pushed: { operation: string; action: string; messageId: string; attempts: number; occurredAt: string }[];
}

export interface LegacySim {
  /** http://host:port */
  url: string;
  intakeUrl: string;
  registryUrl: string;
  port: number;
  jobs(): JobView[];
  job(caseNumber: string): JobView | undefined;
  /** Resolves when every received case is completed or failed. */
  idle(): Promise<void>;
  /** Changes the LicenseRegistry delay at run time (try a wrapper's timeout). */
  setQueryDelay(ms: number): void;
  /** Cancels the timers, waits for pushes on the wire, closes the server. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

class SoapFault {
  readonly Fault: { faultcode: string; faultstring: string; statusCode: number };
  constructor(code: string, reason: string, statusCode = 500) {
    this.Fault = { faultcode: `soap:${code}`, faultstring: reason, statusCode };
  }
}

/** A licence from before Tongban, so that QueryLicensesByHolder has something to say for the seeded company. */
export function developmentLicenses(): License[] {
  const company = SEED_USERS.find((user) => user.kind === 'LEGAL_PERSON' && user.uscc !== null);
  if (!company?.uscc) return [];
  return [
    {
      licenseNumber: '勉住建许〔2023〕第0117号',
      name: '建筑工程施工许可证',
      holderName: company.name,
      holderCode: company.uscc,
      issuedAt: '2023-05-16T10:20:00+08:00',
      status: 'VALID',
      implementationCode: '610725000000TB7250126102',
    },
  ];
}

function defaultCertificates(agency: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const type of CERTIFICATE_TYPES) {
    if (!type.issuingAgencies.includes(agency)) continue;
    for (const code of type.implementationCodes) map[code] = type.name;
  }
  return map;
}

function resolveDelays(delays: LegacySimOptions['delays']): SimDelays {
  if (typeof delays === 'number') return Object.fromEntries(STEPS.map((step) => [step, delays])) as SimDelays;
  return { ...DEVELOPMENT_DELAYS, ...(delays ?? {}) };
}

const asList = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The delivered application, checked: a Client fault names the first field that is wrong. */
function readApplication(args: Record<string, unknown>, agency: string): Application {
  const required = (field: string, value: unknown): string => {
    const v = text(value)?.trim();
    if (!v) throw new SoapFault('Client.Validation', `${field} is required`);
    return v;
  };
  const applicant = (args.Applicant ?? {}) as Record<string, unknown>;
  const application: Application = {
    messageId: required('MessageId', args.MessageId),
    caseNumber: required('CaseNumber', args.CaseNumber),
    implementationCode: required('ImplementationCode', args.ImplementationCode),
    itemName: required('ItemName', args.ItemName),
    submittedAt: required('SubmittedAt', args.SubmittedAt),
    applicant: {
      kind: required('Applicant.Kind', applicant.Kind),
      name: required('Applicant.Name', applicant.Name),
      idType: required('Applicant.IdType', applicant.IdType),
      idNumber: required('Applicant.IdNumber', applicant.IdNumber),
    },
  };
  if (application.messageId.length > 64) throw new SoapFault('Client.Validation', 'MessageId is longer than 64 characters');
  if (!/^[0-9A-Z]{24}$/.test(application.implementationCode)) throw new SoapFault('Client.Validation', 'ImplementationCode should be 24 characters');
  if (!application.caseNumber.startsWith(application.implementationCode)) {
    throw new SoapFault('Client.Validation', 'CaseNumber should start with the ImplementationCode');
  }
  // Characters 13–21 of an implementation code are the agency's organization code (USCC 9–17).
  if (application.implementationCode.slice(12, 21) !== agency.slice(8, 17)) {
    throw new SoapFault('Client.ForeignImplementation', `ImplementationCode ${application.implementationCode} is not an item of agency ${agency}`);
  }
  const formData = args.FormData;
  if (formData !== undefined && formData !== null && formData !== '') {
    try {
      JSON.parse(String(formData));
    } catch {
      throw new SoapFault('Client.Validation', 'FormData should be a JSON document');
    }
  }
  for (const [index, material] of asList(((args.Materials ?? {}) as { Material?: unknown }).Material).entries()) {
    const sha = text((material as Record<string, unknown>)?.Sha256);
    if (!sha || !/^[0-9a-f]{64}$/.test(sha)) throw new SoapFault('Client.Validation', `Materials.Material[${index}].Sha256 should be 64 lower-case hex characters`);
  }
  return application;
}

export async function startLegacySim(options: LegacySimOptions): Promise<LegacySim> {
  const logger = options.logger;
  const host = options.host ?? '127.0.0.1';
  const agency = options.agency ?? MIANXIAN_HOUSING;
  const clientId = options.clientId ?? DEV_SIM_CLIENT_ID;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const failureRate = options.failureRate ?? 0;
  if (!(failureRate >= 0 && failureRate < 1)) throw new RangeError(`failureRate should be at least 0 and below 1, got ${failureRate}`);
  let queryDelayMs = options.queryDelayMs ?? 0;

  const jobsByMessage = new Map<string, Job>();
  const jobsByCase = new Map<string, Job>();
  const licenses: License[] = [...(options.licenses ?? [])];
  let receiptSeq = 0;

  const runner = new JobRunner({
    exchange: exchangeClient({
      url: options.exchangeUrl,
      ...(options.exchangeWsdl ? { wsdl: options.exchangeWsdl } : {}),
      clientId,
      password: options.password ?? devSimPassword(clientId),
      timeoutMs: options.pushTimeoutMs ?? 10_000,
    }),
    delays: resolveDelays(options.delays),
    failureRate,
    retry: { baseMs: 500, maxMs: 30_000, maxAttempts: 30, ...(options.retry ?? {}) },
    staff: options.staff ?? DEFAULT_STAFF,
    certificates: options.certificates ?? defaultCertificates(agency),
    logger,
    random,
    now,
    onLicense: (license) => licenses.push(license),
  });

  const pendingQueries = new Set<{ timer: NodeJS.Timeout; reject: (error: unknown) => void }>();
  const pause = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const entry = {
            timer: setTimeout(() => {
              pendingQueries.delete(entry);
              resolve();
            }, ms),
            reject,
          };
          pendingQueries.add(entry);
        });

  const intakeService = {
    ApplicationIntakeService: {
      ApplicationIntakePort: {
        ReceiveApplication: async (args: Record<string, unknown>) => {
          const application = readApplication(args ?? {}, agency);
          const known = jobsByMessage.get(application.messageId);
          if (known) {
            if (known.application.caseNumber !== application.caseNumber) {
              throw new SoapFault('Client.MessageIdReused', `MessageId ${application.messageId} was used for case ${known.application.caseNumber}`);
            }
            logger.info({ caseNumber: application.caseNumber, messageId: application.messageId }, 'legacy-sim: redelivery, first receipt answered');
            return { Receipt: known.receipt, Accepted: true, ReceivedAt: known.receivedAt, Duplicate: true };
          }
          // Another message id for a case already received: still one case in the department.
          const sameCase = jobsByCase.get(application.caseNumber);
          if (sameCase) {
            jobsByMessage.set(application.messageId, sameCase);
            return { Receipt: sameCase.receipt, Accepted: true, ReceivedAt: sameCase.receivedAt, Duplicate: true };
          }
          receiptSeq += 1;
          const receivedAt = chinaIso(now());
          const job: Job = {
            receipt: `ZJJ-SL-${String(receiptSeq).padStart(6, '0')}`,
            application,
            receivedAt,
            updatedAt: receivedAt,
            status: 'RECEIVED',
            next: 0,
            pending: null,
            pushed: [],
            error: null,
            licenseNumber: null,
          };
          jobsByMessage.set(application.messageId, job);
          jobsByCase.set(application.caseNumber, job);
          logger.info({ caseNumber: application.caseNumber, messageId: application.messageId, receipt: job.receipt }, 'legacy-sim: application received');
          runner.start(job);
          return { Receipt: job.receipt, Accepted: true, ReceivedAt: receivedAt, Duplicate: false };
        },
      },
    },
  };

  const registryService = {
    LicenseRegistryService: {
      LicenseRegistryPort: {
        QueryLicensesByHolder: async (args: Record<string, unknown>) => {
          const holder = text(args?.HolderCode)?.trim();
          if (!holder) throw new SoapFault('Client.Validation', 'HolderCode is required');
          await pause(queryDelayMs);
          const found = licenses.filter((license) => license.holderCode === holder);
          return {
            Licenses: {
              License: found.map((l) => ({
                LicenseNumber: l.licenseNumber,
                Name: l.name,
                HolderName: l.holderName,
                HolderCode: l.holderCode,
                IssuedAt: l.issuedAt,
                Status: l.status,
                ...(l.caseNumber ? { CaseNumber: l.caseNumber } : {}),
                ...(l.implementationCode ? { ImplementationCode: l.implementationCode } : {}),
              })),
            },
          };
        },
        QueryCaseStatus: async (args: Record<string, unknown>) => {
          const caseNumber = text(args?.CaseNumber)?.trim();
          if (!caseNumber) throw new SoapFault('Client.Validation', 'CaseNumber is required');
          await pause(queryDelayMs);
          const job = jobsByCase.get(caseNumber);
          if (!job) return { Found: false, CaseNumber: caseNumber };
          return {
            Found: true,
            CaseNumber: caseNumber,
            ImplementationCode: job.application.implementationCode,
            ItemName: job.application.itemName,
            Status: job.status,
            StatusName: STATUS_NAMES[job.status],
            ReceivedAt: job.receivedAt,
            UpdatedAt: job.updatedAt,
            ...(job.licenseNumber ? { LicenseNumber: job.licenseNumber } : {}),
          };
        },
      },
    },
  };

  const server: HttpServer = createServer((req, res) => {
    // Reached only for paths neither SOAP service claims.
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: the simulator serves /soap/ApplicationIntake and /soap/LicenseRegistry\n');
  });
  const intake = listen(server, '/soap/ApplicationIntake', intakeService, readFileSync(APPLICATION_INTAKE_WSDL, 'utf8'));
  if (options.inbound !== null) {
    // Real time, not the simulated clock: the token was made by a real one.
    const verifier = usernameTokenVerifier(options.inbound ?? [DEV_DELIVERY_CREDENTIALS]);
    intake.authenticate = (security: unknown) => {
      const verdict = verifier.verify(security);
      if (!verdict.ok) logger.warn({ reason: verdict.reason }, 'legacy-sim: delivery refused (WS-Security)');
      return verdict.ok;
    };
  }
  listen(server, '/soap/LicenseRegistry', registryService, readFileSync(LICENSE_REGISTRY_WSDL, 'utf8'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url, agency, clientId, exchangeUrl: options.exchangeUrl }, 'legacy-sim: listening');

  const view = (job: Job): JobView => ({
    receipt: job.receipt,
    messageId: job.application.messageId,
    caseNumber: job.application.caseNumber,
    status: job.status,
    error: job.error,
    licenseNumber: job.licenseNumber,
    pushed: job.pushed.map((push) => ({
      operation: push.operation,
      action: String(push.body.Action),
      messageId: push.messageId,
      attempts: push.attempts,
      occurredAt: String(push.body.OccurredAt),
    })),
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await runner.stop();
      for (const entry of pendingQueries) {
        clearTimeout(entry.timer);
        entry.reject(new SoapFault('Server.ShuttingDown', 'the simulator is stopping'));
      }
      pendingQueries.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })());

  return {
    url,
    intakeUrl: `${url}/soap/ApplicationIntake`,
    registryUrl: `${url}/soap/LicenseRegistry`,
    port,
    jobs: () => [...jobsByCase.values()].map(view),
    job: (caseNumber) => {
      const job = jobsByCase.get(caseNumber);
      return job ? view(job) : undefined;
    },
    idle: () => runner.idle(() => jobsByCase.values()),
    setQueryDelay: (ms) => {
      queryDelayMs = ms;
    },
    stop,
    close: stop,
  };
}
