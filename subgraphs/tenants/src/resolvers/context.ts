import type { SubgraphContext } from '@soc/server-kit';
import type { TenantsLoaders } from '../loaders';
import type { TenantsModels } from '../models';

export type TenantsContext = SubgraphContext<TenantsModels, TenantsLoaders>;
