/** ARM paths of the Microsoft.SecurityInsights resources this client uses. */

/** Identifies a Log Analytics workspace with Sentinel enabled. */
export interface SentinelWorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
}

/**
 * One path segment, encoded. Names with `/`, `?`, `#`, `%` or `\`, and `.`/`..`, are refused rather
 * than encoded: URL normalisation would turn `..` into a request for a different ARM resource.
 */
export function pathSegment(value: string, what: string): string {
  if (value.length === 0 || value === '.' || value === '..' || /[/\\?#%]/.test(value) || /[\u0000-\u001f]/.test(value)) {
    throw new TypeError(`${what} is not a valid ARM resource name: ${JSON.stringify(value)}`);
  }
  return encodeURIComponent(value);
}

export function workspacePath(ws: SentinelWorkspaceRef): string {
  return (
    `/subscriptions/${pathSegment(ws.subscriptionId, 'subscriptionId')}` +
    `/resourceGroups/${pathSegment(ws.resourceGroup, 'resourceGroup')}` +
    `/providers/Microsoft.OperationalInsights/workspaces/${pathSegment(ws.workspaceName, 'workspaceName')}`
  );
}

export function incidentsPath(ws: SentinelWorkspaceRef): string {
  return `${workspacePath(ws)}/providers/Microsoft.SecurityInsights/incidents`;
}

export function incidentPath(ws: SentinelWorkspaceRef, incidentName: string): string {
  return `${incidentsPath(ws)}/${pathSegment(incidentName, 'incident name')}`;
}

export function incidentAlertsPath(ws: SentinelWorkspaceRef, incidentName: string): string {
  return `${incidentPath(ws, incidentName)}/alerts`;
}

export function incidentEntitiesPath(ws: SentinelWorkspaceRef, incidentName: string): string {
  return `${incidentPath(ws, incidentName)}/entities`;
}

export function incidentCommentsPath(ws: SentinelWorkspaceRef, incidentName: string): string {
  return `${incidentPath(ws, incidentName)}/comments`;
}

export function incidentCommentPath(ws: SentinelWorkspaceRef, incidentName: string, commentId: string): string {
  return `${incidentCommentsPath(ws, incidentName)}/${pathSegment(commentId, 'comment id')}`;
}
