import { DateTime } from '@soc/server-kit';
import { ApiClient } from './apiClient';
import { Mutation } from './mutation';
import { Query } from './query';
import { Tenant } from './tenant';
import { User } from './user';

export const resolvers = { DateTime, Query, Mutation, Tenant, User, ApiClient };
