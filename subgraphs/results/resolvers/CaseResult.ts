import type { CaseResultResolvers } from '../generated/resolvers-types.ts';
import { deliveryMethodName, kindName } from './names.ts';

export const CaseResult: CaseResultResolvers = {
  // The catalog resolves the agency; this subgraph only names it.
  agency: (result) => ({ uscc: result.agency }),
  kindName,
  deliveryMethodName,
};
