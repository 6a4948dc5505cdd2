/** Exposed as reports/Report. */
import { CONTRACT_VERSION } from '@soc/ui-common/contract';
import { Report } from '../Report';

export const contractVersion = CONTRACT_VERSION;
export default Report;
