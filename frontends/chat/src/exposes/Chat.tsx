/** Exposed as chat/Chat. */
import { CONTRACT_VERSION } from '@soc/ui-common/contract';
import { Chat } from '../Chat';

export const contractVersion = CONTRACT_VERSION;
export default Chat;
