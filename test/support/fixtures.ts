import { Types } from 'mongoose';
import type { TestStack } from './stack';

/**
 * Analyses and notifications for incidents, written straight into those services' databases:
 * the APIs that create them belong to later capabilities; these tests read them.
 */
export async function addAnalysis(stack: TestStack, tenantId: string, incidentId: string, status = 'COMPLETED') {
  const [id] = await addAnalyses(stack, tenantId, [incidentId], status);
  return id!;
}

export async function addAnalyses(stack: TestStack, tenantId: string, incidentIds: string[], status = 'COMPLETED'): Promise<string[]> {
  const rows = incidentIds.map((incidentId) => ({
    _id: new Types.ObjectId(),
    tenantId,
    incidentId,
    status,
    stages: [{ agent: 'VERDICT_GENERATOR', status: 'COMPLETED', provider: 'local', model: 'local-analyst', startedAt: new Date(), finishedAt: new Date(), error: null }],
    verdict: { classification: 'TRUE_POSITIVE', confidence: 0.91, summary: 'Credential phishing', evidence: ['SPF fail'], recommendedActions: ['Reset password'] },
    createdAt: new Date(),
    completedAt: new Date(),
  }));
  await (await stack.database('analysis')).collection('analyses').insertMany(rows);
  return rows.map((row) => row._id.toHexString());
}

export async function addNotification(stack: TestStack, tenantId: string, incidentId: string, recipient = 'soc@example.test') {
  const [id] = await addNotifications(stack, tenantId, [incidentId], recipient);
  return id!;
}

export async function addNotifications(stack: TestStack, tenantId: string, incidentIds: string[], recipient = 'soc@example.test'): Promise<string[]> {
  const rows = incidentIds.map((incidentId) => ({
    _id: new Types.ObjectId(),
    tenantId,
    incidentId,
    channel: 'EMAIL',
    recipient,
    subject: 'Incident report',
    status: 'SENT',
    attempts: 1,
    lastError: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  await (await stack.database('notifications')).collection('notifications').insertMany(rows);
  return rows.map((row) => row._id.toHexString());
}

export async function incidentIds(stack: TestStack, tenantId: string): Promise<string[]> {
  const rows = await (await stack.database('incidents')).collection('incidents').find({ tenantId }, { projection: { _id: 1 } }).sort({ createdAt: -1 }).toArray();
  return rows.map((row) => String(row._id));
}
