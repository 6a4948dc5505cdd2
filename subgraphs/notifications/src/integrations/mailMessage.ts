/** One rendered mail to one recipient, as every transport receives it. */
export interface OutgoingMail {
  notificationId: string;
  tenantId: string;
  incidentId: string;
  from: { email: string; name: string | null };
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SentMail {
  /** The provider's id of the accepted message (SendGrid X-Message-Id, SMTP Message-ID); events are matched by it. */
  providerMessageId: string | null;
}
