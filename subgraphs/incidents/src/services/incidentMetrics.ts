import type { FilterQuery } from 'mongoose';
import { badUserInput } from '@soc/server-kit';
import type { IncidentDoc, IncidentsModels } from '../models';
import type { IncidentStatus, Severity } from '../models/incidentRecord';

export const SEVERITIES: readonly Severity[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
export const STATUSES: readonly IncidentStatus[] = ['NEW', 'ACTIVE', 'CLOSED'];

/** The tenant's SLA targets as the tenants subgraph serves them (`@requires` on Tenant.sla). */
export interface SlaTargetsInput {
  high: string;
  medium: string;
  low: string;
  informational: string;
}

const DAY_MS = 86_400_000;
/** A dashboard asks for a year at most; longer ranges would scan a tenant's whole history. */
export const MAX_RANGE_DAYS = 366;
/** Breaches kept per request: the most `slaBreaches(first)` may ask for. */
export const MAX_BREACHES = 200;
export const DEFAULT_BREACHES = 50;

// Days, hours, minutes, seconds only: years and months have no fixed length. Same grammar the
// tenants file is validated with, so every configured target parses.
const DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO-8601 duration such as PT1H, P3D or P1DT12H. */
export function parseIsoDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match) throw new Error(`Invalid SLA target "${text}": expected an ISO-8601 duration of days, hours, minutes and seconds such as PT1H or P3D`);
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

export interface MetricsRange {
  since: Date;
  until: Date;
}

export function validateRange({ since, until }: MetricsRange): void {
  if (since.getTime() >= until.getTime()) throw badUserInput('since must be earlier than until', 'since');
  if (until.getTime() - since.getTime() > MAX_RANGE_DAYS * DAY_MS) throw badUserInput(`The range may span at most ${MAX_RANGE_DAYS} days`, 'until');
}

/** Every UTC day that [since, until) touches, YYYY-MM-DD, oldest first. */
export function daysOf({ since, until }: MetricsRange): string[] {
  const days: string[] = [];
  const last = new Date(until.getTime() - 1).toISOString().slice(0, 10);
  for (let day = Date.parse(since.toISOString().slice(0, 10)); ; day += DAY_MS) {
    const text = new Date(day).toISOString().slice(0, 10);
    days.push(text);
    if (text >= last) return days;
  }
}

export interface SeverityCount { severity: Severity; count: number }
export interface StatusCount { status: IncidentStatus; count: number }
export interface DayCount { day: string; count: number }

export interface Counts {
  total: number;
  bySeverity: SeverityCount[];
  byStatus: StatusCount[];
}

export interface SeverityResponseTimes {
  severity: Severity;
  meanTimeToAcknowledgeSeconds: number | null;
  meanTimeToResolveSeconds: number | null;
  slaTarget: string;
  breaches: number;
}

export interface SlaBreach {
  incidentId: string;
  dueAt: Date;
  overdueSeconds: number;
}

export interface Timings {
  responseTimes: SeverityResponseTimes[];
  /** Earliest due first; at most MAX_BREACHES. */
  breaches: SlaBreach[];
}

/** What the IncidentMetrics resolvers read; each part is computed once, and only when asked for. */
export interface IncidentMetricsSource {
  counts(): Promise<Counts>;
  byDay(): Promise<DayCount[]>;
  timings(): Promise<Timings>;
}

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}

interface GroupRow<K> { _id: K; count: number }

/** Counts per (severity, status) in one $group: both breakdowns and the total come from it. */
async function countGroups(models: IncidentsModels, match: FilterQuery<IncidentDoc> | null): Promise<Counts> {
  const rows = match
    ? await models.Incident.aggregate<GroupRow<{ severity: Severity; status: IncidentStatus }>>([
        { $match: match },
        { $group: { _id: { severity: '$severity', status: '$status' }, count: { $sum: 1 } } },
      ])
    : [];
  const sum = (keep: (row: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((total, row) => total + row.count, 0);
  return {
    total: sum(() => true),
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: sum((row) => row._id.severity === severity) })),
    byStatus: STATUSES.map((status) => ({ status, count: sum((row) => row._id.status === status) })),
  };
}

/** Counts per stored creation day (createdDay: no date operators needed), zero days filled in. */
async function countDays(models: IncidentsModels, match: FilterQuery<IncidentDoc> | null, range: MetricsRange): Promise<DayCount[]> {
  const rows = match
    ? await models.Incident.aggregate<GroupRow<string>>([{ $match: match }, { $group: { _id: '$createdDay', count: { $sum: 1 } } }])
    : [];
  const byDay = new Map(rows.map((row) => [row._id, row.count]));
  return daysOf(range).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}

