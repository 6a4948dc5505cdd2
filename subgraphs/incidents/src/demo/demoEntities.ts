import type {
  SentinelEntity,
  SentinelEntityOf,
  SentinelGeoLocation,
  SentinelHostProperties,
  SentinelMailMessageProperties,
} from '../integrations/sentinel/types';
import type { DemoPerson, DemoTenant } from './demoTenant';
import type { Rng } from './prng';

/** Hashes to attach to a file; each becomes a FileHash entity the File links to. */
export interface DemoFileHashes {
  sha256?: string;
  sha1?: string;
  md5?: string;
}

/**
 * Builds one incident's entities the way Sentinel returns them: GUID names, ARM ids under the
 * workspace, a friendlyName on every entity, and cross-links (process → image file, host, account)
 * by entity name.
 */
export class DemoEntities {
  private readonly items: SentinelEntity[] = [];

  constructor(
    private readonly tenant: DemoTenant,
    private readonly rng: Rng,
  ) {}

  /** Everything added so far, in the order added. */
  list(): SentinelEntity[] {
    return [...this.items];
  }

  /** A person's account; on-premises accounts also carry the AD domain and SID. */
  user(person: DemoPerson, options: { onPremises?: boolean } = {}): SentinelEntityOf<'Account'> {
    const onPremises = options.onPremises ?? false;
    return this.keep({
      ...this.resource(),
      kind: 'Account',
      properties: {
        friendlyName: person.accountName,
        accountName: person.accountName,
        displayName: person.displayName,
        upnSuffix: this.tenant.domain,
        aadTenantId: this.tenant.aadTenantId,
        aadUserId: person.objectId,
        isDomainJoined: onPremises,
        ...(onPremises ? { ntDomain: this.tenant.netbios, dnsDomain: this.tenant.adDomain, sid: person.sid } : {}),
      },
    });
  }

  /** A non-personal domain account (service or built-in), identified by name and SID. */
  domainAccount(accountName: string, sid: string): SentinelEntityOf<'Account'> {
    return this.keep({
      ...this.resource(),
      kind: 'Account',
      properties: {
        friendlyName: accountName,
        accountName,
        ntDomain: this.tenant.netbios,
        dnsDomain: this.tenant.adDomain,
        sid,
        isDomainJoined: true,
      },
    });
  }

  /** A machine-local account such as the built-in administrator. */
  localAccount(accountName: string, host: SentinelEntityOf<'Host'>, sid: string): SentinelEntityOf<'Account'> {
    return this.keep({
      ...this.resource(),
      kind: 'Account',
      properties: {
        friendlyName: accountName,
        accountName,
        ntDomain: host.properties.hostName,
        sid,
        isDomainJoined: false,
        hostEntityId: host.name,
      },
    });
  }

  /** A domain-joined Windows machine unless told otherwise; Azure VMs carry their resource id. */
  host(hostName: string, options: Pick<SentinelHostProperties, 'osFamily' | 'osVersion' | 'azureID'> & { domainJoined?: boolean } = {}): SentinelEntityOf<'Host'> {
    const domainJoined = options.domainJoined ?? true;
    return this.keep({
      ...this.resource(),
      kind: 'Host',
      properties: {
        friendlyName: hostName,
        hostName,
        netBiosName: hostName,
        osFamily: options.osFamily ?? 'Windows',
        osVersion: options.osVersion ?? (options.osFamily === 'Linux' ? 'Ubuntu 22.04' : 'Windows 11 23H2'),
        isDomainJoined: domainJoined,
        ...(domainJoined ? { dnsDomain: this.tenant.adDomain, ntDomain: this.tenant.netbios } : {}),
        ...(options.azureID ? { azureID: options.azureID, omsAgentID: this.rng.guid() } : {}),
      },
    });
  }

  ip(address: string, location?: SentinelGeoLocation): SentinelEntityOf<'Ip'> {
    return this.keep({
      ...this.resource(),
      kind: 'Ip',
      properties: { friendlyName: address, address, ...(location ? { location } : {}) },
    });
  }

  url(url: string): SentinelEntityOf<'Url'> {
    return this.keep({ ...this.resource(), kind: 'Url', properties: { friendlyName: url, url } });
  }

  /** A file and, before it, one FileHash entity per hash given. */
  file(directory: string, fileName: string, hashes: DemoFileHashes = {}): SentinelEntityOf<'File'> {
    const algorithms = [
      ['SHA256', hashes.sha256],
      ['SHA1', hashes.sha1],
      ['MD5', hashes.md5],
    ] as const;
    const hashEntities = algorithms.flatMap(([algorithm, hashValue]) =>
      hashValue === undefined
        ? []
        : [this.keep({ ...this.resource(), kind: 'FileHash', properties: { friendlyName: hashValue, algorithm, hashValue } })],
    );
    return this.keep({
      ...this.resource(),
      kind: 'File',
      properties: {
        friendlyName: fileName,
        directory,
        fileName,
        ...(hashEntities.length > 0 ? { fileHashEntityIds: hashEntities.map((entity) => entity.name) } : {}),
      },
    });
  }

