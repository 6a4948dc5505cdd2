import { authorize } from '@soc/server-kit';
import { breachLimit, incidentMetrics, type IncidentMetricsSource, type SlaBreach as SlaBreachRow, type SlaTargetsInput } from '../services/incidentMetrics';
import type { IncidentsContext } from './context';

/** The Tenant representation from the gateway: `sla` is there because the field @requires it. */
interface TenantWithSla {
  id: string;
  sla?: SlaTargetsInput | null;
}

/**
 * `Tenant.incidentMetrics`, merged into the `Tenant` resolvers of query.ts. Only the active tenant
 * gets counts; any other tenant gets the same shape with zeros, never foreign data.
 */
export const TenantMetrics = {
  incidentMetrics: (tenant: TenantWithSla, args: { since: Date; until: Date }, context: IncidentsContext): IncidentMetricsSource => {
    const activeTenantId = authorize(context, 'incidents:read');
    if (!tenant.sla) throw new Error('Tenant.sla missing from the representation: the gateway must resolve the @requires fields');
    const tenantId = tenant.id === activeTenantId ? activeTenantId : null;
    return incidentMetrics(context.models, tenantId, { since: args.since, until: args.until }, tenant.sla);
  },
};

export const IncidentMetrics = {
  total: async (metrics: IncidentMetricsSource) => (await metrics.counts()).total,
  bySeverity: async (metrics: IncidentMetricsSource) => (await metrics.counts()).bySeverity,
  byStatus: async (metrics: IncidentMetricsSource) => (await metrics.counts()).byStatus,
  byDay: (metrics: IncidentMetricsSource) => metrics.byDay(),
  responseTimes: async (metrics: IncidentMetricsSource) => (await metrics.timings()).responseTimes,
  slaBreaches: async (metrics: IncidentMetricsSource, args: { first?: number | null }) => {
    const limit = breachLimit(args.first);
    return (await metrics.timings()).breaches.slice(0, limit);
  },
};

export const SlaBreach = {
  // Through the tenant-scoped loader: the breaches of one page load in one query.
  incident: (breach: SlaBreachRow, _args: unknown, context: IncidentsContext) => context.loaders.incidentById.load(breach.incidentId),
};
