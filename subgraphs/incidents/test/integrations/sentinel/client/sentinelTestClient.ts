import type { ClientSecretCredentialOptions } from '@azure/identity';
import { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import type { SentinelClientOptions, SentinelWorkspaceConfig } from '../../../../src/integrations/sentinel/client/sentinelClientConfig';
import type { FakeSentinel } from '../../../fakes/fakeSentinel';
import { createTrustingFetch } from '../../../fakes/trustingFetch';

type AdditionalPolicy = NonNullable<ClientSecretCredentialOptions['additionalPolicies']>[number];

/**
 * A pipeline policy for @azure/identity's HTTP client that trusts the fake's certificate on each
 * token request (`tlsSettings.ca`, which the SDK's Node HTTP client turns into an https.Agent).
 * Verification stays on; nothing global changes.
 */
export function trustCaPolicy(ca: string): AdditionalPolicy {
  const tlsSettings = { ca };
  return {
    position: 'perCall',
    policy: {
      name: 'trustFakeSentinelCa',
      sendRequest: (request, next) => {
        request.tlsSettings = tlsSettings;
        return next(request);
      },
    },
  };
}

/** Fast retry timings so failure tests take milliseconds; tests override what they measure. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 3000 };

/** A SentinelClient aimed at the fake, trusting its CA for both Entra ID (SDK pipeline) and ARM (fetch). */
export function createTestClient(
  fake: FakeSentinel,
  options: { workspace?: Partial<SentinelWorkspaceConfig>; client?: SentinelClientOptions } = {},
): SentinelClient {
  const { credentialOptions, ...rest } = options.client ?? {};
  return new SentinelClient(fake.workspaceConfig(options.workspace), {
    retry: FAST_RETRY,
    breaker: { failureThreshold: 50, cooldownMs: 1000 },
    requestTimeoutMs: 5000,
    fetch: createTrustingFetch(fake.ca),
    ...rest,
    credentialOptions: {
      ...credentialOptions,
      additionalPolicies: [...(credentialOptions?.additionalPolicies ?? []), trustCaPolicy(fake.ca)],
    },
  });
}

/** Every page of a listing. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
