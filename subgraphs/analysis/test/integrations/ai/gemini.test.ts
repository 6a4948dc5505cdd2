import { FakeGemini } from '../../fakes/fakeGemini';
import { LOCAL, chatData, hosted, pipelineData, testClient, validSeverity } from './support/aiTestKit';

describe('callAI through the @google/genai SDK', () => {
  const fake = new FakeGemini();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  const gemini = (extra = {}) => hosted('gemini', fake.baseUrl, fake.apiKey, { model: 'gemini-2.5-flash', ...extra });

  it('asks for application/json, validates the answer and prices the usage', async () => {
    const { client } = testClient();
    fake.script({ kind: 'json', value: validSeverity, usage: { input: 4_000, output: 500 } });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash', output: validSeverity, usage: { inputTokens: 4_000, outputTokens: 500 } });
    // gemini-2.5-flash: $0.30 / $2.50 per million tokens
    expect(result.costUsd).toBeCloseTo((4_000 * 0.3 + 500 * 2.5) / 1e6, 9);
    const [request] = fake.calls;
    expect(request!.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request!.headers['x-goog-api-key']).toBe(fake.apiKey);
    expect(request!.body.generationConfig).toMatchObject({ responseMimeType: 'application/json', maxOutputTokens: 1_000 });
    expect(request!.body.systemInstruction.parts[0].text).toContain('"severity"');
  });

  it("treats Gemini's 400 API_KEY_INVALID as AUTH: no retry, fallback", async () => {
    const { client } = testClient();

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini({ apiKey: 'AIza-wrong-key' }), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'gemini', kind: 'AUTH', error: '400 API key not valid. Please pass a valid API key.' })]);
  });

  it('does not retry a 401 UNAUTHENTICATED and falls back', async () => {
    const { client } = testClient();
    fake.script({ kind: 'unauthorized' });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(1);
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'gemini', kind: 'AUTH', error: expect.stringMatching(/^401 Request had invalid authentication/) })]);
  });

  it('waits for the RetryInfo delay of a 429 and then succeeds', async () => {
    const { client } = testClient();
    fake.script({ kind: 'rateLimited', retryAfterSeconds: 1 }, { kind: 'json', value: validSeverity });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini(), fallback: [LOCAL] });

    expect(result).toMatchObject({ provider: 'gemini', attempts: 2 });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]!.at - fake.calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500, then falls back', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'serverError' });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(3);
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'gemini', kind: 'SERVER' })]);
  });

  it('times out a hanging request, retries, then falls back', async () => {
    const { client } = testClient();
    fake.otherwise({ kind: 'hang' });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini({ timeoutMs: 200 }), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(3);
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ provider: 'gemini', kind: 'TIMEOUT' })]);
  });

  it('feeds non-JSON back once, then falls back to local', async () => {
    const { client } = testClient();
    fake.script({ kind: 'text', text: 'I cannot comply.' }, { kind: 'text', text: '{"severity": "HIGH"' });

    const result = await client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId: 'contoso', settings: gemini(), fallback: [LOCAL] });

    expect(fake.calls).toHaveLength(2);
    const contents = fake.calls[1]!.body.contents;
    expect(contents.map((c: { role: string }) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[2].parts[0].text).toContain('not valid JSON');
    expect(result.provider).toBe('local');
    expect(result.failures).toEqual([expect.objectContaining({ kind: 'INVALID_OUTPUT', error: expect.stringContaining('not valid JSON') })]);
  });

  it('streams chat over SSE in order, with the usage of the last chunk', async () => {
    const { client } = testClient();
    const chunks = ['Block ', '203.0.113.7 ', 'at the mail gateway.'];
    fake.script({ kind: 'stream', chunks, usage: { input: 900, output: 14 } });
    const tokens: string[] = [];

    const result = await client.callAI('CHAT_ASSISTANT', chatData(), { tenantId: 'contoso', settings: gemini(), fallback: [LOCAL], onToken: (t) => tokens.push(t) });

    expect(tokens).toEqual(chunks);
    expect(result).toMatchObject({ provider: 'gemini', output: chunks.join(''), usage: { inputTokens: 900, outputTokens: 14 } });
    expect(fake.calls[0]).toMatchObject({ path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent', query: { alt: 'sse' } });
  });
});
