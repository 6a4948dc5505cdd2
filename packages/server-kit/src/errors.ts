import { GraphQLError } from 'graphql';

/** Public error codes, carried in `extensions.code` of every GraphQL error the platform returns. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  TENANT_REQUIRED = 'TENANT_REQUIRED',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  BAD_REQUEST = 'BAD_REQUEST',
  CONFLICT = 'CONFLICT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Codes whose message is written for the caller and may be shown as is; anything else is masked. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  // Apollo Server's own request-validation codes.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export function platformError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = (message = 'Authentication required') => platformError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message: string) => platformError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: string, field?: string) =>
  platformError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string) => platformError(ErrorCode.NOT_FOUND, `${what} not found`);

/** The JSON body of a GraphQL error response sent before GraphQL execution starts (401, 413, ...). */
export function graphqlErrorBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}
