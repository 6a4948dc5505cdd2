/**
 * The four frontends as they are deployed: each app is built once (production build) into its own
 * folder and served by its own small static server on its own origin. The shell finds the
 * remotes through `remotes.json` and the API through `config.json`, both written next to its
 * index.html at deploy time from the environment, so any remote can be rebuilt and redeployed
 * alone and the running shell picks it up on the next page load.
 *
 * Used by `npm start`, the end-to-end tests and `npm run bench:frontend` (launchProduct below).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(__dirname, '../..');
const FRONTENDS_DIR = path.join(ROOT, 'frontends');
const RSBUILD_BIN = path.join(ROOT, 'node_modules', '@rsbuild', 'core', 'bin', 'rsbuild.js');

export const FRONTEND_APPS = ['shell', 'dashboard', 'chat', 'reports'] as const;
export type FrontendApp = (typeof FRONTEND_APPS)[number];
export const REMOTE_APPS = ['dashboard', 'chat', 'reports'] as const satisfies readonly FrontendApp[];
export type RemoteApp = (typeof REMOTE_APPS)[number];

const DEFAULT_PORTS: Record<FrontendApp, number> = { shell: 3000, dashboard: 3001, chat: 3002, reports: 3003 };

export interface FrontendSettings {
  /** Where each app's build is deployed (and served from). */
  distDirs: Record<FrontendApp, string>;
  ports: Record<FrontendApp, number>;
  /** The origin users reach each app at, e.g. http://localhost:3000. */
  publicUrls: Record<FrontendApp, string>;
  /** Manifest URLs written to the shell's remotes.json. */
  remoteUrls: Record<RemoteApp, string>;
  /** The gateway as browsers reach it. */
  gatewayPublicUrl: string;
  bindHost: string;
}

const upper = (app: FrontendApp) => app.toUpperCase();

/**
 * Settings from the environment:
 *   SHELL_PORT, DASHBOARD_PORT, CHAT_PORT, REPORTS_PORT           (3000-3003)
 *   <APP>_PUBLIC_URL                                               (http://localhost:<port>)
 *   DASHBOARD_REMOTE_URL, CHAT_REMOTE_URL, REPORTS_REMOTE_URL      (<APP>_PUBLIC_URL/mf-manifest.json)
 *   GATEWAY_PUBLIC_URL                                             (http://localhost:<GATEWAY_PORT>)
 *   FRONTENDS_DIST_DIR: deploy folder with one sub-folder per app  (frontends/<app>/dist)
 */
export function frontendSettings(env: NodeJS.ProcessEnv = process.env): FrontendSettings {
  const ports = Object.fromEntries(FRONTEND_APPS.map((app) => [app, Number(env[`${upper(app)}_PORT`] ?? DEFAULT_PORTS[app])])) as Record<FrontendApp, number>;
  const publicUrls = Object.fromEntries(
    FRONTEND_APPS.map((app) => [app, (env[`${upper(app)}_PUBLIC_URL`] ?? `http://localhost:${ports[app]}`).replace(/\/$/, '')]),
  ) as Record<FrontendApp, string>;
  const remoteUrls = Object.fromEntries(REMOTE_APPS.map((app) => [app, env[`${upper(app)}_REMOTE_URL`] ?? `${publicUrls[app]}/mf-manifest.json`])) as Record<RemoteApp, string>;
  const distRoot = env.FRONTENDS_DIST_DIR ? path.resolve(env.FRONTENDS_DIST_DIR) : null;
  const distDirs = Object.fromEntries(FRONTEND_APPS.map((app) => [app, distRoot ? path.join(distRoot, app) : path.join(FRONTENDS_DIR, app, 'dist')])) as Record<FrontendApp, string>;
  return {
    distDirs,
    ports,
    publicUrls,
    remoteUrls,
    gatewayPublicUrl: (env.GATEWAY_PUBLIC_URL ?? `http://localhost:${env.GATEWAY_PORT ?? 4000}`).replace(/\/$/, ''),
    bindHost: env.BIND_HOST ?? '127.0.0.1',
  };
}

/** Browser origins of the apps (both loopback spellings for local URLs): the gateway's CORS_ORIGINS. */
export function frontendOrigins(settings: FrontendSettings): string[] {
  const origins = new Set<string>();
  for (const url of Object.values(settings.publicUrls)) {
    const origin = new URL(url).origin;
    origins.add(origin);
    if (origin.includes('//localhost:')) origins.add(origin.replace('//localhost:', '//127.0.0.1:'));
    if (origin.includes('//127.0.0.1:')) origins.add(origin.replace('//127.0.0.1:', '//localhost:'));
  }
  return [...origins];
}

