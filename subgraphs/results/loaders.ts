import DataLoader from 'dataloader';
import type { ResultModel } from './models.ts';
import type { ResultsRepository } from './repository.ts';

/** The loaders of one request. */
export interface ResultsLoaders {
  /** A case's result by case number; null until it is recorded. One statement per batch. */
  result: DataLoader<string, ResultModel | null>;
}

export function createLoaders(repository: ResultsRepository): ResultsLoaders {
  return {
    result: new DataLoader<string, ResultModel | null>(async (caseNumbers) => {
      const found = new Map((await repository.resultsByCaseNumber(caseNumbers)).map(({ result }) => [result.caseNumber, result]));
      return caseNumbers.map((caseNumber) => found.get(caseNumber) ?? null);
    }),
  };
}
