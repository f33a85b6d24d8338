import DataLoader from 'dataloader';
import type { Store } from '../../../lib/db/store.ts';
import { groupBy } from '../workflow/group.ts';
import type { AppealModel, EvaluationModel, RectificationModel } from './model.ts';
import { APPEAL_COLUMNS, EVALUATION_COLUMNS, TASK_COLUMNS, toAppeal, toEvaluation, toTask } from './repository.ts';

/** The 好差评 loaders of one request: one statement per batch. */
export interface EvaluationLoaders {
  /** A case's evaluations, in the order they were given. */
  evaluationsByCase: DataLoader<string, EvaluationModel[]>;
  /** An evaluation's rectification task; null for a good review. */
  rectificationByEvaluation: DataLoader<string, RectificationModel | null>;
  appealByEvaluation: DataLoader<string, AppealModel | null>;
}

export function evaluationLoaders(store: Store): EvaluationLoaders {
  return {
    evaluationsByCase: new DataLoader(async (caseNumbers) => {
      const { rows } = await store.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE case_number = ANY($1::text[]) ORDER BY evaluated_at, id`, [[...caseNumbers]]);
      return groupBy(rows.map(toEvaluation), caseNumbers, (evaluation) => evaluation.caseNumber);
    }),
    rectificationByEvaluation: new DataLoader(async (ids) => {
      const { rows } = await store.query(`SELECT ${TASK_COLUMNS} FROM rectification_task WHERE evaluation_id = ANY($1::text[])`, [[...ids]]);
      const found = new Map(rows.map(toTask).map((task) => [task.evaluationId, task]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    appealByEvaluation: new DataLoader(async (ids) => {
      const { rows } = await store.query(`SELECT ${APPEAL_COLUMNS} FROM evaluation_appeal WHERE evaluation_id = ANY($1::text[])`, [[...ids]]);
      const found = new Map(rows.map(toAppeal).map((appeal) => [appeal.evaluationId, appeal]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
