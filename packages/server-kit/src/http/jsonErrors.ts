import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, graphqlErrorBody } from '../errors';

/**
 * Express error handler for failures before GraphQL runs (malformed JSON, oversized bodies):
 * a GraphQL-shaped error body with a 4xx status, never an HTML stack page.
 */
export function jsonErrorHandler(error: { type?: string; status?: number; message?: string }, req: Request, res: Response, _next: NextFunction): void {
  if (error.type === 'entity.too.large') {
    res.status(413).json(graphqlErrorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large', { requestId: req.requestId }));
    return;
  }
  if (error.type === 'entity.parse.failed') {
    res.status(400).json(graphqlErrorBody(ErrorCode.BAD_REQUEST, 'Request body is not valid JSON', { requestId: req.requestId }));
    return;
  }
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message = status === 500 ? 'Internal server error' : (error.message ?? 'Bad request');
  res.status(status).json(graphqlErrorBody(status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST, message, { requestId: req.requestId }));
}
