import { runService, startSubgraph } from '@soc/server-kit';
import { incidentsSubgraph } from './subgraph';

export { incidentsSubgraph };

if (require.main === module) runService(() => startSubgraph(incidentsSubgraph));