  /** Random SHA-256, SHA-1 and MD5 values for a file nobody has seen before. */
  randomHashes(): Required<DemoFileHashes> {
    return { sha256: this.rng.hex(64), sha1: this.rng.hex(40), md5: this.rng.hex(32) };
  }

  process(options: {
    commandLine: string;
    image: SentinelEntityOf<'File'>;
    host: SentinelEntityOf<'Host'>;
    account?: SentinelEntityOf<'Account'>;
    parent?: SentinelEntityOf<'Process'>;
    createdAt: Date;
    elevated?: boolean;
  }): SentinelEntityOf<'Process'> {
    return this.keep({
      ...this.resource(),
      kind: 'Process',
      properties: {
        friendlyName: options.image.properties.fileName,
        processId: String(this.rng.int(400, 24000)),
        commandLine: options.commandLine,
        creationTimeUtc: options.createdAt.toISOString(),
        elevationToken: options.elevated ? 'Full' : 'Default',
        imageFileEntityId: options.image.name,
        hostEntityId: options.host.name,
        ...(options.account ? { accountEntityId: options.account.name } : {}),
        ...(options.parent ? { parentProcessEntityId: options.parent.name } : {}),
      },
    });
  }

  mailbox(person: DemoPerson): SentinelEntityOf<'Mailbox'> {
    return this.keep({
      ...this.resource(),
      kind: 'Mailbox',
      properties: {
        friendlyName: person.upn,
        mailboxPrimaryAddress: person.upn,
        displayName: person.displayName,
        upn: person.upn,
        externalDirectoryObjectId: person.objectId,
      },
    });
  }

  mailMessage(properties: SentinelMailMessageProperties & { subject: string }): SentinelEntityOf<'MailMessage'> {
    return this.keep({ ...this.resource(), kind: 'MailMessage', properties: { friendlyName: properties.subject, ...properties } });
  }

  /** An Azure resource, named by the last segment of its ARM id as the portal does. */
  azureResource(resourceId: string): SentinelEntityOf<'AzureResource'> {
    return this.keep({
      ...this.resource(),
      kind: 'AzureResource',
      properties: {
        friendlyName: resourceId.split('/').pop() ?? resourceId,
        resourceId,
        subscriptionId: this.tenant.subscriptionId,
      },
    });
  }

  /** A SaaS application as Defender for Cloud Apps identifies it. */
  cloudApplication(appName: string, appId: number): SentinelEntityOf<'CloudApplication'> {
    return this.keep({ ...this.resource(), kind: 'CloudApplication', properties: { friendlyName: appName, appName, appId } });
  }

  dnsResolution(domainName: string, resolvedTo: Array<SentinelEntityOf<'Ip'>>): SentinelEntityOf<'DnsResolution'> {
    return this.keep({
      ...this.resource(),
      kind: 'DnsResolution',
      properties: { friendlyName: domainName, domainName, ipAddressEntityIds: resolvedTo.map((ip) => ip.name) },
    });
  }

  registryKey(hive: string, key: string): SentinelEntityOf<'RegistryKey'> {
    return this.keep({ ...this.resource(), kind: 'RegistryKey', properties: { friendlyName: `${hive}\\${key}`, hive, key } });
  }

  registryValue(key: SentinelEntityOf<'RegistryKey'>, valueName: string, valueData: string, valueType: string): SentinelEntityOf<'RegistryValue'> {
    return this.keep({
      ...this.resource(),
      kind: 'RegistryValue',
      properties: { friendlyName: valueName, keyEntityId: key.name, valueName, valueData, valueType },
    });
  }

  /** A built-in AD group such as Domain Admins, identified by its well-known RID. */
  securityGroup(groupName: string, rid: number): SentinelEntityOf<'SecurityGroup'> {
    const dc = this.tenant.adDomain.split('.').map((part) => `DC=${part}`).join(',');
    return this.keep({
      ...this.resource(),
      kind: 'SecurityGroup',
      properties: {
        friendlyName: groupName,
        distinguishedName: `CN=${groupName},CN=Users,${dc}`,
        sid: `${this.tenant.domainSid}-${rid}`,
        objectGuid: this.rng.guid(),
      },
    });
  }

  malware(malwareName: string, category: string, files: Array<SentinelEntityOf<'File'>>): SentinelEntityOf<'Malware'> {
    return this.keep({
      ...this.resource(),
      kind: 'Malware',
      properties: { friendlyName: malwareName, malwareName, category, fileEntityIds: files.map((file) => file.name) },
    });
  }

  private resource(): { id: string; name: string; type: string } {
    const name = this.rng.guid();
    return {
      id: `${this.tenant.workspaceResourceId}/providers/Microsoft.SecurityInsights/Entities/${name}`,
      name,
      type: 'Microsoft.SecurityInsights/Entities',
    };
  }

  private keep<E extends SentinelEntity>(entity: E): E {
    this.items.push(entity);
    return entity;
  }
}
