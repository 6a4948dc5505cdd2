import type {
  SentinelClassification,
  SentinelClassificationReason,
  SentinelEntityOf,
  SentinelGeoLocation,
  SentinelSeverity,
  SentinelTactic,
} from '../../integrations/sentinel/types';
import type { DemoEntities } from '../demoEntities';
import type { DemoPerson, DemoTenant } from '../demoTenant';
import type { Rng } from '../prng';

/** Products whose alerts Sentinel ingests; each gets its own provider alert id format. */
export type DemoProduct =
  | 'Azure Sentinel'
  | 'Microsoft Defender for Endpoint'
  | 'Microsoft Defender for Office 365'
  | 'Microsoft Defender for Identity'
  | 'Microsoft Defender for Cloud Apps'
  | 'Microsoft Defender for Cloud'
  | 'Azure Active Directory Identity Protection';

/** One alert of a scenario, before the generator gives it ids and times. */
export interface AlertDraft {
  displayName: string;
  description: string;
  productName: DemoProduct;
  severity: SentinelSeverity;
  /** Defaults per product, e.g. WindowsDefenderAtp for Defender for Endpoint. */
  alertType?: string;
  tactics: SentinelTactic[];
  /** Technique and sub-technique ids; the generator splits them as Sentinel does. */
  techniques: string[];
  /** The host or user the alert is about. */
  compromisedEntity: string;
}

/** A way an analyst may close the incident, chosen by relative weight. */
export interface Verdict {
  classification: Exclude<SentinelClassification, 'Undetermined'>;
  reason: SentinelClassificationReason;
  weight: number;
  comment: string;
}

/** What a scenario produces for one incident; entities are added to the context as a side effect. */
export interface ScenarioOutcome {
  title: string;
  description: string;
  severity: SentinelSeverity;
  /** One to four alerts, in the order they fired. */
  alerts: AlertDraft[];
  /** Labels automation rules put on such incidents. */
  labels: string[];
  /** Notes an analyst posts while investigating, in order. */
  workNotes: string[];
  verdicts: Verdict[];
}

/** What a scenario can draw on: the tenant's names, randomness, an entity builder and the attack window. */
export interface ScenarioContext {
  rng: Rng;
  tenant: DemoTenant;
  entities: DemoEntities;
  /** A time inside the attack window; 0 is the first activity, 1 the last. */
  at(fraction: number): Date;
  person(): DemoPerson;
  workstation(): string;
  server(role: 'DC' | 'SQL' | 'FS' | 'WEB' | 'APP' | 'SCAN' | 'JUMP'): string;
  externalIp(): string;
  internalIp(): string;
  foreignLocation(): SentinelGeoLocation;
}

/** A kind of incident the demo generator can produce. */
export interface Scenario {
  key: string;
  /** Relative frequency among generated incidents. */
  weight: number;
  /** Analytics rule name; defaults to a per-tenant scheduled rule for the scenario. */
  ruleName?: string;
  build(ctx: ScenarioContext): ScenarioOutcome;
}

export const truePositive = (weight: number, comment: string): Verdict => ({
  classification: 'TruePositive',
  reason: 'SuspiciousActivity',
  weight,
  comment,
});

export const benignPositive = (weight: number, comment: string): Verdict => ({
  classification: 'BenignPositive',
  reason: 'SuspiciousButExpected',
  weight,
  comment,
});

export const falsePositive = (
  weight: number,
  comment: string,
  reason: 'IncorrectAlertLogic' | 'InaccurateData' = 'IncorrectAlertLogic',
): Verdict => ({ classification: 'FalsePositive', reason, weight, comment });

/** A user signed in on their workstation: the starting point of most endpoint scenarios. */
export function userOnWorkstation(ctx: ScenarioContext): {
  person: DemoPerson;
  account: SentinelEntityOf<'Account'>;
  hostName: string;
  host: SentinelEntityOf<'Host'>;
} {
  const person = ctx.person();
  const hostName = ctx.workstation();
  const host = ctx.entities.host(hostName);
  const account = ctx.entities.user(person, { onPremises: true });
  return { person, account, hostName, host };
}

/** A Windows system binary, which Sentinel lists without hashes. */
export function systemBinary(ctx: ScenarioContext, fileName: string): SentinelEntityOf<'File'> {
  return ctx.entities.file('C:\\Windows\\System32', fileName);
}

/** PowerShell's -EncodedCommand takes base64 of the UTF-16LE script. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}
