import type { SentinelAlert, SentinelAlertStatus } from '../integrations/sentinel/types';
import type { DemoTenant } from './demoTenant';
import type { Rng } from './prng';
import type { AlertDraft, DemoProduct } from './scenarios/scenario';

/** Where and when one alert of an incident fired. */
export interface DemoAlertPlacement {
  start: Date;
  end: Date;
  status: SentinelAlertStatus;
  /** Name of the analytics rule behind the incident; Sentinel's own alert types embed it. */
  ruleName: string;
}

/** Defender XDR alert id prefixes per product; the rest of the id is numeric. */
const XDR_PREFIX: Partial<Record<DemoProduct, string>> = {
  'Microsoft Defender for Endpoint': 'da',
  'Microsoft Defender for Office 365': 'fa',
  'Microsoft Defender for Identity': 'aa',
  'Microsoft Defender for Cloud Apps': 'ca',
  'Azure Active Directory Identity Protection': 'ad',
};

/** Alert types products report when a scenario does not name a specific one. */
const DEFAULT_ALERT_TYPE: Record<Exclude<DemoProduct, 'Azure Sentinel'>, string> = {
  'Microsoft Defender for Endpoint': 'WindowsDefenderAtp',
  'Microsoft Defender for Office 365': 'OfficeATP',
  'Microsoft Defender for Identity': 'AzureATP',
  'Microsoft Defender for Cloud Apps': 'MCAS',
  'Microsoft Defender for Cloud': 'VM_SuspiciousActivity',
  'Azure Active Directory Identity Protection': 'IdentityProtection',
};

/** Turns a scenario's alert into the SecurityAlert resource Sentinel returns for the incident. */
export function buildDemoAlert(draft: AlertDraft, placement: DemoAlertPlacement, tenant: DemoTenant, rng: Rng): SentinelAlert {
  const name = rng.guid();
  const providerAlertId = providerAlertIdFor(draft.productName, name, rng);
  const timeGenerated = new Date(placement.end.getTime() + rng.int(60, 240) * 1000);
  const prefix = XDR_PREFIX[draft.productName];
  return {
    id: `${tenant.workspaceResourceId}/providers/Microsoft.SecurityInsights/Entities/${name}`,
    name,
    type: 'Microsoft.SecurityInsights/Entities',
    kind: 'SecurityAlert',
    properties: {
      systemAlertId: name,
      alertDisplayName: draft.displayName,
      friendlyName: draft.displayName,
      description: draft.description,
      alertType:
        draft.alertType ??
        (draft.productName === 'Azure Sentinel' ? `${tenant.workspaceId}_${placement.ruleName}` : DEFAULT_ALERT_TYPE[draft.productName]),
      severity: draft.severity,
      status: placement.status,
      confidenceLevel: 'Unknown',
      vendorName: 'Microsoft',
      productName: draft.productName,
      providerAlertId,
      ...(prefix ? { alertLink: `https://security.microsoft.com/alerts/${providerAlertId}?tid=${tenant.aadTenantId}` } : {}),
      compromisedEntity: draft.compromisedEntity,
      tactics: [...new Set(draft.tactics)],
      techniques: [...new Set(draft.techniques.map((id) => id.split('.')[0] ?? id))],
      subTechniques: draft.techniques.filter((id) => id.includes('.')),
      startTimeUtc: placement.start.toISOString(),
      endTimeUtc: placement.end.toISOString(),
      timeGenerated: timeGenerated.toISOString(),
      processingEndTime: new Date(timeGenerated.getTime() + rng.int(5, 50) * 1000).toISOString(),
      resourceIdentifiers: [
        { type: 'LogAnalytics', workspaceId: tenant.workspaceId, subscriptionId: tenant.subscriptionId, resourceGroup: tenant.resourceGroup },
      ],
      additionalData: { AlertMessageEnqueueTime: new Date(timeGenerated.getTime() + 3000).toISOString() },
    },
  };
}

/** Each product numbers its alerts its own way; Sentinel's scheduled rules reuse the alert GUID. */
function providerAlertIdFor(product: DemoProduct, alertName: string, rng: Rng): string {
  const digits = (length: number) => Array.from({ length }, () => rng.int(0, 9)).join('');
  const prefix = XDR_PREFIX[product];
  if (prefix) return `${prefix}${rng.int(1, 9)}${digits(17)}_-${rng.int(1, 9)}${digits(8)}`;
  if (product === 'Microsoft Defender for Cloud') return `25${digits(17)}_${rng.guid()}`;
  return alertName;
}
