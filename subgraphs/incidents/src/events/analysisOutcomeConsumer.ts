import { loadTenantsFile, type DomainEvent, type EventSubscription, type TenantConfig } from '@soc/server-kit';
import type { Logger } from 'pino';
import type { IncidentsModels } from '../models';
import type { Classification } from '../models/incidentRecord';
import { appendIncidentComment, applyIncidentUpdate, type ChangeAuthor } from '../services/incidentLifecycle';

interface AnalysisCompletedPayload {
  incidentId: string;
  analysisId: string;
  verdict: { classification: Classification; confidence: number; summary: string };
  reportSummary: string;
}

const AI_ACTOR = 'AI analyst';
/** Sentinel takes a classification only when closing; the AI closes only what it finds harmless. */
const AUTO_CLOSE_REASON: Partial<Record<Classification, string>> = { FALSE_POSITIVE: 'IncorrectAlertLogic', BENIGN_POSITIVE: 'SuspiciousButExpected' };

/**
 * Applies `analysis.completed` to the incident under the tenant's write-back policy (tenants.json
 * `writeBack`): a summary comment when `comment` is on; closing with the classification only when
 * `autoClassify` is enabled, the confidence reaches its minimum, and the verdict is a false or
 * benign positive. The model's output decides nothing else. Both writes are idempotent per analysis.
 */
export function analysisOutcomeSubscription(models: IncidentsModels, tenantsFile: string | undefined, logger: Logger): EventSubscription {
  const policies = new Map<string, TenantConfig['writeBack']>((tenantsFile ? loadTenantsFile(tenantsFile).tenants : []).map((t) => [t.id, t.writeBack]));
  return {
    producer: 'analysis',
    types: ['analysis.completed'],
    async handle(event: DomainEvent) {
      const payload = event.payload as unknown as AnalysisCompletedPayload;
      const policy = policies.get(event.tenantId);
      if (!policy) return;
      const author: ChangeAuthor = { tenantId: event.tenantId, actor: AI_ACTOR, source: 'AI' };
      try {
        if (policy.comment) {
          await appendIncidentComment(models, author, payload.incidentId, `AI analysis ${payload.analysisId}\n${payload.reportSummary}`.slice(0, 30_000), `ai-${payload.analysisId}`);
        }
        const reason = AUTO_CLOSE_REASON[payload.verdict.classification];
        if (policy.autoClassify.enabled && reason && payload.verdict.confidence >= policy.autoClassify.minConfidence) {
          await applyIncidentUpdate(models, author, payload.incidentId, {
            status: 'CLOSED',
            classification: payload.verdict.classification,
            classificationReason: reason,
            classificationComment: `Closed by the AI analyst (confidence ${Math.round(payload.verdict.confidence * 100)}%): ${payload.verdict.summary}`.slice(0, 1000),
          });
        }
      } catch (error) {
        // A deleted incident or one closed meanwhile: nothing to apply; anything else is retried.
        if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') {
          logger.info({ analysisId: payload.analysisId }, 'analysis outcome for an incident that no longer exists');
          return;
        }
        throw error;
      }
    },
  };
}
