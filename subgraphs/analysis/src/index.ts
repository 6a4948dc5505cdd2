import { runService, startSubgraph } from '@soc/server-kit';
import { analysisSubgraph } from './subgraph';

export { analysisSubgraph };

if (require.main === module) runService(() => startSubgraph(analysisSubgraph));
