/**
 * A cross-service fact (DESIGN.md, "Events between services"). The id is deterministic in what
 * the event is about (e.g. `analysis.completed:<analysisId>`), so recording it twice is harmless
 * and consumers can drop repeats by id.
 */
export interface DomainEvent<Payload = Record<string, unknown>> {
  id: string;
  type: string;
  tenantId: string;
  occurredAt: Date;
  version: number;
  payload: Payload;
}

export type EventType = 'incident.created' | 'incident.updated' | 'analysis.completed' | 'analysis.failed' | 'notification.status';
