import type { SentinelGeoLocation } from '../integrations/sentinel/types';
import { hashString, type Rng } from './prng';

/** A person at the demo organisation (user, admin or SOC analyst). */
export interface DemoPerson {
  displayName: string;
  /** UPN prefix, e.g. j.doe; also the account name Sentinel shows for cloud accounts. */
  accountName: string;
  upn: string;
  /** Azure AD object id. */
  objectId: string;
  /** On-premises AD SID under the organisation's domain SID. */
  sid: string;
}

/** Names and ids that make one tenant's demo data look like one organisation. */
export interface DemoTenant {
  tenantId: string;
  /** Lower-case organisation name, e.g. contoso. */
  org: string;
  /** Mail and UPN domain, e.g. contoso.example. */
  domain: string;
  /** Active Directory DNS domain, e.g. corp.contoso.example. */
  adDomain: string;
  /** NetBIOS domain and host-name prefix, e.g. CONTOSO. */
  netbios: string;
  aadTenantId: string;
  domainSid: string;
  /** Subscription and resource group parsed from the workspace resource id. */
  subscriptionId: string;
  resourceGroup: string;
  workspaceResourceId: string;
  /** Log Analytics workspace (customer) id. */
  workspaceId: string;
  /** Where most of the organisation's sign-ins come from. */
  homeLocation: SentinelGeoLocation;
  /** SOC analysts who own and comment on incidents. */
  analysts: DemoPerson[];
}

/** Used when the tenant id is a GUID or otherwise not a usable organisation name. */
const ORG_NAMES = ['contoso', 'fabrikam', 'northwind', 'woodgrove', 'adatum', 'tailspin', 'litware', 'proseware', 'relecloud', 'wingtip'];

const FIRST_NAMES = [
  'James', 'Maria', 'Wei', 'Aisha', 'Lukas', 'Sofia', 'Rahul', 'Emma', 'Kenji', 'Olivia', 'Mateo', 'Fatima',
  'Noah', 'Ingrid', 'Diego', 'Chloe', 'Tomasz', 'Amara', 'Liam', 'Yuki', 'Hannah', 'Omar', 'Priya', 'Jonas',
  'Elena', 'Samuel', 'Nadia', 'Ethan', 'Leila', 'Victor',
];

const LAST_NAMES = [
  'Doe', 'Garcia', 'Chen', 'Khan', 'Muller', 'Rossi', 'Patel', 'Johnson', 'Tanaka', 'Brown', 'Silva', 'Haddad',
  'Wilson', 'Larsen', 'Lopez', 'Martin', 'Nowak', 'Okafor', 'Murphy', 'Sato', 'Schmidt', 'Farouk', 'Iyer', 'Berg',
  'Popescu', 'Reyes', 'Novak', 'Clarke', 'Haddadi', 'Dubois',
];

/** Office locations a tenant's home sign-ins come from. */
const HOME_LOCATIONS: SentinelGeoLocation[] = [
  { countryCode: 'US', countryName: 'United States', state: 'Washington', city: 'Seattle', latitude: 47.6062, longitude: -122.3321, asn: 64500 },
  { countryCode: 'GB', countryName: 'United Kingdom', state: 'England', city: 'London', latitude: 51.5072, longitude: -0.1276, asn: 64501 },
  { countryCode: 'DE', countryName: 'Germany', state: 'Berlin', city: 'Berlin', latitude: 52.52, longitude: 13.405, asn: 64502 },
  { countryCode: 'NL', countryName: 'Netherlands', state: 'North Holland', city: 'Amsterdam', latitude: 52.3676, longitude: 4.9041, asn: 64503 },
  { countryCode: 'AU', countryName: 'Australia', state: 'New South Wales', city: 'Sydney', latitude: -33.8688, longitude: 151.2093, asn: 64504 },
];

