import { costUsd, modelPrice } from '../../../src/integrations/ai';
import { parseAgentOutput } from '../../../src/integrations/ai/parseAgentOutput';
import { redactSecrets } from '../../../src/integrations/ai/redactSecrets';
import { backoffDelayMs, retryAfterFromHeaders } from '../../../src/integrations/ai/retry';
import { validSeverity } from './support/aiTestKit';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retry timing', () => {
  it('prefers retry-after-ms, then retry-after seconds or HTTP date', () => {
    expect(retryAfterFromHeaders(headers({ 'retry-after-ms': '250', 'retry-after': '3' }))).toBe(250);
    expect(retryAfterFromHeaders(headers({ 'retry-after': '3' }))).toBe(3_000);
    expect(retryAfterFromHeaders(headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
    expect(retryAfterFromHeaders(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterFromHeaders(headers({}))).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 300 };
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(2, policy, () => 1)).toBe(200);
    expect(backoffDelayMs(5, policy, () => 1)).toBe(300);
  });
});

describe('pricing', () => {
  it('finds dated and deployment-style model ids by their longest known prefix', () => {
    expect(modelPrice('openai', 'gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(modelPrice('openai', 'gpt-4o-2024-08-06')).toEqual({ input: 2.5, output: 10 });
    expect(modelPrice('azure-openai', 'gpt-4.1-mini')).toEqual({ input: 0.4, output: 1.6 });
    expect(modelPrice('gemini', 'gemini-2.5-flash-lite')).toEqual({ input: 0.1, output: 0.4 });
  });

  it('costs nothing for local and unknown models rather than guessing', () => {
    expect(costUsd('local', 'soc-local-analyst-v1', { inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
    expect(costUsd('openai-compatible', 'llama3.1:8b', { inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
    expect(modelPrice('openai', 'gpt-5.4-mini')).toBeUndefined();
    expect(costUsd('anthropic', 'claude-haiku-4-5', { inputTokens: 1e6, outputTokens: 1e6 })).toBe(6);
  });
});

describe('parseAgentOutput', () => {
  it('accepts a bare object, a fenced one, and trims strings as the schema says', () => {
    expect(parseAgentOutput('SEVERITY_ASSESSOR', JSON.stringify(validSeverity))).toEqual({ ok: true, value: validSeverity });
    const fenced = parseAgentOutput('SEVERITY_ASSESSOR', `\`\`\`json\n${JSON.stringify({ ...validSeverity, rationale: '  padded  ' })}\n\`\`\``);
    expect(fenced).toEqual({ ok: true, value: { ...validSeverity, rationale: 'padded' } });
  });

  it('explains every schema problem by path', () => {
    const result = parseAgentOutput('SEVERITY_ASSESSOR', JSON.stringify({ severity: 'CRITICAL', score: 120, factors: [] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toContain('severity: Invalid option');
    expect(result.problem).toContain('score: Too big');
    expect(result.problem).toContain('rationale:');
  });
});

describe('redactSecrets', () => {
  it('removes known secrets and key-shaped strings, and shortens', () => {
    expect(redactSecrets('bad key my-secret-value here', ['my-secret-value'])).toBe('bad key [redacted] here');
    expect(redactSecrets('Incorrect API key provided: sk-abc***wxyz.', [])).toBe('Incorrect API key provided: [redacted]');
    expect(redactSecrets('x'.repeat(400), []).length).toBe(300);
  });
});
