/** What the benchmark measures: the incident list as the analyst of the demo tenant sees it. */
export const CONCURRENCY = 50;
export const PAGE_SIZE = 50;
/** Enough demo incidents that the contoso tenant fills a 50-incident page. */
export const DEMO_INCIDENTS_PER_TENANT = 200;
export const USER_EMAIL = 'analyst@contoso.example';
export const TENANT_ID = 'contoso';
export const OPERATION_NAME = 'IncidentList';
/** Fields from all four subgraphs: incidents (the page), tenants, analysis and notifications. */
export const QUERY = `query ${OPERATION_NAME} { incidents(first: ${PAGE_SIZE}) { totalCount edges { node { id number title severity status createdAt tactics tenant { id name } latestAnalysis { id status } notifications { id status } } } } }`;
