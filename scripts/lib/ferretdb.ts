/**
 * The embedded database: FerretDB v1.24.2 on its SQLite backend, speaking the real MongoDB wire
 * protocol on loopback. Used by `npm start` and `npm test` when MONGODB_URI is unset.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
/** Names the cached binary: a binary built before the patch below is not reused. */
const BUILD_FLAVOR = 'sqlite-id-index';

/**
 * FerretDB 1.24's SQLite backend queries a primary key as `_ferretdb_sjson->'$._id'` but builds
 * the `_id_` index on `_ferretdb_sjson->"_id"`. SQLite matches an index to a query by its
 * expression, so every `{_id: …}` read, update, upsert and delete scanned the whole table (100
 * upserts by _id in a 20,000-document collection: 2.4 s; with the patch: 27 ms). The patch spells
 * the query's expression as the index does; both select the same JSON member.
 */
const SQLITE_ID_COLUMN_PATCH = {
  file: ['internal', 'backends', 'sqlite', 'metadata', 'metadata.go'],
  from: `IDColumn = DefaultColumn + "->'$._id'"`,
  to: 'IDColumn = DefaultColumn + `->"_id"`',
};

export interface EmbeddedMongo {
  uri: string;
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** Folder for the SQLite files and FerretDB's state; created when missing. */
  dataDir: string;
  port: number;
  /** Where FerretDB's own log goes. */
  logFile: string;
  log?: (line: string) => void;
}

/** Where to look; the defaults suit every machine, tests narrow them. */
export interface BinarySearch {
  /** Folder of the cached binary, shared by every clone on this machine so only the first start builds. */
  cacheDir: string;
  goCandidates: string[];
}

const DEFAULT_SEARCH: BinarySearch = {
  cacheDir: path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'soc-platform'),
  goCandidates: ['go', '/usr/local/go/bin/go'],
};

function findGo(candidates: string[]): string | null {
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export class EmbeddedMongoUnavailableError extends Error {}

/**
 * Returns a FerretDB binary, building it once with Go when none is cached.
 *
 * `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` produces a binary that panics at
 * start (its embedded build/version/version.txt is empty in the module zip), so the launcher
 * downloads the same module with `go mod download`, writes the version file, applies
 * SQLITE_ID_COLUMN_PATCH and builds that.
 */
export function ensureFerretDbBinary(log: (line: string) => void = () => {}, search: BinarySearch = DEFAULT_SEARCH): string {
  const configured = process.env.FERRETDB_BIN;
  if (configured) {
    if (!existsSync(configured)) throw new EmbeddedMongoUnavailableError(`FERRETDB_BIN=${configured} does not exist.`);
    return configured;
  }
  const binary = path.join(search.cacheDir, `ferretdb-${FERRETDB_VERSION}-${BUILD_FLAVOR}`);
  if (existsSync(binary)) return binary;

  const go = findGo(search.goCandidates);
  if (!go) {
    throw new EmbeddedMongoUnavailableError(
      [
        'No database available: MONGODB_URI is not set, no FerretDB binary is cached at',
        `  ${binary}`,
        `and no Go toolchain was found (looked for ${search.goCandidates.join(', ')}). Do one of:`,
        '  - set MONGODB_URI to a MongoDB 7+ server, e.g. MONGODB_URI=mongodb://127.0.0.1:27017',
        '  - install Go 1.24 or newer (e.g. `apt-get install golang-go`) and run the command again: the embedded FerretDB is built once',
        `  - set FERRETDB_BIN to the path of a FerretDB ${FERRETDB_VERSION} binary`,
      ].join('\n'),
    );
  }

  log(`building FerretDB ${FERRETDB_VERSION} with Go (first start on this machine; takes a few minutes)`);
  const download = spawnSync(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  });
  if (download.status !== 0) {
    throw new EmbeddedMongoUnavailableError(`go mod download ${FERRETDB_MODULE}@${FERRETDB_VERSION} failed:\n${download.stderr}${download.stdout}`);
  }
  const moduleDir = (JSON.parse(download.stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new EmbeddedMongoUnavailableError(`go mod download did not report a module folder:\n${download.stdout}`);

  const workDir = mkdtempSync(path.join(tmpdir(), 'ferretdb-build-'));
  try {
    const sourceDir = path.join(workDir, 'src');
    cpSync(moduleDir, sourceDir, { recursive: true, mode: 0 });
    spawnSync('chmod', ['-R', 'u+w', sourceDir]);
    writeFileSync(path.join(sourceDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    applyPatch(sourceDir, SQLITE_ID_COLUMN_PATCH);
    const output = path.join(workDir, 'ferretdb');
    const build = spawnSync(go, ['build', '-trimpath', '-o', output, './cmd/ferretdb'], {
      cwd: sourceDir,
      encoding: 'utf8',
      env: { ...process.env, CGO_ENABLED: '0' },
    });
    if (build.status !== 0) throw new EmbeddedMongoUnavailableError(`building FerretDB failed:\n${build.stderr}`);
    mkdirSync(path.dirname(binary), { recursive: true });
    // Rename is atomic, so a concurrent start never runs a half-written binary.
    renameSync(output, binary);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  log(`FerretDB built and cached at ${binary}`);
  return binary;
}

function applyPatch(sourceDir: string, patch: typeof SQLITE_ID_COLUMN_PATCH): void {
  const file = path.join(sourceDir, ...patch.file);
  const source = readFileSync(file, 'utf8');
  // Exactly one occurrence, or the module is not the one the patch was written for.
  if (source.split(patch.from).length !== 2) throw new EmbeddedMongoUnavailableError(`cannot patch ${patch.file.join('/')}: "${patch.from}" not found once`);
  writeFileSync(file, source.replace(patch.from, patch.to));
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * FerretDB listens only once its backend is open, so an accepted connection means ready; the
 * services then ping it through their own drivers (`/readyz`).
 */
async function waitForMongo(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null) throw new EmbeddedMongoUnavailableError(`FerretDB exited with code ${child.exitCode} during start`);
    if (Date.now() > deadline) throw new EmbeddedMongoUnavailableError(`FerretDB did not listen on port ${port} within ${timeoutMs} ms`);
    await delay(100);
  }
}

/** Starts FerretDB on loopback and resolves once it accepts connections. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const binary = ensureFerretDbBinary(options.log);
  mkdirSync(options.dataDir, { recursive: true });
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const logFd = openSync(options.logFile, 'a');
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${options.dataDir}/`,
      `--state-dir=${options.dataDir}`,
      `--listen-addr=127.0.0.1:${options.port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-format=json',
      '--log-level=ERROR',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  const uri = `mongodb://127.0.0.1:${options.port}/`;
  try {
    await waitForMongo(options.port, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    uri,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(5_000, undefined, { ref: false })]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
