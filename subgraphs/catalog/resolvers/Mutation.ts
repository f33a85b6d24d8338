import { authorize } from '../../../lib/auth/authorize.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { basicCodeArg, implementationCodeArg, usccArg } from '../arguments.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { cancelGuide, cancelItem, createGuide, createItem, updateGuide, updateItem, type WriteContext } from '../writes.ts';

const writeContext = (context: Context): WriteContext => ({
  store: context.store,
  identity: context.identity,
  repository: context.repository,
  changed: context.changed,
});

/** Catalog maintainers' writes; writes.ts validates, versions and records them. */
export const Mutation: MutationResolvers = {
  createServiceItem(_parent, { input }, context) {
    return createItem(writeContext(context), { ...input, content: input.content });
  },

  updateServiceItem(_parent, { basicCode, content, effectiveFrom, reason, expectedVersion }, context) {
    return updateItem(writeContext(context), basicCodeArg('basicCode', basicCode), content, expectedVersion, { effectiveFrom, reason });
  },

  cancelServiceItem(_parent, { basicCode, effectiveFrom, reason, expectedVersion }, context) {
    return cancelItem(writeContext(context), basicCodeArg('basicCode', basicCode), expectedVersion, { effectiveFrom, reason });
  },

  async createServiceGuide(_parent, { input }, context) {
    // Authorise before looking anything up, so a refused caller learns nothing about agencies.
    authorize(context.identity.principal, 'catalog.write');
    const agency = await context.loaders.agency.load(usccArg('input.agency', input.agency));
    if (!agency) throw badUserInput('input.agency', 'no such agency in the catalog');
    return createGuide(writeContext(context), { ...input, basicCode: basicCodeArg('input.basicCode', input.basicCode), agency });
  },

  updateServiceGuide(_parent, { implementationCode, content, effectiveFrom, reason, expectedVersion }, context) {
    return updateGuide(writeContext(context), implementationCodeArg('implementationCode', implementationCode), content, expectedVersion, {
      effectiveFrom,
      reason,
    });
  },

  cancelServiceGuide(_parent, { implementationCode, effectiveFrom, reason, expectedVersion }, context) {
    return cancelGuide(writeContext(context), implementationCodeArg('implementationCode', implementationCode), expectedVersion, {
      effectiveFrom,
      reason,
    });
  },
};
