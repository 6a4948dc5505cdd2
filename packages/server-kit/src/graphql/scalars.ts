import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 date-time string', { extensions: { code: 'BAD_USER_INPUT' } });
  return date;
}

/** ISO-8601 UTC date-times, shared by every subgraph. */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: toDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return toDate(ast.value);
  },
});

/** Arbitrary JSON, for vendor payloads whose shape the platform passes through. */
export const JSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: () => {
    throw new GraphQLError('JSON literals are not accepted: pass the value as a variable', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
