import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import type { CalendarStore } from './store.ts';

/** What the calendar resolvers need of the cases Context (subgraphs/cases/context.ts has both). */
export interface CalendarContext {
  identity: InternalIdentity;
  calendar: CalendarStore;
}
