/**
 * Composes schema/<subgraph>.graphql into schema/supergraph.graphql with @apollo/composition.
 * `npm run compose` writes it; the schema test fails when the checked-in file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const SUBGRAPHS = [
  { name: 'incidents', port: 4001 },
  { name: 'analysis', port: 4002 },
  { name: 'tenants', port: 4003 },
  { name: 'notifications', port: 4004 },
] as const;

export const SUPERGRAPH_PATH = path.join(__dirname, 'supergraph.graphql');

export function composeSupergraph(): { supergraphSdl?: string; errors: string[]; hints: string[] } {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(readFileSync(path.join(__dirname, `${name}.graphql`), 'utf8')),
    })),
  );
  return {
    supergraphSdl: result.errors ? undefined : result.supergraphSdl,
    errors: (result.errors ?? []).map((e) => e.message),
    hints: (result.hints ?? []).map((h) => h.toString()),
  };
}

if (require.main === module) {
  const { supergraphSdl, errors } = composeSupergraph();
  if (!supergraphSdl) {
    console.error(`Composition failed:\n${errors.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_PATH)}`);
}
