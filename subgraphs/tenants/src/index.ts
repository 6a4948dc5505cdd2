import { runService, startSubgraph } from '@soc/server-kit';
import { tenantsSubgraph } from './subgraph';

export { tenantsSubgraph };

if (require.main === module) runService(() => startSubgraph(tenantsSubgraph));
