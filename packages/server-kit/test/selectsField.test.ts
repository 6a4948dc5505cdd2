import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectsField } from '../src';

/** What a connection resolver learns about its own selection, however the client wrote it. */
const schema = buildSchema(`
  type Query { things: ThingConnection! }
  type ThingConnection { totalCount: Int! edges: [String!]! }
`);

async function asked(query: string): Promise<boolean> {
  let seen = false;
  const result = await execute({
    schema,
    document: parse(query),
    rootValue: {
      things: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        seen = selectsField(info, 'totalCount');
        return { totalCount: 0, edges: [] };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return seen;
}

test('totalCount is seen when selected directly, through an inline fragment or a named fragment, and not otherwise', async () => {
  expect(await asked('{ things { totalCount edges } }')).toBe(true);
  expect(await asked('{ things { ... on ThingConnection { totalCount } } }')).toBe(true);
  expect(await asked('query { things { ...Counted } } fragment Counted on ThingConnection { totalCount }')).toBe(true);
  expect(await asked('{ things { edges } }')).toBe(false);
  expect(await asked('{ things { edges ...Edges } } fragment Edges on ThingConnection { edges }')).toBe(false);
});
