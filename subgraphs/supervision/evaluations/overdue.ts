import type { ClockTask } from '../alerts/types.ts';
import { overdueTask } from '../workflow/overdue.ts';
import { TASK_COLUMNS, toTask } from './repository.ts';

/**
 * The clock's part for 差评整改: an open task unanswered past its due day (and the rule's grace)
 * raises one SUPERVISION_OVERDUE alert (occasion `due:<day>`) and is marked, so a run reads only the
 * open, unjudged tasks whose due day is before today (the partial index on due_on).
 */
export const overdueRectifications: ClockTask = overdueTask({
  table: 'rectification_task',
  dueColumn: 'due_on',
  awaiting: "state = 'OPEN'",
  columns: TASK_COLUMNS,
  toAlert(row) {
    const task = toTask(row);
    return {
      id: task.id,
      dueOn: task.dueOn,
      calendarVersion: task.calendarVersion,
      kind: 'RECTIFICATION',
      // A task names no item type: a rule targeting an item type does not reach it.
      target: { agency: task.agency, region: task.region, implementationCode: task.implementationCode, itemType: null },
      caseNumber: task.caseNumber,
      message: `差评整改逾期：办件 ${task.caseNumber} 的整改任务应于 ${task.dueOn} 前反馈（${task.workingDays} 个工作日），整改单位尚未反馈`,
      evidence: { rectificationTask: task.id, evaluation: task.evaluationId, dueOn: task.dueOn, workingDays: task.workingDays, calendarVersion: task.calendarVersion },
    };
  },
});
