import { parseBasicCode } from '../../../lib/codes/basicCode.ts';
import { auditGuide } from './audit.ts';
import { summarizeAudits } from './summary.ts';
import type { AuditSummary } from './summary.ts';
import type { GuideAudit } from './types.ts';
import type { ServiceGuideModel, ServiceItemModel } from '../models.ts';

/**
 * The audit over the catalog's models, for the resolvers. The item type comes from the item's
 * basic code, not from its content, so ITEM_TYPE_CONSISTENT can catch content that disagrees.
 */
export function auditGuideModel(guide: ServiceGuideModel, item: ServiceItemModel, today: string): GuideAudit {
  return auditGuide({ implementationCode: guide.implementationCode, itemType: parseBasicCode(item.basicCode)?.type ?? item.type, item: item.content, guide: guide.content, today });
}

export function summarize(pairs: Array<{ guide: ServiceGuideModel; item: ServiceItemModel }>, today: string): AuditSummary {
  return summarizeAudits(
    pairs.map(({ guide, item }) => ({ ...auditGuideModel(guide, item, today), agencyUscc: guide.agencyUscc, regionCode: guide.regionCode })),
  );
}
