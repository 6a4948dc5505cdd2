import { CircuitBreaker, type BreakerPermit } from '../../../../src/integrations/sentinel/client/circuitBreaker';

function permit(breaker: CircuitBreaker): BreakerPermit {
  const decision = breaker.tryAcquire();
  if (!decision.allowed) throw new Error(`breaker refused (retry in ${decision.retryInMs} ms)`);
  return decision.permit;
}

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });
  beforeEach(() => {
    now = 0;
  });

  it('opens after the threshold of consecutive failures and refuses until the cooldown ends', () => {
    const b = breaker();
    permit(b).failed();
    permit(b).failed();
    expect(b.state).toBe('closed');
    permit(b).failed();
    expect(b.state).toBe('open');
    now = 400;
    expect(b.tryAcquire()).toEqual({ allowed: false, retryInMs: 600 });
  });

  it('resets the count on success', () => {
    const b = breaker();
    permit(b).failed();
    permit(b).failed();
    permit(b).succeeded();
    permit(b).failed();
    permit(b).failed();
    expect(b.state).toBe('closed');
  });

  it('lets a single trial through when half-open; its outcome closes or reopens', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) permit(b).failed();
    now = 1000;
    expect(b.state).toBe('half-open');
    const trial = permit(b);
    expect(b.tryAcquire()).toEqual({ allowed: false, retryInMs: 0 });
    trial.failed();
    expect(b.state).toBe('open');

    now = 2000;
    permit(b).succeeded();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire().allowed).toBe(true);
  });

  it('frees the trial slot when the trial is abandoned', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) permit(b).failed();
    now = 1000;
    permit(b).abandoned();
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire().allowed).toBe(true);
  });

  it('ignores a late success from a request admitted before it opened, and repeated reports', () => {
    const b = breaker();
    const early = permit(b);
    for (let i = 0; i < 3; i += 1) permit(b).failed();
    early.succeeded();
    expect(b.state).toBe('open');
    early.failed();
    now = 999;
    expect(b.state).toBe('open');
  });
});
