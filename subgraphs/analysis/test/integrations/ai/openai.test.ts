import { AICallError } from '../../../src/integrations/ai';
import { FakeOpenAI } from '../../fakes/fakeOpenAI';
import { LOCAL, chatData, counterValue, hosted, pipelineData, testClient, validSeverity, validVerdict } from './support/aiTestKit';

describe('callAI through the openai SDK', () => {
  const fake = new FakeOpenAI();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  const openai = (extra = {}) => hosted('openai', fake.baseUrl, fake.apiKey, { model: 'gpt-4o-mini', ...extra });

  it('returns the validated structured output with usage, cost and metrics', async () => {
    const { client, metrics } = testClient();
    fake.script({ kind: 'json', value: validVerdict, usage: { input: 1_000, output: 200 } });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL] });

    expect(result.output).toEqual(validVerdict);
    expect(result).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', promptVersion: 'verdict-v1', attempts: 1, cached: false, failures: [] });
    expect(result.usage).toEqual({ inputTokens: 1_000, outputTokens: 200 });
    // gpt-4o-mini: $0.15 / $0.60 per million tokens
    expect(result.costUsd).toBeCloseTo((1_000 * 0.15 + 200 * 0.6) / 1e6, 9);
    const [request] = fake.calls;
    expect(request!.body).toMatchObject({ model: 'gpt-4o-mini', response_format: { type: 'json_object' }, max_completion_tokens: 1_000 });
    expect(request!.body.messages[0]).toMatchObject({ role: 'system' });
    expect(request!.body.messages[0].content).toContain('"classification"');
    expect(await counterValue(metrics, 'ai_calls_total', { provider: 'openai', agent: 'VERDICT_GENERATOR', outcome: 'success' })).toBe(1);
    expect(await counterValue(metrics, 'ai_tokens_total', { provider: 'openai', direction: 'output' })).toBe(200);
    expect(await counterValue(metrics, 'ai_cost_usd_total', { provider: 'openai' })).toBeCloseTo(0.00027, 9);
  });

  it('does not retry a 401, records it and falls back to the next provider', async () => {
    const { client, logs } = testClient();
    const wrongKey = 'sk-wrong-key-123456';

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai({ apiKey: wrongKey }), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai', model: 'gpt-4o-mini', kind: 'AUTH' })]);
    expect(result.failures[0]!.error).toContain('401');
    // The provider echoes part of the key; neither the error nor the logs may carry it.
    expect(result.failures[0]!.error).not.toContain(wrongKey);
    expect(result.failures[0]!.error).not.toContain('3456');
    expect(logs.join('\n')).not.toContain(wrongKey);
  });

  it('fails fast, naming the variable, when the key is not in the environment', async () => {
    const { client } = testClient();
    const settings = { ...openai(), apiKey: undefined, apiKeyEnv: 'CONTOSO_OPENAI_KEY' };

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings, fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(0);
    expect(result.failures).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', kind: 'AUTH', error: 'no API key: environment variable CONTOSO_OPENAI_KEY is not set' }]);
  });

  it('waits for retry-after on a 429 and then succeeds', async () => {
    const { client } = testClient();
    fake.script({ kind: 'rateLimited', retryAfterSeconds: 1 }, { kind: 'json', value: validSeverity });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'openai', attempts: 2, failures: [] });
    expect(result.output.severity).toBe('HIGH');
    expect(fake.calls).toHaveLength(2);
    // Backoff alone would have waited ~5 ms; the server asked for 1 s.
    expect(fake.calls[1]!.at - fake.calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 twice, then falls back to local', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'serverError' });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(3);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai', kind: 'SERVER' })]);
  });

  it('aborts a request that hangs after timeoutMs, retries, then falls back', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'hang' });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai({ timeoutMs: 200 }), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(3);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai', kind: 'TIMEOUT' })]);
  });

  it('feeds a schema violation back once, then fails the provider as INVALID_OUTPUT and falls back to local', async () => {
    const { client, metrics } = testClient();
    const invalid = { ...validSeverity, severity: 'CRITICAL' };
    fake.script({ kind: 'json', value: invalid, usage: { input: 1_000, output: 100 } }, { kind: 'json', value: invalid, usage: { input: 1_100, output: 100 } });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(2);
    const retryMessages = fake.calls[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(retryMessages.at(-2)).toEqual({ role: 'assistant', content: JSON.stringify(invalid) });
    expect(retryMessages.at(-1)!.role).toBe('user');
    expect(retryMessages.at(-1)!.content).toContain('severity: Invalid option');
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai', kind: 'INVALID_OUTPUT', error: expect.stringContaining('severity') })]);
    // The rejected answers were billed, and the call reports it.
    expect(result.usage.inputTokens).toBeGreaterThanOrEqual(2_100);
    expect(result.costUsd).toBeGreaterThan(0);
    expect(await counterValue(metrics, 'ai_calls_total', { provider: 'openai', outcome: 'invalid_output' })).toBe(1);
  });

  it('accepts a corrected answer on the one retry after non-JSON output', async () => {
    const { client } = testClient();
    fake.script({ kind: 'text', text: 'Sure! The severity is high.' }, { kind: 'json', value: validSeverity });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'openai', attempts: 2, output: validSeverity });
    expect(fake.calls[1]!.body.messages.at(-1).content).toContain('not valid JSON');
  });

  it('streams chat tokens in order through onToken, with the usage of the final chunk', async () => {
    const { client } = testClient();
    const chunks = ['Reset ', 'the ', 'password ', 'of j.doe ', 'first.'];
    fake.script({ kind: 'stream', chunks, usage: { input: 500, output: 12 } });
    const tokens: string[] = [];

    const result = await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL], onToken: (t) => tokens.push(t) });

    expect(tokens).toEqual(chunks);
    expect(result.output).toBe(chunks.join(''));
    expect(result).toMatchObject({ provider: 'openai', promptVersion: 'chat-v1', usage: { inputTokens: 500, outputTokens: 12 } });
    expect(fake.calls[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(fake.calls[0]!.body.response_format).toBeUndefined();
  });

  it('estimates usage, and says so, when a stream reports none', async () => {
    const { client } = testClient();
    fake.script({ kind: 'stream', chunks: ['Hello ', 'analyst.'], omitUsage: true });

    const result = await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL], onToken: () => undefined });

    expect(result.output).toBe('Hello analyst.');
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('throws AICallError naming every provider when the whole chain fails', async () => {
    const { client } = testClient();

    const call = client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai({ apiKey: 'sk-wrong-1' }), fallback: [] });

    await expect(call).rejects.toBeInstanceOf(AICallError);
    await expect(call).rejects.toMatchObject({ failures: [expect.objectContaining({ provider: 'openai', kind: 'AUTH' })] });
    await expect(call).rejects.toThrow(/SEVERITY_ASSESSOR: every AI provider failed \(openai\/gpt-4o-mini: AUTH 401/);
  });

  it('skips a paid provider when the tenant budget is used up', async () => {
    const { client } = testClient();

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai(), fallback: [LOCAL], remainingBudgetUsd: 0 });

    expect(fake.calls).toHaveLength(0);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai', kind: 'BUDGET' })]);
  });

  it('stops at once, without falling back, when the caller cancels', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('analysis cancelled')), 100);

    await expect(
      client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: openai({ timeoutMs: 5_000 }), fallback: [LOCAL], signal: controller.signal }),
    ).rejects.toThrow('analysis cancelled');
    expect(fake.calls).toHaveLength(1);
  });
});
