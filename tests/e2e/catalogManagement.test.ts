import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, chinaDate } from '../../lib/time.ts';
import { buildCatalogSeed } from '../../seeds/catalog/build.ts';
import { PLANTED_DEFECTS, SAMPLE_REVIEWED_ON } from '../../seeds/catalog/content/index.ts';
import { startStack, type Stack } from '../support/stack.ts';

const seed = buildCatalogSeed();
const HOTEL = seed.items.find((item) => item.name === '旅馆业特种行业许可证核发')!;
const HOTEL_GUIDE = seed.guides.find((guide) => guide.basicCode === HOTEL.basicCode)!;

/** All 36 elements of seed 003, as the portal reads them through the gateway. */
const FULL_GUIDE = `query ($code: ID!, $asOf: Date) { serviceGuide(implementationCode: $code, asOf: $asOf) {
  implementationCode name status version { number effectiveFrom author reason }
  item { basicCode name type themes { naturalPerson legalPerson } authorityDivision serviceObjects
    legalBasis { level levelName title documentNumber issuedOn article text }
    legalTimeLimit { value unit } acceptanceConditions
    materials { id name kind requirement condition deferrable source issuingAgency copies media paperSize legalBasis fillingNotes
      blankForm { id name mediaType size sha256 url } sampleForm { url mediaType } }
    situations { name materials { id } } intermediaryServices { name basis } }
  level exerciseContent agency { name } agencyNature jointAgencies { name }
  process { name kind timeLimit { value unit } handler criteria special intermediary }
  quantityLimit result { name kind sample { url } } fees { charged items { name standard amountYuan basis } }
  caseKind promisedTimeLimit { value unit } visits onlineDepth singleSignOn acrossScope handlingForm
  appointment { available details } onlinePayment { available details } delivery { available details } runningSystem
  address { province city district street number building room window } location
  schedule { weekly { day periods { from to } } exceptions { date closed } } hours
  consultationPhone supervisionPhone faq { question answer } reviewedOn
} }`;

