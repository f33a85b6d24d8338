import type { Scenario } from '../lib/scenario.ts';
import { catalogPortal } from './catalogPortal.ts';
import { catalogScale } from './catalogScale.ts';
import { casesScenario } from './cases.ts';
import { certificatesScenario } from './certificates.ts';
import { exchangeScenario } from './exchange.ts';
import { supervisionScenario } from './supervision.ts';

/** Every scenario `npm run bench` knows, in the order a bare run executes them. */
export const SCENARIOS: readonly Scenario[] = [catalogPortal, catalogScale, casesScenario, certificatesScenario, exchangeScenario, supervisionScenario];
