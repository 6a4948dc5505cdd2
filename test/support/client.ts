/** A minimal GraphQL-over-HTTP client for tests: what a partner tool would send. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }> };
}

export interface Credentials {
  token?: string;
  apiKey?: string;
  tenant?: string;
}

export async function graphql<T = Record<string, any>>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  if (credentials.tenant) headers['x-tenant-id'] = credentials.tenant;
  const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

export async function devToken(gatewayUrl: string, email: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) throw new Error(`dev token for ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
