import type { TextKind } from './incidentTexts';

/**
 * Observable evidence → ATT&CK technique. Each rule is a pattern over the incident's text (command
 * lines, decoded payloads, alert text, entity properties, analyst notes) and says in plain words why it
 * maps to the technique; the matched text is quoted as evidence. Patterns are deliberately specific:
 * a missed technique costs less than an invented one.
 */
export interface AttackRule {
  technique: string;
  /** ATT&CK tactic short name the observation belongs to. */
  tactic: string;
  /** Short reason, e.g. "encoded PowerShell command". */
  why: string;
  pattern: RegExp;
  /** Text kinds the rule reads; default: all but labels. */
  kinds?: TextKind[];
  /** The rule does not fire when this also matches the same text. */
  unless?: RegExp;
  /** The rule fires only when this also matches the same text. */
  requires?: RegExp;
  /** For patterns with a count in group 1: fire only at or above it. */
  minCount?: number;
}

const CMD: TextKind[] = ['commandLine', 'decoded'];
const CMD_AND_ALERT: TextKind[] = ['commandLine', 'decoded', 'alert', 'title', 'description'];
const PROSE: TextKind[] = ['alert', 'title', 'description', 'comment'];
const ANY: TextKind[] = ['commandLine', 'decoded', 'alert', 'title', 'description', 'entity', 'comment', 'email'];

