import type { Classification, IncidentStatus, Severity } from '../../models/incidentRecord';
import type { SentinelClassification, SentinelClassificationReason, SentinelIncidentStatus, SentinelSeverity } from './types';

/** Our enum values to Sentinel's, for write-back (the reverse of mapSentinelIncident). */
export const SENTINEL_STATUS: Record<IncidentStatus, SentinelIncidentStatus> = { NEW: 'New', ACTIVE: 'Active', CLOSED: 'Closed' };
export const SENTINEL_SEVERITY: Record<Severity, SentinelSeverity> = { INFORMATIONAL: 'Informational', LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };
export const SENTINEL_CLASSIFICATION: Record<Classification, SentinelClassification> = {
  TRUE_POSITIVE: 'TruePositive',
  BENIGN_POSITIVE: 'BenignPositive',
  FALSE_POSITIVE: 'FalsePositive',
  UNDETERMINED: 'Undetermined',
};

/** Reasons Sentinel accepts, and the classifications each goes with (UNDETERMINED takes none). */
export const CLASSIFICATION_REASONS: Record<SentinelClassificationReason, Classification[]> = {
  SuspiciousActivity: ['TRUE_POSITIVE'],
  SuspiciousButExpected: ['BENIGN_POSITIVE'],
  IncorrectAlertLogic: ['FALSE_POSITIVE'],
  InaccurateData: ['FALSE_POSITIVE'],
};
