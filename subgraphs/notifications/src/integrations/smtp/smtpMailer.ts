import nodemailer from 'nodemailer';
import { DeliveryError, shortReason } from '../deliveryError';
import type { OutgoingMail, SentMail } from '../mailMessage';

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** The URL without its password, for messages: smtp://user:secret@host becomes smtp://user@host. */
function hostOf(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return 'the SMTP server';
  }
}

function describeError(error: unknown, where: string): DeliveryError {
  const e = (error ?? {}) as SmtpError;
  if (typeof e.responseCode === 'number') {
    // SMTP replies: 4xx are transient (try again later), 5xx permanent (unknown mailbox, policy, bad credentials).
    const reason = shortReason(`${where} answered ${e.responseCode}: ${(e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim()}`);
    return new DeliveryError(reason, e.responseCode < 500);
  }
  return new DeliveryError(shortReason(`${where} unreachable: ${e.code ?? ''} ${e.message ?? String(error)}`.replace(/\s+/g, ' ').trim()), true);
}

/** Sends one mail over SMTP (nodemailer); the URL carries the credentials and is read from its env reference per send. */
export async function sendWithSmtp(mail: OutgoingMail, smtpUrl: string, timeoutMs: number): Promise<SentMail> {
  const where = hostOf(smtpUrl);
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    const info = await transport.sendMail({
      from: mail.from.name ? { address: mail.from.email, name: mail.from.name } : mail.from.email,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'X-SOC-Notification-Id': mail.notificationId },
    });
    if (info.rejected?.length) throw new DeliveryError(shortReason(`${where} rejected the recipient: ${info.response ?? ''}`), false);
    return { providerMessageId: info.messageId ?? null };
  } catch (error) {
    throw error instanceof DeliveryError ? error : describeError(error, where);
  } finally {
    transport.close();
  }
}