type TimingRow = Pick<IncidentDoc, '_id' | 'severity' | 'createdAt' | 'acknowledgedAt' | 'closedAt'>;

interface SeverityTotals { ackCount: number; ackMs: number; resolveCount: number; resolveMs: number; breaches: number }

/** Breach of one incident: closed after its due time, or open and past it now. On time is not a breach. */
export function breachOf(row: TimingRow, targetMs: number, now: Date): SlaBreach | null {
  const dueAt = new Date(row.createdAt.getTime() + targetMs);
  const endedAt = row.closedAt ?? now;
  if (endedAt.getTime() <= dueAt.getTime()) return null;
  return { incidentId: row._id.toHexString(), dueAt, overdueSeconds: (endedAt.getTime() - dueAt.getTime()) / 1000 };
}

const byDueAt = (a: SlaBreach, b: SlaBreach) => a.dueAt.getTime() - b.dueAt.getTime() || a.incidentId.localeCompare(b.incidentId);

/**
 * MTTA, MTTR and SLA breaches in one streamed pass over the range's incidents, reading only the
 * timestamps: FerretDB 1.24 implements neither $avg nor $subtract in aggregations, so the
 * arithmetic cannot be pushed into the database portably.
 */
async function computeTimings(models: IncidentsModels, match: FilterQuery<IncidentDoc> | null, targets: Record<Severity, number>, sla: Record<Severity, string>, now: Date): Promise<Timings> {
  const totals = new Map<Severity, SeverityTotals>(SEVERITIES.map((s) => [s, { ackCount: 0, ackMs: 0, resolveCount: 0, resolveMs: 0, breaches: 0 }]));
  let breaches: SlaBreach[] = [];
  if (match) {
    const cursor = models.Incident.find(match, { severity: 1, createdAt: 1, acknowledgedAt: 1, closedAt: 1 }).lean<TimingRow[]>().cursor();
    for await (const row of cursor) {
      const total = totals.get(row.severity);
      if (!total) continue; // a severity outside the enum: not counted rather than mis-filed
      const created = row.createdAt.getTime();
      // Clamped at zero: a lifecycle time before creation (clock skew at the source) is not a negative delay.
      if (row.acknowledgedAt) { total.ackCount += 1; total.ackMs += Math.max(0, row.acknowledgedAt.getTime() - created); }
      if (row.closedAt) { total.resolveCount += 1; total.resolveMs += Math.max(0, row.closedAt.getTime() - created); }
      const breach = breachOf(row, targets[row.severity], now);
      if (!breach) continue;
      total.breaches += 1;
      breaches.push(breach);
      // Keep memory bounded on large ranges: only the earliest-due MAX_BREACHES can be asked for.
      if (breaches.length > 4 * MAX_BREACHES) breaches = breaches.sort(byDueAt).slice(0, MAX_BREACHES);
    }
  }
  return {
    responseTimes: SEVERITIES.map((severity) => {
      const t = totals.get(severity)!;
      return {
        severity,
        meanTimeToAcknowledgeSeconds: t.ackCount ? t.ackMs / t.ackCount / 1000 : null,
        meanTimeToResolveSeconds: t.resolveCount ? t.resolveMs / t.resolveCount / 1000 : null,
        slaTarget: sla[severity],
        breaches: t.breaches,
      };
    }),
    breaches: breaches.sort(byDueAt).slice(0, MAX_BREACHES),
  };
}

/**
 * Metrics over the incidents created in [since, until). `tenantId` null (the tenant asked about is
 * not the active one) gives the same shape with nothing counted, without touching the database.
 * The match uses the {tenantId, createdAt} index.
 */
export function incidentMetrics(models: IncidentsModels, tenantId: string | null, range: MetricsRange, slaTargets: SlaTargetsInput, now = new Date()): IncidentMetricsSource {
  validateRange(range);
  const sla: Record<Severity, string> = { HIGH: slaTargets.high, MEDIUM: slaTargets.medium, LOW: slaTargets.low, INFORMATIONAL: slaTargets.informational };
  const targets = Object.fromEntries(SEVERITIES.map((s) => [s, parseIsoDuration(sla[s])])) as Record<Severity, number>;
  const match: FilterQuery<IncidentDoc> | null = tenantId === null ? null : { tenantId, createdAt: { $gte: range.since, $lt: range.until } };
  return {
    counts: once(() => countGroups(models, match)),
    byDay: once(() => countDays(models, match, range)),
    timings: once(() => computeTimings(models, match, targets, sla, now)),
  };
}

export function breachLimit(first: number | null | undefined): number {
  const limit = first ?? DEFAULT_BREACHES;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_BREACHES) throw badUserInput(`first must be between 0 and ${MAX_BREACHES}`, 'first');
  return limit;
}
