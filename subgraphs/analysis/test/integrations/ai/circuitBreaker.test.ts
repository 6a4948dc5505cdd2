import { CircuitBreaker } from '../../../src/integrations/ai/circuitBreaker';
import { FakeOpenAI } from '../../fakes/fakeOpenAI';
import { LOCAL, hosted, pipelineData, testClient, validSeverity } from './support/aiTestKit';

describe('circuit breaker per provider endpoint', () => {
  const fake = new FakeOpenAI();
  const other = new FakeOpenAI();
  beforeAll(async () => {
    await fake.start();
    await other.start();
  });
  afterAll(async () => {
    await fake.stop();
    await other.stop();
  });
  beforeEach(() => {
    fake.reset();
    other.reset();
  });

  let clock = 0;
  const breakerClient = () => testClient({ now: () => clock, circuitBreaker: { failureThreshold: 3, cooldownMs: 30_000 } });
  const openai = (server: FakeOpenAI, apiKey = server.apiKey) => hosted('openai', server.baseUrl, apiKey, { model: 'gpt-4o-mini' });
  const call = (client: ReturnType<typeof breakerClient>['client'], settings: ReturnType<typeof openai>, tenantId = 'contoso') =>
    client.callAI('SEVERITY_ASSESSOR', pipelineData(), { tenantId, settings, fallback: [LOCAL], bypassCache: true });

  it('opens after consecutive failures, then fails fast without calling the endpoint until the cooldown ends', async () => {
    clock = 0;
    const { client } = breakerClient();
    fake.otherwise({ kind: 'serverError' });

    const first = await call(client, openai(fake));
    expect(fake.calls).toHaveLength(3);
    expect(first.failures).toEqual([expect.objectContaining({ kind: 'SERVER' })]);

    // Every tenant on this endpoint now skips it at once.
    const second = await call(client, openai(fake), 'fabrikam');
    expect(fake.calls).toHaveLength(3);
    expect(second.provider).toBe('local');
    expect(second.failures).toEqual([expect.objectContaining({ provider: 'openai', kind: 'CIRCUIT_OPEN' })]);

    // Another endpoint of the same provider has its own breaker.
    other.script({ kind: 'json', value: validSeverity });
    expect((await call(client, openai(other))).provider).toBe('openai');

    // After the cooldown one trial request goes out; its success closes the breaker.
    clock += 30_001;
    fake.script({ kind: 'json', value: validSeverity }, { kind: 'json', value: validSeverity });
    expect((await call(client, openai(fake))).provider).toBe('openai');
    expect((await call(client, openai(fake))).provider).toBe('openai');
    expect(fake.calls).toHaveLength(5);
  });

  it('re-opens when the half-open trial fails', async () => {
    clock = 1_000_000;
    const { client } = breakerClient();
    fake.otherwise({ kind: 'serverError' });
    await call(client, openai(fake));
    expect(fake.calls).toHaveLength(3);

    clock += 30_001;
    const trial = await call(client, openai(fake));
    // One trial, no retries past the re-opened breaker.
    expect(fake.calls).toHaveLength(4);
    expect(trial.failures).toEqual([expect.objectContaining({ kind: 'SERVER', error: expect.stringContaining('circuit breaker opened') })]);
    expect((await call(client, openai(fake))).failures).toEqual([expect.objectContaining({ kind: 'CIRCUIT_OPEN' })]);
    expect(fake.calls).toHaveLength(4);
  });

  it("is not opened by one tenant's rejected key, so other tenants keep the endpoint", async () => {
    clock = 2_000_000;
    const { client } = breakerClient();
    for (let i = 0; i < 5; i += 1) await call(client, openai(fake, 'sk-wrong-key'), 'fabrikam');
    expect(fake.calls).toHaveLength(5);

    fake.script({ kind: 'json', value: validSeverity });
    const result = await call(client, openai(fake));
    expect(result).toMatchObject({ provider: 'openai', failures: [] });
  });
});

describe('CircuitBreaker', () => {
  it('admits a single trial while half-open', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 100 }, () => now);
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now = 100;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordAbandoned();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('a success in between resets the count of consecutive failures', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 100 }, () => 0);
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
  });
});
