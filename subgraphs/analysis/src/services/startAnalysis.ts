import { badUserInput, notFound, type ServiceCaller } from '@soc/server-kit';
import { Types, type Model } from 'mongoose';
import { hasMailEvidence, PIPELINE_AGENTS } from '../agents';
import type { AgentStageDoc, AnalysisDoc } from '../models';
import { readIncident } from './incidentReader';
import type { RunQueue } from './pipeline/runQueue';

export interface AnalyzeOptions {
  rawEmail?: string | null;
  bypassCache?: boolean | null;
}

const MAX_RAW_EMAIL = 1_000_000;

/** A stage that has not run yet. */
export const pendingStage = (agent: AgentStageDoc['agent']): AgentStageDoc => ({
  agent,
  status: 'PENDING',
  provider: null,
  model: null,
  promptVersion: null,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  attempts: 0,
  cached: false,
  fallbacks: [],
  error: null,
});

/** Creates a QUEUED analysis of a tenant's incident and hands it to the run queue. */
export async function startAnalysis(
  deps: { analyses: Model<AnalysisDoc>; callService: ServiceCaller; queue: RunQueue },
  tenantId: string,
  requestedBy: string,
  incidentId: string,
  options: AnalyzeOptions = {},
): Promise<AnalysisDoc> {
  if (options.rawEmail && options.rawEmail.length > MAX_RAW_EMAIL) throw badUserInput('options.rawEmail must be at most 1 MB', 'options.rawEmail');
  // The incidents service decides whether the incident exists for this tenant.
  const incident = await readIncident(deps.callService, tenantId, incidentId);
  if (!incident) throw notFound('Incident');
  const doc = await deps.analyses.create({
    _id: new Types.ObjectId(),
    tenantId,
    incidentId,
    incidentSummary: { number: incident.number, title: incident.title, severity: incident.severity },
    status: 'QUEUED',
    // Known now, so the first snapshot already shows it: no mail, nothing for the email verifier.
    stages: PIPELINE_AGENTS.map((agent) =>
      agent === 'EMAIL_VERIFIER' && !hasMailEvidence(incident, options.rawEmail) ? { ...pendingStage(agent), status: 'SKIPPED' as const } : pendingStage(agent),
    ),
    results: {},
    verdict: null,
    seq: 0,
    requestedBy,
    rawEmail: options.rawEmail ?? null,
    bypassCache: options.bypassCache ?? false,
    error: null,
    leaseUntil: null,
    claim: 0,
    eventPending: false,
    createdAt: new Date(),
    startedAt: null,
    completedAt: null,
  });
  await deps.queue.enqueue(doc._id.toHexString());
  return doc.toObject();
}
