import { PIPELINE_AGENTS, agentOutputSchemas } from '../../../src/agents';
import { LOCAL, chatData, counterValue, pipelineData, testClient } from './support/aiTestKit';

describe('callAI with the local analyst', () => {
  it.each(PIPELINE_AGENTS)('answers %s offline with schema-valid output, free, with estimated tokens', async (agent) => {
    const { client, metrics } = testClient();

    const result = await client.callAI(agent, pipelineData(), { tenantId: 'contoso', settings: LOCAL, fallback: [LOCAL] });

    expect(agentOutputSchemas[agent].safeParse(result.output).success).toBe(true);
    expect(result).toMatchObject({ provider: 'local', model: 'soc-local-analyst-v1', costUsd: 0, attempts: 1, failures: [] });
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(await counterValue(metrics, 'ai_calls_total', { provider: 'local', agent, outcome: 'success' })).toBe(1);
  });

  it('streams its chat answer through onToken', async () => {
    const { client } = testClient();
    const tokens: string[] = [];

    const result = await client.callAI('CHAT_ASSISTANT', chatData('Which account is affected?'), { tenantId: 'contoso', settings: LOCAL, fallback: [], onToken: (t) => tokens.push(t) });

    expect(result.provider).toBe('local');
    expect(result.output.length).toBeGreaterThan(0);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe(result.output);
  });
});
