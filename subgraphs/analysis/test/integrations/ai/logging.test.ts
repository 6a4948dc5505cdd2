import { FakeAnthropic } from '../../fakes/fakeAnthropic';
import { LOCAL, hosted, pipelineData, sampleIncident, testClient, validVerdict } from './support/aiTestKit';

describe('what callAI logs', () => {
  const fake = new FakeAnthropic('sk-ant-live-SECRETSECRET-1234');
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('logs provider, agent, model, attempt, outcome and duration, never keys or prompt content', async () => {
    const { client, logs } = testClient();
    const incident = sampleIncident({ title: 'TITLE-MARKER-7f3a confidential merger mailbox' });
    fake.script({ kind: 'serverError' }, { kind: 'json', value: { nope: true } }, { kind: 'json', value: validVerdict });

    await client.callAI('VERDICT_GENERATOR', pipelineData(incident), { tenantId: 'contoso', settings: hosted('anthropic', fake.baseUrl, fake.apiKey), fallback: [LOCAL] });
    await client.callAI('VERDICT_GENERATOR', pipelineData(incident), {
      tenantId: 'contoso',
      settings: hosted('anthropic', fake.baseUrl, 'sk-ant-wrong-SECRET-5678'),
      fallback: [LOCAL],
      bypassCache: true,
    });

    const lines = logs.map((line) => JSON.parse(line));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agent: 'VERDICT_GENERATOR', provider: 'anthropic', model: 'claude-haiku-4-5', attempt: 1, kind: 'SERVER', msg: 'AI request failed; retrying' }),
        expect.objectContaining({ agent: 'VERDICT_GENERATOR', provider: 'anthropic', attempts: 3, outcome: 'success', durationMs: expect.any(Number) }),
        expect.objectContaining({ provider: 'anthropic', outcome: 'AUTH' }),
        expect.objectContaining({ provider: 'local', outcome: 'success' }),
      ]),
    );
    const all = logs.join('\n');
    for (const secret of ['SECRETSECRET', 'sk-ant-wrong-SECRET-5678', 'TITLE-MARKER-7f3a', 'INCIDENT_DATA', 'You are the senior analyst']) {
      expect(all).not.toContain(secret);
    }
  });
});
