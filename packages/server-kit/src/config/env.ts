import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses environment variables against a zod shape. The error names every offending variable so
 * that a bad deployment stops at start with a message an operator can act on.
 */
export function parseEnv<Shape extends z.ZodRawShape>(shape: Shape, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Settings every service shares. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BIND_HOST: z.string().min(1).default('127.0.0.1'),
};

/** Settings every subgraph shares. */
export const subgraphEnv = {
  ...commonEnv,
  MONGODB_URI: z.string({ error: 'is required (the launcher sets it to the embedded database)' }).regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  MONGODB_DB_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only').default('soc'),
  INTERNAL_TOKEN_PUBLIC_KEY: z.string({ error: 'is required: the Ed25519 public key (PEM or base64 PEM) that verifies gateway-signed internal tokens' }).min(40),
  /** Service-to-service calls (event feeds, internal reads): this service's signing key and the key every service verifies with. */
  SERVICE_TOKEN_PRIVATE_KEY: z.string().min(40).optional(),
  SERVICE_TOKEN_PUBLIC_KEY: z.string().min(40).optional(),
  INCIDENTS_SERVICE_URL: z.url().optional(),
  ANALYSIS_SERVICE_URL: z.url().optional(),
  TENANTS_SERVICE_URL: z.url().optional(),
  NOTIFICATIONS_SERVICE_URL: z.url().optional(),
  EVENTS_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
};

export type SubgraphEnv = z.infer<z.ZodObject<typeof subgraphEnv>>;
