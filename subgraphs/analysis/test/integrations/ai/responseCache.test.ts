import { ResponseCache, responseCacheKey } from '../../../src/integrations/ai/responseCache';
import { FakeOpenAI } from '../../fakes/fakeOpenAI';
import { LOCAL, chatData, counterValue, hosted, pipelineData, testClient, validVerdict } from './support/aiTestKit';

describe('response cache', () => {
  const fake = new FakeOpenAI();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  const settings = () => hosted('openai', fake.baseUrl, fake.apiKey, { model: 'gpt-4o' });

  it('answers an identical pipeline call from memory, billing nothing', async () => {
    const { client, metrics } = testClient();
    fake.otherwise({ kind: 'json', value: validVerdict });

    const first = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] });
    const second = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, provider: 'openai', model: 'gpt-4o', promptVersion: 'verdict-v1', costUsd: 0, attempts: 0, usage: { inputTokens: 0, outputTokens: 0 } });
    expect(second.output).toEqual(first.output);
    expect(await counterValue(metrics, 'ai_calls_total', { provider: 'openai', outcome: 'cached' })).toBe(1);
  });

  it('keeps its copy intact when a caller changes the returned output', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'json', value: validVerdict });
    const first = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] });
    first.output.evidence.push('tampered');

    const second = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] });

    expect(second.output.evidence).toEqual(validVerdict.evidence);
  });

  it('asks the model again with bypassCache, for another tenant, or when the incident changed', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'json', value: validVerdict });
    const options = { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] };

    await client.callAI('VERDICT_GENERATOR', pipelineData(), options);
    await client.callAI('VERDICT_GENERATOR', pipelineData(), { ...options, bypassCache: true });
    await client.callAI('VERDICT_GENERATOR', pipelineData(), { ...options, tenantId: 'fabrikam' });
    const changed = pipelineData();
    changed.incident.status = 'ACTIVE';
    await client.callAI('VERDICT_GENERATOR', changed, options);

    expect(fake.calls).toHaveLength(4);
  });

  it('never caches chat', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'stream', chunks: ['Same ', 'answer'] });

    await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL], onToken: () => undefined });
    const again = await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL], onToken: () => undefined });

    expect(fake.calls).toHaveLength(2);
    expect(again.cached).toBe(false);
  });

  it('does not cache a fallback answer under the primary, so the primary is asked again once it recovers', async () => {
    const { client } = testClient();
    fake.script({ kind: 'unauthorized' }, { kind: 'json', value: validVerdict });

    const degraded = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] });
    const recovered = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: settings(), fallback: [LOCAL] });

    expect(degraded.provider).toBe('local');
    expect(recovered).toMatchObject({ provider: 'openai', cached: false });
    expect(fake.calls).toHaveLength(2);
  });
});

describe('ResponseCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new ResponseCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('keys on the prompt version as well as the prompt', () => {
    const parts = { tenantId: 't', agent: 'RCA_ANALYST', provider: 'openai', model: 'gpt-4o', promptVersion: 'rca-v1', prompt: { system: 's', messages: [] } };
    expect(responseCacheKey(parts)).toBe(responseCacheKey({ ...parts }));
    expect(responseCacheKey({ ...parts, promptVersion: 'rca-v2' })).not.toBe(responseCacheKey(parts));
    expect(responseCacheKey({ ...parts, prompt: { system: 's2', messages: [] } })).not.toBe(responseCacheKey(parts));
  });
});
