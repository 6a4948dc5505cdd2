import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** A request the fake received on POST /v3/mail/send. */
export interface SendGridRequest {
  headers: IncomingHttpHeaders;
  body: {
    personalizations?: Array<{ to?: Array<{ email?: string; name?: string }> }>;
    from?: { email?: string; name?: string };
    subject?: string;
    content?: Array<{ type?: string; value?: string }>;
    custom_args?: Record<string, string>;
    categories?: string[];
  };
  /** What the fake answered. */
  status: number;
  messageId: string | null;
}

/** How the fake answers one request; `202` sends a message id like SendGrid does. */
export type SendGridReply = 202 | 400 | 401 | 429 | 500;

/**
 * A local stand-in for SendGrid's v3 Mail Send API that speaks its wire format: 202 with an
 * empty body and X-Message-Id, 400 with the `{errors: [{message, field, help}]}` body after
 * checking the fields SendGrid requires, 401 for a key it does not know, 429 with the
 * X-RateLimit-* headers, 500. Replies can be scripted per recipient (the last one repeats).
 */
export class FakeSendGrid {
  readonly requests: SendGridRequest[] = [];
  private readonly scripts = new Map<string, SendGridReply[]>();
  private server: Server | null = null;
  url = '';

  constructor(private readonly apiKeys: string[]) {}

  /** The replies to mail for `recipient`, in order; the last one repeats. */
  script(recipient: string, replies: SendGridReply[]): void {
    this.scripts.set(recipient.toLowerCase(), [...replies]);
  }

  /** Requests for one recipient. */
  to(recipient: string): SendGridRequest[] {
    return this.requests.filter((r) => r.body.personalizations?.[0]?.to?.[0]?.email?.toLowerCase() === recipient.toLowerCase());
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { ...(body === null ? {} : { 'content-type': 'application/json' }), ...headers });
          res.end(body === null ? undefined : JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/v3/mail/send') return send(404, { errors: [{ field: null, message: 'not found' }] });
        let body: SendGridRequest['body'];
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendGridRequest['body'];
        } catch {
          return send(400, { errors: [{ field: null, message: 'Bad Request', help: null }] });
        }
        const record = (status: number, messageId: string | null = null) => this.requests.push({ headers: req.headers, body, status, messageId });
        const auth = req.headers.authorization ?? '';
        if (!this.apiKeys.some((key) => auth === `Bearer ${key}`)) {
          record(401);
          return send(401, { errors: [{ field: null, message: 'The provided authorization grant is invalid, expired, or revoked', help: null }] });
        }
        const problems = validate(body);
        const recipient = body.personalizations?.[0]?.to?.[0]?.email?.toLowerCase() ?? '';
        const script = this.scripts.get(recipient);
        const reply = problems.length ? 400 : script && script.length > 1 ? script.shift()! : (script?.[0] ?? 202);
        if (reply === 400) {
          record(400);
          const errors = problems.length ? problems : [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to' }];
          return send(400, { errors });
        }
        if (reply === 401) {
          record(401);
          return send(401, { errors: [{ field: null, message: 'The provided authorization grant is invalid, expired, or revoked', help: null }] });
        }
        if (reply === 429) {
          record(429);
          // Unix seconds, as SendGrid sends it; at least a second ahead, so a retry that ignored it shows.
          const reset = String(Math.ceil(Date.now() / 1000) + 1);
          return send(429, { errors: [{ field: null, message: 'too many requests' }] }, { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
        }
        if (reply === 500) {
          record(500);
          return send(500, { errors: [{ field: null, message: 'Internal server error' }] });
        }
        const messageId = randomBytes(16).toString('base64url');
        record(202, messageId);
        return send(202, null, { 'x-message-id': messageId });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The checks SendGrid makes that matter here, with its messages and field names. */
function validate(body: SendGridRequest['body']) {
  const errors: Array<{ message: string; field: string; help: string | null }> = [];
  if (!body.personalizations?.length) errors.push({ message: 'The personalizations field is required and must have at least one personalization.', field: 'personalizations', help: null });
  if (!body.personalizations?.[0]?.to?.[0]?.email) errors.push({ message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', field: 'personalizations.0.to', help: null });
  if (!body.from?.email) errors.push({ message: 'The from object must be provided for every email send.', field: 'from', help: null });
  if (!body.subject) errors.push({ message: 'The subject is required.', field: 'subject', help: null });
  if (!body.content?.length) errors.push({ message: 'Unless a valid template_id is provided, the content parameter is required.', field: 'content', help: null });
  if (body.content?.[0]?.type !== 'text/plain' && body.content?.some((c) => c.type === 'text/plain')) {
    errors.push({ message: 'If present, text/plain content must be first, followed by text/html.', field: 'content', help: null });
  }
  return errors;
}
