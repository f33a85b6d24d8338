import type { Config } from '../../lib/config.ts';

/** The supervision subgraph's configuration, taken once from the validated Config and frozen. */
export interface SupervisionSettings {
  /** 监察部门 named on a supervision order when the auditor names none. */
  supervisingOffice: string;
  /** Working days an agency has to answer a complaint routed to it. */
  complaintAnswerWorkingDays: number;
  /** Working days a bad review is rectified in, where no jurisdiction set its own. */
  rectificationWorkingDays: number;
}

export function settingsFrom(config: Config): SupervisionSettings {
  return Object.freeze({
    supervisingOffice: config.supervisingOffice,
    complaintAnswerWorkingDays: config.complaintAnswerWorkingDays,
    rectificationWorkingDays: config.rectificationWorkingDays,
  });
}
