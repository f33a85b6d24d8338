import type { GraphQLResolveInfo } from 'graphql';
import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { accessLogPage, accessLogVerification } from '../../../lib/audit/resolvers.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { maskIdNumber, maskName, maskPhone } from '../../../lib/auth/mask.ts';
import { checkCitizenId } from '../../../lib/codes/citizenId.ts';
import { badUserInput } from '../../../lib/errors.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

const PERSONAL_FIELDS = ['name', 'idNumber', 'phone'] as const;

/** The personal fields a query selected, for the access log (all of them when fragments hide the selection). */
function selectedPersonalFields(info: GraphQLResolveInfo): string[] {
  const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  if (selections.some((selection) => selection.kind !== 'Field')) return [...PERSONAL_FIELDS];
  const names = new Set(selections.map((selection) => (selection.kind === 'Field' ? selection.name.value : '')));
  return PERSONAL_FIELDS.filter((field) => names.has(field));
}

export const Query: QueryResolvers = {
  me(_parent, _args, { identity }) {
    authorize(identity.principal, 'identity.me');
    return identity.principal;
  },

  async person(_parent, { idNumber }, { identity, repository, store }, info) {
    const check = checkCitizenId(idNumber);
    if (!check.ok) throw badUserInput('idNumber', check.reason, 'an 18-character citizen ID (GB 11643)');
    const scope = authorize(identity.principal, 'person.read', { owners: [idNumber] });
    const person = await repository.personByIdNumber(idNumber);
    if (!person) return null;
    // The read is recorded before the data leaves: if the log cannot be written, nothing is shown.
    await appendAccess(store, identity, {
      action: 'READ',
      resourceType: 'person',
      resourceId: person.subject,
      fields: selectedPersonalFields(info),
    });
    if (scope !== 'masked') return { ...person, masked: false };
    return {
      ...person,
      name: maskName(person.name),
      idNumber: maskIdNumber(person.idNumber),
      phone: person.phone === null ? null : maskPhone(person.phone),
      masked: true,
    };
  },

  accessLog: (_parent, args, context) => accessLogPage(context, args),

  verifyAccessLog: (_parent, _args, context) => accessLogVerification(context),
};
