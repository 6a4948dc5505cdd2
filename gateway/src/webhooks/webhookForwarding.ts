/**
 * The incidents service's internal webhook endpoint, from its GraphQL URL: the same origin and path
 * prefix (a deployment may serve the subgraph under one), with /graphql swapped for the route.
 */
export function incidentsWebhookUrl(incidentsGraphqlUrl: string): string {
  const url = new URL(incidentsGraphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/internal/webhooks/sentinel`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
