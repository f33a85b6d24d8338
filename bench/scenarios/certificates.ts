import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { certificatesDatabaseUrl } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { chinaDate } from '../../lib/time.ts';
import { passwordToken } from '../../idp/client.ts';
import { startPlatform } from '../../scripts/platform.ts';
import { inBatches } from '../lib/concurrency.ts';
import { assertNoRefusals, carriesNoErrors, checkOnce, CorrectnessError, graphqlFreshLoad, keepingRefusals, type GraphQLOperation } from '../lib/graphql.ts';
import { measure, type LoadRequest } from '../lib/measure.ts';
import { benchConfig } from '../lib/platformConfig.ts';
import type { MeasuredTarget, RatioDefinition } from '../lib/report.ts';
import { Resources } from '../lib/resources.ts';
import type { Scenario } from '../lib/scenario.ts';
import type { BenchSettings } from '../lib/settings.ts';
import { internalTokensFor, principalOfAccessToken } from './cases/internalTokens.ts';
import { dropSchemas } from './cases/statusSeed.ts';
import { dropStaleShared } from './exchange/schemas.ts';
import { dropSupervisionSchema, supervisionSchemaVariable } from './supervision/ownSchema.ts';
import { bearer, ISSUE, issueOperation, POLICE, POLICE_TYPE_COUNT, VERIFY, verifyByIdentifier, verifyByToken } from './certificates/operations.ts';

/**
 * The certificates subgraph (电子证照) under load, each measurement against its baseline in the
 * same run:
 *
 * 1. verifyCertificate by identifier through the gateway, no sign-in ÷ the same query straight to
 *    the certificates subgraph with the internal token the gateway signs for an anonymous caller;
 * 2. verifyCertificate by sealed token, the same two ways (and token ÷ identifier on the subgraph);
 * 3. issueCertificate by 勉县公安局's staff without a case, every request a new holder, through the
 *    gateway ÷ straight to the subgraph.
 *
 * One platform on the embedded default (PGlite) unless DATABASE_URL or CERTIFICATES_DATABASE_URL
 * is set; on PostgreSQL the certificates, cases and results schemas of the scenario are dropped and
 * recreated every run, so issuances never pile up across runs.
 */

const CATALOG_SCHEMA = 'bench_catalog';
const IDENTITY_SCHEMA = 'bench_identity';
const SCHEMAS = { certificates: 'bench_certificates', cases: 'bench_certificates_cases', results: 'bench_certificates_results' } as const;
/** The supervision subgraph the platform runs too (on its own PostgreSQL URL, if given): recreated every run. */
const SUPERVISION_SCHEMA = 'bench_certificates_supervision';

/** Certificates issued before measuring, verified in turn (4 types, each a different holder). */
const WORKING_SET = 200;
/** How many certificates are checked and issued at once while preparing. */
const PREPARE_CONCURRENCY = 10;

interface Verification {
  status: string;
  identifier: string | null;
  issuer: { uscc: string } | null;
  sealKeyId: string | null;
  typeName: string | null;
  checkedOn: string;
}

interface Issued {
  identifier: string;
  status: string;
  version: number;
  issuer: { uscc: string };
  holder: { codeType: string; code: string };
  sealKeyId: string;
  sealedToken: string;
}

async function issueChecked(target: string, url: string, headers: Record<string, string>, n: number, today: string): Promise<Issued> {
  const operation = issueOperation(n, today);
  const data = (await checkOnce(target, url, operation, headers)) as { issueCertificate?: Issued };
  const issued = data.issueCertificate;
  const holder = (operation.variables!['input'] as { holder: { code: string } }).holder;
  if (!issued || issued.status !== 'ACTIVE' || issued.version !== 1 || issued.issuer.uscc !== POLICE || issued.holder.code !== holder.code || issued.sealedToken.split('.').length !== 3) {
    throw new CorrectnessError(target, `issueCertificate answered ${JSON.stringify(issued ?? null).slice(0, 500)}; expected an ACTIVE version 1 of ${POLICE} for ${holder.code}`);
  }
  return issued;
}

/** One verification, checked: VALID, the certificate asked about, its issuer and seal key, today. */
async function verifyChecked(target: string, url: string, headers: Record<string, string>, operation: GraphQLOperation, certificate: Issued, today: string): Promise<Verification> {
  const data = (await checkOnce(target, url, operation, headers)) as { verifyCertificate?: Verification };
  const answer = data.verifyCertificate;
  if (
    !answer ||
    answer.status !== 'VALID' ||
    answer.identifier !== certificate.identifier ||
    answer.issuer?.uscc !== POLICE ||
    answer.sealKeyId !== certificate.sealKeyId ||
    !answer.typeName ||
    answer.checkedOn !== today
  ) {
    throw new CorrectnessError(target, `verifyCertificate answered ${JSON.stringify(answer ?? null).slice(0, 500)} for ${certificate.identifier}; expected VALID with issuer ${POLICE} and seal key ${certificate.sealKeyId}`);
  }
  return answer;
}

