/**
 * Remotes are not known at build time: the shell reads their manifest URLs from the deploy-time
 * `remotes.json` next to its index.html and registers them with the Module Federation runtime, so
 * deploying a new remote (or moving it) never rebuilds the shell.
 *
 * A runtime plugin makes remote loading resilient: manifest fetches are retried with backoff, and
 * a remote that still fails resolves to a marker module instead of an exception escaping React;
 * the slot renders a fallback with a Retry button, which re-registers the remote (dropping the
 * runtime's cached manifest and entry) and loads it again.
 */
import { loadRemote, registerPlugins, registerRemotes, type ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';
import { CONTRACT_VERSION, type RemoteModule } from '@soc/ui-common/contract';

export type RemoteName = 'dashboard' | 'chat' | 'reports';
export const REMOTE_NAMES: RemoteName[] = ['dashboard', 'chat', 'reports'];

export type RemotesConfig = Partial<Record<RemoteName, string>>;

/** Why a remote cannot be shown. */
export class RemoteLoadError extends Error {
  override name = 'RemoteLoadError';
  constructor(
    readonly remote: string,
    readonly kind: 'unavailable' | 'incompatible' | 'not-configured',
    message: string,
  ) {
    super(message);
  }
}

interface UnavailableMarker {
  __socRemoteUnavailable: true;
  reason: string;
}

const isUnavailable = (value: unknown): value is UnavailableMarker =>
  typeof value === 'object' && value !== null && (value as UnavailableMarker).__socRemoteUnavailable === true;

const entries = new Map<RemoteName, string>();

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Runtime errors carry a long help text; the first line says what failed.
  return text.split('\n')[0]!.slice(0, 300);
}

const MANIFEST_ATTEMPTS = 3;

export const resilientRemotesPlugin = (): ModuleFederationRuntimePlugin => ({
  name: 'soc-resilient-remotes',
  /** Manifest fetches: never from a stale HTTP cache, retried on network errors and 5xx. */
  fetch(url: string, init: RequestInit) {
    return url.endsWith('mf-manifest.json') ? fetchWithRetry(url, init) : false;
  },
  /** The last word on a failed load: a marker module, rendered as the slot's fallback. */
  async errorLoadRemote(args) {
    if (args.lifecycle === 'onLoad') {
      const marker: UnavailableMarker = { __socRemoteUnavailable: true, reason: errorText(args.error) };
      return marker;
    }
    return undefined;
  },
});

async function fetchWithRetry(url: string, init: RequestInit): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < MANIFEST_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250 * 3 ** (attempt - 1)));
    try {
      const response = await fetch(url, { ...init, cache: 'no-cache' });
      if (response.status < 500) return response;
      lastError = new Error(`HTTP ${response.status} for ${url}`);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Reads remotes.json (no HTTP cache: it changes with deployments). */
export async function loadRemotesConfig(url = '/remotes.json'): Promise<RemotesConfig> {
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) return {};
    const raw = (await response.json()) as Record<string, unknown>;
    const config: RemotesConfig = {};
    for (const name of REMOTE_NAMES) {
      const value = raw[name];
      if (typeof value === 'string' && /^https?:\/\//.test(value)) config[name] = value;
    }
    return config;
  } catch {
    return {};
  }
}

export function initFederation(config: RemotesConfig): void {
  registerPlugins([resilientRemotesPlugin()]);
  for (const name of REMOTE_NAMES) {
    const entry = config[name];
    if (entry) entries.set(name, entry);
  }
  registerRemotes([...entries].map(([name, entry]) => ({ name, entry })));
}

export function remoteEntry(name: RemoteName): string | undefined {
  return entries.get(name);
}

/** Before a retry: forget the cached manifest, entry and modules of the remote. */
export function resetRemote(name: RemoteName): void {
  const entry = entries.get(name);
  if (entry) registerRemotes([{ name, entry }], { force: true });
}

/** Loads `<remote>/<module>` and checks it against the contract. */
export async function loadExposed<P>(remote: RemoteName, module: string): Promise<RemoteModule<P>> {
  if (!entries.has(remote)) throw new RemoteLoadError(remote, 'not-configured', `No URL is configured for the ${remote} module (remotes.json).`);
  let loaded: unknown;
  try {
    loaded = await loadRemote<unknown>(`${remote}/${module}`);
  } catch (error) {
    throw new RemoteLoadError(remote, 'unavailable', errorText(error));
  }
  if (!loaded || isUnavailable(loaded)) {
    const reason = isUnavailable(loaded) ? loaded.reason : 'The module loaded empty.';
    // A shared singleton the shell cannot satisfy (strictVersion) fails the same hook: say which.
    const kind = /version|singleton|shared/i.test(reason) ? 'incompatible' : 'unavailable';
    throw new RemoteLoadError(remote, kind, reason);
  }
  const mod = loaded as Partial<RemoteModule<P>>;
  if (typeof mod.default !== 'function' && typeof mod.default !== 'object') {
    throw new RemoteLoadError(remote, 'incompatible', `${remote}/${module} does not export a component.`);
  }
  if (mod.contractVersion !== CONTRACT_VERSION) {
    throw new RemoteLoadError(
      remote,
      'incompatible',
      `${remote}/${module} was built for shell contract ${String(mod.contractVersion ?? 'unknown')}; this shell speaks contract ${CONTRACT_VERSION}.`,
    );
  }
  return mod as RemoteModule<P>;
}
