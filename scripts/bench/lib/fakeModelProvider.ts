/**
 * A fake OpenAI-compatible chat-completions endpoint with a fixed latency, for the analysis
 * benchmark: it answers each pipeline agent with a valid structured result (computed once by the
 * local analyst from a sample incident), after exactly `latencyMs`. Benchmark code, not product.
 */
import { createServer, type Server } from 'node:http';
import { PIPELINE_AGENTS, type IncidentContext, type PipelineAgent } from '../../../subgraphs/analysis/src/agents';
import { runLocalAgent } from '../../../subgraphs/analysis/src/integrations/ai/local';
import { AGENT_INSTRUCTIONS } from '../../../subgraphs/analysis/src/integrations/ai/prompts/agentPrompts';

const SAMPLE: IncidentContext = {
  id: 'bench',
  tenantId: 'bench',
  number: 1,
  title: 'Suspicious PowerShell download cradle on WS-0042',
  description: 'powershell.exe -enc ... downloaded a payload from hxxp://cdn-update[.]example/a.ps1',
  severity: 'HIGH',
  status: 'NEW',
  classification: null,
  labels: [],
  tactics: ['Execution'],
  techniques: ['T1059.001'],
  providerName: 'Azure Sentinel',
  alertProductNames: ['Microsoft Defender for Endpoint'],
  createdAt: new Date().toISOString(),
  alerts: [{ displayName: 'Suspicious PowerShell command line', description: null, severity: 'HIGH', productName: 'Microsoft Defender for Endpoint', tactics: ['Execution'], techniques: ['T1059.001'], timeGenerated: new Date().toISOString() }],
  entities: [{ kind: 'Host', friendlyName: 'WS-0042', properties: { hostName: 'WS-0042' } }],
  comments: [],
};

export interface FakeModelProvider {
  baseUrl: string;
  calls: number;
  stop(): Promise<void>;
}

export async function startFakeModelProvider(latencyMs: number): Promise<FakeModelProvider> {
  const answers = new Map<PipelineAgent, string>();
  const prior = {};
  for (const agent of PIPELINE_AGENTS) {
    const output = runLocalAgent(agent, { incident: SAMPLE, rawEmail: null, prior });
    Object.assign(prior, { [agent]: output });
    answers.set(agent, JSON.stringify(output));
  }
  const state = { calls: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      state.calls += 1;
      const request = JSON.parse(body || '{}') as { model?: string; messages?: Array<{ role: string; content: string }> };
      const system = request.messages?.find((m) => m.role === 'system')?.content ?? '';
      const agent = PIPELINE_AGENTS.find((name) => system.startsWith(AGENT_INSTRUCTIONS[name].system));
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-bench-${state.calls}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: request.model ?? 'bench-model',
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: agent ? answers.get(agent) : 'No agent recognised.' } }],
            usage: { prompt_tokens: 800, completion_tokens: 200, total_tokens: 1000 },
          }),
        );
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get calls() {
      return state.calls;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
