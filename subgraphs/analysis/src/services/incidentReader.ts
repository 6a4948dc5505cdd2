import { ServiceCallError, type ServiceCaller } from '@soc/server-kit';
import type { IncidentContext } from '../agents';

/** Reads an incident from the incidents service (its `/service` API), scoped to a tenant. */
export async function readIncident(callService: ServiceCaller, tenantId: string, incidentId: string): Promise<IncidentContext | null> {
  try {
    return await callService<IncidentContext>('incidents', `/incidents/${encodeURIComponent(incidentId)}?tenantId=${encodeURIComponent(tenantId)}`);
  } catch (error) {
    if (error instanceof ServiceCallError && error.status === 404) return null;
    throw error;
  }
}
