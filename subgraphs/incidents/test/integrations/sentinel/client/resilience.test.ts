import {
  SentinelNetworkError,
  SentinelRequestError,
  SentinelUnavailableError,
} from '../../../../src/integrations/sentinel/client/errors';
import type { SentinelClientLogger } from '../../../../src/integrations/sentinel/client/sentinelClientConfig';
import { FakeSentinel } from '../../../fakes/fakeSentinel';
import { createTestClient } from './sentinelTestClient';

function capturingLogger(): SentinelClientLogger & { entries: Array<{ fields: Record<string, unknown>; message: string }> } {
  const entries: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return { entries, warn: (fields, message) => entries.push({ fields, message }) };
}

describe('SentinelClient retries', () => {
  let fake: FakeSentinel;
  let name: string;

  beforeAll(async () => {
    fake = await FakeSentinel.start();
    name = fake.seedDemoIncidents(2, { seed: 21 })[0]!.incident.name;
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.clearRequests();
    expect(fake.pendingFaults).toBe(0);
  });

  it('waits as long as Retry-After (seconds) asks after a 429, then succeeds', async () => {
    const logger = capturingLogger();
    const client = createTestClient(fake, { client: { logger } });
    fake.failNext(1, { status: 429, retryAfterSeconds: 1 });

    const incident = await client.getIncident(name);

    expect(incident.name).toBe(name);
    const [throttled, retried] = fake.armRequests();
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
    expect(logger.entries).toEqual([
      { message: 'Sentinel request failed; retrying', fields: expect.objectContaining({ failure: 'HTTP 429', delayMs: 1000, attempt: 1 }) },
    ]);
    // Nothing that could authenticate ends up in the log.
    expect(JSON.stringify(logger.entries)).not.toMatch(/Bearer|eyJ/);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const client = createTestClient(fake);
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    fake.failNext(1, { status: 429, retryAfterDate: at });

    await client.getIncident(name);

    const retried = fake.armRequests()[1];
    expect(retried?.status).toBe(200);
    expect(retried!.at).toBeGreaterThanOrEqual(at.getTime() - 5);
  });

  it('caps a Retry-After longer than maxDelayMs', async () => {
    const client = createTestClient(fake, { client: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 200 } } });
    fake.failNext(1, { status: 429, retryAfterSeconds: 30 });
    const started = Date.now();

    await client.getIncident(name);

    expect(Date.now() - started).toBeLessThan(5000);
    const [throttled, retried] = fake.armRequests();
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(200);
  });

  it('retries a 500 and succeeds', async () => {
    const client = createTestClient(fake);
    fake.failNext(2, { status: 500 });

    const incident = await client.getIncident(name);

    expect(incident.name).toBe(name);
    expect(fake.armRequests().map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up after maxAttempts on a persistent 500 with the Azure error code and message', async () => {
    const client = createTestClient(fake, { client: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 } } });
    fake.failNext(3, { status: 500 });

    const error = await client.getIncident(name).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelRequestError);
    expect(error).toMatchObject({ status: 500, code: 'InternalServerError', azureMessage: 'Encountered internal server error.', attempts: 3, retriable: true });
    expect((error as SentinelRequestError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((error as Error).message).toMatch(/failed with 500 InternalServerError: Encountered internal server error\. after 3 attempts/);
    expect(fake.armRequests()).toHaveLength(3);
  });

  it('does not retry other 4xx', async () => {
    const client = createTestClient(fake);
    fake.failNext(1, { status: 400, code: 'BadRequest', message: 'The request is invalid.' });

    await expect(client.getIncident(name)).rejects.toMatchObject({ status: 400, code: 'BadRequest', attempts: 1, retriable: false });
    expect(fake.armRequests()).toHaveLength(1);
  });

  it('retries a request that timed out', async () => {
    const client = createTestClient(fake, { client: { requestTimeoutMs: 300 } });
    fake.delayNext(2000);
    const started = Date.now();

    const incident = await client.getIncident(name);

    expect(incident.name).toBe(name);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fake.armRequests().map((r) => r.injected ?? 'normal')).toEqual(['delay', 'normal']);
  });

  it('reports a persistent timeout as SentinelNetworkError', async () => {
    const client = createTestClient(fake, { client: { requestTimeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } } });
    fake.delayNext(1000, 2);

    const error = await client.getIncident(name).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelNetworkError);
    expect(error).toMatchObject({ timedOut: true, attempts: 2 });
    expect((error as Error).message).toMatch(/timed out after 2 attempts/);
  });

  it('retries when the connection drops without a response', async () => {
    const client = createTestClient(fake);
    fake.dropNext(1);

    await expect(client.getIncident(name)).resolves.toMatchObject({ name });
    expect(fake.armRequests().map((r) => r.injected ?? 'normal')).toEqual(['drop', 'normal']);
  });

  it('stops waiting when the caller aborts', async () => {
    const client = createTestClient(fake);
    fake.failNext(1, { status: 429, retryAfterSeconds: 2 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    const started = Date.now();

    await expect(client.getIncident(name, { signal: controller.signal })).rejects.toThrow('shutting down');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(fake.armRequests()).toHaveLength(1);
  });
});

