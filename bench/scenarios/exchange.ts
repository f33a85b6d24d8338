import { createLogger } from '../../lib/logger.ts';
import { startPlatform } from '../../scripts/platform.ts';
import { assertNoRefusals, CorrectnessError, keepingRefusals } from '../lib/graphql.ts';
import { measure, type LoadRequest } from '../lib/measure.ts';
import { benchConfig } from '../lib/platformConfig.ts';
import type { MeasuredTarget, RatioDefinition } from '../lib/report.ts';
import { Resources } from '../lib/resources.ts';
import type { Scenario } from '../lib/scenario.ts';
import { LICENSE_GUIDE } from './cases/operations.ts';
import { startEchoService } from './exchange/echoService.ts';
import { echoEnvelope, echoHeaders, isFault, POLICE_SYSTEM, processFields, pushEnvelope } from './exchange/envelopes.ts';
import { PushPlan } from './exchange/pushPlan.ts';
import { checkPlannedPush, citizens, count, measurePushes, post, prepareWorkingSet, pushUrls, SETTLE_MS, verifyPushesCommitted, WORKING_SET_CASES as CASES } from './exchange/pushRun.ts';
import { CATALOG_SCHEMA, dropRunSchemas, dropStaleShared, runSchemas, schemaVariables } from './exchange/schemas.ts';

/**
 * CaseExchange (adapters/case-exchange) under load: sustained PushProcess pushes by 勉县公安局's
 * departmental system, each acknowledged only after the inbox row, the evidence entry and the
 * process record are committed, against a bare node-soap echo service in the same run.
 *
 * 1. push-gateway: through the gateway's /soap/CaseExchange; push-direct: straight to the exchange
 *    service. Every push a new message id, a fresh UsernameToken (nonce, Created, PasswordDigest)
 *    and a legal transition (START_STEP REVIEW and COMPLETE_STEP in turn on accepted cases); every
 *    one must answer APPLIED.
 * 2. echo: `soap.listen` with a one-operation WSDL answering the string it was sent, hit with
 *    envelopes of the same size and the same kind of security header.
 *
 * One platform on the embedded default (PGlite) unless DATABASE_URL (or EXCHANGE_DATABASE_URL /
 * CASES_DATABASE_URL) is set; on PostgreSQL the scenario's exchange, cases, results, certificates
 * and supervision schemas are dropped and recreated every run.
 */

const SCHEMAS = runSchemas('bench_exchange');

