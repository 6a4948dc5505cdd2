import { backoffDelayMs, isRetriableStatus, parseRetryAfterMs, retryDelayMs, sleep } from '../../../../src/integrations/sentinel/client/retry';

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retry timing', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetriableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 412].some(isRetriableStatus)).toBe(false);
  });

  it('doubles the backoff per retry, jittered within the upper half of each step, capped at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it('prefers the server-requested wait over backoff, but never beyond maxDelayMs', () => {
    expect(retryDelayMs(1, policy, 700)).toBe(700);
    expect(retryDelayMs(1, policy, 60_000)).toBe(1000);
    expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(100);
  });

  it('sleeps until aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