describe('SentinelClient circuit breaker', () => {
  let fake: FakeSentinel;
  let name: string;

  beforeAll(async () => {
    fake = await FakeSentinel.start();
    name = fake.seedDemoIncidents(1, { seed: 22 })[0]!.incident.name;
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.clearRequests();
    fake.clearFaults();
  });

  const client = () =>
    createTestClient(fake, { client: { retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 10 }, breaker: { failureThreshold: 3, cooldownMs: 400 } } });

  it('opens after consecutive failures, fails fast while open, and closes after a successful trial', async () => {
    const sentinel = client();
    fake.failNext(3, { status: 503 });
    for (let i = 0; i < 3; i += 1) await expect(sentinel.getIncident(name)).rejects.toMatchObject({ status: 503 });
    expect(sentinel.circuitState).toBe('open');

    const fast = await sentinel.getIncident(name).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(SentinelUnavailableError);
    expect((fast as SentinelUnavailableError).retryInMs).toBeGreaterThan(0);
    expect(fake.armRequests()).toHaveLength(3);

    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(sentinel.circuitState).toBe('half-open');
    await expect(sentinel.getIncident(name)).resolves.toMatchObject({ name });
    expect(sentinel.circuitState).toBe('closed');
    expect(fake.armRequests()).toHaveLength(4);
  });

  it('opens again when the trial fails', async () => {
    const sentinel = client();
    fake.failNext(4, { status: 500 });
    for (let i = 0; i < 3; i += 1) await expect(sentinel.getIncident(name)).rejects.toMatchObject({ status: 500 });
    await new Promise((resolve) => setTimeout(resolve, 450));

    await expect(sentinel.getIncident(name)).rejects.toMatchObject({ status: 500 });
    expect(sentinel.circuitState).toBe('open');
    await expect(sentinel.getIncident(name)).rejects.toBeInstanceOf(SentinelUnavailableError);
    expect(fake.armRequests()).toHaveLength(4);
  });

  it('opens in the middle of a retry loop instead of hammering a failing service', async () => {
    const sentinel = createTestClient(fake, { client: { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 10 }, breaker: { failureThreshold: 3, cooldownMs: 5000 } } });
    fake.failNext(10, { status: 500 });

    await expect(sentinel.getIncident(name)).rejects.toThrow(/unavailable after repeated failures.*last failure: HTTP 500/);
    expect(fake.armRequests()).toHaveLength(3);
    expect(fake.pendingFaults).toBe(7);
  });

  it('does not count answers that show Sentinel is up (4xx)', async () => {
    const sentinel = client();
    fake.failNext(5, { status: 400, code: 'BadRequest' });
    for (let i = 0; i < 5; i += 1) await expect(sentinel.getIncident(name)).rejects.toMatchObject({ status: 400 });
    expect(sentinel.circuitState).toBe('closed');
  });
});