export const exchangeScenario: Scenario = {
  name: 'exchange',
  async run(settings, progress) {
    const config = benchConfig(CATALOG_SCHEMA, schemaVariables(SCHEMAS));
    await dropRunSchemas(config, SCHEMAS);
    await dropStaleShared(config, progress);

    const targets: MeasuredTarget[] = [];
    const ratios: RatioDefinition[] = [];
    const environment: Record<string, string | number | boolean | null> = {};
    const notes: string[] = [];
    const resources = new Resources();
    try {
      progress('starting the platform and the echo service');
      const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
      const echo = resources.add('echo service', await startEchoService());
      const { exchange, cases } = platform;
      const urls = pushUrls(platform);
      const run = Date.now().toString(36);

      // ---- The working set: CASES submitted by the seeded citizens, accepted by a push -------------
      const caseNumbers = await prepareWorkingSet(platform, run, 'exchange', progress);

      // ---- Each target answers correctly once before any is measured -----------------------------
      const plan = new PushPlan(caseNumbers, `bp-${run}`);
      const checked = new Set<string>();
      for (const [name, url] of [['push-gateway', urls.gateway], ['push-direct', urls.direct]] as const) checked.add(await checkPlannedPush(plan, name, url, 3));
      // Envelope sizes of the two steps (fixed-width message ids, base64 nonces and digests: constant per step).
      const sampleCase = caseNumbers[0]!;
      const sizes = (['START_STEP', 'COMPLETE_STEP'] as const).map((step) => Buffer.byteLength(pushEnvelope('PushProcess', processFields(`bp-${run}-000000000`, sampleCase, step))));
      const echoCheck = echoEnvelope(sizes[0]!);
      const echoed = await post('echo', echo.url, echoHeaders, echoCheck.body);
      if (echoed.status !== 200 || !echoed.text.includes(`${echoCheck.text}</Text>`) || isFault(echoed.text)) {
        throw new CorrectnessError('echo', `HTTP ${echoed.status}: ${echoed.text.slice(0, 500)}; expected the string sent back`);
      }
      progress(`checked: a PushProcess through the gateway and one straight are APPLIED (CaseVersion 3); the echo answers the ${sizes[0]}-byte envelope's string`);

      const evidenceBefore = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence');

      // ---- Part 1: pushes, through the gateway and straight -------------------------------------
      const pushTargets = [
        {
          name: 'push-gateway',
          url: urls.gateway,
          description: `PushProcess through the gateway's /soap/CaseExchange by ${POLICE_SYSTEM} (UsernameToken PasswordDigest, a new nonce each), START_STEP REVIEW and COMPLETE_STEP in turn on ${CASES} accepted cases, a new MessageId each; APPLIED only after the commit`,
        },
        { name: 'push-direct', url: urls.direct, description: 'the same pushes straight to the exchange service (its soapUrl), no gateway' },
      ];
      for (const target of pushTargets) {
        progress(`${target.name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
        const figures = await measurePushes(plan, exchange.store, target.name, target.url, settings);
        targets.push({ name: target.name, description: target.description, figures });
        progress(`${target.name}: ${figures.requestsPerSecond} pushes/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms`);
      }

      // ---- Part 2: the echo baseline, envelopes of the same sizes -------------------------------
      let echoes = 0;
      const kept = keepingRefusals((body) => body.includes('EchoResponse') && !isFault(body));
      const echoLoad: LoadRequest = {
        url: echo.url,
        method: 'POST',
        headers: echoHeaders,
        next: () => ({ body: echoEnvelope(sizes[echoes++ % 2]!).body }),
        verifyBody: kept.verify,
      };
      progress(`echo: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
      const echoFigures = await measure(echoLoad, settings);
      assertNoRefusals('echo', echoFigures, kept.refusals);
      targets.push({
        name: 'echo',
        description: `a bare node-soap service (soap.listen, one document/literal operation answering its string), the same envelope sizes (${sizes.join(' and ')} bytes) with the same kind of UsernameToken header, which it ignores`,
        figures: echoFigures,
      });
      ratios.push(
        { numerator: 'push-direct', denominator: 'echo' },
        { numerator: 'push-gateway', denominator: 'echo' },
        { numerator: 'push-gateway', denominator: 'push-direct' },
      );

      // ---- Every push acknowledged is committed, once, and nothing was refused -------------------
      const { answered, records, versions, evidenceAfter, spread } = await verifyPushesCommitted(platform, plan, `bp-${run}`, caseNumbers, { evidence: evidenceBefore, sent: checked.size });

      const storeKind = exchange.store.kind;
      Object.assign(environment, {
        store: storeKind,
        casesStore: cases.store.kind,
        exchangeSchema: storeKind === 'postgres' ? SCHEMAS.exchange : null,
        synchronousCommit: storeKind === 'postgres' ? String((await exchange.store.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit) : null,
        databasePoolSize: storeKind === 'postgres' ? config.databasePoolSize : null,
        subgraphConnections: config.subgraphConnections,
        supervisionSyncWaitMs: config.supervisionSyncWaitMs,
        workingSetCases: CASES,
        envelopeBytes: sizes.join('/'),
        pushesApplied: answered,
        evidenceEntries: evidenceAfter,
      });
      notes.push(
        `every push answered APPLIED: ${plan.outcomes.applied} receipts read under load (warm-ups included) and ${plan.outcomes.settledApplied} more whose answer autocannon abandoned at the end of a run, found APPLIED in the inbox (${plan.outcomes.settledAbsent} abandoned ones never reached the service); 0 faults, 0 DUPLICATE/HELD receipts, 0 faulted evidence entries.`,
        `durable: afterwards the inbox holds exactly ${answered} APPLIED rows for these message ids, the cases store ${records} process records carrying them (one per id), and the ${CASES} cases moved exactly ${versions} versions; each case got ${spread.min}–${spread.max} pushes.`,
        `the working set: ${CASES} applications for 旅馆业特种行业许可证核发 (${LICENSE_GUIDE}) submitted through the gateway by the ${citizens.length} seeded citizens, each accepted by a PushAcceptance of ${POLICE_SYSTEM} (half through the gateway, half straight), checked APPLIED at CaseVersion 2.`,
        `a push is answered after the exchange service has authenticated the UsernameToken (digest, Created window, nonce stored against replay), checked the record, called the cases subgraph's exchangeCaseRecord (state machine, the record committed there, and then up to SUPERVISION_SYNC_WAIT_MS = ${config.supervisionSyncWaitMs} ms waiting for supervision to evaluate the record: the \`supervision\` scenario measures that wait) and committed its inbox row and hash-chained evidence entry; the echo does none of this, so push ÷ echo is the price of all of it over parsing and writing a SOAP envelope with node-soap.`,
        `the warm-up of each push target is a run of its own, followed by a ${SETTLE_MS / 1000} s pause in which the pushes autocannon left unanswered are looked up in the inbox; the echo's warm-up is measure()'s own.`,
        storeKind === 'postgres'
          ? `ran on PostgreSQL (schemas ${Object.values(SCHEMAS).join(', ')}, recreated for this run; synchronous_commit ${String(environment['synchronousCommit'])}): a receipt means the commit reached the WAL on disk.`
          : 'ran on PGlite (embedded default, in memory): a receipt means the transaction committed, but nothing is fsynced; set DATABASE_URL for PostgreSQL, where the commit is flushed to the WAL before the answer.',
      );
    } finally {
      progress('stopping');
      await resources.closeAll();
    }
    if (targets.length === 0) throw new CorrectnessError('exchange', 'nothing was measured');
    return {
      scenario: 'exchange',
      title: 'CaseExchange PushProcess with durable commit, gateway vs direct, against a bare node-soap echo',
      operation: 'SOAP 1.1 PushProcess (urn:tongban:case-exchange:1), WS-Security UsernameToken PasswordDigest; echo: Echo(Text) on a one-operation WSDL',
      environment,
      targets,
      ratios,
      notes,
    };
  },
};
