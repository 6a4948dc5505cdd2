import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { INTERNAL_TOKEN_TTL_SECONDS, type InternalTokenSigner } from '@soc/server-kit';
import type { GatewayContext } from './context';

/**
 * Every subgraph call carries a short-lived internal token that the gateway signs for this
 * request's principal and active tenant, plus the request id for log correlation.
 */
export class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly sign: InternalTokenSigner,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('principal' in context) || !context.principal) throw new Error('subgraph call without an authenticated principal');
    // One signature per client request, shared by its subgraph fetches, renewed at half its
    // lifetime so a slow first fetch cannot leave the later ones with an expired token.
    const now = Date.now();
    if (!context.internalToken || now - context.internalToken.signedAt > (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 2) {
      context.internalToken = { signedAt: now, token: this.sign({ principal: context.principal, requestId: context.requestId }) };
    }
    request.http?.headers.set('authorization', `Bearer ${await context.internalToken.token}`);
    request.http?.headers.set('x-request-id', context.requestId);
  }

  /**
   * A subgraph answers 400 with a GraphQL error body when it rejects input the gateway cannot
   * check itself (e.g. a malformed DateTime): pass that error on as the caller's, not as an
   * internal error of the gateway.
   */
  override async errorFromResponse(response: Awaited<ReturnType<Fetcher>>): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response.clone().json().catch(() => null)) as { errors?: Array<{ message?: string; extensions?: Record<string, unknown> }> } | null;
      const first = body?.errors?.[0];
      if (first?.message && typeof first.extensions?.code === 'string') {
        return new GraphQLError(first.message, { extensions: { ...first.extensions, http: { status: 400 } } });
      }
    }
    return super.errorFromResponse(response);
  }
}
