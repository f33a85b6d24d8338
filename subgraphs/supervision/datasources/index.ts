import type { CalendarSource } from './calendar.ts';
import type { CatalogSource } from './catalog.ts';
import type { CaseFactsSource } from './cases.ts';

/** The other subgraphs supervision reads, over HTTP as itself (its service key); fakes in unit tests. */
export interface SupervisionSources {
  catalog: CatalogSource;
  cases: CaseFactsSource;
  calendar: CalendarSource;
}
