import type { AlertColour, AlertState, RuleCheck, RuleType } from '../generated/resolvers-types.ts';

export type { AlertState };

/** An alert as stored (the GraphQL Alert; `agency` is the USCC, resolved to the Agency entity). */
export interface AlertModel {
  id: string;
  caseNumber: string | null;
  subject: { kind: 'ORDER' | 'COMPLAINT' | 'RECTIFICATION'; id: string } | null;
  occasion: string;
  ruleCode: string;
  ruleVersion: number;
  type: RuleType;
  check: RuleCheck;
  colour: AlertColour;
  message: string;
  agency: string;
  region: string;
  implementationCode: string | null;
  itemType: string | null;
  evidence: Record<string, unknown>;
  observedAt: string;
  raisedAt: string;
  state: AlertState;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** A page of alerts (AlertConnection): the nodes, whether more follow, and the total counted only when asked. */
export interface AlertPageModel {
  nodes: AlertModel[];
  hasNextPage: boolean;
  cursorOf(alert: AlertModel): string;
  count(): Promise<number>;
}
