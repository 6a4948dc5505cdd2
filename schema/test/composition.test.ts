import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { buildASTSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType } from 'graphql';
import { composeSupergraph, SUPERGRAPH_PATH } from '../compose';

const composed = composeSupergraph();

/** The schema clients see: the supergraph without federation's join machinery. */
const apiSchema = () => buildASTSchema(Supergraph.build(composed.supergraphSdl!).apiSchema().toAST());

test('the four subgraph schemas compose without errors', () => {
  expect(composed.errors).toEqual([]);
  expect(composed.supergraphSdl).toBeDefined();
});

test('the checked-in supergraph is what the subgraph schemas compose to (run `npm run compose` after changing them)', () => {
  expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed.supergraphSdl);
});

test('composition raises no hints (descriptions and shared types agree across subgraphs)', () => {
  expect(composed.hints).toEqual([]);
});

test('every public type, field, argument and enum value has a description', () => {
  const schema = apiSchema();
  const missing: string[] = [];
  const own = (type: GraphQLNamedType) => !type.name.startsWith('__');
  for (const type of Object.values(schema.getTypeMap()).filter(own)) {
    if (['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description && !['first', 'after', 'filter', 'orderBy', 'id', 'input'].includes(arg.name)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  expect(missing).toEqual([]);
});

test('the public names of the design contract are present', () => {
  const schema = apiSchema();
  const query = schema.getQueryType()!.getFields();
  expect(Object.keys(query)).toEqual(expect.arrayContaining(['me', 'tenants', 'incidents', 'incident']));
  const incident = schema.getType('Incident');
  if (!isObjectType(incident)) throw new Error('Incident is not an object type');
  expect(Object.keys(incident.getFields())).toEqual(
    expect.arrayContaining(['id', 'number', 'title', 'description', 'severity', 'status', 'classification', 'tactics', 'techniques', 'createdAt', 'updatedAt', 'tenant', 'analyses', 'latestAnalysis', 'notifications']),
  );
  const connection = schema.getType('IncidentConnection');
  if (!isObjectType(connection)) throw new Error('IncidentConnection is not an object type');
  expect(Object.keys(connection.getFields()).sort()).toEqual(['edges', 'pageInfo', 'totalCount']);
});
