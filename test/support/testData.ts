import path from 'node:path';

/** Public Sentinel data the tests use, copied into the repository (test/fixtures/README.md). */
export const SENTINEL_DATA = path.resolve(__dirname, '../fixtures/sentinel');

/** MITRE ATT&CK Enterprise tables: the copy the local analyst ships with. */
export const MITRE_DATA = path.resolve(__dirname, '../../subgraphs/analysis/data/mitre');
