import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The repository's schema/ folder: each subgraph's SDL lives there once, composed and served. */
export const SCHEMA_DIR = path.resolve(__dirname, '../../../../schema');

export function loadSubgraphSchema(name: string): DocumentNode {
  return parse(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
}