async function measureChecked(
  name: string,
  description: string,
  load: LoadRequest,
  refusals: string[],
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<MeasuredTarget> {
  progress(`${name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
  const figures = await measure(load, settings);
  assertNoRefusals(name, figures, refusals);
  return { name, description, figures };
}

export const certificatesScenario: Scenario = {
  name: 'certificates',
  async run(settings, progress) {
    const config = benchConfig(CATALOG_SCHEMA, {
      IDENTITY_DB_SCHEMA: IDENTITY_SCHEMA,
      CERTIFICATES_DB_SCHEMA: SCHEMAS.certificates,
      CASES_DB_SCHEMA: SCHEMAS.cases,
      RESULTS_DB_SCHEMA: SCHEMAS.results,
      ...supervisionSchemaVariable(SUPERVISION_SCHEMA),
    });
    const url = certificatesDatabaseUrl(config);
    if (url) await dropSchemas(url, Object.values(SCHEMAS));
    await dropSupervisionSchema(config);
    await dropStaleShared(config, progress);

    const targets: MeasuredTarget[] = [];
    const ratios: RatioDefinition[] = [];
    const environment: Record<string, string | number | boolean | null> = {};
    const notes: string[] = [];
    const resources = new Resources();
    try {
      progress('starting the platform');
      const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
      const { gateway, certificates } = platform;
      const { store } = certificates;
      const count = async (sql: string) => Number((await store.query<{ n: string | number }>(sql)).rows[0]!.n);
      // Issuance is checked against today in China: the whole run issues as of the day it started.
      const today = chinaDate();

      const police = await passwordToken(platform.issuer, 'police-zhangwei');
      const internal = resources.add(
        'internal tokens',
        await internalTokensFor(platform.internalKeys!.privateJwk, config.internalTokenTtlSeconds, [ANONYMOUS, principalOfAccessToken(police)]),
      );
      const anonymousDirect = () => bearer(internal.current(0));
      const policeDirect = () => bearer(internal.current(1));

      // ---- The working set: certificates of every police type, each of another holder ------------
      let issuedSoFar = 0;
      const nextIssuance = () => issuedSoFar++;
      const prepareStarted = performance.now();
      const workingSet = await inBatches(Array.from({ length: WORKING_SET }, nextIssuance), PREPARE_CONCURRENCY, (n) =>
        issueChecked('issue (working set)', gateway.url, bearer(police), n, today),
      );
      progress(`issued ${workingSet.length} certificates of ${POLICE_TYPE_COUNT} types through the gateway (${Math.round(performance.now() - prepareStarted)} ms)`);
      const tokenLengths = workingSet.map((certificate) => certificate.sealedToken.length);

      // ---- Every verification answers VALID, the same through the gateway and straight ---------
      const checkStarted = performance.now();
      const kinds = [
        { kind: 'identifier', operation: (certificate: Issued) => verifyByIdentifier(certificate.identifier) },
        { kind: 'token', operation: (certificate: Issued) => verifyByToken(certificate.sealedToken) },
      ] as const;
      for (const { kind, operation } of kinds) {
        await inBatches(workingSet, PREPARE_CONCURRENCY, async (certificate) => {
          const viaGateway = await verifyChecked(`verify-${kind}-gateway`, gateway.url, {}, operation(certificate), certificate, today);
          const direct = await verifyChecked(`verify-${kind}-direct`, certificates.url, anonymousDirect(), operation(certificate), certificate, today);
          if (JSON.stringify(viaGateway) !== JSON.stringify(direct)) {
            throw new CorrectnessError(`verify-${kind}-direct`, `answered ${JSON.stringify(direct)}, the gateway ${JSON.stringify(viaGateway)}`);
          }
        });
      }
      progress(`all ${workingSet.length} certificates verify VALID by identifier and by token, through the gateway and straight (${Math.round(performance.now() - checkStarted)} ms)`);

      // ---- Parts 1 and 2: verification --------------------------------------------------------
      const isValid = (body: string) => carriesNoErrors(body) && body.includes('"status":"VALID"');
      // Both targets build each request the same way (the next certificate of the working set), so
      // the ratio is the gateway's cost alone; the direct one carries the current anonymous internal
      // token, re-signed in the background.
      const rotating = (operation: (certificate: Issued) => GraphQLOperation, headers: () => Record<string, string>) => {
        let i = 0;
        return () => ({ operation: operation(workingSet[i++ % workingSet.length]!), headers: headers() });
      };
      const verifyTargets = kinds.flatMap(({ kind, operation }) => [
        {
          name: `verify-${kind}-gateway`,
          description: `verifyCertificate(${kind}) through the gateway, no sign-in, the ${workingSet.length} certificates in turn`,
          load: graphqlFreshLoad(gateway.url, rotating(operation, () => ({}))),
        },
        {
          name: `verify-${kind}-direct`,
          description: 'the same straight to the certificates subgraph, with the internal token the gateway signs for an anonymous caller',
          load: graphqlFreshLoad(certificates.url, rotating(operation, anonymousDirect)),
        },
      ]);
      for (const target of verifyTargets) {
        const kept = keepingRefusals(isValid);
        targets.push(await measureChecked(target.name, target.description, { ...target.load, verifyBody: kept.verify }, kept.refusals, settings, progress));
      }
      ratios.push(
        { numerator: 'verify-identifier-gateway', denominator: 'verify-identifier-direct' },
        { numerator: 'verify-token-gateway', denominator: 'verify-token-direct' },
        { numerator: 'verify-token-direct', denominator: 'verify-identifier-direct' },
      );

      // ---- Part 3: issuance ----------------------------------------------------------------------
      const issueTargets = [
        {
          name: 'issue-gateway',
          url: gateway.url,
          headers: () => bearer(police),
          description: `issueCertificate through the gateway by police staff (police-zhangwei, OIDC token verified), no case, the ${POLICE_TYPE_COUNT} police types in turn, a new holder every request`,
        },
        {
          name: 'issue-direct',
          url: certificates.url,
          headers: policeDirect,
          description: 'the same mutation straight to the certificates subgraph, with the internal token the gateway would sign for the same staff member',
        },
      ];
      for (const target of issueTargets) {
        await issueChecked(target.name, target.url, target.headers(), nextIssuance(), today);
      }
      const before = await count('SELECT count(*) AS n FROM certificate');
      const isIssued = (body: string) => carriesNoErrors(body) && body.includes('"status":"ACTIVE"');
      let measuredIssuances = 0;
      for (const target of issueTargets) {
        const kept = keepingRefusals(isIssued);
        const load = graphqlFreshLoad(target.url, () => ({ operation: issueOperation(nextIssuance(), today), headers: target.headers() }), kept.verify);
        const measured = await measureChecked(target.name, target.description, load, kept.refusals, settings, progress);
        measuredIssuances += measured.figures.requests;
        targets.push(measured);
      }
      ratios.push({ numerator: 'issue-gateway', denominator: 'issue-direct' });

      // Every issuance answered stored one certificate, and the serials of each type run 1…N without a gap or a repeat.
      const after = await count('SELECT count(*) AS n FROM certificate');
      const gapped = await count('SELECT count(*) AS n FROM (SELECT type_code FROM certificate GROUP BY type_code, issuer_uscc HAVING count(DISTINCT serial) <> max(serial::bigint) OR count(*) <> count(DISTINCT serial)) d');
      if (gapped !== 0) throw new CorrectnessError('issue', `${gapped} certificate types whose serials are not 1…N, one certificate each`);
      if (after - before < measuredIssuances) throw new CorrectnessError('issue', `${after - before} certificates stored for ${measuredIssuances} successful issuances measured`);
      environment['certificatesStored'] = after;
      environment['sealKeys'] = await count('SELECT count(*) AS n FROM seal_key');
      notes.push(
        `issuance: ${after - before} certificates stored during the two issuance targets (warm-up included) for ${measuredIssuances} answered in their measured windows; the serials of each type run 1…N, one certificate each.`,
      );
      Object.assign(environment, {
        store: store.kind,
        certificatesSchema: store.kind === 'postgres' ? store.schema : null,
        databasePoolSize: store.kind === 'postgres' ? config.databasePoolSize : null,
        subgraphConnections: config.subgraphConnections,
        internalTokenTtlSeconds: config.internalTokenTtlSeconds,
        verifyWorkingSet: workingSet.length,
        sealedTokenChars: `${Math.min(...tokenLengths)}–${Math.max(...tokenLengths)}`,
      });
      notes.push(
        `the working set: ${workingSet.length} certificates of the ${POLICE_TYPE_COUNT} types 勉县公安局 issues, one holder each, issued through the gateway before measuring; ` +
          `each was checked once by identifier and by token through both targets (VALID, its identifier, issuer ${POLICE}, its seal key, the same answer from both).`,
        `verification by identifier reads the stored certificate and checks its stored seal (one ES256 verification); by token it also opens the token given (two ES256 verifications) and compares the sealed data with the stored row.`,
        `ran on ${store.kind === 'postgres' ? `PostgreSQL (schema ${SCHEMAS.certificates}, recreated for this run)` : 'PGlite (embedded default, in memory)'}.`,
      );
    } finally {
      progress('stopping');
      await resources.closeAll();
    }
    if (targets.length === 0) throw new CorrectnessError('certificates', 'nothing was measured');
    return {
      scenario: 'certificates',
      title: 'verifyCertificate by identifier and by token, gateway vs direct; issueCertificate throughput, gateway vs direct',
      operation: [VERIFY, ISSUE].join('\n\n'),
      environment,
      targets,
      ratios,
      notes,
    };
  },
};
