import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../../context';
import { ErrorCode, PUBLIC_ERROR_CODES } from '../../errors';

function isPublic(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_ERROR_CODES.has(code);
}

/**
 * `formatError` for Apollo Server: errors written for callers pass (without stack traces);
 * anything else (driver messages, bugs) becomes a generic internal error.
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (isPublic(extensions.code)) return { ...formatted, extensions };
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * Logs the original of every masked error with the request id, and stamps that request id on
 * every error in the response so a caller can quote it and an operator can find the log line.
 */
export function useErrorMasking(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            // An error that already carries a request id was masked and logged by a subgraph.
            if (!isPublic(error.extensions?.code) && !error.extensions?.requestId) {
              contextValue.logger.error({ err: error.originalError ?? error, path: error.path }, 'internal error');
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, requestId: contextValue.requestId };
          }
        },
      };
    },
  };
}
