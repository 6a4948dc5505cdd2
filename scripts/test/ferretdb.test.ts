import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedMongoUnavailableError, ensureFerretDbBinary } from '../lib/ferretdb';

test('with no database URI, no cached FerretDB and no Go, the launcher says exactly what to do', () => {
  const saved = process.env.FERRETDB_BIN;
  delete process.env.FERRETDB_BIN;
  try {
    const search = { cacheDir: mkdtempSync(path.join(tmpdir(), 'no-ferret-')), goCandidates: ['/nonexistent/bin/go'] };
    expect(() => ensureFerretDbBinary(() => {}, search)).toThrow(EmbeddedMongoUnavailableError);
    expect(() => ensureFerretDbBinary(() => {}, search)).toThrow(/set MONGODB_URI.*install Go 1\.24 or newer.*set FERRETDB_BIN/s);
  } finally {
    if (saved !== undefined) process.env.FERRETDB_BIN = saved;
  }
});

test('a FERRETDB_BIN that does not exist is named', () => {
  process.env.FERRETDB_BIN = '/nonexistent/ferretdb';
  try {
    expect(() => ensureFerretDbBinary()).toThrow('FERRETDB_BIN=/nonexistent/ferretdb does not exist.');
  } finally {
    delete process.env.FERRETDB_BIN;
  }
});