describe('the catalog as the single source of truth', () => {
  let stack: Stack;
  const today = chinaDate();
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack?.close());

  const maintainer = { as: 'catalog-madong' };

  it('shows all 36 elements of a 勉县 guide through the gateway', async () => {
    const { body } = await stack.graphql(FULL_GUIDE, { code: HOTEL_GUIDE.implementationCode });
    expect(body.errors).toBeUndefined();
    const guide = body.data.serviceGuide;
    // 1–9, common: name, type, legal basis, authority division, legal limit, conditions, materials, intermediaries, objects.
    expect(guide.item.name).toBe('旅馆业特种行业许可证核发');
    expect(guide.item.type).toBe('LICENSE');
    expect(guide.item.legalBasis.length).toBeGreaterThan(0);
    expect(guide.item.legalBasis[0]).toMatchObject({ levelName: expect.any(String), title: expect.stringMatching(/^《.+》$/) });
    expect(guide.item.legalTimeLimit).toMatchObject({ value: expect.any(Number), unit: expect.stringMatching(/DAY$/) });
    expect(guide.item.acceptanceConditions.length).toBeGreaterThan(0);
    expect(guide.item.materials.length).toBeGreaterThan(0);
    expect(guide.item.serviceObjects.length).toBeGreaterThan(0);
    // 10–36, individual.
    expect(guide.implementationCode).toBe(HOTEL_GUIDE.implementationCode);
    expect(guide.level).toBe('COUNTY');
    expect(guide.agency.name).toBe('勉县公安局');
    expect(guide.agencyNature).toBe('STATUTORY_ORGAN');
    expect(guide.process.map((step: any) => step.kind)).toEqual(expect.arrayContaining(['ACCEPT', 'REVIEW', 'DECIDE', 'COMPLETE', 'DELIVER']));
    expect(guide.result.name).toBeTruthy();
    expect(typeof guide.fees.charged).toBe('boolean');
    expect(['IMMEDIATE', 'PROMISED']).toContain(guide.caseKind);
    expect(guide.promisedTimeLimit).toMatchObject({ value: expect.any(Number) });
    expect(guide.visits).toBeGreaterThanOrEqual(0);
    expect(guide.onlineDepth).toBeGreaterThanOrEqual(1);
    expect(guide.address.window).toBeTruthy();
    expect(guide.location).toContain(guide.address.window);
    expect(guide.schedule.weekly.length).toBeGreaterThan(0);
    expect(guide.hours).toMatch(/\d\d:\d\d-\d\d:\d\d/);
    expect(guide.consultationPhone).toMatch(/\d/);
    expect(guide.supervisionPhone).toMatch(/\d/);
    expect(guide.version).toMatchObject({ number: 1, author: 'seed' });
  });

  it('serves the blank and sample forms the guide links to, byte for byte', async () => {
    const { body } = await stack.graphql(FULL_GUIDE, { code: HOTEL_GUIDE.implementationCode });
    const form = body.data.serviceGuide.item.materials.find((material: any) => material.kind === 'FORM');
    expect(form.blankForm.mediaType).toMatch(/word/);
    const url = new URL(form.blankForm.url);
    const response = await fetch(`${new URL(stack.gateway.url).origin}${url.pathname}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(form.blankForm.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(form.blankForm.sha256);
    expect(response.headers.get('content-type')).toBe(form.blankForm.mediaType);
    const sample = await fetch(`${new URL(stack.gateway.url).origin}${new URL(form.sampleForm.url).pathname}`);
    expect(Buffer.from(await sample.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(`${new URL(stack.gateway.url).origin}/files/0000000000000000dead`)).status).toBe(404);
  });

  it('versions a maintainer’s change: old version readable by date, diff, audit re-scored, write logged', async () => {
    const before = await stack.graphql(`{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { version { number } document item { legalTimeLimit { value unit } } } guideAudit(implementationCode: "${HOTEL_GUIDE.implementationCode}") { score findings { rule } } }`);
    const { document, version, item } = before.body.data.serviceGuide;
    const scoreBefore = before.body.data.guideAudit.score;
    // More than half the legal limit: allowed, but a finding of the audit for a license.
    const promised = { value: item.legalTimeLimit.value, unit: item.legalTimeLimit.unit };
    const update = await stack.graphql(
      `mutation ($code: ID!, $content: JSONObject!, $from: Date!, $expected: Int!) {
         updateServiceGuide(implementationCode: $code, content: $content, effectiveFrom: $from, reason: "承诺时限按新规定调整", expectedVersion: $expected) {
           version { number effectiveFrom author reason } guide { promisedTimeLimit { value unit } } } }`,
      { code: HOTEL_GUIDE.implementationCode, content: { ...document, promisedTimeLimit: promised }, from: today, expected: version.number },
      maintainer,
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data.updateServiceGuide.version).toMatchObject({ number: 2, effectiveFrom: today, author: 'dev-catalog-01' });
    expect(update.body.data.updateServiceGuide.guide.promisedTimeLimit).toEqual(promised);

    const old = await stack.graphql(FULL_GUIDE, { code: HOTEL_GUIDE.implementationCode, asOf: '2020-01-01' });
    expect(old.body.data.serviceGuide.promisedTimeLimit).toEqual(document.promisedTimeLimit);
    expect(old.body.data.serviceGuide.version.number).toBe(1);

    const diff = await stack.graphql(`{ serviceGuideDiff(implementationCode: "${HOTEL_GUIDE.implementationCode}", fromVersion: 1, toVersion: 2) { element change before after } }`);
    expect(diff.body.data.serviceGuideDiff).toEqual([
      { element: 'promisedTimeLimit.value', change: 'CHANGED', before: String(document.promisedTimeLimit.value), after: String(promised.value) },
      ...(document.promisedTimeLimit.unit === promised.unit ? [] : [expect.objectContaining({ element: 'promisedTimeLimit.unit' })]),
    ]);

    const audit = await stack.graphql(`{ guideAudit(implementationCode: "${HOTEL_GUIDE.implementationCode}") { score findings { rule element } } }`);
    expect(audit.body.data.guideAudit.findings.map((finding: any) => finding.rule)).toContain('LICENSE_PROMISED_HALF_LEGAL');
    expect(audit.body.data.guideAudit.score).toBeLessThan(scoreBefore);

    const log = await stack.graphql(`{ catalogAccessLog(filter: { resourceType: "guide" }, first: 5) { edges { node { actorSubject action resourceId } } } verifyCatalogAccessLog { ok } }`, undefined, { as: 'auditor-hejing' });
    expect(log.body.data.verifyCatalogAccessLog.ok).toBe(true);
    expect(log.body.data.catalogAccessLog.edges[0].node).toEqual({ actorSubject: 'dev-catalog-01', action: 'WRITE', resourceId: `${HOTEL_GUIDE.implementationCode}@2` });
  });

  it('refuses a write based on an old version, and stores nothing', async () => {
    const { body } = await stack.graphql(`{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { version { number } document versions { number } } }`);
    const stale = await stack.graphql(
      `mutation ($content: JSONObject!) { updateServiceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}", content: $content, effectiveFrom: "${today}", reason: "并发修改", expectedVersion: 1) { version { number } } }`,
      { content: body.data.serviceGuide.document },
      maintainer,
    );
    expect(stale.body.errors[0].extensions).toMatchObject({ code: 'VERSION_CONFLICT', field: 'expectedVersion' });
    const after = await stack.graphql(`{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { versions { number } } }`);
    expect(after.body.data.serviceGuide.versions).toEqual(body.data.serviceGuide.versions);
  });

  it('rejects invalid content naming every failing element, and stores nothing', async () => {
    const { body } = await stack.graphql(`{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { version { number } document versions { number } item { legalTimeLimit { value unit } } } }`);
    const guide = body.data.serviceGuide;
    const broken = {
      ...guide.document,
      promisedTimeLimit: { value: guide.item.legalTimeLimit.value + 10, unit: guide.item.legalTimeLimit.unit },
      consultationPhone: 'call us',
    };
    const result = await stack.graphql(
      `mutation ($content: JSONObject!, $v: Int!) { updateServiceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}", content: $content, effectiveFrom: "${today}", reason: "错误数据", expectedVersion: $v) { version { number } } }`,
      { content: broken, v: guide.version.number },
      maintainer,
    );
    const error = result.body.errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.elements.map((e: any) => e.element)).toEqual(expect.arrayContaining(['promisedTimeLimit', 'consultationPhone']));
    const after = await stack.graphql(`{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { versions { number } } }`);
    expect(after.body.data.serviceGuide.versions).toEqual(guide.versions);
  });

  it('lets only catalog maintainers write', async () => {
    for (const as of ['wangfang', 'auditor-hejing', 'police-zhangwei']) {
      const { status, body } = await stack.graphql(
        `mutation { cancelServiceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}", effectiveFrom: "${today}", reason: "x", expectedVersion: 2) { version { number } } }`,
        undefined,
        { as },
      );
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(status).toBe(403);
    }
  });

  it('creates a guide with a new implementation code and cancels one from a date', async () => {
    const { body } = await stack.graphql(`{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { document agency { uscc } } }`);
    const created = await stack.graphql(
      `mutation ($input: NewServiceGuideInput!) { createServiceGuide(input: $input) { version { number } guide { implementationCode name agency { name } } } }`,
      { input: { basicCode: HOTEL.basicCode, agency: body.data.serviceGuide.agency.uscc, content: body.data.serviceGuide.document, effectiveFrom: today, reason: '新增办理点' } },
      maintainer,
    );
    expect(created.body.errors).toBeUndefined();
    const code = created.body.data.createServiceGuide.guide.implementationCode;
    expect(code).toMatch(/^610725000000TB7250054\d03$|^610725000000TB7250054\d\d\d$/);
    expect(code).not.toBe(HOTEL_GUIDE.implementationCode);
    expect(created.body.data.createServiceGuide.guide.name).toBe(HOTEL.name);

    const cancelled = await stack.graphql(
      `mutation { cancelServiceGuide(implementationCode: "${code}", effectiveFrom: "${today}", reason: "办理点撤销", expectedVersion: 1) { version { number status } guide { status } } }`,
      undefined,
      maintainer,
    );
    expect(cancelled.body.data.cancelServiceGuide).toEqual({ version: { number: 2, status: 'CANCELLED' }, guide: { status: 'CANCELLED' } });
    const listed = await stack.graphql(`{ serviceItem(basicCode: "${HOTEL.basicCode}") { guides { implementationCode } } }`);
    expect(listed.body.data.serviceItem.guides.map((g: any) => g.implementationCode)).not.toContain(code);
  });

  it('creates an item with the next basic code of its type, versions its common elements, and cancels it', async () => {
    const { body } = await stack.graphql(`{ serviceItem(basicCode: "${HOTEL.basicCode}") { document } }`);
    const content = { ...body.data.serviceItem.document, name: '民宿特种行业许可证核发', aliases: ['开民宿'] };
    const created = await stack.graphql(
      `mutation ($input: NewServiceItemInput!) { createServiceItem(input: $input) { version { number } item { basicCode name type group status } } }`,
      { input: { type: 'LICENSE', class: 'ADMINISTRATIVE_POWER', group: '公安工作', content, effectiveFrom: today, reason: '新增事项' } },
      maintainer,
    );
    expect(created.body.errors).toBeUndefined();
    const item = created.body.data.createServiceItem.item;
    const licenses = seed.items.filter((candidate) => candidate.type === 'LICENSE').length;
    expect(item).toEqual({ basicCode: `01${String(licenses + 1).padStart(5, '0')}000`, name: '民宿特种行业许可证核发', type: 'LICENSE', group: '公安工作', status: 'ACTIVE' });
    // A type that disagrees with the basic code is refused, naming the element.
    const retyped = await stack.graphql(
      `mutation ($c: JSONObject!) { updateServiceItem(basicCode: "${item.basicCode}", content: $c, effectiveFrom: "${today}", reason: "改类型", expectedVersion: 1) { version { number } } }`,
      { c: { ...content, type: 'CONFIRMATION' } },
      maintainer,
    );
    expect(retyped.body.errors[0].extensions.elements).toEqual(expect.arrayContaining([expect.objectContaining({ element: 'type' })]));
    const renamed = await stack.graphql(
      `mutation ($c: JSONObject!) { updateServiceItem(basicCode: "${item.basicCode}", content: $c, effectiveFrom: "${today}", reason: "规范名称", expectedVersion: 1) { version { number } item { name versions { number } } } }`,
      { c: { ...content, name: '民宿业特种行业许可证核发' } },
      maintainer,
    );
    expect(renamed.body.data.updateServiceItem).toEqual({ version: { number: 2 }, item: { name: '民宿业特种行业许可证核发', versions: [{ number: 2 }, { number: 1 }] } });
    const diff = await stack.graphql(`{ serviceItemDiff(basicCode: "${item.basicCode}", fromVersion: 1, toVersion: 2) { element change } }`);
    expect(diff.body.data.serviceItemDiff).toEqual([{ element: 'name', change: 'CHANGED' }]);
    const search = await stack.graphql('{ searchServices(query: "开民宿") { item { basicCode } } }');
    expect(search.body.data.searchServices[0].item.basicCode).toBe(item.basicCode);
    const cancelled = await stack.graphql(
      `mutation { cancelServiceItem(basicCode: "${item.basicCode}", effectiveFrom: "${today}", reason: "事项取消", expectedVersion: 2) { version { status } } }`,
      undefined,
      maintainer,
    );
    expect(cancelled.body.data.cancelServiceItem.version.status).toBe('CANCELLED');
    const listed = await stack.graphql('{ serviceItems(filter: { group: "公安工作" }) { totalCount } }');
    expect(listed.body.data.serviceItems.totalCount).toBe(seed.items.filter((candidate) => candidate.group === '公安工作').length);
  });

  it('finds what people mean, and never errors on odd input', async () => {
    const { body } = await stack.graphql('{ searchServices(query: "准生证", region: "610725", first: 3) { name matchedBy item { name } guide { implementationCode agency { name } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.searchServices[0]).toMatchObject({ name: '一孩生育服务证办理', matchedBy: 'ALIAS', guide: { implementationCode: expect.stringMatching(/^610725/) } });
    for (const query of ['', '!!!', '😀😀', 'DROP TABLE x;--', 'ａｂｃ１２３', '超限运输']) {
      const odd = await stack.graphql('query ($q: String!) { searchServices(query: $q) { name } }', { q: query });
      expect(odd.body.errors).toBeUndefined();
    }
    const long = await stack.graphql('query ($q: String!) { searchServices(query: $q) { name } }', { q: '证'.repeat(1000) });
    expect(long.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('audits every planted defect and passes a complete guide', async () => {
    for (const defect of PLANTED_DEFECTS) {
      const { body } = await stack.graphql(`{ guideAudit(implementationCode: "${defect.implementationCode}") { passed findings { element rule } } }`);
      expect(body.data.guideAudit.findings.length, `${defect.itemName}: ${defect.defect}`).toBeGreaterThan(0);
    }
    const complete = seed.guides.find((guide) => !PLANTED_DEFECTS.some((d) => d.implementationCode === guide.implementationCode) && guide.basicCode !== HOTEL.basicCode)!;
    const { body } = await stack.graphql(`{ guideAudit(implementationCode: "${complete.implementationCode}") { passed score findings { rule element message } } }`);
    // Freshness depends on the calendar: the sample content was reviewed on SAMPLE_REVIEWED_ON, so
    // after six months the policy review is due and the audit must say so — and nothing else.
    const due = addMonths(SAMPLE_REVIEWED_ON, 6) < today;
    const rules = body.data.guideAudit.findings.map((finding: any) => finding.rule);
    expect(rules).toEqual(due ? expect.arrayContaining(['POLICY_REVIEW_FRESH']) : []);
    expect(rules.filter((rule: string) => !rule.endsWith('_REVIEW_FRESH'))).toEqual([]);
    expect(body.data.guideAudit.passed).toBe(true);
    if (!due) expect(body.data.guideAudit.score).toBe(100);
    const summary = await stack.graphql('{ auditSummary(region: "610725") { guides averageScore passedShare worstRules { rule count } byAgency { agency { name } guides averageScore } } }');
    expect(summary.body.data.auditSummary.guides).toBe(385);
    expect(summary.body.data.auditSummary.worstRules.length).toBeGreaterThan(0);
  });
});
