import path from 'node:path';
import { z } from 'zod';
import { commonEnv, parseEnv, port, SCHEMA_DIR } from '@soc/server-kit';

const oidcIssuer = z.strictObject({
  issuer: z.string().url(),
  jwksUri: z.string().url(),
  audience: z.string().min(1),
  /** Claim that carries the user's sign-in address. */
  emailClaim: z.string().default('preferred_username'),
});

const jsonArray = <T extends z.ZodTypeAny>(item: T) =>
  z
    .string()
    .default('[]')
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));

export const gatewayEnv = {
  ...commonEnv,
  GATEWAY_PORT: port(4000),
  SUPERGRAPH_PATH: z.string().default(path.join(SCHEMA_DIR, 'supergraph.graphql')),
  /** Overrides of the subgraph URLs written in the supergraph (deployments, tests). */
  SUBGRAPH_URL_INCIDENTS: z.string().url().optional(),
  SUBGRAPH_URL_ANALYSIS: z.string().url().optional(),
  SUBGRAPH_URL_TENANTS: z.string().url().optional(),
  SUBGRAPH_URL_NOTIFICATIONS: z.string().url().optional(),
  INTERNAL_TOKEN_PRIVATE_KEY: z.string({ error: 'is required: the Ed25519 private key (PEM or base64 PEM) that signs internal tokens' }).min(40),
  /** The development issuer; never on in production, whatever this says. */
  DEV_ISSUER_ENABLED: z.enum(['true', 'false']).optional(),
  /** Ed25519 private key of the development issuer; an ephemeral one is made when unset. */
  DEV_ISSUER_PRIVATE_KEY: z.string().min(40).optional(),
  AUTH_OIDC_ISSUERS: jsonArray(oidcIssuer),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(102_400),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  MAX_ALIASES: z.coerce.number().int().min(1).default(15),
  MAX_QUERY_COST: z.coerce.number().int().min(100).default(20_000),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(2_000),
  /** Seconds an identity lookup (user memberships, API key) is cached. */
  PRINCIPAL_CACHE_SECONDS: z.coerce.number().min(0).default(30),
  /** Events buffered per subscription for a slow client; beyond it the oldest are dropped. */
  SUBSCRIPTION_QUEUE_SIZE: z.coerce.number().int().min(1).default(100),
  /** Events of one subscription completed with entity fetches at once (delivered in order). */
  SUBSCRIPTION_RESOLVE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Live operations one graphql-ws connection may hold. */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(50),
  /** WebSocket ping interval to clients and subgraphs; a socket missing a pong is terminated. */
  WS_KEEPALIVE_MS: z.coerce.number().int().min(1000).default(12_000),
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return parseEnv(gatewayEnv, env);
}

export const devIssuerEnabled = (config: GatewayConfig) => config.NODE_ENV !== 'production' && config.DEV_ISSUER_ENABLED !== 'false';
