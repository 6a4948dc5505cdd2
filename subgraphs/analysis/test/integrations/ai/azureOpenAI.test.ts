import { FakeOpenAI } from '../../fakes/fakeOpenAI';
import { LOCAL, chatData, hosted, pipelineData, testClient, validVerdict } from './support/aiTestKit';

describe('callAI through AzureOpenAI', () => {
  const fake = new FakeOpenAI({ azure: { apiVersions: ['2024-10-21', '2025-04-01-preview'] } });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  const azure = (extra = {}) => hosted('azure-openai', fake.baseUrl, fake.apiKey, { model: 'soc-gpt-4o', ...extra });

  it('calls the deployment URL with api-version and the api-key header, and validates the answer', async () => {
    const { client } = testClient();
    fake.script({ kind: 'json', value: validVerdict });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: azure({ apiVersion: '2025-04-01-preview' }), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'azure-openai', model: 'soc-gpt-4o', output: validVerdict, failures: [] });
    const [request] = fake.calls;
    expect(request).toMatchObject({ method: 'POST', path: '/openai/deployments/soc-gpt-4o/chat/completions', query: { 'api-version': '2025-04-01-preview' } });
    expect(request!.headers['api-key']).toBe(fake.apiKey);
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('uses the default GA api-version when the tenant names none', async () => {
    const { client } = testClient();
    fake.script({ kind: 'json', value: validVerdict });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: azure(), fallback: [LOCAL] });

    expect(result.provider).toBe('azure-openai');
    expect(fake.calls[0]!.query['api-version']).toBe('2024-10-21');
  });

  it('records a rejected key as AUTH without retrying and falls back', async () => {
    const { client } = testClient();

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: azure({ apiKey: 'not-the-key' }), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'azure-openai', kind: 'AUTH', error: expect.stringContaining('Access denied') })]);
  });

  it('honours retry-after-ms on a 429 and succeeds on the retry', async () => {
    const { client } = testClient();
    fake.script({ kind: 'rateLimited', retryAfterSeconds: 1 }, { kind: 'json', value: validVerdict });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: azure(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'azure-openai', attempts: 2 });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]!.at - fake.calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('streams chat from the deployment', async () => {
    const { client } = testClient();
    fake.script({ kind: 'stream', chunks: ['Isolate ', 'the host.'] });
    const tokens: string[] = [];

    const result = await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: azure(), fallback: [LOCAL], onToken: (t) => tokens.push(t) });

    expect(tokens).toEqual(['Isolate ', 'the host.']);
    expect(result.output).toBe('Isolate the host.');
  });
});

describe('callAI through an openai-compatible server', () => {
  const fake = new FakeOpenAI({ apiKey: 'no-key' });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('works without an API key, sends max_tokens, and reports no cost for a self-hosted model', async () => {
    const { client } = testClient();
    fake.script({ kind: 'json', value: validVerdict });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), {
      tenantId: 'contoso',
      settings: hosted('openai-compatible', fake.baseUrl, undefined, { model: 'llama3.1:8b' }),
      fallback: [LOCAL],
    });

    expect(result).toMatchObject({ provider: 'openai-compatible', model: 'llama3.1:8b', output: validVerdict, costUsd: 0 });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(fake.calls[0]!.body).toMatchObject({ model: 'llama3.1:8b', max_tokens: 1_000 });
    expect(fake.calls[0]!.body.max_completion_tokens).toBeUndefined();
  });

  it('fails fast with a clear reason when no model is configured', async () => {
    const { client } = testClient();

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: hosted('openai-compatible', fake.baseUrl, undefined), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(0);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai-compatible', kind: 'OTHER', error: 'openai-compatible needs a model' })]);
  });
});
