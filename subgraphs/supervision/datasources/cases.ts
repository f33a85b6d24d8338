/** The cases subgraph's facts of a case (who applied, whether it completed), as supervision reads them. */
export { casesSource as caseFactsSource, NO_CASES, type CaseFacts, type CasesSource as CaseFactsSource, type CaseParty } from '../../cases/client/caseFacts.ts';
