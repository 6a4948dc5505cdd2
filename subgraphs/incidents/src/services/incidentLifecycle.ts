import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { authorize, badUserInput, ErrorCode, findByIdInScope, notFound, platformError, type RequestContext, updateByIdIf } from '@soc/server-kit';
import { deriveIncidentFields, type IncidentDoc, type IncidentsModels, type TimelineEntry, type WriteBackRecord } from '../models';
import type { Classification, CommentRecord, IncidentStatus, Severity } from '../models/incidentRecord';
import { enqueueWriteBack } from './sentinelWriteBack';
import { enqueueIncidentEvent } from '../events/incidentEventRelay';
import { CLASSIFICATION_REASONS, SENTINEL_CLASSIFICATION, SENTINEL_SEVERITY, SENTINEL_STATUS } from '../integrations/sentinel/toSentinel';

export interface UpdateIncidentInput {
  status?: IncidentStatus | null;
  ownerEmail?: string | null;
  severity?: Severity | null;
  classification?: Classification | null;
  classificationReason?: string | null;
  classificationComment?: string | null;
  labels?: string[] | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const MAX_LABELS = 50;
const MAX_COMMENT = 30_000;
const MAX_ATTEMPTS_ON_RACE = 3;

/** Who a change is attributed to on the timeline. */
export function actorOf(context: RequestContext): string {
  const { principal } = context;
  return principal.email ?? `${principal.kind === 'apiClient' ? 'api-client' : principal.kind}:${principal.id}`;
}

type Change = { field: string; from: string | null; to: string | null };

/** A change to an incident as Sentinel properties: what to set, and what we believed before. */
function sentinelUpdate(before: IncidentDoc, after: Partial<IncidentDoc>, changes: Change[]): WriteBackRecord['payload'] {
  const set: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  const merged = { ...before, ...after };
  const setClassification = () => {
    set.classification = merged.classification ? SENTINEL_CLASSIFICATION[merged.classification] : null;
    set.classificationReason = merged.classificationReason ?? null;
    set.classificationComment = merged.classificationComment ?? null;
    base.classification = before.classification ? SENTINEL_CLASSIFICATION[before.classification] : null;
  };
  for (const { field } of changes) {
    if (field === 'status') {
      set.status = SENTINEL_STATUS[merged.status];
      base.status = SENTINEL_STATUS[before.status];
      // Sentinel closes an incident only together with its classification.
      if (merged.status === 'CLOSED') setClassification();
    } else if (field === 'classification') {
      setClassification();
    } else if (field === 'severity') {
      set.severity = SENTINEL_SEVERITY[merged.severity];
      base.severity = SENTINEL_SEVERITY[before.severity];
    } else if (field === 'owner') {
      set.owner = merged.owner ? { email: merged.owner.email, userPrincipalName: merged.owner.userPrincipalName } : { email: null, userPrincipalName: null, objectId: null, assignedTo: null };
      base.ownerKey = before.ownerKey;
    } else if (field === 'labels') {
      set.labels = merged.labels.map((labelName) => ({ labelName, labelType: 'User' }));
      base.labels = before.labels;
    }
  }
  return { set, base };
}

function newWriteBack(incident: IncidentDoc, kind: WriteBackRecord['kind'], payload: WriteBackRecord['payload'], actor: string): WriteBackRecord {
  const now = new Date();
  // Incidents that did not come from Sentinel have nothing to write back to.
  const toSentinel = incident.source === 'SENTINEL';
  return {
    _id: new Types.ObjectId(),
    kind,
    payload,
    status: toSentinel ? 'PENDING' : 'SKIPPED',
    attempts: 0,
    lastError: toSentinel ? null : `the incident came from ${incident.source.toLowerCase()}, not from a Sentinel workspace`,
    nextAttemptAt: toSentinel ? now : null,
    createdAt: now,
    deliveredAt: null,
    actor,
  };
}

function validate(input: UpdateIncidentInput, incident: IncidentDoc): void {
  if (input.ownerEmail && !EMAIL.test(input.ownerEmail.trim())) throw badUserInput('ownerEmail must be an email address or user principal name, or "" to unassign', 'input.ownerEmail');
  if (input.labels) {
    if (input.labels.length > MAX_LABELS) throw badUserInput(`at most ${MAX_LABELS} labels`, 'input.labels');
    if (input.labels.some((l) => l.trim().length === 0 || l.length > 128)) throw badUserInput('labels must be 1-128 characters', 'input.labels');
  }
  const status = input.status ?? incident.status;
  const classification = input.classification ?? (input.status && input.status !== 'CLOSED' ? null : incident.classification);
  if (input.classification && status !== 'CLOSED') throw badUserInput('a classification is set when closing: send status CLOSED with it', 'input.classification');
  if (status === 'CLOSED' && !classification) throw badUserInput('closing an incident requires a classification', 'input.classification');
  if (input.classificationReason) {
    const allowed = CLASSIFICATION_REASONS[input.classificationReason as keyof typeof CLASSIFICATION_REASONS];
    if (!allowed) throw badUserInput(`classificationReason must be one of ${Object.keys(CLASSIFICATION_REASONS).join(', ')}`, 'input.classificationReason');
    if (classification && !allowed.includes(classification)) throw badUserInput(`classificationReason ${input.classificationReason} does not go with ${classification}`, 'input.classificationReason');
  }
  if (input.classificationComment && input.classificationComment.length > MAX_COMMENT) throw badUserInput(`classificationComment is longer than ${MAX_COMMENT} characters`, 'input.classificationComment');
}

/** The new state and the changes an input makes, or no changes when it repeats the current state. */
function applyInput(incident: IncidentDoc, input: UpdateIncidentInput, now: Date): { set: Partial<IncidentDoc>; changes: Change[] } {
  const set: Partial<IncidentDoc> = {};
  const changes: Change[] = [];
  if (input.status && input.status !== incident.status) {
    set.status = input.status;
    changes.push({ field: 'status', from: incident.status, to: input.status });
    if (input.status === 'CLOSED') set.closedAt = now;
    if (incident.status === 'CLOSED') {
      // Reopening drops the old conclusion.
      Object.assign(set, { closedAt: null, classification: null, classificationReason: null, classificationComment: null });
      if (incident.classification) changes.push({ field: 'classification', from: incident.classification, to: null });
    }
  }
  if (input.severity && input.severity !== incident.severity) {
    set.severity = input.severity;
    changes.push({ field: 'severity', from: incident.severity, to: input.severity });
  }
  if (input.ownerEmail !== undefined && input.ownerEmail !== null) {
    const email = input.ownerEmail.trim().toLowerCase();
    if (email !== incident.ownerKey) {
      set.owner = email ? { objectId: null, email, userPrincipalName: email, assignedTo: null } : null;
      changes.push({ field: 'owner', from: incident.ownerKey || null, to: email || null });
    }
  }
  if (input.classification && input.classification !== incident.classification) {
    Object.assign(set, { classification: input.classification, classificationReason: input.classificationReason ?? null, classificationComment: input.classificationComment ?? null });
    changes.push({ field: 'classification', from: incident.classification, to: input.classification });
  }
  if (input.labels) {
    const labels = [...new Set(input.labels.map((l) => l.trim()))];
    if (labels.join('\n') !== incident.labels.join('\n')) {
      set.labels = labels;
      changes.push({ field: 'labels', from: incident.labels.join(', ') || null, to: labels.join(', ') || null });
    }
  }
  const status = set.status ?? incident.status;
  const owner = set.owner !== undefined ? set.owner : incident.owner;
  if (!incident.acknowledgedAt && (status !== 'NEW' || owner?.email)) set.acknowledgedAt = now;
  return { set, changes };
}

async function loadIncident(models: IncidentsModels, tenantId: string, id: string): Promise<IncidentDoc> {
  const incident = await findByIdInScope<IncidentDoc>(models.Incident, id, { tenantId });
  if (!incident) throw notFound('Incident');
  return incident as IncidentDoc;
}

/**
 * Writes a change conditionally on the revision it was computed from; on a concurrent write
 * (e.g. the Sentinel sync) it recomputes from the fresh document.
 */
async function writeWithRevision(
  models: IncidentsModels,
  tenantId: string,
  id: string,
  compute: (incident: IncidentDoc) => Partial<IncidentDoc> | null,
): Promise<IncidentDoc> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS_ON_RACE; attempt += 1) {
    const incident = await loadIncident(models, tenantId, id);
    const set = compute(incident);
    if (!set) return incident;
    const updated = await updateByIdIf(models.Incident, incident._id, { tenantId, rev: incident.rev }, { $set: set, $inc: { rev: 1 } });
    if (updated) {
      await enqueueIncidentEvent(models, incident._id);
      return updated as IncidentDoc;
    }
  }
  throw platformError(ErrorCode.CONFLICT, 'The incident is changing too fast; try again');
}

