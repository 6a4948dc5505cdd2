import type {
  SentinelAlert,
  SentinelAlertStatus,
  SentinelComment,
  SentinelEntity,
  SentinelIncident,
  SentinelIncidentLabel,
  SentinelIncidentOwner,
  SentinelIncidentStatus,
} from '../integrations/sentinel/types';
import { buildDemoAlert } from './buildDemoAlert';
import { DemoEntities } from './demoEntities';
import {
  createDemoTenant,
  createPerson,
  externalIp,
  FOREIGN_LOCATIONS,
  internalIp,
  serverName,
  workstationName,
  type DemoPerson,
  type DemoTenant,
} from './demoTenant';
import { createRng, hashString, type Rng } from './prng';
import { SCENARIOS } from './scenarios/allScenarios';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenarios/scenario';

export interface DemoIncidentOptions {
  tenantId: string;
  count: number;
  seed: number;
  /** Incidents are spread over the 30 days before this instant. */
  now: Date;
  /** Incident number of the first incident; defaults to 1. */
  startNumber?: number;
  /** Log Analytics workspace ARM id the resource ids live under. */
  workspaceResourceId?: string;
}

/** One incident with what Sentinel's alerts, entities and comments endpoints return for it. */
export interface DemoIncident {
  incident: SentinelIncident;
  alerts: SentinelAlert[];
  entities: SentinelEntity[];
  comments: SentinelComment[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Status mix of a working SOC: most incidents open, about a quarter closed. */
const STATUS_WEIGHTS: ReadonlyArray<readonly [SentinelIncidentStatus, number]> = [
  ['New', 45],
  ['Active', 30],
  ['Closed', 25],
];

/** Alerts of closed incidents are resolved with them; open ones keep their own state. */
const ALERT_STATUS: Record<SentinelIncidentStatus, SentinelAlertStatus> = { New: 'New', Active: 'InProgress', Closed: 'Resolved' };

const UNASSIGNED: SentinelIncidentOwner = { objectId: null, email: null, userPrincipalName: null, assignedTo: null, ownerType: 'Unknown' };

/**
 * Sentinel-shaped demo incidents for a tenant, modelled on real SecurityAlert data. Deterministic:
 * the same options always give the same incidents (all randomness comes from the seed and tenant id).
 */
export function generateDemoIncidents(options: DemoIncidentOptions): DemoIncident[] {
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error(`count must be a non-negative integer, got ${options.count}`);
  const now = options.now.getTime();
  if (Number.isNaN(now)) throw new Error('now must be a valid Date');
  const rng = createRng((options.seed ^ hashString(options.tenantId)) >>> 0);
  const tenant = createDemoTenant(
    options.tenantId,
    options.workspaceResourceId ??
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/soc-demo/providers/Microsoft.OperationalInsights/workspaces/${options.tenantId}-workspace`,
    rng,
  );
  // Creation times ascend with the incident number, as in a real workspace. The earliest leaves room
  // for the attack window before it, so no activity falls outside the 30 days.
  const createdTimes = Array.from({ length: options.count }, () => now - rng.int(15 * MINUTE, 30 * DAY - 8 * HOUR)).sort((a, b) => a - b);
  const startNumber = options.startNumber ?? 1;
  return createdTimes.map((created, index) => generateIncident(tenant, rng, startNumber + index, created, now));
}

function generateIncident(tenant: DemoTenant, rng: Rng, number: number, created: number, now: number): DemoIncident {
  const scenario = rng.weighted(SCENARIOS.map((s) => [s, s.weight] as const));
  const lastActivity = created - rng.int(5, 90) * MINUTE;
  const firstActivity = lastActivity - rng.int(1, 360) * MINUTE;
  const entities = new DemoEntities(tenant, rng);
  const outcome = scenario.build(scenarioContext(tenant, rng, entities, firstActivity, lastActivity));

  const status = rng.weighted(STATUS_WEIGHTS);
  const handlingMinutes = { New: rng.int(0, 30), Active: rng.int(30, 3 * 24 * 60), Closed: rng.int(60, 5 * 24 * 60) }[status];
  const lastModified = Math.min(now, created + handlingMinutes * MINUTE);
  const owner = status === 'New' ? null : rng.pick(tenant.analysts);
  const verdict = status === 'Closed' ? rng.weighted(outcome.verdicts.map((v) => [v, v.weight] as const)) : undefined;

  const name = rng.guid();
  const id = `${tenant.workspaceResourceId}/providers/Microsoft.SecurityInsights/incidents/${name}`;
  const ruleName = scenario.ruleName ?? ruleGuid(tenant, scenario);
  const span = lastActivity - firstActivity;
  const alerts = outcome.alerts.map((draft, i, all) =>
    buildDemoAlert(
      draft,
      {
        start: new Date(firstActivity + Math.round((span * i) / all.length)),
        end: new Date(i === all.length - 1 ? lastActivity : firstActivity + Math.round((span * (i + 1)) / all.length)),
        status: ALERT_STATUS[status],
        ruleName,
      },
      tenant,
      rng,
    ),
  );
  const comments = owner ? demoComments(outcome, owner, tenant, rng, id, created, lastModified, status) : [];

  const incident: SentinelIncident = {
    id,
    name,
    type: 'Microsoft.SecurityInsights/incidents',
    etag: `"${rng.hex(8)}-0000-0${rng.hex(3)}-0000-${rng.hex(12)}"`,
    properties: {
      title: outcome.title,
      description: outcome.description,
      severity: outcome.severity,
      status,
      ...(verdict
        ? { classification: verdict.classification, classificationReason: verdict.reason, classificationComment: verdict.comment }
        : {}),
      owner: owner
        ? { objectId: owner.objectId, email: owner.upn, userPrincipalName: owner.upn, assignedTo: owner.displayName, ownerType: 'User' }
        : UNASSIGNED,
      labels: demoLabels(outcome, status, rng),
      incidentNumber: number,
      providerName: 'Azure Sentinel',
      providerIncidentId: String(number),
      incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${id}`,
      firstActivityTimeUtc: new Date(firstActivity).toISOString(),
      lastActivityTimeUtc: new Date(lastActivity).toISOString(),
      createdTimeUtc: new Date(created).toISOString(),
      lastModifiedTimeUtc: new Date(lastModified).toISOString(),
      relatedAnalyticRuleIds: [`${tenant.workspaceResourceId}/providers/Microsoft.SecurityInsights/alertRules/${ruleName}`],
      additionalData: {
        alertsCount: alerts.length,
        bookmarksCount: 0,
        commentsCount: comments.length,
        alertProductNames: [...new Set(alerts.map((alert) => alert.properties.productName))],
        tactics: [...new Set(alerts.flatMap((alert) => alert.properties.tactics))],
        techniques: [...new Set(alerts.flatMap((alert) => alert.properties.techniques ?? []))],
      },
    },
  };
  return { incident, alerts, entities: entities.list(), comments };
}

function scenarioContext(tenant: DemoTenant, rng: Rng, entities: DemoEntities, firstActivity: number, lastActivity: number): ScenarioContext {
  return {
    rng,
    tenant,
    entities,
    at: (fraction) => new Date(firstActivity + Math.round((lastActivity - firstActivity) * fraction)),
    person: () => createPerson(tenant, rng),
    workstation: () => workstationName(tenant, rng),
    server: (role) => serverName(tenant, role, rng),
    externalIp: () => externalIp(rng),
    internalIp: () => internalIp(rng),
    foreignLocation: () => rng.pick(FOREIGN_LOCATIONS),
  };
}

/** Each scenario is raised by one analytics rule per tenant, so its id is stable across seeds. */
function ruleGuid(tenant: DemoTenant, scenario: Scenario): string {
  return createRng(hashString(`${tenant.tenantId}/${scenario.key}`)).guid();
}

/** Automation-rule labels, plus an analyst's Escalated tag on some high-severity cases being worked. */
function demoLabels(outcome: ScenarioOutcome, status: SentinelIncidentStatus, rng: Rng): SentinelIncidentLabel[] {
  const names = [...outcome.labels];
  if (outcome.severity === 'High' && status !== 'New' && rng.chance(0.4)) names.push('Escalated');
  return [...new Set(names)].map((labelName) => ({ labelName, labelType: labelName === 'Escalated' ? 'User' : 'AutoAssigned' }));
}

/** The owner's investigation notes (a colleague sometimes chips in), spread between creation and the last change. */
function demoComments(
  outcome: ScenarioOutcome,
  owner: DemoPerson,
  tenant: DemoTenant,
  rng: Rng,
  incidentId: string,
  created: number,
  lastModified: number,
  status: SentinelIncidentStatus,
): SentinelComment[] {
  const available = outcome.workNotes.length;
  const count = status === 'Closed' ? rng.int(1, available) : rng.int(0, Math.min(2, available));
  const times = Array.from({ length: count }, () => rng.int(created, lastModified)).sort((a, b) => a - b);
  return outcome.workNotes.slice(0, count).map((message, i) => {
    const author = rng.chance(0.25) ? rng.pick(tenant.analysts) : owner;
    const name = rng.guid();
    const at = new Date(times[i] ?? lastModified).toISOString();
    return {
      id: `${incidentId}/comments/${name}`,
      name,
      type: 'Microsoft.SecurityInsights/incidents/comments',
      etag: `${rng.hex(8)}-0000-0${rng.hex(3)}-0000-${rng.hex(12)}`,
      properties: {
        message,
        createdTimeUtc: at,
        lastModifiedTimeUtc: at,
        author: { objectId: author.objectId, email: author.upn, userPrincipalName: author.upn, name: author.displayName },
      },
    };
  });
}
