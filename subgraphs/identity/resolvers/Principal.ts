import type { PrincipalResolvers } from '../generated/resolvers-types.ts';

export const Principal: PrincipalResolvers = {
  // The catalog resolves the agency; this subgraph only names it.
  agency: (principal) => (principal.agency === null ? null : { uscc: principal.agency }),
};
