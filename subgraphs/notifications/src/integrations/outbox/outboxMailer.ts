import { Types, type Model } from 'mongoose';
import type { OutboxMailDoc } from '../../models';
import type { OutgoingMail, SentMail } from '../mailMessage';

/**
 * The embedded default transport: the mail is stored in the notifications database (`mail_outbox`)
 * and read through the API. Keyed by the notification, so a resend overwrites instead of adding.
 */
export async function storeInOutbox(outbox: Model<OutboxMailDoc>, mail: OutgoingMail): Promise<SentMail> {
  const _id = new Types.ObjectId(mail.notificationId);
  await outbox.updateOne(
    { _id },
    {
      $set: {
        tenantId: mail.tenantId,
        incidentId: mail.incidentId,
        from: mail.from.name ? `${mail.from.name} <${mail.from.email}>` : mail.from.email,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        storedAt: new Date(),
      },
    },
    { upsert: true },
  );
  return { providerMessageId: `outbox-${mail.notificationId}` };
}
