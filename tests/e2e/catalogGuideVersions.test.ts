import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInternalSigner,
  generateInternalKeyPair,
  servicePrincipal,
  type InternalKeyPair,
} from '../../lib/auth/internalToken.ts';
import { ANONYMOUS, type Principal } from '../../lib/auth/principal.ts';
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { chinaDate } from '../../lib/time.ts';
import { buildCatalogSeed } from '../../seeds/catalog/build.ts';
import { startCatalog, type CatalogService } from '../../subgraphs/catalog/service.ts';
import { uniqueSchema } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';

const seed = buildCatalogSeed();
const guideOf = (basicCode: string) => seed.guides.find((guide) => guide.basicCode === basicCode)!;
const HOTEL = seed.items.find((item) => item.name === '旅馆业特种行业许可证核发')!;
const HOTEL_GUIDE = guideOf(HOTEL.basicCode);
/** Two guides of items that are not 行政许可, whose results are not published unless they say so. */
const [OTHER_ITEM, THIRD_ITEM] = seed.items.filter((item) => item.type === 'CONFIRMATION') as [(typeof seed.items)[0], (typeof seed.items)[0]];
const OTHER_GUIDE = guideOf(OTHER_ITEM.basicCode);
const THIRD_GUIDE = guideOf(THIRD_ITEM.basicCode);

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on ServiceGuideVersion { implementationCode number effectiveFrom status author reason recordedAt document
    guide { implementationCode name status version { number effectiveFrom } promisedTimeLimit { value unit }
      result { name public } item { basicCode legalTimeLimit { value unit } } agency { name } } } } }`;

const version = (implementationCode: string, number: unknown) => ({ __typename: 'ServiceGuideVersion', implementationCode, number });

/** POSTs to a subgraph directly with an internal token, as the gateway (or another subgraph) does. */
async function callSubgraph(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const tokenFor = async (pair: InternalKeyPair, principal: Principal) =>
  (await createInternalSigner(pair.privateJwk, 60)).sign({ principal, meta: { clientIp: null, purpose: null } });

describe('结果公示 and guide versions in the catalog', () => {
  let stack: Stack;
  const today = chinaDate();
  const maintainer = { as: 'catalog-madong' };
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack?.close());

  /** _entities against the catalog subgraph itself: no root field of the graph returns a ServiceGuideVersion yet. */
  const entities = async (representations: unknown[]) => {
    const { status, body } = await callSubgraph(stack.catalog.url, await tokenFor(stack.internalKeys!, ANONYMOUS), ENTITIES, { representations });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data._entities as any[];
  };

  const update = async (code: string, content: unknown, expectedVersion: number, reason: string) => {
    const { body } = await stack.graphql(
      `mutation ($code: ID!, $content: JSONObject!, $from: Date!, $expected: Int!, $reason: String!) {
         updateServiceGuide(implementationCode: $code, content: $content, effectiveFrom: $from, reason: $reason, expectedVersion: $expected) {
           version { number } guide { result { public } } } }`,
      { code, content, from: today, expected: expectedVersion, reason },
      maintainer,
    );
    expect(body.errors).toBeUndefined();
    return body.data.updateServiceGuide;
  };

  it('publishes the results of 行政许可 and not of other items, unless a guide says otherwise', async () => {
    const { body } = await stack.graphql(
      `query ($license: ID!, $other: ID!) {
         license: serviceGuide(implementationCode: $license) { item { type } result { name kind public } document }
         other: serviceGuide(implementationCode: $other) { item { type } result { name kind public } document } }`,
      { license: HOTEL_GUIDE.implementationCode, other: OTHER_GUIDE.implementationCode },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.license).toMatchObject({ item: { type: 'LICENSE' }, result: { public: true } });
    expect(body.data.other).toMatchObject({ item: { type: 'CONFIRMATION' }, result: { public: false } });
    // The seed states it for licenses and leaves it to the default elsewhere; the document shows the value either way.
    expect(HOTEL_GUIDE.content.result.public).toBe(true);
    expect(OTHER_GUIDE.content.result.public).toBeUndefined();
    expect(body.data.license.document.result.public).toBe(true);
    expect(body.data.other.document.result.public).toBe(false);
  });

  it('takes 结果公示 from a maintainer; a version that omits it reads the default of its item type', async () => {
    const { body } = await stack.graphql(`{ serviceGuide(implementationCode: "${OTHER_GUIDE.implementationCode}") { version { number } document } }`);
    const { document, version: current } = body.data.serviceGuide;
    const published = await update(OTHER_GUIDE.implementationCode, { ...document, result: { ...document.result, public: true } }, current.number, '依法公示办理结果');
    expect(published.guide.result.public).toBe(true);
    // Stored without the element, as versions written before it existed are: the default again (false here).
    const withoutPublic = { ...document.result };
    delete withoutPublic.public;
    const omitted = await update(OTHER_GUIDE.implementationCode, { ...document, result: withoutPublic }, published.version.number, '恢复默认');
    expect(omitted.guide.result.public).toBe(false);

    const diff = await stack.graphql(
      `{ serviceGuideDiff(implementationCode: "${OTHER_GUIDE.implementationCode}", fromVersion: ${current.number}, toVersion: ${published.version.number}) { element change before after }
         back: serviceGuideDiff(implementationCode: "${OTHER_GUIDE.implementationCode}", fromVersion: ${current.number}, toVersion: ${omitted.version.number}) { element } }`,
    );
    expect(diff.body.data.serviceGuideDiff).toEqual([{ element: 'result.public', change: 'CHANGED', before: 'false', after: 'true' }]);
    // Omitted and the default are the same content.
    expect(diff.body.data.back).toEqual([]);

    const refused = await stack.graphql(
      `mutation ($content: JSONObject!) { updateServiceGuide(implementationCode: "${OTHER_GUIDE.implementationCode}", content: $content, effectiveFrom: "${today}", reason: "错误数据", expectedVersion: ${omitted.version.number}) { version { number } } }`,
      { content: { ...document, result: { ...document.result, public: 'yes' } } },
      maintainer,
    );
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', elements: [expect.objectContaining({ element: 'result.public' })] });
  });

  it('resolves a ServiceGuideVersion reference with the numbers of ServiceGuide.version', async () => {
    const { body } = await stack.graphql(
      `{ serviceGuide(implementationCode: "${HOTEL_GUIDE.implementationCode}") { version { number effectiveFrom status author reason recordedAt } document versions { number } } }`,
    );
    const guide = body.data.serviceGuide;
    const [entity] = await entities([version(HOTEL_GUIDE.implementationCode, guide.version.number)]);
    expect(entity).toMatchObject({ implementationCode: HOTEL_GUIDE.implementationCode, ...guide.version, document: guide.document });
    expect(entity.guide).toMatchObject({
      implementationCode: HOTEL_GUIDE.implementationCode,
      name: HOTEL.name,
      status: 'ACTIVE',
      version: { number: guide.version.number, effectiveFrom: guide.version.effectiveFrom },
      result: { public: true },
      item: { basicCode: HOTEL.basicCode },
      agency: { name: '勉县公安局' },
    });
  });

  it('resolves each version as it stood, even when a later version took effect the same day', async () => {
    const read = await stack.graphql(`{ serviceGuide(implementationCode: "${THIRD_GUIDE.implementationCode}") { version { number } document promisedTimeLimit { value unit } } }`);
    const before = read.body.data.serviceGuide;
    expect(before.version.number).toBe(1);
    const online = [{ question: '可以网上办理吗？', answer: '可以。' }];
    const booking = [{ question: '需要预约吗？', answer: '不需要。' }];
    const second = await update(THIRD_GUIDE.implementationCode, { ...before.document, faq: online }, 1, '补充常见问题');
    const third = await update(THIRD_GUIDE.implementationCode, { ...before.document, faq: booking }, second.version.number, '同日再次修订');
    expect([second.version.number, third.version.number]).toEqual([2, 3]);

    const [v1, v2, v3] = await entities([1, 2, 3].map((number) => version(THIRD_GUIDE.implementationCode, number)));
    expect(v1).toMatchObject({ number: 1, effectiveFrom: '2019-01-01', author: 'seed', guide: { version: { number: 1 }, promisedTimeLimit: before.promisedTimeLimit } });
    expect(v1.document).toEqual(before.document);
    // Versions 2 and 3 take effect on the same day; "in force today" is 3, but version 2 is still version 2.
    expect(v2).toMatchObject({ number: 2, effectiveFrom: today, author: 'dev-catalog-01', reason: '补充常见问题', guide: { version: { number: 2 } } });
    expect(v2.document.faq).toEqual(online);
    expect(v3).toMatchObject({ number: 3, reason: '同日再次修订', guide: { version: { number: 3 } } });
    expect(v3.document.faq).toEqual(booking);
    const now = await stack.graphql(`{ serviceGuide(implementationCode: "${THIRD_GUIDE.implementationCode}") { version { number } } }`);
    expect(now.body.data.serviceGuide.version.number).toBe(3);
  });

  it('resolves a version it does not have to null: unknown number, unknown or malformed code', async () => {
    const unknownCode = '610725000000000000000111';
    const found = await entities([
      version(HOTEL_GUIDE.implementationCode, 1),
      version(HOTEL_GUIDE.implementationCode, 999),
      version(HOTEL_GUIDE.implementationCode, 0),
      version(unknownCode, 1),
      version('not-an-implementation-code', 1),
      version(HOTEL_GUIDE.implementationCode, 2 ** 40),
    ]);
    expect(found[0]).toMatchObject({ implementationCode: HOTEL_GUIDE.implementationCode, number: 1 });
    expect(found.slice(1)).toEqual([null, null, null, null, null]);
  });
});

/**
 * The cases subgraph resolves the guide version a case was filed under by calling the catalog as
 * itself: an internal token signed with its own service key, principal { kind: SERVICE, subject: cases }.
 * The catalog runs alone here, trusting the gateway's key and the cases subgraph's service key.
 */
describe('ServiceGuideVersion for a subgraph calling as itself', () => {
  let catalog: CatalogService;
  let gatewayKey: InternalKeyPair;
  let casesKey: InternalKeyPair;
  beforeAll(async () => {
    gatewayKey = await generateInternalKeyPair();
    casesKey = await generateInternalKeyPair('cases');
    catalog = await startCatalog({
      // Embedded PGlite in memory, like the stack's default.
      config: loadConfig({ LOG_LEVEL: 'silent', CATALOG_DB_SCHEMA: uniqueSchema('catalog') }),
      logger: createLogger('silent'),
      port: 0,
      dataDir: null,
      internalKeys: { keys: [...gatewayKey.publicJwks.keys, ...casesKey.publicJwks.keys] },
    });
  });
  afterAll(async () => catalog?.close());

  it('answers the cases subgraph, signed with its own service key', async () => {
    const token = await tokenFor(casesKey, servicePrincipal('cases'));
    const { status, body } = await callSubgraph(catalog.url, token, ENTITIES, { representations: [version(HOTEL_GUIDE.implementationCode, 1), version(HOTEL_GUIDE.implementationCode, 7)] });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data._entities[0]).toMatchObject({ implementationCode: HOTEL_GUIDE.implementationCode, number: 1, guide: { name: HOTEL.name, result: { public: true } } });
    expect(body.data._entities[1]).toBeNull();
  });

  it.each([
    ['a user principal signed with the service key', () => tokenFor(casesKey, { ...ANONYMOUS, kind: 'AUDITOR', subject: 'x' })],
    ['another service signed with the service key', () => tokenFor(casesKey, servicePrincipal('results'))],
    ["a SERVICE principal signed with the gateway's key", () => tokenFor(gatewayKey, servicePrincipal('cases'))],
  ])('refuses %s with 401', async (_name, token) => {
    const { status, body } = await callSubgraph(catalog.url, await token(), ENTITIES, { representations: [version(HOTEL_GUIDE.implementationCode, 1)] });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });
});
