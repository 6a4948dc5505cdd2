import type { Logger, Principal } from '@soc/server-kit';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Signed lazily on the first subgraph fetch of the request. */
  internalToken?: Promise<string>;
}
