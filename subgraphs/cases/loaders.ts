import DataLoader from 'dataloader';
import type { CaseRow, CasesRepository, MaterialRow, RecordRow } from './repository.ts';

/** Per-request batching: a page of cases costs one statement per kind of row, whatever its size. */
export interface CasesLoaders {
  caseByNumber: DataLoader<string, CaseRow | null>;
  recordsByCase: DataLoader<string, RecordRow[]>;
  materialsByCase: DataLoader<string, MaterialRow[]>;
}

export function createLoaders(repository: CasesRepository): CasesLoaders {
  return {
    caseByNumber: new DataLoader((numbers) => repository.casesByNumber(numbers)),
    recordsByCase: new DataLoader(async (numbers) => {
      const byCase = await repository.recordsOf(numbers);
      return numbers.map((number) => byCase.get(number) ?? []);
    }),
    materialsByCase: new DataLoader(async (numbers) => {
      const byCase = await repository.materialsOf(numbers);
      return numbers.map((number) => byCase.get(number) ?? []);
    }),
  };
}