export const ATTACK_RULES: readonly AttackRule[] = [
  // Execution
  { technique: 'T1059.001', tactic: 'execution', why: 'PowerShell was run', pattern: /\b(?:powershell|pwsh)(?:\.exe)?\b/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  { technique: 'T1027.010', tactic: 'defense-evasion', why: 'encoded or obfuscated command line', pattern: /(?:^|\s)-(?:e|ec|en|enc|encodedcommand)\s+[A-Za-z0-9+/=]{20,}|FromBase64String|obfuscat\w*|['"]\s*\+\s*['"]/i, kinds: CMD_AND_ALERT },
  { technique: 'T1564.003', tactic: 'defense-evasion', why: 'PowerShell window hidden from the user', pattern: /(?:^|\s)-w(?:indowstyle)?\s+hidden\b|hidden window/i, kinds: CMD_AND_ALERT },
  { technique: 'T1105', tactic: 'command-and-control', why: 'tool or payload downloaded onto the host', pattern: /DownloadString|DownloadFile|Invoke-WebRequest|\biwr\s|\bwget\s+https?:|\bcurl\s+(?:-\S+\s+)*https?:|certutil(?:\.exe)?\s[^\n]*-urlcache|bitsadmin[^\n]*\/transfer|Start-BitsTransfer|\/i:https?:/i, kinds: CMD },
  { technique: 'T1140', tactic: 'defense-evasion', why: 'payload decoded with a built-in tool', pattern: /certutil(?:\.exe)?\s[^\n]*-decode\b|decoding of an executable/i, kinds: CMD_AND_ALERT },
  { technique: 'T1059.003', tactic: 'execution', why: 'Windows command shell used', pattern: /\bcmd(?:\.exe)?"?\s+\/[ck]\b|%COMSPEC%/i, kinds: CMD },
  { technique: 'T1059.004', tactic: 'execution', why: 'Unix shell used to run a downloaded script', pattern: /\b(?:bash|sh|zsh)\s+-c\b|\|\s*(?:ba)?sh\b/i, kinds: CMD_AND_ALERT },
  { technique: 'T1059.005', tactic: 'execution', why: 'VBScript run through the Windows script host', pattern: /\b(?:wscript|cscript)(?:\.exe)?\b|vbscript\.encode|\.vbe?\b/i, kinds: CMD_AND_ALERT },
  { technique: 'T1204.002', tactic: 'execution', why: 'a user opened a malicious document or file', pattern: /\b(?:winword|excel|powerpnt|outlook)(?:\.exe)?\b.{0,60}\b(?:started|spawned|launched|created|ran)\b.{0,40}\b(?:powershell|cmd|wscript|cscript|mshta|rundll32|regsvr32)|macro(?:-based)? (?:document|malware)|\.(?:pdf|docx?|xlsx?|jpe?g|png|txt)\.(?:exe|scr|com|bat|cmd|js|vbs)\b/i, kinds: [...CMD_AND_ALERT, 'entity', 'comment'] },
  { technique: 'T1036.007', tactic: 'defense-evasion', why: 'executable disguised with a double file extension', pattern: /\.(?:pdf|docx?|xlsx?|jpe?g|png|txt)\.(?:exe|scr|com|bat|cmd|js|vbs)\b|double extension/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  { technique: 'T1204.001', tactic: 'execution', why: 'a user clicked a malicious link', pattern: /\bclicked\b.{0,80}\b(?:url|link|https?:)|malicious url click|url click was detected/i, kinds: [...PROSE] },
  { technique: 'T1047', tactic: 'execution', why: 'process started through WMI', pattern: /\bwmic(?:\.exe)?\b[^\n]*process\s+call\s+create|Invoke-WmiMethod|Win32_Process[^\n]*Create/i, kinds: CMD },
  { technique: 'T1569.002', tactic: 'execution', why: 'code run as a Windows service, PsExec-style', pattern: /psexe(?:c|svc)|created and started a service|remote service creation and execution/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  // Initial access
  { technique: 'T1566.001', tactic: 'initial-access', why: 'malicious file delivered as an email attachment', pattern: /arrived as an? (?:email )?attachment|(?:e-?mail|mail) attachment|attachment (?:of|in) (?:an? |the )?(?:e-?mail|message)/i, kinds: [...PROSE] },
  { technique: 'T1566.002', tactic: 'initial-access', why: 'phishing email carrying a malicious link', pattern: /(?:phishing|malicious) (?:e-?mail|mail|message)[^.]{0,80}\b(?:url|link)|e-?mails? (?:messages )?(?:containing|with) (?:a )?malicious url|credential phishing/i, kinds: [...PROSE] },
  { technique: 'T1190', tactic: 'initial-access', why: 'attack on an internet-facing application', pattern: /sql[ -]?injection|\bor\s+'?1'?\s*=\s*'?1\b|union\s+(?:all\s+)?select|china ?chopper/i, kinds: CMD_AND_ALERT },
  {
    technique: 'T1078.004',
    tactic: 'initial-access',
    why: 'sign-in with valid cloud credentials from an unusual place',
    pattern: /impossible travel|atypical travel|unfamiliar sign-?in|anomalous (?:sign-?in|token)|activity from (?:an? )?infrequent country|sign(?:ed)?-?in from (?:an? )?(?:atypical|unusual|infrequent|new) (?:location|country)|successful sign-?in after (?:a )?password spray|signed in successfully from/i,
    kinds: [...PROSE],
  },
  // Persistence and privilege escalation
  { technique: 'T1053.005', tactic: 'persistence', why: 'scheduled task created', pattern: /\bschtasks(?:\.exe)?\b[^\n]*\/create|Register-ScheduledTask|New-ScheduledTask|\bscheduled task (?:was )?(?:created|registered)/i, kinds: CMD_AND_ALERT },
  { technique: 'T1547.001', tactic: 'persistence', why: 'autostart via a registry Run key or the Startup folder', pattern: /\\CurrentVersion\\Run(?:Once|Services)?(?:Ex)?\b|\\Start Menu\\Programs\\Startup\b|\bstartup folder\b/i, kinds: ANY },
  { technique: 'T1546.008', tactic: 'persistence', why: 'accessibility binary hijacked for a logon-screen backdoor', pattern: /\b(?:sethc|utilman|osk|narrator|magnify|displayswitch)(?:\.exe)?\b[^\n]*(?:debugger|image file execution|replaced|copy)|image file execution options[^\n]*\b(?:sethc|utilman|osk|narrator|magnify)|sticky keys/i, kinds: ANY },
  { technique: 'T1546.012', tactic: 'persistence', why: 'debugger set in Image File Execution Options', pattern: /image file execution options/i, kinds: [...CMD, 'entity'], unless: /\b(?:sethc|utilman|osk|narrator|magnify|displayswitch)\b/i },
  { technique: 'T1136.001', tactic: 'persistence', why: 'local account created', pattern: /\bnet1?(?:\.exe)?\s+user\s+\S+(?:\s+\S+)?\s+\/add\b/i, kinds: CMD, unless: /\/domain\b/i },
  { technique: 'T1136.002', tactic: 'persistence', why: 'domain account created', pattern: /\bnet1?(?:\.exe)?\s+user\s+\S+[^\n]*\/add\b[^\n]*\/domain|New-ADUser/i, kinds: CMD },
  { technique: 'T1036.010', tactic: 'defense-evasion', why: 'account named to look like a built-in one', pattern: /closely resembles a standard windows account|\b(?:adm1n\w*|administrat0r|supp0rt|helpdeskk)\b/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  {
    technique: 'T1098',
    tactic: 'persistence',
    why: 'account added to a privileged group',
    pattern: /\bnet1?(?:\.exe)?\s+(?:local)?group\b[^\n]*\/add|Add-(?:AD|LocalGroup)(?:Group)?Member|added (?:\S+ )?(?:to|into) (?:the )?(?:built[- ]in )?(?:domain admins|enterprise admins|schema admins|account operators|administrators|privileged)|added to (?:a )?privileged|\(event 47(?:28|32|56)\)/i,
    kinds: [...CMD_AND_ALERT],
  },
  { technique: 'T1543.003', tactic: 'persistence', why: 'Windows service created', pattern: /\bsc(?:\.exe)?\s+(?:\\\\\S+\s+)?create\b|New-Service\b|service \S+ was installed|\(event 7045\)/i, kinds: CMD_AND_ALERT },
  { technique: 'T1505.003', tactic: 'persistence', why: 'web shell on a web server', pattern: /web ?shell|china ?chopper/i, kinds: CMD_AND_ALERT },
  { technique: 'T1548.002', tactic: 'privilege-escalation', why: 'User Account Control bypass', pattern: /bypass (?:uac|user account control)|mscfile\\+(?:shell\\+)?open|ms-settings\\+shell\\+open|\bfodhelper(?:\.exe)?\b/i, kinds: CMD_AND_ALERT },
  // Defense evasion
  { technique: 'T1218.011', tactic: 'defense-evasion', why: 'code run through signed rundll32.exe', pattern: /\brundll32(?:\.exe)?\b/i, kinds: CMD_AND_ALERT },
  { technique: 'T1218.010', tactic: 'defense-evasion', why: 'code run through signed regsvr32.exe', pattern: /\bregsvr32(?:\.exe)?\b/i, kinds: CMD_AND_ALERT },
  { technique: 'T1218.005', tactic: 'defense-evasion', why: 'code run through mshta.exe', pattern: /\bmshta(?:\.exe)?\b/i, kinds: CMD_AND_ALERT },
  { technique: 'T1202', tactic: 'defense-evasion', why: 'command run indirectly through a Windows utility', pattern: /\bpcalua(?:\.exe)?\s+-a\b|\bforfiles(?:\.exe)?\b[^\n]*\/c\b/i, kinds: CMD_AND_ALERT },
  { technique: 'T1070.001', tactic: 'defense-evasion', why: 'Windows event log cleared', pattern: /\bwevtutil(?:\.exe)?\s+cl\b|Clear-EventLog|event log (?:was )?cleared|log was cleared|\(event 1102\)/i, kinds: ANY },
  { technique: 'T1562.002', tactic: 'defense-evasion', why: 'logging switched off', pattern: /auditpol[^\n]*\/(?:clear|remove)|httplogging\s+\/dontlog:true|disabling and deleting iis log/i, kinds: CMD_AND_ALERT },
  { technique: 'T1562.004', tactic: 'defense-evasion', why: 'host firewall changed or disabled', pattern: /\bnetsh(?:\.exe)?\s+(?:adv)?firewall\b|Set-NetFirewallProfile[^\n]*-Enabled\s+False|new firewall rule/i, kinds: CMD_AND_ALERT },
  { technique: 'T1562.001', tactic: 'defense-evasion', why: 'security tooling disabled', pattern: /Set-MpPreference[^\n]*-Disable\w+\s+\$?(?:true|1)|DisableAntiSpyware|net1?\s+stop\s+(?:windefend|sense|wscsvc|sharedaccess)|sc(?:\.exe)?\s+(?:stop|config)\s+(?:windefend|sense)|disabling of critical services/i, kinds: CMD_AND_ALERT },
  { technique: 'T1222.001', tactic: 'defense-evasion', why: 'file permissions opened to everyone', pattern: /\bi?cacls(?:\.exe)?\b[^\n]*(?:\/grant|\/g)\s+everyone|takeown(?:\.exe)?\s+\/f/i, kinds: CMD_AND_ALERT },
  { technique: 'T1564.008', tactic: 'defense-evasion', why: 'inbox rule hides or deletes mail', pattern: /inbox (?:manipulation )?rule\b[^.]{0,140}\b(?:delete[sd]?|moves?|marks? (?:them )?as read|rss)/i, kinds: [...PROSE] },
  {
    technique: 'T1036.005',
    tactic: 'defense-evasion',
    why: 'system process name run from the wrong place or context',
    pattern: /\\(?:fonts|temp|appdata\\\w+|programdata|users\\public|recycler|diagnostics\\usertmp|alertgeneration)\\(?:svchost|csrss|lsass|services|smss|winlogon|explorer)\.exe|(?:svchost|csrss)\b[^.]{0,60}\b(?:abnormal context|rare service group)|masquerad\w+/i,
    kinds: [...CMD_AND_ALERT, 'entity'],
  },
  // Credential access
  { technique: 'T1003.001', tactic: 'credential-access', why: 'LSASS process memory dumped for credentials', pattern: /\blsass\b[^\n]{0,80}(?:dump|minidump|memory|access)|comsvcs(?:\.dll)?[^\n]{0,30}minidump|sekurlsa|procdump[^\n]*lsass/i, kinds: [...CMD_AND_ALERT, 'comment'] },
  { technique: 'T1003', tactic: 'credential-access', why: 'credential-dumping tool or behaviour', pattern: /\bmimikatz\b|credential dumping|\bsqldumper(?:\.exe)?\b|\bpwdump\b|\bsecretsdump\b/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  { technique: 'T1110.003', tactic: 'credential-access', why: 'password spraying', pattern: /password spray/i, kinds: [...PROSE] },
  { technique: 'T1110.001', tactic: 'credential-access', why: 'repeated password guesses against RDP', pattern: /\b(\d[\d,]*) failed (?:rdp |remote desktop )?(?:login |logon |sign-?in )?attempts\b/i, requires: /\b(?:rdp|remote desktop)\b/i, kinds: [...PROSE], minCount: 10 },
  { technique: 'T1110', tactic: 'credential-access', why: 'many failed sign-ins (brute force)', pattern: /\bbrute[- ]?force\b|\b(\d[\d,]*)\s+failed\s+(?:login|logon|sign-?in|authentication)s?\b/i, kinds: [...PROSE], minCount: 10 },
  { technique: 'T1558.003', tactic: 'credential-access', why: 'service tickets requested for offline cracking (Kerberoasting)', pattern: /kerberoast\w*|rc4[- ]encrypted kerberos service tickets|\bspn exposure\b|Invoke-Kerberoast/i, kinds: [...CMD_AND_ALERT, 'comment'] },
  { technique: 'T1558.001', tactic: 'credential-access', why: 'forged Kerberos ticket (golden ticket)', pattern: /golden ticket|\/krbtgt:/i, kinds: CMD_AND_ALERT },
  // Discovery
  { technique: 'T1046', tactic: 'discovery', why: 'network port scan', pattern: /port scan|\bnmap(?:\.exe)?\b|\bmasscan\b|connected to \d[\d,]* distinct ports/i, kinds: [...CMD_AND_ALERT] },
  { technique: 'T1082', tactic: 'discovery', why: 'system information gathered', pattern: /\bsysteminfo(?:\.exe)?\b/i, kinds: CMD },
  { technique: 'T1033', tactic: 'discovery', why: 'current user identified', pattern: /\bwhoami(?:\.exe)?\b|\bquery user\b/i, kinds: CMD },
  { technique: 'T1087.002', tactic: 'discovery', why: 'domain accounts enumerated', pattern: /\bnet1?(?:\.exe)?\s+(?:user|group)\b[^\n]*\/domain|ldap queries enumerating|Get-ADUser|\bAdFind(?:\.exe)?\b|domain accounts (?:are being )?queried/i, kinds: CMD_AND_ALERT },
  { technique: 'T1482', tactic: 'discovery', why: 'domain trusts enumerated', pattern: /nltest[^\n]*\/(?:domain_trusts|dclist)|Get-ADTrust/i, kinds: CMD },
  // Lateral movement
  { technique: 'T1021.001', tactic: 'lateral-movement', why: 'successful logon over RDP', pattern: /successful(?:ly)? (?:rdp|remote desktop)|some of which were able to successfully log ?in|unexplained rdp logon/i, kinds: [...PROSE] },
  { technique: 'T1021.002', tactic: 'lateral-movement', why: 'remote execution over SMB admin shares', pattern: /remotely from \S+ over smb|\\\\[\w.-]+\\(?:admin|c|ipc)\$|psexe(?:c|svc)/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  // Collection and exfiltration
  { technique: 'T1114.003', tactic: 'collection', why: 'mailbox forwarding to an outside address', pattern: /inbox (?:forwarding|rule)[^.]{0,80}\bforward|forwards? (?:all )?(?:incoming )?(?:e-?mail|mail|messages)[^.]{0,40}\bto (?:the )?external|ForwardingSmtpAddress|(?:Set|New)-InboxRule[^\n]*Forward/i, kinds: [...PROSE, 'commandLine'] },
  { technique: 'T1530', tactic: 'collection', why: 'bulk download from cloud storage', pattern: /mass download|downloaded \d[\d,]* files/i, kinds: [...PROSE] },
  { technique: 'T1213.002', tactic: 'collection', why: 'data taken from SharePoint', pattern: /sharepoint[^.]{0,60}\b(?:download|mass)|download[^.]{0,60}\bsharepoint|from the \S+ site\b/i, kinds: [...PROSE] },
  { technique: 'T1567.002', tactic: 'exfiltration', why: 'data uploaded to cloud storage', pattern: /\brclone(?:\.exe)?\b|mega\.nz|\bmegasync\b/i, kinds: [...CMD_AND_ALERT] },
  { technique: 'T1048.003', tactic: 'exfiltration', why: 'data carried out in DNS queries', pattern: /encoded in dns query names|outbound dns data|exfiltrat\w+ (?:over|via|through) dns/i, kinds: [...PROSE] },
  // Command and control
  { technique: 'T1071.004', tactic: 'command-and-control', why: 'command and control over DNS', pattern: /dns tunnel\w*|command and control over dns|long random-looking subdomains|--dns\b/i, kinds: [...CMD_AND_ALERT] },
  { technique: 'T1572', tactic: 'command-and-control', why: 'traffic tunnelled through another protocol', pattern: /dns tunnel\w*|\btunnel(?:l)?ing\b/i, kinds: [...CMD_AND_ALERT] },
  { technique: 'T1071', tactic: 'command-and-control', why: 'command-and-control communication', pattern: /\bcommand[- ]and[- ]control\b(?! over dns)|\bc2 (?:server|channel|traffic)\b/i, kinds: [...PROSE], unless: /\bdns\b/i },
  { technique: 'T1219', tactic: 'command-and-control', why: 'remote access tool', pattern: /\b(?:anydesk|teamviewer|screenconnect|splashtop|atera|ngrok)(?:\.exe)?\b/i, kinds: [...CMD_AND_ALERT, 'entity'] },
  // Impact
  { technique: 'T1490', tactic: 'impact', why: 'backups or shadow copies destroyed', pattern: /vssadmin(?:\.exe)?\s+delete\s+shadows|shadowcopy\s+delete|wbadmin(?:\.exe)?\s+delete\s+(?:catalog|systemstatebackup)|bcdedit[^\n]*recoveryenabled\s+no|shadow cop(?:y|ies) (?:were |was )?deleted|backups were deleted|shadow copy deletion/i, kinds: ANY },
  { technique: 'T1486', tactic: 'impact', why: 'files encrypted for ransom', pattern: /\bransomware\b|encrypted and renamed|files? (?:were |was )?(?:renamed|encrypted) with an? (?:unknown|new|random) extension|ransom (?:note|message|demand)/i, kinds: ANY },
  { technique: 'T1496.001', tactic: 'impact', why: 'computing power hijacked for cryptocurrency mining', pattern: /stratum\+(?:tcp|ssl)|\bxmrig\b|cryptonight|mining pool|currency mining|crypto ?(?:miner|mining)|--donate-level/i, kinds: ANY },
  { technique: 'T1578.002', tactic: 'defense-evasion', why: 'cloud compute instances created by the actor', pattern: /(?:created|deployed) \d+ [^.]{0,60}virtual machines|suspicious number of resource creation/i, kinds: [...PROSE] },
];

/** True when the words just before `index` negate the match ("no ransomware", "did not open the link"). */
export function isNegated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index).toLowerCase();
  return /\b(?:no|not|without|never|nor|neither|ruled out|instead of)\b[^.;]*$/.test(before);
}
