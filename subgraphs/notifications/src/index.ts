import { runService, startSubgraph } from '@soc/server-kit';
import { notificationsSubgraph } from './subgraph';

export { notificationsSubgraph };

if (require.main === module) runService(() => startSubgraph(notificationsSubgraph));
