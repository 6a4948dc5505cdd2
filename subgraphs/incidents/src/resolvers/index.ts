import { DateTime, JSON } from '@soc/server-kit';
import { Alert, Incident, IncidentComment, IncidentEntity } from './incident';
import { Query, Tenant } from './query';

export const resolvers = { DateTime, JSON, Query, Tenant, Incident, Alert, IncidentEntity, IncidentComment };
