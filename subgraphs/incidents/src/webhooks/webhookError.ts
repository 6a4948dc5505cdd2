import { ErrorCode, graphqlErrorBody } from '@soc/server-kit';

/** A refusal of a webhook call with the status and message the caller gets (a GraphQL-style error body). */
export class WebhookError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 413 | 415,
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(requestId: string) {
    return graphqlErrorBody(this.code, this.message, { ...this.extensions, requestId });
  }
}

export const unauthenticatedWebhook = (message: string) => new WebhookError(401, ErrorCode.UNAUTHENTICATED, message);
export const forbiddenWebhook = (message: string) => new WebhookError(403, ErrorCode.FORBIDDEN, message);
