import { runService, startSubgraph } from '@soc/server-kit';
import { notificationsSubgraph } from './subgraph';

export { notificationsSubgraph };
// For receivers of the platform's outbound webhooks.
export { signWebhookBody, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './integrations/webhooks/webhookSignature';

if (require.main === module) runService(() => startSubgraph(notificationsSubgraph));
