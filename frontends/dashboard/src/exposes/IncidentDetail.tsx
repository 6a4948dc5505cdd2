/** Exposed as dashboard/IncidentDetail. */
import { CONTRACT_VERSION } from '@soc/ui-common/contract';
import { IncidentDetail } from '../IncidentDetail';

export const contractVersion = CONTRACT_VERSION;
export default IncidentDetail;
