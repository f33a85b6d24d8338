import { describe, expect, it } from 'vitest';
import { FIXTURE_IMPLEMENTATION_CODE, FIXTURE_TODAY, hotelLicenseGuide, hotelLicenseItem } from './fixtures.ts';
import { auditGuideModel, summarize } from './service.ts';
import type { ServiceGuideModel, ServiceItemModel, VersionModel } from '../models.ts';
import { withGuideDefaults } from '../guide/content.ts';

const version: VersionModel = { number: 1, effectiveFrom: '2024-01-01', status: 'ACTIVE', author: 'test', reason: '测试', recordedAt: '2024-01-01T00:00:00Z' };

function models(agencyUscc: string, regionCode: string, windowNumber: string | null) {
  const itemContent = hotelLicenseItem();
  // Models carry their content both spread in (for resolvers) and whole (for the audit).
  const item: ServiceItemModel = {
    ...itemContent,
    basicCode: '0100025000',
    type: 'LICENSE',
    class: 'ADMINISTRATIVE_POWER',
    className: '行政权力',
    group: '公安',
    sequence: 1,
    asOf: FIXTURE_TODAY,
    version,
    content: itemContent,
  };
  const content = withGuideDefaults(hotelLicenseGuide(), 'LICENSE');
  content.location.window = windowNumber;
  const guide: ServiceGuideModel = {
    ...content,
    implementationCode: FIXTURE_IMPLEMENTATION_CODE,
    basicCode: item.basicCode,
    agencyUscc,
    regionCode,
    isSample: false,
    asOf: FIXTURE_TODAY,
    version,
    content,
  };
  return { guide, item };
}

describe('audit over catalog models', () => {
  it('audits a guide with the item type from its basic code', () => {
    const { guide, item } = models('11610725016345273X', '610725', '12号窗口');
    expect(auditGuideModel(guide, item, FIXTURE_TODAY)).toMatchObject({ score: 100, passed: true, findings: [] });
    // 07 is 行政确认: a basic code that disagrees with the content's type.
    item.basicCode = '0700025000';
    expect(auditGuideModel(guide, item, FIXTURE_TODAY).findings.map((f) => f.rule)).toContain('ITEM_TYPE_CONSISTENT');
  });

  it('summarizes guides by their agency', () => {
    const summary = summarize([models('A', '610725', '12号窗口'), models('B', '610725', null)], FIXTURE_TODAY);
    expect(summary).toMatchObject({
      guides: 2,
      averageScore: 95,
      passedShare: 0.5,
      worstRules: [{ rule: 'LOCATION_TO_WINDOW', count: 1, share: 0.5 }],
      byAgency: [
        { agencyUscc: 'B', guides: 1, averageScore: 90 },
        { agencyUscc: 'A', guides: 1, averageScore: 100 },
      ],
    });
  });
});
