import type { SubgraphContext } from '@soc/server-kit';
import type { AnalysisLoaders } from '../loaders';
import type { AnalysisModels } from '../models';

export type AnalysisContext = SubgraphContext<AnalysisModels, AnalysisLoaders>;
