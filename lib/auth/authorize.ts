import { forbidden, unauthenticated } from '../errors.ts';
import { decide, type Operation, type Scope } from './policy.ts';
import type { Principal } from './principal.ts';

/**
 * Enforces the policy table in a resolver: returns the scope granted, or throws UNAUTHENTICATED
 * (no token where one is needed) or FORBIDDEN (a token without the right), naming the reason.
 */
export function authorize(
  principal: Principal,
  operation: Operation,
  resource?: { owners?: readonly string[]; agency?: string | null },
): Scope {
  const decision = decide(principal, operation, resource);
  if (decision.allowed) return decision.scope;
  throw decision.code === 'UNAUTHENTICATED' ? unauthenticated(decision.reason) : forbidden(decision.reason);
}
