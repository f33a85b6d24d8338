import type { ProcessRecord } from './domain/processRecord.ts';
import type { SpecialProcedureModel } from './models.ts';

/**
 * The special procedures and holds of a case, paired from its records: SUSPEND opens one; RESUME
 * ends it with its outcome; a case closed while suspended (voided, withdrawn) ends it then.
 */
export function specialProcedures(records: readonly ProcessRecord[]): SpecialProcedureModel[] {
  const procedures: SpecialProcedureModel[] = [];
  const open = () => procedures.findLast((procedure) => procedure.endedAt === null);
  for (const record of records) {
    if (record.action === 'SUSPEND') {
      procedures.push({
        kind: record.suspension!,
        reason: record.reason ?? '',
        agency: record.agency,
        step: record.step!,
        startedAt: record.occurredAt,
        endedAt: null,
        outcome: null,
      });
    } else if (record.action === 'RESUME' || record.action === 'COMPLETE' || record.action === 'WITHDRAW') {
      const procedure = open();
      if (procedure) {
        procedure.endedAt = record.occurredAt;
        if (record.action === 'RESUME') procedure.outcome = record.opinion;
      }
    }
  }
  return procedures;
}
