import { chinaDate } from '../../../lib/time.ts';
import type { CaseResolvers } from '../generated/resolvers-types.ts';
import { presentDeadlines } from '../deadlines/index.ts';
import { CASE_KIND_NAMES, CASE_STATE_NAMES } from '../domain/states.ts';
import { specialProcedures } from '../history.ts';
import { readCase } from '../reads.ts';
import { deferredMaterials } from '../submission/materials.ts';

export const Case: CaseResolvers = {
  // Another subgraph may hand the gateway a Case reference (a certificate's case, an alert's):
  // the same rule as Query.case applies, so a reference never discloses more than the query would.
  __resolveReference: (reference, context) => readCase(context, reference.caseNumber),
  caseNumber: (row) => row.caseNumber,
  name: (row) => row.snapshot.name,
  kind: (row) => row.snapshot.kind,
  kindName: (row) => CASE_KIND_NAMES[row.snapshot.kind],
  state: (row) => row.snapshot.state,
  stateName: (row) => CASE_STATE_NAMES[row.snapshot.state],
  implementationCode: (row) => row.implementationCode,
  guide: (row) => ({ implementationCode: row.implementationCode }),
  guideVersion: (row) => ({ implementationCode: row.implementationCode, number: row.guideVersion }),
  owningAgency: (row) => ({ uscc: row.snapshot.owningAgency }),
  participatingAgencies: (row) => row.snapshot.participatingAgencies.map((uscc) => ({ uscc })),
  applicant: (row) => row.snapshot.applicant,
  agent: (row) => row.snapshot.agent,
  channel: (row) => row.snapshot.application.channel,
  submittedAt: (row) => row.submittedAt,
  acceptedAt: (row) => row.acceptedAt,
  formData: (row) => row.formData,
  materials: async (row, _args, { loaders }) => loaders.materialsByCase.load(row.caseNumber),
  deferredMaterials: (row) => deferredMaterials(row.snapshot.application.materials, row.guideTerms.materials),
  version: (row) => row.version,
  openSteps: (row) => row.snapshot.openSteps.map((open) => ({ ...open, agency: { uscc: open.agency } })),
  correction: (row) => row.snapshot.correction,
  suspension: async (row, _args, { loaders }) => {
    if (row.snapshot.suspension === null) return null;
    const procedures = specialProcedures((await loaders.recordsByCase.load(row.caseNumber)).map(({ record }) => record));
    return procedures.findLast((procedure) => procedure.endedAt === null) ?? null;
  },
  decision: (row) => (row.snapshot.decision === null ? null : { ...row.snapshot.decision, agency: { uscc: row.snapshot.decision.agency } }),
  records: (row, _args, { loaders }) => loaders.recordsByCase.load(row.caseNumber),
  specialProcedures: async (row, _args, { loaders }) =>
    specialProcedures((await loaders.recordsByCase.load(row.caseNumber)).map(({ record }) => record)),
  deadlines: async (row, _args, context) => {
    if (row.deadlines === null) return { legal: null, promised: null, steps: [] };
    return presentDeadlines(row.deadlines, await context.calendar.current(), chinaDate(context.now()));
  },
};

