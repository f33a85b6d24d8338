import type { Store } from '../../../lib/db/store.ts';
import { checkOnce, CorrectnessError, type GraphQLOperation } from '../../lib/graphql.ts';
import { act, bearer, HISTORY, LICENSE_GUIDE, submit, submitOperation } from './operations.ts';

/**
 * A license case driven through actOnCase to a chosen number of process records, the way the
 * police of 勉县 would: 申报 (the submission's record), 预审, 受理, rounds of 审查 (START_STEP REVIEW +
 * COMPLETE_STEP), some of them interrupted by a special procedure or a hold (SUSPEND + RESUME),
 * then 决定 (START_STEP DECIDE + DECIDE) and 办结 (COMPLETE, certificate issued).
 *
 * Records: 1 + 2 + 2·rounds + 2·suspensions + 3, so any even number from 8 up.
 */

export interface Plan {
  reviewRounds: number;
  suspensions: number;
}

/** Two suspensions once the case is long enough (one art. 45 procedure, one hold), the rest review rounds. */
export function planFor(records: number): Plan {
  if (!Number.isInteger(records) || records < 8 || records % 2 !== 0) throw new Error(`records: an even number from 8, got ${records}`);
  const suspensions = records >= 12 ? 2 : 0;
  return { reviewRounds: (records - 6) / 2 - suspensions, suspensions };
}

export const recordsOf = (plan: Plan) => 6 + 2 * plan.reviewRounds + 2 * plan.suspensions;

export interface PoliceTokens {
  citizen: string;
  /** ACCEPT: 张伟 */
  window: string;
  /** REVIEW and APPROVE: 刘洋 */
  reviewer: string;
}

const SUSPENSIONS = [
  { suspension: 'EXPERT_REVIEW', reason: '消防安全设施需专家评审', opinion: '专家评审意见：符合要求' },
  { suspension: 'HOLD', reason: '申请人申请暂缓，补充说明经营场所情况', opinion: '申请人已补充说明，恢复办理' },
] as const;

/** Files a license case as the citizen and drives it to completion; returns its number. */
export async function driveCase(gatewayUrl: string, tokens: PoliceTokens, plan: Plan, clientRequestId: string): Promise<string> {
  const { caseNumber } = await submit('history case', gatewayUrl, tokens.citizen, submitOperation(LICENSE_GUIDE, clientRequestId));
  let version = 1;
  const step = async (token: string, action: string, input: Record<string, unknown> = {}) => {
    version = await act(gatewayUrl, token, caseNumber, action, version, input);
  };
  await step(tokens.window, 'PRE_REVIEW');
  await step(tokens.window, 'ACCEPT', { opinion: '材料齐全，予以受理' });
  for (let round = 0; round < plan.reviewRounds; round++) {
    await step(tokens.reviewer, 'START_STEP', { step: 'REVIEW' });
    const suspension = round < plan.suspensions ? SUSPENSIONS[round % SUSPENSIONS.length]! : undefined;
    if (suspension) {
      await step(tokens.reviewer, 'SUSPEND', { suspension: suspension.suspension, reason: suspension.reason });
      await step(tokens.reviewer, 'RESUME', { opinion: suspension.opinion });
    }
    await step(tokens.reviewer, 'COMPLETE_STEP', { opinion: `第${round + 1}轮审查：材料真实、合法` });
  }
  await step(tokens.reviewer, 'START_STEP', { step: 'DECIDE' });
  await step(tokens.reviewer, 'DECIDE', { decision: 'APPROVE', opinion: '准予许可' });
  await step(tokens.window, 'COMPLETE', {
    result: 'CERTIFICATE_ISSUED',
    resultDocument: { name: '特种行业许可证', number: `勉公特字〔2026〕${caseNumber.slice(-3)}号` },
    deliveryMethod: 'WINDOW',
  });
  if (version !== recordsOf(plan)) throw new CorrectnessError('history case', `${caseNumber} ended at version ${version}, expected ${recordsOf(plan)}`);
  return caseNumber;
}

export const historyOperation = (caseNumber: string): GraphQLOperation => ({ operationName: 'BenchCaseHistory', query: HISTORY, variables: { n: caseNumber } });

interface HistoryData {
  case: {
    caseNumber: string;
    state: string;
    guideVersion: { guide: { name: string } | null } | null;
    records: Array<{ version: number }>;
    specialProcedures: unknown[];
    materials: unknown[];
    result: { kind: string } | null;
  } | null;
}

/**
 * Reads the case once as the auditor and checks the whole history is there: every record in
 * order, the special procedures, the files, the recorded result, the guide's name. Returns the
 * number of records counted in the answer.
 */
export async function checkHistory(target: string, gatewayUrl: string, auditorToken: string, caseNumber: string, plan: Plan): Promise<number> {
  const data = (await checkOnce(target, gatewayUrl, historyOperation(caseNumber), bearer(auditorToken))) as unknown as HistoryData;
  const found = data.case;
  if (!found) throw new CorrectnessError(target, `case(${caseNumber}) is null for the auditor`);
  const versions = found.records.map((record) => record.version);
  const expected = Array.from({ length: recordsOf(plan) }, (_, i) => i + 1);
  if (versions.join() !== expected.join()) throw new CorrectnessError(target, `records ${versions.join(',')}, expected 1–${expected.length} in order`);
  if (found.specialProcedures.length !== plan.suspensions) throw new CorrectnessError(target, `${found.specialProcedures.length} special procedures, expected ${plan.suspensions}`);
  if (found.state !== 'COMPLETED' || found.result?.kind !== 'CERTIFICATE_ISSUED') {
    throw new CorrectnessError(target, `state ${found.state}, result ${JSON.stringify(found.result)}; expected COMPLETED with the certificate recorded`);
  }
  if (!found.guideVersion?.guide?.name) throw new CorrectnessError(target, 'guideVersion.guide.name is missing');
  if (found.materials.length === 0) throw new CorrectnessError(target, 'no materials');
  return versions.length;
}

/**
 * SQL statements the cases store runs for one history read, sent `samples` times one after the
 * other. The outbox dispatcher polls the same store once a second, so a sample can include a poll:
 * the most frequent count is the read's own, and the range shows any poll that slipped in.
 */
export async function statementsPerRead(
  store: Store,
  read: () => Promise<unknown>,
  samples = 20,
): Promise<{ mode: number; min: number; max: number }> {
  const counts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = store.stats.statements;
    await read();
    counts.push(store.stats.statements - before);
  }
  const frequency = new Map<number, number>();
  for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  const mode = [...frequency.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  return { mode, min: Math.min(...counts), max: Math.max(...counts) };
}
