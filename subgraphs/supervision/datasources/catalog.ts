import { GraphQLError } from 'graphql';
import { ERROR_CODES } from '../../../lib/errors.ts';
import { ServiceCallError, type ServiceClient } from '../../../lib/http/serviceClient.ts';

/** What the figures read of a guide (2019 index: 减时间, 即办程度, 减跑动, 网办深度). */
export interface GuideFigures {
  implementationCode: string;
  agency: string;
  itemType: string;
  /** IMMEDIATE or PROMISED. */
  caseKind: string;
  legalLimit: { value: number; unit: string } | null;
  promisedLimit: { value: number; unit: string } | null;
  /** 到办事现场次数 */
  visits: number;
  /** 网上办理深度 1–4. */
  onlineDepth: number;
}

export type GuideScope = { agency: string } | { region: string } | { implementationCode: string } | { basicCode: string };

/** The catalog, as supervision reads it: rule targets that must exist, and the guides the figures count. */
export interface CatalogSource {
  /** The agency's name, or null when the catalog knows no such agency. */
  agencyName(uscc: string): Promise<string | null>;
  /** The guide's name, agency and item type, or null when there is no such guide. */
  guide(implementationCode: string): Promise<{ implementationCode: string; name: string; agency: string; itemType: string } | null>;
  /** The guides in force of an agency, a region (prefix), one guide, or every implementation of one basic item. */
  guidesInScope(scope: GuideScope): Promise<GuideFigures[]>;
}

const GUIDE_FIELDS = 'implementationCode name agency { uscc } item { type } caseKind legalTimeLimit { value unit } promisedTimeLimit { value unit } visits onlineDepth';

const AGENCIES = /* GraphQL */ `query Agencies { agencies { uscc name } }`;
const GUIDE = /* GraphQL */ `query Guide($code: ID!) { serviceGuide(implementationCode: $code) { ${GUIDE_FIELDS} } }`;
const ITEM_GUIDES = /* GraphQL */ `query ItemGuides($basicCode: ID!) { serviceItem(basicCode: $basicCode) { guides { ${GUIDE_FIELDS} } } }`;
const GUIDES = /* GraphQL */ `
  query Guides($filter: ServiceGuideFilter, $after: String) {
    serviceGuides(filter: $filter, first: 100, after: $after) { edges { node { ${GUIDE_FIELDS} } } pageInfo { hasNextPage endCursor } }
  }
`;

interface GuideNode {
  implementationCode: string;
  name: string;
  agency: { uscc: string };
  item: { type: string };
  caseKind: string;
  legalTimeLimit: { value: number; unit: string } | null;
  promisedTimeLimit: { value: number; unit: string } | null;
  visits: number;
  onlineDepth: number;
}

const toFigures = (node: GuideNode): GuideFigures => ({
  implementationCode: node.implementationCode,
  agency: node.agency.uscc,
  itemType: node.item.type,
  caseKind: node.caseKind,
  legalLimit: node.legalTimeLimit,
  promisedLimit: node.promisedTimeLimit,
  visits: node.visits,
  onlineDepth: node.onlineDepth,
});

export function catalogSource(client: ServiceClient): CatalogSource {
  const request = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    try {
      return await client.request<T>(query, variables);
    } catch (error) {
      if (error instanceof ServiceCallError && error.retryable) throw unavailable();
      throw error;
    }
  };
  let agencies: Promise<Map<string, string>> | null = null;
  return {
    async agencyName(uscc) {
      agencies ??= request<{ agencies: Array<{ uscc: string; name: string }> }>(AGENCIES, {}).then(({ agencies: list }) => new Map(list.map((agency) => [agency.uscc, agency.name])));
      agencies.catch(() => (agencies = null));
      return (await agencies).get(uscc) ?? null;
    },
    async guide(implementationCode) {
      const { serviceGuide } = await request<{ serviceGuide: GuideNode | null }>(GUIDE, { code: implementationCode });
      return serviceGuide && { implementationCode: serviceGuide.implementationCode, name: serviceGuide.name, agency: serviceGuide.agency.uscc, itemType: serviceGuide.item.type };
    },
    async guidesInScope(scope) {
      if ('implementationCode' in scope) {
        const { serviceGuide } = await request<{ serviceGuide: GuideNode | null }>(GUIDE, { code: scope.implementationCode });
        return serviceGuide ? [toFigures(serviceGuide)] : [];
      }
      if ('basicCode' in scope) {
        const { serviceItem } = await request<{ serviceItem: { guides: GuideNode[] } | null }>(ITEM_GUIDES, { basicCode: scope.basicCode });
        return (serviceItem?.guides ?? []).map(toFigures);
      }
      const filter = scope;
      const guides: GuideFigures[] = [];
      let after: string | null = null;
      do {
        const { serviceGuides }: { serviceGuides: { edges: Array<{ node: GuideNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
          await request(GUIDES, { filter, after });
        guides.push(...serviceGuides.edges.map((edge) => toFigures(edge.node)));
        after = serviceGuides.pageInfo.hasNextPage ? serviceGuides.pageInfo.endCursor : null;
      } while (after !== null);
      return guides;
    },
  };
}

function unavailable(): GraphQLError {
  return new GraphQLError('The catalog could not be read; try again later', { extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: 'catalog' } });
}
