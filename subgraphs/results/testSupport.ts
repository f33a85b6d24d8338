import { postToSubgraph } from '../../tests/support/subgraphRequest.ts';
import type { JSONWebKeySet } from 'jose';
import { createInternalSigner, generateInternalKeyPair, servicePrincipal, type InternalSigner } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS, type Principal } from '../../lib/auth/principal.ts';
import type { SubgraphService } from '../../lib/http/startSubgraph.ts';
import { createLogger } from '../../lib/logger.ts';
import { subgraphTestConfig } from '../../tests/support/stores.ts';
import { startResults } from './service.ts';

/** 勉县公安局's first guide (seed data) and its agency. */
export const CODE = '610725000000TB7250054101';
export const OTHER_CODE = '610725000000TB7250054102';
export const AGENCY = '11610725TB7250054A';

export const caseNumber = (sequence: number, code = CODE) => `${code}25${String(sequence).padStart(6, '0')}`;

/** A complete, valid recordCaseResult input; `overrides` replace fields. */
export function resultInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseNumber: caseNumber(1),
    implementationCode: CODE,
    agency: AGENCY,
    caseName: '食品经营许可（新办）',
    itemName: '食品经营许可',
    itemType: 'LICENSE',
    publish: true,
    applicantName: '王芳',
    kind: 'CERTIFICATE_ISSUED',
    status: '出证办结',
    opinion: '准予许可',
    reason: null,
    attachments: [{ name: '食品经营许可证', reference: 'certs/1.2.156.3005.2.0001' }],
    completedAt: '2025-03-11T10:00:00+08:00',
    documentName: '食品经营许可证',
    documentNumber: 'JY16107250000001',
    deliveryMethod: 'POST',
    ...overrides,
  };
}

export const RECORD = `mutation Record($input: CaseResultInput!) {
  recordCaseResult(input: $input) {
    caseNumber agency { uscc } implementationCode kind kindName status opinion reason
    attachments { name reference } completedAt documentName documentNumber deliveryMethod deliveryMethodName
    recordedAt published
  }
}`;

export const user = (kind: Principal['kind'], extra: Partial<Principal> = {}): Principal => ({
  ...ANONYMOUS,
  subject: `${kind.toLowerCase()}-1`,
  kind,
  ...extra,
});

export interface ResultsHarness {
  service: SubgraphService;
  /** Signs as the gateway does for clients. */
  gateway: InternalSigner;
  /** Signs with the cases subgraph's own service key. */
  cases: InternalSigner;
  /** Signs with another subgraph's service key (`certificates`), also trusted by the results subgraph. */
  otherService: InternalSigner;
  /** POSTs GraphQL with a token signed by `signer` for `principal`. */
  post(signer: InternalSigner, principal: Principal, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** recordCaseResult as the cases subgraph. */
  record(input: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * The results subgraph on a free port, with its own store: in-memory PGlite, or a throw-away schema
 * in the PostgreSQL of DATABASE_URL.
 */
export async function startResultsHarness(kind: 'pglite' | 'postgres'): Promise<ResultsHarness> {
  const { config, dropStore } = await subgraphTestConfig(kind, 'RESULTS_DB_SCHEMA');
  const gatewayKeys = await generateInternalKeyPair();
  const casesKeys = await generateInternalKeyPair('cases');
  const otherKeys = await generateInternalKeyPair('certificates');
  const internalKeys: JSONWebKeySet = { keys: [...gatewayKeys.publicJwks.keys, ...casesKeys.publicJwks.keys, ...otherKeys.publicJwks.keys] };
  const service = await startResults({ config, logger: createLogger('silent'), port: 0, dataDir: null, internalKeys });
  const gateway = await createInternalSigner(gatewayKeys.privateJwk, 60);
  const cases = await createInternalSigner(casesKeys.privateJwk, 60);
  const otherService = await createInternalSigner(otherKeys.privateJwk, 60);
  const post: ResultsHarness['post'] = (signer, principal, query, variables = {}) => postToSubgraph(service.url, signer, principal, query, variables);
  return {
    service,
    gateway,
    cases,
    otherService,
    post,
    record: (input) => post(cases, servicePrincipal('cases'), RECORD, { input }),
    async close() {
      await service.close();
      await dropStore();
    },
  };
}
