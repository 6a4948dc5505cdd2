import { z } from 'zod';
import type { SentinelIncidentRelated } from '../integrations/sentinel/mapSentinelIncident';
import { sentinelTactic } from '../integrations/sentinel/securityAlert/sentinelTactics';
import type { SentinelAlert, SentinelComment, SentinelEntity, SentinelIncident, SentinelTactic } from '../integrations/sentinel/types';

/**
 * A Sentinel incident resource as the REST API (and automation rules / playbooks) send it, with
 * its alerts, entities and comments optionally inline. Validation covers every field the mapper
 * reads; fields the types require but nothing stores get neutral defaults.
 */
const timestamp = z.string().refine((value) => !Number.isNaN(new Date(value).getTime()), 'is not an ISO 8601 timestamp');
const optionalString = z.string().nullish().transform((value) => value ?? undefined);
const nullableString = z.string().nullish().transform((value) => value ?? null);
const severity = z.enum(['Informational', 'Low', 'Medium', 'High']);
const tactics = z.array(z.string()).default([]).transform((names) => [...new Set(names.map(sentinelTactic).filter((t): t is SentinelTactic => t !== null))]);
const resourceBase = { id: z.string().min(1), name: z.string().trim().min(1).max(256), type: z.string().default('') };

const owner = z
  .looseObject({ objectId: nullableString, email: nullableString, userPrincipalName: nullableString, assignedTo: nullableString })
  .default({ objectId: null, email: null, userPrincipalName: null, assignedTo: null });

const incidentProperties = z.looseObject({
  title: z.string().trim().min(1),
  description: optionalString,
  severity,
  status: z.enum(['New', 'Active', 'Closed']),
  classification: z.enum(['TruePositive', 'BenignPositive', 'FalsePositive', 'Undetermined']).nullish().transform((v) => v ?? undefined),
  classificationReason: z.enum(['SuspiciousActivity', 'SuspiciousButExpected', 'IncorrectAlertLogic', 'InaccurateData']).nullish().transform((v) => v ?? undefined),
  classificationComment: optionalString,
  owner,
  labels: z.array(z.looseObject({ labelName: z.string().trim().min(1), labelType: z.enum(['User', 'AutoAssigned']).default('User') })).default([]),
  incidentNumber: z.number().int().positive(),
  providerName: optionalString,
  providerIncidentId: optionalString,
  incidentUrl: z.string(),
  firstActivityTimeUtc: timestamp.nullish().transform((v) => v ?? undefined),
  lastActivityTimeUtc: timestamp.nullish().transform((v) => v ?? undefined),
  createdTimeUtc: timestamp,
  lastModifiedTimeUtc: timestamp,
  relatedAnalyticRuleIds: z.array(z.string()).default([]),
  additionalData: z
    .looseObject({
      alertsCount: z.number().default(0),
      bookmarksCount: z.number().default(0),
      commentsCount: z.number().default(0),
      alertProductNames: z.array(z.string()).default([]),
      tactics,
      techniques: z.array(z.string()).optional(),
    })
    .default({ alertsCount: 0, bookmarksCount: 0, commentsCount: 0, alertProductNames: [], tactics: [] }),
});

const alert = z.looseObject({
  ...resourceBase,
  properties: z.looseObject({
    alertDisplayName: z.string().trim().min(1),
    description: optionalString,
    severity,
    status: z.enum(['Unknown', 'New', 'Resolved', 'Dismissed', 'InProgress']).default('Unknown'),
    productName: z.string().min(1),
    providerAlertId: optionalString,
    tactics,
    techniques: z.array(z.string()).optional(),
    subTechniques: z.array(z.string()).optional(),
    startTimeUtc: timestamp,
    endTimeUtc: timestamp,
    timeGenerated: timestamp,
  }),
});

const entity = z.looseObject({ ...resourceBase, kind: z.string().min(1), properties: z.record(z.string(), z.unknown()) });

const comment = z.looseObject({
  ...resourceBase,
  etag: optionalString,
  properties: z.looseObject({
    message: z.string().min(1).max(30_000),
    createdTimeUtc: timestamp,
    lastModifiedTimeUtc: timestamp.optional(),
    author: z.looseObject({ objectId: nullableString, email: nullableString, userPrincipalName: nullableString, name: nullableString }).default({
      objectId: null,
      email: null,
      userPrincipalName: null,
      name: null,
    }),
  }),
});

export const sentinelIncidentResourceSchema = z
  .looseObject({
    ...resourceBase,
    etag: z.string().min(1),
    properties: incidentProperties,
    alerts: z.array(alert).max(1_000).default([]),
    entities: z.array(entity).max(5_000).default([]),
    comments: z.array(comment).max(1_000).default([]),
  })
  .transform(({ alerts, entities, comments, ...incident }): { incident: SentinelIncident; related: SentinelIncidentRelated } => ({
    incident,
    related: {
      alerts: alerts.map(
        (a): SentinelAlert => ({
          ...a,
          kind: 'SecurityAlert',
          // Required by the type, not stored: the incident keeps only what AlertRecord holds.
          properties: {
            systemAlertId: a.name,
            friendlyName: a.properties.alertDisplayName,
            alertType: '',
            confidenceLevel: 'Unknown',
            vendorName: '',
            processingEndTime: a.properties.timeGenerated,
            resourceIdentifiers: [],
            additionalData: {},
            ...a.properties,
          },
        }),
      ),
      // mapSentinelEntity looks the kind up itself and skips kinds it does not know.
      entities: entities.map((e) => e as SentinelEntity),
      comments: comments.map(
        (c): SentinelComment => ({ ...c, properties: { ...c.properties, lastModifiedTimeUtc: c.properties.lastModifiedTimeUtc ?? c.properties.createdTimeUtc } }),
      ),
    },
  }));
