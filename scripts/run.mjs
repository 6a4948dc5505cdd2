#!/usr/bin/env node
// Entry of `npm start`, `npm test` and the other root scripts. Plain JavaScript with no
// dependencies, so it runs on a fresh clone: it installs what is missing, then hands over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js 20.19 or newer is required (this is ${process.version}).`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * Installs npm dependencies when node_modules is missing or older than the lock file. `npm install`
 * rather than `npm ci`: the lock pins every version, and npm ci refuses a lock that lacks the
 * platform packages @swc/core lists for other operating systems, which this registry omits.
 */
function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing npm dependencies...');
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm install failed; see the output above.');
    process.exit(1);
  }
}

/**
 * The browser tests drive Debian's Chromium (playwright's own browsers cannot be downloaded here).
 * Installed with apt when missing; without root or apt the tests say what is missing.
 */
function ensureChromium() {
  const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(browser)) return;
  console.log(`Installing Chromium for the browser tests (${browser} is missing)...`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const install = (args) => run(sudo[0] ?? 'apt-get', sudo.length ? [...sudo.slice(1), 'apt-get', ...args] : args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install(['install', '-y', 'chromium']) !== 0 && (install(['update']) !== 0 || install(['install', '-y', 'chromium']) !== 0)) {
    console.error('Could not install chromium with apt-get; the browser tests will fail until CHROMIUM_PATH points to a Chromium.');
  }
}

const tsx = (script, args = []) => run(process.execPath, ['--import', 'tsx', path.join(root, script), ...args]);

/** Long-running commands: SIGTERM/SIGINT sent to this process reach the child, which shuts down in order. */
function supervise(script, args = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const commands = {
  start: () => supervise('scripts/start.ts'),
  test: () => {
    ensureChromium();
    let typecheck = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
    for (const project of ['frontends/tsconfig.json', 'e2e/tsconfig.json']) if (typecheck === 0) typecheck = run(bin('tsc'), ['-p', project, '--noEmit']);
    if (typecheck !== 0) {
      console.error('Type check failed.');
      return typecheck;
    }
    const results = path.join(root, '.data', 'jest-results.json');
    mkdirSync(path.dirname(results), { recursive: true });
    rmSync(results, { force: true }); // a stale file must never report a run that did not happen
    const status = run(bin('jest'), ['--runInBand', '--json', `--outputFile=${results}`, ...process.argv.slice(3)]);
    if (existsSync(results)) {
      // One plain summary line that CI systems read, whatever the runner.
      const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(results, 'utf8'));
      console.log(`jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
    }
    return status;
  },
  compose: () => tsx('schema/compose.ts'),
  'bench:gateway': () => tsx('scripts/bench/gateway.ts', process.argv.slice(3)),
  'bench:frontend': () => tsx('scripts/bench/frontend.ts', process.argv.slice(3)),
  'bench:sentinel': () => tsx('scripts/bench/sentinel.ts', process.argv.slice(3)),
  'bench:analysis': () => tsx('scripts/bench/analysis.ts', process.argv.slice(3)),
};

const command = process.argv[2];
if (!commands[command]) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
ensureDependencies();
const status = commands[command]();
if (typeof status === 'number') process.exit(status);
