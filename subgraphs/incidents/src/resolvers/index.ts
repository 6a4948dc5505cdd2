import { DateTime, JSON } from '@soc/server-kit';
import { Alert, Incident, IncidentComment, IncidentEntity, SentinelWriteBack } from './incident';
import { Mutation } from './mutation';
import { Query, Tenant } from './query';

export const resolvers = { DateTime, JSON, Query, Mutation, Tenant, Incident, Alert, IncidentEntity, IncidentComment, SentinelWriteBack };
