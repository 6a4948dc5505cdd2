/**
 * Deploy-time settings, read at run time from `config.json` next to the app's index.html (the
 * launcher writes it from the environment), so one build runs against any API.
 */
export interface DemoUser {
  email: string;
  displayName: string;
  tenants: string[];
}

export interface RuntimeConfig {
  /** GraphQL over HTTP, e.g. http://localhost:4000/graphql. */
  graphqlUrl: string;
  /** GraphQL over WebSocket (graphql-ws), e.g. ws://localhost:4000/graphql. */
  wsUrl: string;
  /** Base URL of the gateway, for the development issuer's /auth/dev/token. */
  gatewayUrl: string;
  /** Whether the development issuer is available (never in production). */
  devSignIn: boolean;
  /** Demo users to offer on the sign-in page (development only). */
  demoUsers: DemoUser[];
}

const DEFAULT_GATEWAY = 'http://localhost:4000';

export function defaultRuntimeConfig(): RuntimeConfig {
  return {
    gatewayUrl: DEFAULT_GATEWAY,
    graphqlUrl: `${DEFAULT_GATEWAY}/graphql`,
    wsUrl: `${DEFAULT_GATEWAY.replace(/^http/, 'ws')}/graphql`,
    devSignIn: true,
    demoUsers: [],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads ./config.json; missing or malformed fields fall back to the local development defaults. */
export async function loadRuntimeConfig(url = 'config.json'): Promise<RuntimeConfig> {
  const config = defaultRuntimeConfig();
  try {
    const response = await fetch(new URL(url, document.baseURI), { cache: 'no-cache' });
    if (!response.ok) return config;
    const raw: unknown = await response.json();
    if (!isRecord(raw)) return config;
    if (typeof raw.gatewayUrl === 'string') {
      config.gatewayUrl = raw.gatewayUrl.replace(/\/$/, '');
      config.graphqlUrl = `${config.gatewayUrl}/graphql`;
      config.wsUrl = `${config.gatewayUrl.replace(/^http/, 'ws')}/graphql`;
    }
    if (typeof raw.graphqlUrl === 'string') config.graphqlUrl = raw.graphqlUrl;
    if (typeof raw.wsUrl === 'string') config.wsUrl = raw.wsUrl;
    if (typeof raw.devSignIn === 'boolean') config.devSignIn = raw.devSignIn;
    if (Array.isArray(raw.demoUsers)) {
      config.demoUsers = raw.demoUsers.filter(isRecord).flatMap((u) =>
        typeof u.email === 'string'
          ? [{ email: u.email, displayName: typeof u.displayName === 'string' ? u.displayName : u.email, tenants: Array.isArray(u.tenants) ? u.tenants.map(String) : [] }]
          : [],
      );
    }
  } catch {
    // No config.json (e.g. a bare dev server): the defaults point at a local gateway.
  }
  return config;
}
