import type { SubgraphContext } from '@soc/server-kit';
import type { IncidentsLoaders } from '../loaders';
import type { IncidentsModels } from '../models';
import type { IncidentsServices } from '../services';

export type IncidentsContext = SubgraphContext<IncidentsModels, IncidentsLoaders, IncidentsServices>;
