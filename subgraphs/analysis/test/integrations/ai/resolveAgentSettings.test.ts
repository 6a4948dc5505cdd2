import { tenantsFileSchema } from '@soc/server-kit';
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, resolveAgentSettings } from '../../../src/integrations/ai';

/** The `ai` section as loadTenantsFile hands it over: parsed, with the schema's defaults applied. */
function tenantAI(ai?: unknown) {
  const file = tenantsFileSchema.parse({ tenants: [{ id: 'contoso', name: 'Contoso', environment: 'TEST', ...(ai ? { ai } : {}) }] });
  return file.tenants[0]!.ai;
}

describe('resolveAgentSettings', () => {
  it('gives the local analyst, with local as the only fallback, when the tenant configured nothing', () => {
    const { settings, fallback } = resolveAgentSettings(tenantAI(), 'RCA_ANALYST', {});
    expect(settings).toEqual({ provider: 'local', timeoutMs: DEFAULT_TIMEOUT_MS, maxTokens: DEFAULT_MAX_TOKENS });
    expect(fallback).toEqual([]); // local as primary and fallback is the same provider: tried once
  });

  it('uses the agent override over default, reads env: secrets at call time, and ends the chain with local', () => {
    const ai = tenantAI({
      default: { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'env:CONTOSO_ANTHROPIC_KEY', timeoutMs: 20_000 },
      agents: { CHAT_ASSISTANT: { provider: 'openai', model: 'gpt-4o', apiKey: 'env:CONTOSO_OPENAI_KEY', maxTokens: 800 } },
    });
    const env = { CONTOSO_ANTHROPIC_KEY: 'sk-ant-123', CONTOSO_OPENAI_KEY: 'sk-openai-456' };

    const chat = resolveAgentSettings(ai, 'CHAT_ASSISTANT', env);
    expect(chat.settings).toEqual({ provider: 'openai', model: 'gpt-4o', apiKey: 'sk-openai-456', apiKeyEnv: 'CONTOSO_OPENAI_KEY', timeoutMs: 20_000, maxTokens: 800 });
    expect(chat.fallback).toEqual([{ provider: 'local', timeoutMs: 20_000, maxTokens: 800 }]);

    const rca = resolveAgentSettings(ai, 'RCA_ANALYST', env);
    expect(rca.settings).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant-123', timeoutMs: 20_000, maxTokens: DEFAULT_MAX_TOKENS });
  });

  it('fills what an agent override leaves out from default when both name the same provider', () => {
    const ai = tenantAI({
      default: { provider: 'azure-openai', model: 'soc-gpt-4o', baseUrl: 'https://contoso.openai.azure.com', apiKey: 'env:AZ_KEY' },
      agents: { VERDICT_GENERATOR: { provider: 'azure-openai', model: 'soc-gpt-4-1' } },
    });
    const { settings } = resolveAgentSettings(ai, 'VERDICT_GENERATOR', { AZ_KEY: 'az-secret' });
    expect(settings).toMatchObject({ provider: 'azure-openai', model: 'soc-gpt-4-1', baseUrl: 'https://contoso.openai.azure.com', apiKey: 'az-secret' });
  });

  it('builds fallbacks from the tenant’s configured providers, in order', () => {
    const ai = tenantAI({
      default: { provider: 'openai', model: 'gpt-4.1-mini', apiKey: 'env:OPENAI_KEY' },
      agents: { CHAT_ASSISTANT: { provider: 'gemini', model: 'gemini-2.5-flash', apiKey: 'env:GEMINI_KEY' } },
      fallback: ['gemini', 'anthropic', 'local'],
    });
    const { settings, fallback } = resolveAgentSettings(ai, 'THREAT_ANALYZER', { OPENAI_KEY: 'o', GEMINI_KEY: 'g' });
    expect(settings).toMatchObject({ provider: 'openai', apiKey: 'o' });
    expect(fallback).toEqual([
      expect.objectContaining({ provider: 'gemini', model: 'gemini-2.5-flash', apiKey: 'g' }),
      // Named as fallback but never configured: kept, so its failure ("no API key") is visible.
      { provider: 'anthropic', timeoutMs: DEFAULT_TIMEOUT_MS, maxTokens: DEFAULT_MAX_TOKENS },
      { provider: 'local', timeoutMs: DEFAULT_TIMEOUT_MS, maxTokens: DEFAULT_MAX_TOKENS },
    ]);
  });

  it('respects an explicit chain without local', () => {
    const ai = tenantAI({ default: { provider: 'openai', apiKey: 'env:K' }, fallback: [] });
    expect(resolveAgentSettings(ai, 'RCA_ANALYST', { K: 'k' }).fallback).toEqual([]);
  });

  it('leaves the key unset, but names the variable, when the environment lacks it', () => {
    const ai = tenantAI({ default: { provider: 'openai', apiKey: 'env:MISSING_KEY' } });
    const { settings } = resolveAgentSettings(ai, 'RCA_ANALYST', {});
    expect(settings.apiKey).toBeUndefined();
    expect(settings.apiKeyEnv).toBe('MISSING_KEY');
  });
});
