/** Exposed as dashboard/Dashboard. */
import { CONTRACT_VERSION } from '@soc/ui-common/contract';
import { Dashboard } from '../Dashboard';

export const contractVersion = CONTRACT_VERSION;
export default Dashboard;
