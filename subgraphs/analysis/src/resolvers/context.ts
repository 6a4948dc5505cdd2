import type { SubgraphContext } from '@soc/server-kit';
import type { AnalysisLoaders } from '../loaders';
import type { AnalysisModels } from '../models';
import type { AnalysisServices } from '../services';

export type AnalysisContext = SubgraphContext<AnalysisModels, AnalysisLoaders, AnalysisServices>;

/** Who a change is attributed to in records and the timeline. */
export const actorOf = (context: AnalysisContext): string => context.principal.email ?? context.principal.id;