export async function updateIncident(models: IncidentsModels, context: RequestContext, id: string, input: UpdateIncidentInput): Promise<IncidentDoc> {
  const tenantId = authorize(context, 'incidents:write');
  return applyIncidentUpdate(models, { tenantId, actor: actorOf(context), source: 'ANALYST' }, id, input);
}

/** Who changes an incident, for the timeline and the Sentinel write-back. */
export interface ChangeAuthor {
  tenantId: string;
  actor: string;
  source: TimelineEntry['source'];
  email?: string | null;
}

/** The analyst's change, or the AI's under the tenant's policy: validated, recorded, written back. */
export async function applyIncidentUpdate(models: IncidentsModels, author: ChangeAuthor, id: string, input: UpdateIncidentInput): Promise<IncidentDoc> {
  const { tenantId, actor, source } = author;
  const updated = await writeWithRevision(models, tenantId, id, (incident) => {
    validate(input, incident);
    const now = new Date();
    const { set, changes } = applyInput(incident, input, now);
    if (changes.length === 0) return null;
    const note = input.classificationComment?.trim() || null;
    const entries: TimelineEntry[] = changes.map((c) => ({ at: now, actor, source, ...c, note: c.field === 'classification' ? note : null }));
    const writeBack = newWriteBack(incident, 'INCIDENT_UPDATE', sentinelUpdate(incident, set, changes), actor);
    const merged = { ...incident, ...set };
    return {
      ...set,
      ownerKey: deriveIncidentFields(merged).ownerKey,
      updatedAt: now,
      timeline: [...incident.timeline, ...entries],
      writeBacks: [...incident.writeBacks, writeBack],
      hasPendingWriteBack: incident.hasPendingWriteBack || writeBack.status === 'PENDING',
    };
  });
  if (updated.hasPendingWriteBack) await enqueueWriteBack(models, updated);
  return updated;
}

