import type { SpecialProcedureResolvers } from '../generated/resolvers-types.ts';
import { STEP_KIND_NAMES, TIME_NOT_COUNTED } from '../domain/states.ts';

export const SpecialProcedure: SpecialProcedureResolvers = {
  kindName: (procedure) => STEP_KIND_NAMES[procedure.kind],
  agency: (procedure) => ({ uscc: procedure.agency }),
  countsAgainstLimit: (procedure) => !TIME_NOT_COUNTED.has(procedure.kind),
};
