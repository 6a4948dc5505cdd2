/**
 * `npm start`: the whole product on embedded defaults. Starts the database (FerretDB unless
 * MONGODB_URI is set), the four subgraphs and the gateway as separate processes, supervises
 * them, and prints where to go and how to sign in.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateInternalKeyPair, loadTenantsFile } from '@soc/server-kit';
import { startEmbeddedMongo, type EmbeddedMongo } from './lib/ferretdb';
import { buildFrontends, FRONTEND_APPS, frontendOrigins, frontendSettings, startFrontends, writeDeployConfig, type RunningFrontends } from './lib/frontends';
import { ServiceProcesses, serviceSpecs } from './lib/serviceProcesses';

const ROOT = path.resolve(__dirname, '..');
const env = process.env;
const DATA_DIR = path.resolve(ROOT, env.DATA_DIR ?? '.data');
const LOG_DIR = path.join(DATA_DIR, 'logs');
const base64 = (pem: string) => Buffer.from(pem).toString('base64');

/** The development issuer's key survives restarts, so signed-in browsers stay signed in. */
function devIssuerKey(): string {
  const file = path.join(DATA_DIR, 'keys', 'dev-issuer.pem');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, generateInternalKeyPair().privateKeyPem, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8');
}

async function main(): Promise<void> {
  const tenantsFile = path.resolve(ROOT, env.TENANTS_FILE ?? 'config/tenants.json');
  const tenants = loadTenantsFile(tenantsFile);

  let embedded: EmbeddedMongo | undefined;
  let mongoUri = env.MONGODB_URI;
  if (!mongoUri) {
    embedded = await startEmbeddedMongo({
      dataDir: path.join(DATA_DIR, 'db'),
      port: Number(env.FERRETDB_PORT ?? 27018),
      logFile: path.join(LOG_DIR, 'ferretdb.log'),
      log: (line) => console.log(line),
    });
    mongoUri = embedded.uri;
  }

  // The four frontends (FRONTENDS=off: API only), built once the services are up (a build would
  // compete with their start for the CPU) and skipped when their sources did not change.
  const frontends = env.FRONTENDS === 'off' ? null : frontendSettings(env);
  let runningFrontends: RunningFrontends | undefined;

  // A fresh internal key pair every start: internal tokens live 60 s and never outlive a run.
  const keys = generateInternalKeyPair();
  // A separate pair for service-to-service calls, so no subgraph can sign user identities.
  const serviceKeys = generateInternalKeyPair();
  const specs = serviceSpecs(env);
  // Each subgraph reaches the others' service APIs (event feeds, incident reads) on these ports.
  const serviceUrls = Object.fromEntries(specs.filter((spec) => spec.name !== 'gateway').map((spec) => [`${spec.name.toUpperCase()}_SERVICE_URL`, `http://127.0.0.1:${spec.port}`]));
  const services = new ServiceProcesses(
    specs,
    {
      ...serviceUrls,
      ...env,
      NODE_ENV: env.NODE_ENV ?? 'development',
      CORS_ORIGINS: env.CORS_ORIGINS ?? frontendOrigins(frontends ?? frontendSettings(env)).join(','),
      MONGODB_URI: mongoUri,
      TENANTS_FILE: tenantsFile,
      INTERNAL_TOKEN_PRIVATE_KEY: base64(keys.privateKeyPem),
      INTERNAL_TOKEN_PUBLIC_KEY: base64(keys.publicKeyPem),
      SERVICE_TOKEN_PRIVATE_KEY: base64(serviceKeys.privateKeyPem),
      SERVICE_TOKEN_PUBLIC_KEY: base64(serviceKeys.publicKeyPem),
      DEV_ISSUER_PRIVATE_KEY: env.DEV_ISSUER_PRIVATE_KEY ?? base64(devIssuerKey()),
      DEMO_INCIDENTS_PER_TENANT: env.DEMO_INCIDENTS_PER_TENANT ?? '120',
      DEMO_TRICKLE_SECONDS: env.DEMO_TRICKLE_SECONDS ?? '60',
    },
    LOG_DIR,
    true,
    () => void shutdown(1),
  );

  let shuttingDown = false;
  async function shutdown(code: number) {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping...');
    await runningFrontends?.stop();
    await services.stop();
    await embedded?.stop();
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await services.start();
    if (frontends) {
      console.log('Building the frontends...');
      await buildFrontends(FRONTEND_APPS, { settings: frontends, log: (line) => console.log(line) });
      const devSignIn = (env.NODE_ENV ?? 'development') !== 'production' && env.DEV_ISSUER_ENABLED !== 'false';
      writeDeployConfig(frontends, {
        devSignIn,
        demoUsers: tenants.users.map((u) => ({ email: u.email, displayName: u.displayName, tenants: u.memberships.map((m) => m.tenant) })),
      });
      runningFrontends = await startFrontends(frontends);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }

  const gatewayUrl = `http://localhost:${services.specs.find((s) => s.name === 'gateway')!.port}`;
  console.log(
    [
      '',
      'SOC platform is running.',
      '',
      ...(runningFrontends ? [`  Open the analyst app:              ${runningFrontends.shellUrl}`] : []),
      `  GraphQL API (and Apollo Sandbox):  ${gatewayUrl}/graphql`,
      `  Database:                          ${embedded ? `embedded FerretDB (${path.join(DATA_DIR, 'db')})` : 'MONGODB_URI'}`,
      `  Logs:                              ${LOG_DIR}`,
      '',
      'Sign in (development issuer) as one of the demo users:',
      ...tenants.users.map((u) => `  ${u.email.padEnd(28)} ${u.memberships.map((m) => `${m.tenant}:${m.roles.join('+')}`).join(', ')}`),
      '',
      'For example:',
      `  TOKEN=$(curl -s ${gatewayUrl}/auth/dev/token -H 'content-type: application/json' -d '{"email":"analyst@contoso.example"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
      `  curl -s ${gatewayUrl}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ incidents(first: 5) { totalCount edges { node { number title severity tenant { name } } } } }"}'`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