// ---------------------------------------------------------------------------------------------
// Build

function listFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('dist') || entry.name === 'test' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else out.push(full);
  }
  return out;
}

/** Everything a build depends on: the app's sources, the shared sources, the lock file, its label. */
export function buildFingerprint(app: FrontendApp, label: string): string {
  const hash = createHash('sha256');
  const files = [...listFiles(path.join(FRONTENDS_DIR, app)), ...listFiles(path.join(FRONTENDS_DIR, 'common')), path.join(FRONTENDS_DIR, 'env.d.ts'), path.join(ROOT, 'package-lock.json')];
  for (const file of files.sort()) {
    if (!existsSync(file)) continue;
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  hash.update(`label=${label}`);
  return hash.digest('hex');
}

const STAMP = '.build-fingerprint';

export interface BuildOptions {
  settings: FrontendSettings;
  /** Free-text label baked into the build (shown in the app's footer), per app. */
  labels?: Partial<Record<FrontendApp, string>>;
  /** Rebuild even when sources did not change. */
  force?: boolean;
  log?: (line: string) => void;
  /** Stops the build in progress (its bundler process) and skips the rest. */
  signal?: AbortSignal;
}

function runBuild(app: FrontendApp, outDir: string, label: string, signal?: AbortSignal): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RSBUILD_BIN, 'build'], {
      signal,
      cwd: path.join(FRONTENDS_DIR, app),
      env: { ...process.env, NODE_ENV: 'production', FRONTEND_DIST_DIR: outDir, SOC_BUILD_LABEL: label, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => (signal?.aborted ? resolve({ code: 1, output: `${output}\n(build stopped)` }) : reject(error)));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Production builds of the given apps, one after the other (the bundler uses every core itself).
 * Each build goes to a fresh folder that then replaces the deployed one, so a running server
 * never serves a half-written build. Unchanged apps are skipped.
 */
export async function buildFrontends(apps: readonly FrontendApp[], options: BuildOptions): Promise<void> {
  const log = options.log ?? (() => {});
  for (const app of apps) {
    if (options.signal?.aborted) throw new Error('frontend builds stopped');
    const label = options.labels?.[app] ?? process.env.SOC_BUILD_LABEL ?? '';
    const dist = options.settings.distDirs[app];
    const fingerprint = buildFingerprint(app, label);
    const stampFile = path.join(dist, STAMP);
    if (!options.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) {
      log(`  ${app}: up to date`);
      continue;
    }
    const started = Date.now();
    const staging = `${dist}.next`;
    rmSync(staging, { recursive: true, force: true });
    const { code, output } = await runBuild(app, staging, label, options.signal);
    if (options.signal?.aborted) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error('frontend builds stopped');
    }
    if (code !== 0) throw new Error(`Building the ${app} frontend failed:\n${output.slice(-4000)}`);
    writeFileSync(path.join(staging, STAMP), fingerprint);
    deploy(staging, dist);
    log(`  ${app}: built in ${((Date.now() - started) / 1000).toFixed(1)}s${label ? ` (label ${label})` : ''}`);
  }
}

