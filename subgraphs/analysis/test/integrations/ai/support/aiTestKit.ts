import pino from 'pino';
import { Registry } from 'prom-client';
import type { ChatPromptData, IncidentContext, PipelinePromptData } from '../../../../src/agents';
import { createAIClient, type AIClient, type AIClientDeps, type ProviderSettings } from '../../../../src/integrations/ai';

/** A phishing incident as the incidents service would hand it to the pipeline. */
export function sampleIncident(overrides: Partial<IncidentContext> = {}): IncidentContext {
  return {
    id: 'inc-1',
    tenantId: 'contoso',
    number: 4711,
    title: 'Phishing email delivered to finance mailbox',
    description: 'A user reported an invoice email with a credential-harvesting link.',
    severity: 'MEDIUM',
    status: 'NEW',
    classification: null,
    labels: [],
    tactics: ['InitialAccess'],
    techniques: ['T1566.002'],
    providerName: 'Azure Sentinel',
    alertProductNames: ['Microsoft Defender for Office 365'],
    createdAt: '2025-05-01T08:00:00Z',
    alerts: [
      {
        displayName: 'Email messages containing malicious URL removed after delivery',
        description: null,
        severity: 'MEDIUM',
        productName: 'Microsoft Defender for Office 365',
        tactics: ['InitialAccess'],
        techniques: ['T1566.002'],
        timeGenerated: '2025-05-01T07:58:00Z',
      },
    ],
    entities: [
      { kind: 'MailMessage', friendlyName: 'Invoice 2025-118', properties: { p1Sender: 'billing@contoso-payments.example', senderIP: '203.0.113.7', urls: ['http://login.contoso-payments.example/'] } },
      { kind: 'Account', friendlyName: 'j.doe', properties: { upn: 'j.doe@contoso.example' } },
    ],
    comments: [],
    ...overrides,
  };
}

export function pipelineData(incident: IncidentContext = sampleIncident()): PipelinePromptData {
  return { incident, rawEmail: null, prior: {} };
}

export function chatData(question = 'What should I do first?'): ChatPromptData {
  return { incident: sampleIncident(), analysis: null, history: [], question };
}

export const validSeverity = { severity: 'HIGH', score: 82, rationale: 'Credential phishing reached a finance user.', factors: [{ name: 'delivered', weight: 30, detail: 'Message reached the inbox' }] };
export const validVerdict = {
  classification: 'TRUE_POSITIVE',
  confidence: 0.92,
  summary: 'Credential phishing from a lookalike domain.',
  evidence: ['Sender domain contoso-payments.example is a lookalike'],
  recommendedActions: ['Reset the password of j.doe'],
};

export const LOCAL: ProviderSettings = { provider: 'local', timeoutMs: 1_000, maxTokens: 1_000 };

export function hosted(provider: ProviderSettings['provider'], baseUrl: string, apiKey: string | undefined, extra: Partial<ProviderSettings> = {}): ProviderSettings {
  return { provider, baseUrl, ...(apiKey ? { apiKey } : {}), timeoutMs: 2_000, maxTokens: 1_000, ...extra };
}

/** Log lines a client wrote, to check what is (not) logged. */
export interface TestClient {
  client: AIClient;
  logs: string[];
  metrics: { registry: Registry };
}

/** A client with fast retries (backoff base 5 ms) and captured logs and metrics. */
export function testClient(deps: Partial<AIClientDeps> = {}): TestClient {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const metrics = { registry: new Registry() };
  const client = createAIClient({ logger, metrics, retry: { baseDelayMs: 5, maxDelayMs: 2_000 }, ...deps });
  return { client, logs, metrics };
}

export async function counterValue(metrics: { registry: Registry }, name: string, labels: Record<string, string>): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.filter((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val)).reduce((sum, v) => sum + v.value, 0);
}

/** The text of every message a recorded request sent (system included), whatever the wire format. */
export function requestText(body: any): string {
  return JSON.stringify(body);
}
