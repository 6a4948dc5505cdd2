import { DateTime, JSON } from '@soc/server-kit';
import { Alert, Incident, IncidentComment, IncidentEntity, SentinelWriteBack } from './incident';
import { IncidentMetrics, SlaBreach, TenantMetrics } from './metrics';
import { Mutation } from './mutation';
import { Query, Tenant } from './query';
import { SentinelWorkspace, sentinelMutations, sentinelQueries } from './sentinel';

export const resolvers = {
  DateTime,
  JSON,
  Query: { ...Query, ...sentinelQueries },
  Mutation: { ...Mutation, ...sentinelMutations },
  Tenant: { ...Tenant, ...TenantMetrics },
  IncidentMetrics,
  SlaBreach,
  Incident,
  Alert,
  IncidentEntity,
  IncidentComment,
  SentinelWriteBack,
  SentinelWorkspace,
};
