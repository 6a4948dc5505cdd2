import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { PUBLIC_ERROR_CODES } from '../errors';
import { maskError } from '../plugin/errorMasking';

/**
 * The graphql-ws counterpart of `formatError: maskError` plus `useErrorMasking`: errors written
 * for callers pass, anything else becomes a generic internal error whose original is logged, and
 * every error of an operation carries its request id so a caller can quote it.
 */
export function maskSocketErrors(
  errors: ReadonlyArray<GraphQLError | GraphQLFormattedError>,
  { requestId, logger }: { requestId?: string; logger: Logger },
): GraphQLFormattedError[] {
  return errors.map((error) => {
    const formatted = error instanceof GraphQLError ? error.toJSON() : error;
    const code = formatted.extensions?.code;
    // An error that already carries a request id was masked and logged where it happened.
    if (!(typeof code === 'string' && PUBLIC_ERROR_CODES.has(code)) && !formatted.extensions?.requestId) {
      logger.error({ err: error instanceof GraphQLError ? (error.originalError ?? error) : formatted, path: formatted.path }, 'internal error');
    }
    const masked = maskError(formatted);
    return requestId ? { ...masked, extensions: { ...masked.extensions, requestId } } : masked;
  });
}
