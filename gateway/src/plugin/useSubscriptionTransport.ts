import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@soc/server-kit';
import { GraphQLError } from 'graphql';

/**
 * Answers a subscription sent over HTTP with a 400 that says where subscriptions are served,
 * instead of the gateway executor's internal error. (Over graphql-ws, subscriptions never enter
 * this pipeline: the subscription server streams them itself.)
 */
export function useSubscriptionTransport(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Subscriptions are served over WebSocket: graphql-ws (subprotocol graphql-transport-ws) at /graphql', {
            extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
