import type { Principal } from '../../../lib/auth/principal.ts';
import type { CaseSnapshot } from './processRecord.ts';

export type ActorKind = 'STAFF' | 'DEPARTMENT_SYSTEM' | 'NATURAL_PERSON' | 'LEGAL_PERSON' | 'SYSTEM';

/** Who drives a transition. `SYSTEM` is Tongban's own scheduler; no token carries it. */
export interface Actor {
  kind: ActorKind;
  /** USCC of a staff member's or a departmental system's agency. */
  agency: string | null;
  roles: readonly string[];
  subject: string;
  name?: string | null;
  /**
   * Citizen IDs and USCCs the actor is, or acts for (an agent's principal): the applicant is
   * recognised by these, not by account, so a company's applications stay its own whoever logs in.
   */
  identities?: readonly string[];
}

/** The actor's standing on one case, which decides what it may do there. */
export type Standing = 'OWNER' | 'PARTICIPANT' | 'APPLICANT' | 'SYSTEM' | 'NONE';

export function standingOf(snapshot: CaseSnapshot, actor: Actor): Standing {
  switch (actor.kind) {
    case 'STAFF':
    case 'DEPARTMENT_SYSTEM':
      if (actor.agency === null) return 'NONE';
      if (actor.agency === snapshot.owningAgency) return 'OWNER';
      return snapshot.kind === 'JOINT' && snapshot.participatingAgencies.includes(actor.agency) ? 'PARTICIPANT' : 'NONE';
    case 'NATURAL_PERSON':
    case 'LEGAL_PERSON': {
      const parties = [snapshot.applicant.idNumber, snapshot.agent?.idNumber].filter((code) => code !== undefined);
      return (actor.identities ?? []).some((code) => parties.includes(code)) ? 'APPLICANT' : 'NONE';
    }
    case 'SYSTEM':
      return 'SYSTEM';
  }
}

/** Null for principals that never drive a case (anonymous, auditors, catalog administrators). */
export function actorFromPrincipal(principal: Principal): Actor | null {
  switch (principal.kind) {
    case 'STAFF':
    case 'DEPARTMENT_SYSTEM':
    case 'NATURAL_PERSON':
    case 'LEGAL_PERSON':
      return {
        kind: principal.kind,
        agency: principal.agency,
        roles: principal.roles,
        subject: principal.subject,
        name: principal.name,
        identities: [principal.idNumber, principal.uscc, principal.actingFor?.code].filter(
          (code): code is string => typeof code === 'string' && code !== '',
        ),
      };
    default:
      return null;
  }
}
