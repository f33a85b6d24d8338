import type { AlertModel } from '../alerts/model.ts';
import type { SupervisionEvent } from './merge.ts';

const COLOUR_NAMES: Readonly<Record<string, string>> = { YELLOW: '黄牌预警', RED: '红牌警告' };

/**
 * An alert as history entries: its raising (by the supervision system, on an observation or by the
 * clock), its acknowledgement (签收) and its resolution (处置), each when it happened.
 */
export function alertEvents(alert: AlertModel): SupervisionEvent[] {
  const colour = COLOUR_NAMES[alert.colour] ?? alert.colour;
  const about = (entry: SupervisionEvent['entry']): SupervisionEvent => ({ entry, agency: alert.agency, owners: [] });
  const events = [
    about({ at: alert.raisedAt, kind: 'ALERT_RAISED', title: `${colour} · ${alert.message}`, actor: 'SYSTEM', reference: alert.id, detail: `${alert.ruleCode} v${alert.ruleVersion}` }),
  ];
  if (alert.acknowledgedAt !== null) {
    events.push(
      about({ at: alert.acknowledgedAt, kind: 'ALERT_ACKNOWLEDGED', title: `${colour}签收 · ${alert.message}`, actor: alert.acknowledgedBy, reference: alert.id, detail: alert.acknowledgementNote }),
    );
  }
  if (alert.resolvedAt !== null) {
    events.push(about({ at: alert.resolvedAt, kind: 'ALERT_RESOLVED', title: `${colour}处置 · ${alert.message}`, actor: alert.resolvedBy, reference: alert.id, detail: alert.resolution }));
  }
  return events;
}
