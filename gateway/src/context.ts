import type { Logger, Principal } from '@soc/server-kit';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Signed lazily on the first subgraph fetch of the request, renewed when it gets old. */
  internalToken?: { signedAt: number; token: Promise<string> };
}
