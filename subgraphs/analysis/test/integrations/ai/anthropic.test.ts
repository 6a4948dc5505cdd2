import type { StreamReset } from '../../../src/integrations/ai';
import { FakeAnthropic } from '../../fakes/fakeAnthropic';
import { FakeOpenAI } from '../../fakes/fakeOpenAI';
import { LOCAL, chatData, hosted, pipelineData, testClient, validSeverity, validVerdict } from './support/aiTestKit';

describe('callAI through the Anthropic SDK', () => {
  const fake = new FakeAnthropic();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  const anthropic = (extra = {}) => hosted('anthropic', fake.baseUrl, fake.apiKey, { model: 'claude-haiku-4-5-20251001', ...extra });

  it('forces a tool call whose input_schema is the agent schema, and validates its input', async () => {
    const { client } = testClient();
    fake.script({ kind: 'json', value: validVerdict, usage: { input: 2_000, output: 300 } });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: anthropic(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5-20251001', output: validVerdict, usage: { inputTokens: 2_000, outputTokens: 300 } });
    // claude-haiku-4-5: $1 / $5 per million tokens
    expect(result.costUsd).toBeCloseTo((2_000 * 1 + 300 * 5) / 1e6, 9);
    const { body } = fake.calls[0]!;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'submit_verdict_generator' });
    expect(body.tools[0].input_schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['classification', 'confidence']) });
    expect(body.system).toContain('INCIDENT_DATA');
    expect(body.max_tokens).toBe(1_000);
  });

  it('does not retry a 401 and falls back', async () => {
    const { client } = testClient();

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: anthropic({ apiKey: 'sk-ant-wrong-000000' }), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'anthropic', kind: 'AUTH', error: '401 invalid x-api-key' })]);
  });

  it('waits for retry-after on a 429 and then succeeds', async () => {
    const { client } = testClient();
    fake.script({ kind: 'rateLimited', retryAfterSeconds: 1 }, { kind: 'json', value: validVerdict });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: anthropic(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'anthropic', attempts: 2, output: validVerdict });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]!.at - fake.calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('moves on at once when retry-after is longer than we are willing to wait', async () => {
    const { client } = testClient();
    fake.script({ kind: 'rateLimited', retryAfterSeconds: 120 });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: anthropic(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(result.failures).toEqual([expect.objectContaining({ kind: 'RATE_LIMIT', error: expect.stringContaining('asked to retry after 120 s') })]);
  });

  it('retries a 500 and falls back after the retries', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'serverError' });

    const result = await client.callAI('VERDICT_GENERATOR', pipelineData(), { tenantId: 'contoso', settings: anthropic(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(3);
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'anthropic', kind: 'SERVER', error: '500 Internal server error' })]);
  });

  it('feeds an invalid tool input back once, then falls back to local', async () => {
    const { client } = testClient();
    const invalid = { ...validSeverity, score: 250 };
    fake.script({ kind: 'json', value: invalid }, { kind: 'json', value: invalid });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: anthropic(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(2);
    const retry = fake.calls[1]!.body.messages;
    expect(retry).toHaveLength(3);
    expect(retry[1]).toEqual({ role: 'assistant', content: JSON.stringify(invalid) });
    expect(retry[2].content).toContain('score: Too big: expected number to be <=100');
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'anthropic', kind: 'INVALID_OUTPUT' })]);
  });

  it('streams chat text deltas in order, with usage from message_start and message_delta', async () => {
    const { client } = testClient();
    const chunks = ['The sender ', 'domain is ', 'a lookalike.'];
    fake.script({ kind: 'stream', chunks, usage: { input: 700, output: 9 } });
    const tokens: string[] = [];

    const result = await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: anthropic(), fallback: [LOCAL], onToken: (t) => tokens.push(t) });

    expect(tokens).toEqual(chunks);
    expect(result).toMatchObject({ provider: 'anthropic', output: chunks.join(''), usage: { inputTokens: 700, outputTokens: 9 } });
    expect(fake.calls[0]!.body.stream).toBe(true);
    expect(fake.calls[0]!.body.tools).toBeUndefined();
  });
});

describe('chat fallback in the middle of a stream', () => {
  const openai = new FakeOpenAI();
  const anthropic = new FakeAnthropic();
  beforeAll(async () => {
    await openai.start();
    await anthropic.start();
  });
  afterAll(async () => {
    await openai.stop();
    await anthropic.stop();
  });

  it('signals a reset, does not retry the broken provider, and streams the next provider in full', async () => {
    const { client } = testClient();
    openai.script({ kind: 'stream', chunks: ['Partial ', 'answer ', 'never finished'], dropAfter: 2 });
    anthropic.script({ kind: 'stream', chunks: ['Complete ', 'answer.'] });
    const events: string[] = [];
    const resets: StreamReset[] = [];

    const result = await client.callAI('CHAT_ASSISTANT', chatData(), {
      tenantId: 'contoso',
      settings: hosted('openai', openai.baseUrl, openai.apiKey, { model: 'gpt-4o' }),
      fallback: [hosted('anthropic', anthropic.baseUrl, anthropic.apiKey), LOCAL],
      onToken: (t) => events.push(t),
      onStreamReset: (reset) => {
        resets.push(reset);
        events.push('<reset>');
      },
    });

    expect(openai.calls).toHaveLength(1);
    expect(events).toEqual(['Partial ', 'answer ', '<reset>', 'Complete ', 'answer.']);
    expect(resets).toEqual([{ failure: expect.objectContaining({ provider: 'openai', kind: 'SERVER' }), discardedText: 'Partial answer ' }]);
    expect(result).toMatchObject({ provider: 'anthropic', output: 'Complete answer.' });
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'openai' })]);
  });
});
