import type { GraphQLFormattedError } from 'graphql';

/**
 * Why an upstream stream ended badly: the owning subgraph refused the operation (its errors,
 * masked like any subgraph error), or the gateway lost the socket to it (its own message, written
 * for the client: subscribe again).
 */
export class SubscriptionStreamError extends Error {
  constructor(
    readonly errors: GraphQLFormattedError[],
    /** True when the gateway wrote the errors itself, so they need no masking. */
    readonly fromGateway: boolean,
  ) {
    super(errors[0]?.message ?? 'Subscription failed');
  }

  /** Normalizes what a graphql-ws client sink reports as an error. */
  static from(reported: unknown, subgraph: string): SubscriptionStreamError {
    if (Array.isArray(reported) && reported.length > 0 && reported.every((e) => typeof e?.message === 'string')) {
      return new SubscriptionStreamError(reported as GraphQLFormattedError[], false);
    }
    const { code } = (reported ?? {}) as { code?: unknown };
    return new SubscriptionStreamError(
      [
        {
          message: `Live updates from the ${subgraph} service were interrupted; subscribe again`,
          extensions: { code: 'SUBSCRIPTION_INTERRUPTED', ...(typeof code === 'number' ? { closeCode: code } : {}) },
        },
      ],
      true,
    );
  }
}
