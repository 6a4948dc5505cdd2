import type { IncidentAlertContext, IncidentContext, IncidentEntityContext, Severity } from '../../../../../src/agents';
import type { DemoIncident } from '../../../../../../incidents/src/demo/generateDemoIncidents';

/** An incident with sensible defaults; tests override what they are about. */
export function makeIncident(overrides: Partial<IncidentContext> = {}): IncidentContext {
  return {
    id: 'incident-1',
    tenantId: 'contoso',
    number: 1,
    title: 'Test incident',
    description: null,
    severity: 'MEDIUM',
    status: 'NEW',
    classification: null,
    labels: [],
    tactics: [],
    techniques: [],
    providerName: 'Azure Sentinel',
    alertProductNames: [],
    createdAt: '2025-06-01T10:00:00.000Z',
    alerts: [],
    entities: [],
    comments: [],
    ...overrides,
  };
}

export function makeAlert(overrides: Partial<IncidentAlertContext> & Pick<IncidentAlertContext, 'displayName'>): IncidentAlertContext {
  return {
    description: null,
    severity: 'MEDIUM',
    productName: 'Microsoft Defender for Endpoint',
    tactics: [],
    techniques: [],
    timeGenerated: '2025-06-01T09:00:00.000Z',
    ...overrides,
  };
}

export function entity(kind: string, friendlyName: string, properties: Record<string, unknown> = {}): IncidentEntityContext {
  return { kind, friendlyName, properties: { friendlyName, ...properties } };
}

export function comment(message: string, minute = 0, authorName = 'Olivia Tanaka'): IncidentContext['comments'][number] {
  return { message, authorName, createdAt: new Date(Date.UTC(2025, 5, 1, 11, minute)).toISOString() };
}

const upper = (severity: string): Severity => severity.toUpperCase() as Severity;

/** The IncidentContext the analysis service builds from what Sentinel returns (classification withheld). */
export function fromDemoIncident(demo: DemoIncident): IncidentContext {
  const p = demo.incident.properties;
  return {
    id: demo.incident.name,
    tenantId: 'contoso',
    number: p.incidentNumber,
    title: p.title,
    description: p.description ?? null,
    severity: upper(p.severity),
    status: p.status.toUpperCase() as IncidentContext['status'],
    classification: null,
    labels: p.labels.map((label) => label.labelName),
    tactics: p.additionalData.tactics ?? [],
    techniques: p.additionalData.techniques ?? [],
    providerName: p.providerName ?? 'Azure Sentinel',
    alertProductNames: p.additionalData.alertProductNames ?? [],
    createdAt: p.createdTimeUtc,
    alerts: demo.alerts.map((alert) => ({
      displayName: alert.properties.alertDisplayName,
      description: alert.properties.description ?? null,
      severity: upper(alert.properties.severity),
      productName: alert.properties.productName,
      tactics: alert.properties.tactics,
      techniques: [...(alert.properties.techniques ?? []), ...(alert.properties.subTechniques ?? [])],
      timeGenerated: alert.properties.timeGenerated,
    })),
    entities: demo.entities.map((e) => ({ kind: e.kind, friendlyName: e.properties.friendlyName ?? '', properties: e.properties as Record<string, unknown> })),
    comments: demo.comments.map((c) => ({ message: c.properties.message, authorName: c.properties.author.name ?? null, createdAt: c.properties.createdTimeUtc })),
  };
}
