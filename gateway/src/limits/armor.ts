import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GatewayConfig } from '../config';

/**
 * Operation limits (depth, aliases, cost, tokens, directives, no field suggestions), configured
 * once and used by HTTP and graphql-ws (its validation rules; the token limit is graphql's own
 * parse option there) so that neither door is weaker than the other.
 */
export function createArmor(config: GatewayConfig) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: config.MAX_ALIASES },
    costLimit: { maxCost: config.MAX_QUERY_COST },
    maxTokens: { n: config.MAX_QUERY_TOKENS },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.NODE_ENV === 'production' },
  }).protect();
}
