import type { IncidentContext, IncidentEntityContext } from '../../../agents';
import { domainOfAddress } from './domains';
import { isExternalScope, parseIp } from './ipAddress';
import { clip, uniqueBy } from './text';

/** What the incident touched: hosts, accounts, mailboxes and cloud resources, for the report and for actions. */
export type AssetKind = 'host' | 'account' | 'mailbox' | 'cloudResource' | 'cloudApplication' | 'internalIp' | 'group';

export interface Asset {
  kind: AssetKind;
  /** Short name used in actions and chat answers, e.g. CONTOSO-WS-0142 or j.doe@contoso.example. */
  name: string;
  /** One line for the affected-assets list. */
  description: string;
  privileged: boolean;
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Built-in and administrative accounts whose compromise gives wide access. */
const PRIVILEGED_ACCOUNT = /^(?:administrator|admin|root|krbtgt|adm[_.-].*|.*[_.-]adm|da[_.-].*|.*admin.*)$/i;
const PRIVILEGED_SID = /-(?:500|502|512|518|519|544|548)$/;
const PRIVILEGED_GROUP = /\b(?:domain admins|enterprise admins|schema admins|account operators|administrators|backup operators|global administrators?)\b/i;

export function isPrivilegedAccount(properties: Record<string, unknown>): boolean {
  const name = str(properties.accountName) || str(properties.friendlyName);
  return PRIVILEGED_ACCOUNT.test(name) || PRIVILEGED_SID.test(str(properties.sid));
}

function accountName(properties: Record<string, unknown>): { name: string; upn: string } {
  const account = str(properties.accountName) || str(properties.friendlyName);
  const upn = str(properties.upnSuffix) && account ? `${account}@${str(properties.upnSuffix)}`.toLowerCase() : '';
  const domain = str(properties.ntDomain);
  return { name: upn || (domain && account ? `${domain}\\${account}` : account), upn };
}

function assetOf(entity: IncidentEntityContext): Asset | null {
  const p = entity.properties;
  switch (entity.kind) {
    case 'Host': {
      const host = str(p.hostName) || str(p.netBiosName) || entity.friendlyName;
      if (!host) return null;
      const os = [str(p.osFamily), str(p.osVersion)].filter(Boolean).join(' ');
      const fqdn = str(p.dnsDomain) ? `${host}.${str(p.dnsDomain)}` : '';
      const azure = str(p.azureID);
      const details = [fqdn && fqdn !== host ? fqdn : '', os, azure ? `Azure resource ${azure}` : ''].filter(Boolean).join(', ');
      return { kind: 'host', name: host, description: `Host ${host}${details ? ` (${details})` : ''}`, privileged: /-(?:DC)-?\d*|\bdc\d*\b/i.test(host) };
    }
    case 'Account': {
      const { name, upn } = accountName(p);
      if (!name) return null;
      const privileged = isPrivilegedAccount(p);
      const display = str(p.displayName);
      const domain = str(p.ntDomain);
      const extra = [display, upn && domain ? `${domain}\\${str(p.accountName)}` : '', privileged ? 'privileged account' : ''].filter(Boolean).join(', ');
      return { kind: 'account', name, description: `Account ${name}${extra ? ` (${extra})` : ''}`, privileged };
    }
    case 'Mailbox': {
      const address = (str(p.mailboxPrimaryAddress) || str(p.upn) || entity.friendlyName).toLowerCase();
      return address ? { kind: 'mailbox', name: address, description: `Mailbox ${address}${str(p.displayName) ? ` (${str(p.displayName)})` : ''}`, privileged: false } : null;
    }
    case 'MailMessage':
    case 'SubmissionMail': {
      const recipient = str(p.recipient).toLowerCase();
      return recipient ? { kind: 'mailbox', name: recipient, description: `Mailbox ${recipient} (recipient of "${clip(str(p.subject) || entity.friendlyName, 100)}")`, privileged: false } : null;
    }
    case 'AzureResource': {
      const id = str(p.resourceId) || entity.friendlyName;
      return id ? { kind: 'cloudResource', name: id.split('/').pop() || id, description: `Azure resource ${id}`, privileged: false } : null;
    }
    case 'CloudApplication': {
      const app = str(p.appName) || entity.friendlyName;
      return app ? { kind: 'cloudApplication', name: app, description: `Cloud application ${app}`, privileged: false } : null;
    }
    case 'SecurityGroup': {
      const group = entity.friendlyName || str(p.distinguishedName);
      return group ? { kind: 'group', name: group, description: `Security group ${group}${PRIVILEGED_GROUP.test(group) ? ' (privileged group)' : ''}`, privileged: PRIVILEGED_GROUP.test(group) } : null;
    }
    case 'Ip': {
      const info = parseIp(str(p.address) || entity.friendlyName);
      if (!info || isExternalScope(info.scope)) return null;
      return { kind: 'internalIp', name: info.address, description: `Internal address ${info.address} (${info.note})`, privileged: false };
    }
    default:
      return null;
  }
}

/** Affected assets in entity order, deduplicated by kind and name. */
export function collectAssets(incident: IncidentContext): Asset[] {
  const assets = incident.entities.map(assetOf).filter((asset): asset is Asset => asset !== null);
  return uniqueBy(assets, (asset) => `${asset.kind}:${asset.name.toLowerCase()}`);
}

/** The organisation's own mail and directory domains, from accounts, mailboxes, hosts and recipients. */
export function organisationDomains(incident: IncidentContext, extraAddresses: string[] = []): string[] {
  const domains: string[] = [];
  for (const entity of incident.entities) {
    const p = entity.properties;
    if (entity.kind === 'Account') domains.push(str(p.upnSuffix), str(p.dnsDomain));
    if (entity.kind === 'Host') domains.push(str(p.dnsDomain));
    if (entity.kind === 'Mailbox') domains.push(domainOfAddress(str(p.mailboxPrimaryAddress) || str(p.upn)));
    if (entity.kind === 'MailMessage' || entity.kind === 'SubmissionMail') domains.push(domainOfAddress(str(p.recipient)));
  }
  for (const address of extraAddresses) domains.push(domainOfAddress(address));
  return [...new Set(domains.map((domain) => domain.toLowerCase()).filter((domain) => domain.includes('.')))];
}

/** UPNs of Account entities and mailbox addresses: typed ACCOUNT in the IOC list. */
export function accountAddresses(incident: IncidentContext): string[] {
  const out: string[] = [];
  for (const entity of incident.entities) {
    const p = entity.properties;
    if (entity.kind === 'Account') {
      const { upn } = accountName(p);
      if (upn) out.push(upn);
    }
    if (entity.kind === 'Mailbox') out.push((str(p.mailboxPrimaryAddress) || str(p.upn)).toLowerCase());
  }
  return out.filter(Boolean);
}

/** Display names of people in the organisation (accounts and mailboxes), for impersonation checks. */
export function knownPeople(incident: IncidentContext): string[] {
  const names = incident.entities
    .filter((entity) => entity.kind === 'Account' || entity.kind === 'Mailbox')
    .map((entity) => str(entity.properties.displayName))
    .filter((name) => name.includes(' '));
  return [...new Set(names)];
}