export async function addIncidentComment(models: IncidentsModels, context: RequestContext, id: string, message: string): Promise<CommentRecord> {
  const tenantId = authorize(context, 'incidents:write');
  return appendIncidentComment(models, { tenantId, actor: actorOf(context), source: 'ANALYST', email: context.principal.email }, id, message);
}

/** `commentId` makes a repeat (e.g. a redelivered event) a no-op that returns the existing comment. */
export async function appendIncidentComment(models: IncidentsModels, author: ChangeAuthor, id: string, message: string, commentId: string = randomUUID()): Promise<CommentRecord> {
  const { tenantId, actor, source } = author;
  const text = message.trim();
  if (!text) throw badUserInput('the comment is empty', 'message');
  if (text.length > MAX_COMMENT) throw badUserInput(`the comment is longer than ${MAX_COMMENT} characters`, 'message');
  const comment: CommentRecord = { commentId, message: text, authorName: actor, authorEmail: author.email ?? null, createdAt: new Date() };
  let existing: CommentRecord | undefined;
  const updated = await writeWithRevision(models, tenantId, id, (incident) => {
    existing = incident.comments.find((c) => c.commentId === commentId);
    if (existing) return null;
    const writeBack = newWriteBack(incident, 'COMMENT', { commentId: comment.commentId, message: text }, actor);
    return {
      comments: [...incident.comments, comment],
      updatedAt: comment.createdAt,
      timeline: [...incident.timeline, { at: comment.createdAt, actor, source, field: 'comment', from: null, to: null, note: text }],
      writeBacks: [...incident.writeBacks, writeBack],
      hasPendingWriteBack: incident.hasPendingWriteBack || writeBack.status === 'PENDING',
    };
  });
  if (updated.hasPendingWriteBack) await enqueueWriteBack(models, updated);
  return existing ?? comment;
}
