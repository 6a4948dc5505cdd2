import { runService } from '@soc/server-kit';
import { startGateway } from './startGateway';

export { startGateway };
export type { RunningGateway, StartGatewayOptions } from './startGateway';

if (require.main === module) runService(() => startGateway());
