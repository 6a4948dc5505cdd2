import { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import { resolveSentinelClientOptions, type SentinelWorkspaceConfig } from '../../../../src/integrations/sentinel/client/sentinelClientConfig';

const workspace: SentinelWorkspaceConfig = {
  subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
  resourceGroup: 'myRg',
  workspaceName: 'myWorkspace',
  entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: 'b3b9c7a1-5c1e-4f0e-9d0c-3f8f3b8d2a11',
  clientSecret: 'a-secret-value',
};

describe('Sentinel client configuration', () => {
  it('defaults to the public cloud, api-version 2025-09-01 and conservative resilience settings', () => {
    expect(resolveSentinelClientOptions(workspace, {})).toEqual({
      apiVersion: '2025-09-01',
      armEndpoint: 'https://management.azure.com',
      authorityHost: 'https://login.microsoftonline.com',
      retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 },
      breaker: { failureThreshold: 5, cooldownMs: 30_000 },
      requestTimeoutMs: 30_000,
    });
  });

  it('normalises endpoints and merges partial retry settings', () => {
    const resolved = resolveSentinelClientOptions(
      { ...workspace, armEndpoint: 'https://management.usgovcloudapi.net/', authorityHost: 'https://login.microsoftonline.us/' },
      { retry: { maxAttempts: 2 } },
    );
    expect(resolved).toMatchObject({ armEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', retry: { maxAttempts: 2, baseDelayMs: 500 } });
  });

  it('refuses endpoints that would send tokens or secrets in clear text', () => {
    expect(() => new SentinelClient({ ...workspace, armEndpoint: 'http://management.azure.com' })).toThrow(/armEndpoint must use https/);
    expect(() => new SentinelClient({ ...workspace, authorityHost: 'http://login.microsoftonline.com' })).toThrow(/authorityHost must use https/);
    expect(() => new SentinelClient({ ...workspace, armEndpoint: 'https://user:pw@management.azure.com' })).toThrow(/credentials/);
  });

  it('refuses incomplete or unusable settings', () => {
    expect(() => new SentinelClient({ ...workspace, clientSecret: '' })).toThrow(/clientSecret is required/);
    expect(() => new SentinelClient({ ...workspace, workspaceName: ' ' })).toThrow(/workspaceName is required/);
    expect(() => new SentinelClient({ ...workspace, resourceGroup: '..' })).toThrow(/not a valid ARM resource name/);
    expect(() => new SentinelClient(workspace, { retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
    expect(() => new SentinelClient(workspace, { requestTimeoutMs: 0 })).toThrow(/requestTimeoutMs/);
    expect(() => new SentinelClient(workspace, { apiVersion: 'latest' })).toThrow(/api-version/);
  });

  it('needs no secret when a credential is injected', () => {
    const credential = { getToken: async () => null };
    expect(() => new SentinelClient({ ...workspace, clientSecret: '' }, { credential })).not.toThrow();
  });
});
