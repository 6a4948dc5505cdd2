import type { SubgraphContext } from '@soc/server-kit';
import type { IncidentsLoaders } from '../loaders';
import type { IncidentsModels } from '../models';

export type IncidentsContext = SubgraphContext<IncidentsModels, IncidentsLoaders>;