/** Locations attacker infrastructure appears to be in. */
export const FOREIGN_LOCATIONS: SentinelGeoLocation[] = [
  { countryCode: 'RU', countryName: 'Russia', state: 'Moscow', city: 'Moscow', latitude: 55.7558, longitude: 37.6173, asn: 64510 },
  { countryCode: 'NG', countryName: 'Nigeria', state: 'Lagos', city: 'Lagos', latitude: 6.5244, longitude: 3.3792, asn: 64511 },
  { countryCode: 'BR', countryName: 'Brazil', state: 'Sao Paulo', city: 'Sao Paulo', latitude: -23.5505, longitude: -46.6333, asn: 64512 },
  { countryCode: 'VN', countryName: 'Vietnam', state: 'Ho Chi Minh City', city: 'Ho Chi Minh City', latitude: 10.8231, longitude: 106.6297, asn: 64513 },
  { countryCode: 'RO', countryName: 'Romania', state: 'Bucharest', city: 'Bucharest', latitude: 44.4268, longitude: 26.1025, asn: 64514 },
  { countryCode: 'ZA', countryName: 'South Africa', state: 'Gauteng', city: 'Johannesburg', latitude: -26.2041, longitude: 28.0473, asn: 64515 },
  { countryCode: 'SG', countryName: 'Singapore', state: 'Singapore', city: 'Singapore', latitude: 1.3521, longitude: 103.8198, asn: 64516 },
];

/** Builds the tenant's organisation from its id; the rng decides ids and analysts. */
export function createDemoTenant(tenantId: string, workspaceResourceId: string, rng: Rng): DemoTenant {
  const arm = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i.exec(
    workspaceResourceId,
  );
  if (!arm?.[1] || !arm[2]) {
    throw new Error(`workspaceResourceId is not a Log Analytics workspace ARM id: ${workspaceResourceId}`);
  }
  const org = orgName(tenantId);
  const domain = `${org}.example`;
  const domainSid = `S-1-5-21-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}`;
  return {
    tenantId,
    org,
    domain,
    adDomain: `corp.${domain}`,
    netbios: org.replace(/[^a-z0-9]/g, '').slice(0, 10).toUpperCase(),
    aadTenantId: rng.guid(),
    domainSid,
    subscriptionId: arm[1],
    resourceGroup: arm[2],
    workspaceResourceId,
    workspaceId: rng.guid(),
    homeLocation: rng.pick(HOME_LOCATIONS),
    analysts: Array.from({ length: 5 }, () => createPerson({ domain, domainSid }, rng, 'analyst')),
  };
}

/**
 * A person at the organisation. Users get j.doe-style UPNs, analysts first.last ones so the two sets
 * rarely collide.
 */
export function createPerson(tenant: Pick<DemoTenant, 'domain' | 'domainSid'>, rng: Rng, role: 'user' | 'analyst' = 'user'): DemoPerson {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const accountName = (role === 'analyst' ? `${first}.${last}` : `${first.charAt(0)}.${last}`).toLowerCase();
  return {
    displayName: `${first} ${last}`,
    accountName,
    upn: `${accountName}@${tenant.domain}`,
    objectId: rng.guid(),
    sid: `${tenant.domainSid}-${rng.int(1100, 48000)}`,
  };
}

/** A workstation name such as CONTOSO-WS-0142. */
export function workstationName(tenant: DemoTenant, rng: Rng): string {
  return `${tenant.netbios}-${rng.pick(['WS', 'WS', 'LT'])}-${String(rng.int(1, 2400)).padStart(4, '0')}`;
}

/** A server name such as CONTOSO-SQL-02 for the given role. */
export function serverName(tenant: DemoTenant, role: 'DC' | 'SQL' | 'FS' | 'WEB' | 'APP' | 'SCAN' | 'JUMP', rng: Rng): string {
  return `${tenant.netbios}-${role}-${String(rng.int(1, 12)).padStart(2, '0')}`;
}

/** An address in the RFC 5737 documentation ranges, standing in for internet hosts. */
export function externalIp(rng: Rng): string {
  return `${rng.pick(['203.0.113', '198.51.100', '192.0.2'])}.${rng.int(2, 254)}`;
}

/** A private address inside the organisation. */
export function internalIp(rng: Rng): string {
  return `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
}

function orgName(tenantId: string): string {
  const slug = tenantId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const generated = slug === '' || /^\d/.test(slug) || /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(slug);
  return generated ? (ORG_NAMES[hashString(tenantId) % ORG_NAMES.length] ?? 'contoso') : slug.slice(0, 24);
}
