import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { InternalTokenSigner } from '@soc/server-kit';
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
    // One signature per client request, shared by all its subgraph fetches.
    context.internalToken ??= this.sign({ principal: context.principal, requestId: context.requestId });
    request.http?.headers.set('authorization', `Bearer ${await context.internalToken}`);
    request.http?.headers.set('x-request-id', context.requestId);
  }
}
