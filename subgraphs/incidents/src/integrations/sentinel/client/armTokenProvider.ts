import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { SentinelAuthenticationError } from './errors';
import { isRecord } from './azureErrorBody';
import { redactSecrets } from './redactSecrets';
import type { ResolvedSentinelClientOptions, SentinelCredentialOptions, SentinelWorkspaceConfig } from './sentinelClientConfig';

/**
 * Bearer tokens for ARM. The credential's own cache (MSAL's) decides when to call Entra ID, so
 * `getToken` is called for every request. When ARM still refuses a token (expired early, clock skew),
 * `tokenRejected` replaces a credential we built with a fresh one, whose empty cache forces a new token.
 */
export class ArmTokenProvider {
  #credential: TokenCredential;
  readonly #createCredential: (() => TokenCredential) | null;
  readonly #scope: string;
  readonly #who: string;
  readonly #redact: (text: string) => string;
  #pending: Promise<string> | null = null;
  #lastRejected: string | null = null;

  private constructor(options: {
    credential: TokenCredential;
    createCredential: (() => TokenCredential) | null;
    scope: string;
    who: string;
    redact: (text: string) => string;
  }) {
    this.#credential = options.credential;
    this.#createCredential = options.createCredential;
    this.#scope = options.scope;
    this.#who = options.who;
    this.#redact = options.redact;
  }

  /** One ClientSecretCredential per workspace, talking to the workspace's own authority host. */
  static forClientSecret(
    workspace: SentinelWorkspaceConfig,
    resolved: ResolvedSentinelClientOptions,
    credentialOptions: SentinelCredentialOptions = {},
  ): ArmTokenProvider {
    const { entraTenantId, clientId, clientSecret } = workspace;
    const create = () =>
      new ClientSecretCredential(entraTenantId, clientId, clientSecret, {
        // The authority comes from the tenant's own configuration, so MSAL need not ask Microsoft's
        // instance-discovery endpoint to vouch for it (that call fails for private or sovereign hosts).
        disableInstanceDiscovery: true,
        ...credentialOptions,
        authorityHost: resolved.authorityHost,
      });
    return new ArmTokenProvider({
      credential: create(),
      createCredential: create,
      scope: armScope(resolved.armEndpoint),
      who: `tenant ${entraTenantId}, client ${clientId}`,
      redact: redactSecrets([clientSecret]),
    });
  }

  /** An injected credential; it owns its cache, so a rejected token can only be asked for again. */
  static forCredential(credential: TokenCredential, resolved: ResolvedSentinelClientOptions, clientId: string): ArmTokenProvider {
    return new ArmTokenProvider({
      credential,
      createCredential: null,
      scope: armScope(resolved.armEndpoint),
      who: `client ${clientId}`,
      redact: (text) => text,
    });
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    // Concurrent requests share one acquisition instead of each asking Entra on a cold cache.
    this.#pending ??= this.#acquire().finally(() => {
      this.#pending = null;
    });
    return signal ? raceAbort(this.#pending, signal) : this.#pending;
  }

  tokenRejected(token: string): void {
    // Many in-flight requests may report the same stale token; one fresh credential is enough.
    if (this.#lastRejected === token) return;
    this.#lastRejected = token;
    if (this.#createCredential) {
      this.#credential = this.#createCredential();
      this.#pending = null;
    }
  }

  async #acquire(): Promise<string> {
    let token: { token: string } | null;
    try {
      token = await this.#credential.getToken(this.#scope);
    } catch (error) {
      throw this.#authError(error);
    }
    if (!token?.token) throw new SentinelAuthenticationError(`Entra ID returned no token for Sentinel (${this.#who})`);
    return token.token;
  }

  #authError(error: unknown): SentinelAuthenticationError {
    const raw = this.#redact(error instanceof Error ? error.message : String(error));
    return new SentinelAuthenticationError(`Could not get an Entra ID token for Sentinel (${this.#who}): ${raw}`, {
      entraError: entraErrorCode(error),
      aadstsCode: aadstsCode(raw),
    });
  }
}

/** ARM's scope is its endpoint with `/.default`: whatever the app registration was granted there. */
function armScope(armEndpoint: string): string {
  return `${armEndpoint}/.default`;
}

/**
 * `invalid_client` and friends. Identity's AuthenticationError carries it in errorResponse, MSAL errors
 * in errorCode; for client secrets identity rewraps MSAL's error and only the message keeps it
 * (`invalid_client: Error(s): 7000215 ...`).
 */
function entraErrorCode(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  if (isRecord(error.errorResponse) && typeof error.errorResponse.error === 'string') return error.errorResponse.error;
  if (typeof error.errorCode === 'string' && error.errorCode !== '') return error.errorCode;
  const message = typeof error.message === 'string' ? error.message : '';
  return /^([a-z]+(?:_[a-z]+)+):/.exec(message)?.[1];
}

/** The AADSTS number (e.g. 7000215 for a wrong secret), which Entra's troubleshooting pages are keyed by. */
function aadstsCode(message: string): number | undefined {
  const match = /AADSTS(\d+)/.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
