import { accessLogPage, accessLogVerification } from '../../../lib/audit/resolvers.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { checkImplementationCode } from '../../../lib/codes/implementationCode.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../../lib/graphql/pagination.ts';
import { checkCaseNumber } from '../../cases/domain/caseNumber.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import type { ResultModel } from '../models.ts';
import type { PublicResultPosition } from '../repository.ts';

/** A cursor is `<completedAt>|<caseNumber>`: the sort key of the last row seen. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(.{32})$/;

const cursorOf = (result: ResultModel) => encodeCursor(`${result.completedAt}|${result.caseNumber}`);

function isCursorKey(key: string): boolean {
  const match = CURSOR.exec(key);
  return match !== null && !Number.isNaN(Date.parse(match[1]!)) && checkCaseNumber(match[2]!).ok;
}

function position(key: string | null): PublicResultPosition | null {
  if (key === null) return null;
  const [completedAt, caseNumber] = key.split('|') as [string, string];
  return { completedAt, caseNumber };
}

export const Query: QueryResolvers = {
  resultsAccessLog: (_parent, args, context) => accessLogPage(context, args),
  verifyResultsAccessLog: (_parent, _args, context) => accessLogVerification(context),
  /** 结果公示: public, like the catalog; only granted results of public items, applicants masked. */
  async publicResults(_parent, { implementationCode, first, after }, { identity, repository }) {
    authorize(identity.principal, 'result.publicList');
    const code = checkImplementationCode(implementationCode);
    if (!code.ok) {
      throw badUserInput(
        'implementationCode',
        code.reason,
        '24 characters: region (6) + township (3) + village (3) + organization code (9) + agency class (1) + handling item (2)',
      );
    }
    const size = pageSize(first);
    const from = position(decodeCursor(after, isCursorKey));
    const page = await fetchPage(size, (limit) => repository.publicPage(implementationCode, limit, from));
    return { ...page, cursorOf, count: () => repository.publicCount(implementationCode) };
  },
};
