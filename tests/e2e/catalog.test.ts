import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';

/** The catalog as a portal sees it: through the gateway, over HTTP, on each store. */
describe.each(storeKinds())('catalog through the gateway (%s)', (store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ store });
  });
  afterAll(async () => stack?.close());

  it('pages the 385-item basic catalog with its total', async () => {
    const { status, body } = await stack.graphql(
      '{ serviceItems(first: 5) { totalCount edges { cursor node { basicCode name type } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(status).toBe(200);
    const connection = body.data.serviceItems;
    expect(connection.totalCount).toBe(385);
    expect(connection.edges).toHaveLength(5);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    for (const { node } of connection.edges) expect(node.basicCode).toMatch(/^\d{10}$/);
  });

  it('walks every page with cursors and sees each item exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await stack.graphql(
        'query ($after: String) { serviceItems(first: 100, after: $after) { edges { node { basicCode } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const connection: any = body.data.serviceItems;
      seen.push(...connection.edges.map((edge: any) => edge.node.basicCode));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(385);
    expect(new Set(seen).size).toBe(385);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters items by type, class, group, agency and region', async () => {
    const count = async (filter: string) =>
      (await stack.graphql(`{ serviceItems(filter: ${filter}) { totalCount } }`)).body.data.serviceItems.totalCount;
    expect(await count('{ class: DISCLOSURE }')).toBe(65);
    expect(await count('{ class: ADMINISTRATIVE_POWER }')).toBe(295);
    expect(await count('{ class: CONVENIENCE }')).toBe(25);
    expect(await count('{ group: "公安工作" }')).toBe(23);
    expect(await count('{ region: "610725" }')).toBe(385);
    expect(await count('{ region: "610700" }')).toBe(385);
    expect(await count('{ region: "610000" }')).toBe(385);
    expect(await count('{ region: "610726" }')).toBe(0);
    const licenses = await count('{ type: LICENSE }');
    expect(licenses).toBeGreaterThan(0);
    expect(licenses).toBeLessThan(295);

    const { body } = await stack.graphql('{ agencies(region: "610725") { uscc name } }');
    const police = body.data.agencies.find((agency: any) => agency.name === '勉县公安局');
    expect(police).toBeDefined();
    expect(await count(`{ agency: "${police.uscc}" }`)).toBe(23);
    expect(await count(`{ agency: "${police.uscc}", type: LICENSE }`)).toBeLessThan(23);
  });

  it('resolves a 勉县 guide with its agency, region and item', async () => {
    const page = await stack.graphql('{ serviceItems(filter: { group: "公安工作" }, first: 1) { edges { node { basicCode name guides(region: "610725") { implementationCode } } } } }');
    const item = page.body.data.serviceItems.edges[0].node;
    const code = item.guides[0].implementationCode;
    const { body } = await stack.graphql(
      `query ($code: ID!) { serviceGuide(implementationCode: $code) {
        implementationCode name level isSample location hours phone legalBasis
        legalTimeLimit { value unit } promisedTimeLimit { value unit }
        agency { uscc name region { code name parent { code name } } parent { name } }
        item { basicCode name group }
        region { code name }
      } }`,
      { code },
    );
    expect(body.errors).toBeUndefined();
    const guide = body.data.serviceGuide;
    expect(guide.implementationCode).toBe(code);
    expect(guide.implementationCode.slice(0, 6)).toBe('610725');
    expect(guide.name).toBe(item.name);
    expect(guide.level).toBe('COUNTY');
    expect(guide.isSample).toBe(true);
    expect(guide.agency.name).toBe('勉县公安局');
    expect(guide.agency.region).toEqual({ code: '610725', name: '勉县', parent: { code: '610700', name: '汉中市' } });
    expect(guide.agency.parent.name).toBe('勉县人民政府');
    expect(guide.item).toEqual({ basicCode: item.basicCode, name: item.name, group: '公安工作' });
    expect(guide.region).toEqual({ code: '610725', name: '勉县' });
  });

  it('lists regions as a tree from the province down', async () => {
    const { body } = await stack.graphql('{ regions { code name children { code name children { code } } } }');
    expect(body.data.regions).toHaveLength(1);
    const [shaanxi] = body.data.regions;
    expect(shaanxi).toMatchObject({ code: '610000', name: '陕西省' });
    const hanzhong = shaanxi.children.find((city: any) => city.code === '610700');
    expect(hanzhong.name).toBe('汉中市');
    expect(hanzhong.children.map((county: any) => county.code)).toContain('610725');
  });

  it('answers null for well-formed codes that do not exist', async () => {
    const { status, body } = await stack.graphql(
      '{ serviceItem(basicCode: "0199999000") { name } serviceGuide(implementationCode: "610725000000000000000111") { name } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ serviceItem: null, serviceGuide: null });
  });

  it.each([
    ['serviceItem(basicCode: "12345") { name }', 'basicCode'],
    ['serviceItem(basicCode: "9900001000") { name }', 'basicCode'],
    ['serviceGuide(implementationCode: "610725") { name }', 'implementationCode'],
    ['serviceItems(filter: { region: "999999" }) { totalCount }', 'filter.region'],
    ['serviceItems(filter: { agency: "not-a-uscc" }) { totalCount }', 'filter.agency'],
    ['serviceItems(first: 1000) { totalCount }', 'first'],
    ['serviceItems(after: "garbage!") { totalCount }', 'after'],
    ['agencies(region: "61072") { name }', 'region'],
  ])('rejects a malformed argument with BAD_USER_INPUT naming it: %s', async (selection, field) => {
    const { status, body } = await stack.graphql(`{ ${selection} }`);
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe(field);
    expect(error.extensions.reason).toEqual(expect.any(String));
    expect(error.extensions.expected).toEqual(expect.any(String));
    expect(error.extensions.stacktrace).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