/** Swaps a finished build in place of the deployed one (keeping deploy-time files such as config.json). */
function deploy(staging: string, dist: string): void {
  mkdirSync(path.dirname(dist), { recursive: true });
  for (const file of ['config.json', 'remotes.json']) {
    const deployed = path.join(dist, file);
    if (existsSync(deployed)) writeFileSync(path.join(staging, file), readFileSync(deployed));
  }
  const old = `${dist}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(staging, dist);
  rmSync(old, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Deploy-time configuration

export interface DemoUser {
  email: string;
  displayName: string;
  tenants: string[];
}

/** Writes config.json (API location, sign-in options) into every app and remotes.json into the shell. */
export function writeDeployConfig(settings: FrontendSettings, options: { devSignIn: boolean; demoUsers: DemoUser[] }): void {
  const config = { gatewayUrl: settings.gatewayPublicUrl, devSignIn: options.devSignIn, demoUsers: options.devSignIn ? options.demoUsers : [] };
  for (const app of FRONTEND_APPS) {
    const dir = settings.distDirs[app];
    if (!existsSync(dir)) continue;
    writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
  writeFileSync(path.join(settings.distDirs.shell, 'remotes.json'), `${JSON.stringify(settings.remoteUrls, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Static serving

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map', '.txt']);

interface StaticServerOptions {
  app: FrontendApp;
  root: string;
  port: number;
  host: string;
  /** Origins allowed to fetch this app's files cross-origin (the shell loading a remote). */
  corsOrigins: string[];
  /** Unknown paths without a file extension get index.html (client-side routes). */
  spaFallback: boolean;
  /** Content-Security-Policy of HTML pages. */
  csp?: string;
}

export interface RunningStaticServer {
  app: FrontendApp;
  url: string;
  port: number;
  stop(): Promise<void>;
}

const gzipCache = new Map<string, Buffer>();

function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return null;
  return file;
}

function handle(options: StaticServerOptions, req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin, Accept-Encoding');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  if (origin && options.corsOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-methods', 'GET, HEAD, OPTIONS');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD, OPTIONS' }).end();
    return;
  }
  const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (urlPath === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  let file = resolveFile(options.root, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
  if (!file) {
    res.writeHead(400).end();
    return;
  }
  let stat = existsSync(file) ? statSync(file) : null;
  if ((!stat || !stat.isFile()) && options.spaFallback && !path.extname(urlPath)) {
    file = path.join(options.root, 'index.html');
    stat = existsSync(file) ? statSync(file) : null;
  }
  if (!stat || !stat.isFile() || path.basename(file).startsWith('.')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end('Not found');
    return;
  }
  const ext = path.extname(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  // Hashed assets never change; everything else (index.html, manifests, remoteEntry.js,
  // config.json, remotes.json) must be revalidated so a redeploy shows on the next load.
  const immutable = urlPath.startsWith('/static/');
  res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('etag', etag);
  res.setHeader('last-modified', stat.mtime.toUTCString());
  res.setHeader('content-type', TYPES[ext] ?? 'application/octet-stream');
  if (ext === '.html' && options.csp) res.setHeader('content-security-policy', options.csp);
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304).end();
    return;
  }
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && stat.size > 512;
  if (gzip) {
    const key = `${file}:${etag}`;
    let body = gzipCache.get(key);
    if (!body) {
      body = gzipSync(readFileSync(file), { level: 9 });
      gzipCache.set(key, body);
    }
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { 'content-length': stat.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

export function serveStatic(options: StaticServerOptions): Promise<RunningStaticServer> {
  const server: Server = createServer((req, res) => {
    try {
      handle(options, req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as { port: number };
      resolve({
        app: options.app,
        port,
        url: `http://${options.host}:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The shell's Content-Security-Policy: scripts, styles and manifests only from itself and its remotes. */
export function shellCsp(settings: FrontendSettings): string {
  const remoteOrigins = [...new Set(Object.values(settings.remoteUrls).map((u) => new URL(u).origin))];
  const gateway = new URL(settings.gatewayPublicUrl);
  const ws = `${gateway.protocol === 'https:' ? 'wss:' : 'ws:'}//${gateway.host}`;
  const sources = ["'self'", ...remoteOrigins].join(' ');
  return [
    "default-src 'self'",
    `script-src ${sources}`,
    `style-src ${sources} 'unsafe-inline'`,
    `connect-src ${sources} ${gateway.origin} ${ws}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export interface RunningFrontends {
  settings: FrontendSettings;
  servers: Map<FrontendApp, RunningStaticServer>;
  /** The URL users open. */
  shellUrl: string;
  /** Stops one app's server (a remote going down). */
  stopApp(app: FrontendApp): Promise<void>;
  /** Starts one app's server again on its port. */
  startApp(app: FrontendApp): Promise<void>;
  stop(): Promise<void>;
}

export async function startFrontends(settings: FrontendSettings): Promise<RunningFrontends> {
  const corsOrigins = frontendOrigins(settings);
  const servers = new Map<FrontendApp, RunningStaticServer>();
  const startApp = async (app: FrontendApp) => {
    if (!existsSync(path.join(settings.distDirs[app], 'index.html'))) throw new Error(`The ${app} frontend is not built (${settings.distDirs[app]})`);
    servers.set(
      app,
      await serveStatic({
        app,
        root: settings.distDirs[app],
        port: settings.ports[app],
        host: settings.bindHost,
        corsOrigins,
        spaFallback: true,
        csp: app === 'shell' ? shellCsp(settings) : undefined,
      }),
    );
  };
  try {
    for (const app of FRONTEND_APPS) await startApp(app);
  } catch (error) {
    await Promise.all([...servers.values()].map((s) => s.stop()));
    throw error;
  }
  return {
    settings,
    servers,
    shellUrl: `${settings.publicUrls.shell}/`,
    async stopApp(app) {
      await servers.get(app)?.stop();
      servers.delete(app);
    },
    startApp,
    async stop() {
      await Promise.all([...servers.values()].map((s) => s.stop()));
      servers.clear();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The whole product on free ports (end-to-end tests, benchmarks)

export interface LaunchedProduct {
  gatewayUrl: string;
  settings: FrontendSettings;
  frontends: RunningFrontends;
  dataDir: string;
  /** Everything the launcher printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** A database server to use (with a fresh prefix); without it the launcher starts an embedded one. */
  mongoUri?: string;
  demoIncidentsPerTenant?: number;
  demoTrickleSeconds?: number;
  demoUsers: DemoUser[];
  /** Extra environment of the launcher and its services (e.g. TENANTS_FILE, provider keys). */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the API exactly as `npm start` does (scripts/start.ts, FRONTENDS=off) on free ports and a
 * throw-away data folder, and builds and serves the four frontends with this module, keeping the
 * handles so a caller can stop one remote's server or redeploy one remote.
 */
export async function launchProduct(options: LaunchOptions): Promise<LaunchedProduct> {
  const log = options.log ?? (() => {});
  mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  const dataDir = mkdtempSync(path.join(ROOT, '.data', 'product-'));
  const ports = await Promise.all(Array.from({ length: 10 }, () => freePort()));
  const [gateway, incidents, analysis, tenants, notifications, shell, dashboard, chat, reports, ferret] = ports as [number, ...number[]];
  const subgraphPorts = { incidents: incidents!, analysis: analysis!, tenants: tenants!, notifications: notifications! };
  const settings = frontendSettings({
    SHELL_PORT: String(shell),
    DASHBOARD_PORT: String(dashboard),
    CHAT_PORT: String(chat),
    REPORTS_PORT: String(reports),
    GATEWAY_PORT: String(gateway),
    FRONTENDS_DIST_DIR: path.join(dataDir, 'frontends'),
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    FERRETDB_PORT: String(ferret),
    GATEWAY_PORT: String(gateway),
    ...Object.fromEntries(
      Object.entries(subgraphPorts).flatMap(([name, port]) => [
        [`${name.toUpperCase()}_PORT`, String(port)],
        [`SUBGRAPH_URL_${name.toUpperCase()}`, `http://127.0.0.1:${port}/graphql`],
        [`${name.toUpperCase()}_SERVICE_URL`, `http://127.0.0.1:${port}`],
      ]),
    ),
    CORS_ORIGINS: frontendOrigins(settings).join(','),
    DEMO_INCIDENTS_PER_TENANT: String(options.demoIncidentsPerTenant ?? 30),
    DEMO_TRICKLE_SECONDS: String(options.demoTrickleSeconds ?? 20),
    FRONTENDS: 'off',
    ...options.env,
  };
  delete env.MONGODB_URI;
  if (options.mongoUri) {
    env.MONGODB_URI = options.mongoUri;
    env.MONGODB_DB_PREFIX = `p${createHash('sha256').update(dataDir).digest('hex').slice(0, 10)}`;
  }

  let output = '';
  const launcher = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));

  let frontends: RunningFrontends | undefined;
  const builds = new AbortController();
  const stop = async (keepLogs = false) => {
    builds.abort();
    await frontends?.stop();
    if (launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
      if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
    }
    if (!keepLogs) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + 300_000;
    while (!output.includes('SOC platform is running')) {
      if (launcher.exitCode !== null) throw new Error(`the launcher exited (${launcher.exitCode}):\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`the API did not start within 300 s:\n${output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    log(`API ready on port ${gateway}`);
    // Built after the API is up: a build would compete with the services' start for the CPU.
    await buildFrontends(FRONTEND_APPS, { settings, log, signal: builds.signal });
    writeDeployConfig(settings, { devSignIn: true, demoUsers: options.demoUsers });
    frontends = await startFrontends(settings);
  } catch (error) {
    await stop(true);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n(logs kept in ${path.join(dataDir, 'logs')})`);
  }
  return { gatewayUrl: `http://localhost:${gateway}`, settings, frontends, dataDir, output: () => output, stop };
}
