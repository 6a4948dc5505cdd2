import type { ApolloServerPlugin } from '@apollo/server';
import type { ServiceMetrics } from '../../metrics';

/** Counts GraphQL operations by type and outcome. */
export function useOperationMetrics(metrics: ServiceMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = Boolean(errors?.length || body?.errors?.length);
          metrics.graphqlOperations.inc({ type: operation?.operation ?? 'unknown', outcome: failed ? 'error' : 'success' });
        },
      };
    },
  };
}
