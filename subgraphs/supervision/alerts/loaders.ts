import DataLoader from 'dataloader';
import type { Store } from '../../../lib/db/store.ts';
import { CaseProjection, type SupervisedCase } from '../cases/projection.ts';
import type { AlertModel } from './model.ts';
import { AlertsRepository } from './repository.ts';

export interface AlertLoaders {
  alert: DataLoader<string, AlertModel | null>;
  /** Case.alerts, oldest first. */
  alertsByCase: DataLoader<string, AlertModel[]>;
  /** Supervision's projection of a case (who handles it, who applied), null when never observed. */
  supervisedCase: DataLoader<string, SupervisedCase | null>;
}

export function alertLoaders(store: Store): AlertLoaders {
  const alerts = new AlertsRepository(store);
  const projection = new CaseProjection(store);
  return {
    alert: new DataLoader(async (ids) => {
      const found = new Map((await alerts.byIds(ids)).map((alert) => [alert.id, alert]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    alertsByCase: new DataLoader(async (numbers) => {
      const byCase = await alerts.byCases(numbers);
      return numbers.map((number) => byCase.get(number) ?? []);
    }),
    supervisedCase: new DataLoader(async (numbers) => {
      const found = new Map((await projection.byNumbers(numbers)).map((supervised) => [supervised.caseNumber, supervised]));
      return numbers.map((number) => found.get(number) ?? null);
    }),
  };
}
