import type { IncidentContext } from '../../../agents';
import { isNegated } from './attackRules';
import type { TextItem, TextKind } from './incidentTexts';
import { quote } from './text';

/**
 * Statements in the incident that decide between true, benign and false positive: test and sample
 * alerts, authorised red-team and scanner activity, approved changes, analysts' confirmations either
 * way, reputation-only detections. Each indicator quotes the text that produced it.
 */
export type IndicatorKind = 'benign' | 'falsePositive' | 'malicious';
/** strong and moderate: a decisive statement; weak: circumstantial; cue: one word-level hint in analyst notes. */
export type IndicatorStrength = 'strong' | 'moderate' | 'weak' | 'cue';

export interface VerdictIndicator {
  kind: IndicatorKind;
  strength: IndicatorStrength;
  name: string;
  evidence: string;
  /** Position of the comment it came from (0 = first); later analyst notes settle conflicts. */
  commentIndex?: number;
}

interface IndicatorRule {
  kind: IndicatorKind;
  strength: IndicatorStrength;
  name: string;
  pattern: RegExp;
  kinds: TextKind[];
  /** Negated mentions ("no change request") do not count; some rules are about the negation itself. */
  allowNegated?: boolean;
}

const ALERT_TEXT: TextKind[] = ['alert', 'title', 'description', 'entity', 'commandLine'];
const NOTES: TextKind[] = ['comment'];
const NOTES_AND_INCIDENT: TextKind[] = ['comment', 'title', 'description', 'label'];

const RULES: readonly IndicatorRule[] = [
  // Benign: the activity happened and was expected.
  {
    kind: 'benign',
    strength: 'strong',
    name: 'Test or sample alert',
    pattern: /\[sample alert\]|this is a sample alert|test alert \(not a threat\)|this is a test alert|\bsimulated_\w+|asc_alerttest|\\alertgeneration\\|solely for (?:the )?purposes? of triggering (?:a )?test|create sample alerts|\beicar\b/i,
    kinds: [...ALERT_TEXT, 'comment'],
  },
  {
    kind: 'benign',
    strength: 'strong',
    name: 'Authorised penetration test or red-team exercise',
    pattern:
      /\b(?:authori[sz]ed|approved|sanctioned|scheduled|planned|agreed|contracted)\b[^.]{0,60}\b(?:pen(?:etration)?[- ]?test\w*|red[- ]team\w*|purple[- ]team\w*|attack simulation|breach and attack simulation|security exercise)|\bred[- ]team (?:exercise|engagement|operation|confirmed|ticket)|\bpen(?:etration)?[- ]?test(?:ing)? (?:exercise|engagement|harness|window|ticket|team|principal)|\bticket RT-\d+/i,
    kinds: NOTES_AND_INCIDENT,
  },
  {
    kind: 'benign',
    strength: 'strong',
    name: 'Phishing or attack simulation campaign',
    pattern: /phishing simulation|attack simulation training|simulation (?:campaign|domain|url|exercise)|(?:phishing|awareness) (?:test|exercise|campaign) (?:run )?by (?:the )?(?:security|it|awareness) team|\bknowbe4\b|\bgophish\b/i,
    kinds: [...NOTES_AND_INCIDENT, 'email'],
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Authorised vulnerability scanner',
    pattern: /\b(?:is|was|from) (?:the|our|an?) (?:authori[sz]ed |internal |scheduled )?vulnerability scanner\b|\b(?:scheduled|weekly|monthly|authori[sz]ed) (?:nessus|qualys|rapid7|nexpose|openvas|tenable|vulnerability) scan|scanner to the rule'?s? allow ?list/i,
    kinds: NOTES_AND_INCIDENT,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Approved change',
    pattern: /\b(?:approved|authori[sz]ed|standing) change\b|\bchange (?:request|ticket) (?:#\s*)?(?:CHG|CR|RFC)?\d{3,}|\bCHG\d{4,}\b|\bmaintenance window\b|approved by (?:the )?(?:cloud |platform |change |system )?(?:owner|manager|cab|change board)/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Owner or user confirmed the activity',
    // "confirmed the sign-in was hers", but not "confirmed the sign-in was not his".
    pattern:
      /\bconfirmed (?:the |that |it |this |their |his |her )?(?:activity|sign-?in|travel|log ?in|logon|change|download|sync|upload|install\w*|access|request|deployment|scan)\b(?![^.]*\b(?:not|never|isn't|wasn't|didn't)\b)|\b(?:uses|using|connects?|connected) (?:through |via )?(?:a |the |his |her |their )?(?:commercial |corporate |personal |consumer )?vpn\b|\bwas (?:on a business trip|travell?ing for work)|\bconfirmed with the (?:change )?owner\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'No follow-on activity found',
    pattern: /\bno (?:suspicious|malicious|anomalous|unusual|further|follow-on|other) (?:\w+ ){0,3}(?:activity|sign-?ins?|behaviou?r|logons?)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Expected administrative or system activity',
    pattern:
      /\b(?:expected (?:behaviou?r|activity)|legitimate (?:business|admin(?:istrative)?|use|activity|windows|software|tool|service)|known (?:admin(?:istrative)? )?tool|built-in windows service group|after patching|latest cumulative update|working as intended|deployment agent|packaging team|platform team|installer test|signed agent|crash analysis|while troubleshooting|synced the [^.]{0,40} library|onedrive sync|data science team|load test)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: "Attributed to the organisation's own asset or process",
    pattern: /\b(?:is|are|was|were) (?:one of )?(?:our|our own|the company'?s|the organi[sz]ation'?s|an internal|the internal)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Known IT process',
    pattern:
      /\b(?:intune|sccm|configmgr|group policy|gpo|veeam|backup (?:job|server|software|agent)|nightly (?:job|backup|sync|run)|remediation script|deployment (?:agent|script|tool|pipeline)|release pipeline|(?:deploys?|deployed|pushed|rolled out) by (?:the |our )?[\w-]+(?: [\w-]+)? team|the [\w-]+ team deploys|baseline was reset|matches (?:previous|the previous|earlier|the signed|its baseline))\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Travel or location explained',
    pattern: /\b(?:at the [\w-]+ office|business trip|on (?:holiday|vacation|leave) in|working from (?:the )?[\w-]+|(?:approved|booked) the trip|is travell?ing|was travell?ing)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Stale or misconfigured credential',
    pattern: /\b(?:old|expired|outdated|previous|cached) (?:\S+ )?(?:password|credential)s?\b|after (?:the |a |monday'?s |last week'?s )?(?:password )?rotation\b|updated the (?:stored |saved )?(?:credential|password)/i,
    kinds: NOTES,
  },
  {
    kind: 'falsePositive',
    strength: 'strong',
    name: 'Source wrongly listed or detected',
    pattern: /\b(?:by mistake|mistakenly|wrongly|incorrectly) (?:listed|flagged|detected|classified|attributed|reported)|\b(?:listed|flagged|detected|classified) (?:\w+ ){0,4}(?:by mistake|in error|wrongly|incorrectly)|\b(?:it |this |that )?(?:is|was) not (?:a |an )?(?:tor|malicious|malware|an attack|compromised|phishing)\b/i,
    kinds: NOTES,
    allowNegated: true,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Analyst calls it legitimate',
    pattern: /(?:^|[\s(])(?:legit|all good|nothing wrong(?: here)?|no issue|not an issue|no concern|safe to close|ok to close|fine to close|benign)\b|\bis (?:fine|ok|okay|legit)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'benign',
    strength: 'moderate',
    name: 'Signed off by an accountable owner',
    pattern: /\b(?:signed off|approved|authori[sz]ed|green-?lit|sanctioned) by (?:the |our )?(?:ciso|cio|cto|ceo|security (?:lead|manager|officer|team)|management|change (?:board|manager)|cab|it director|head of [\w-]+|data owner|system owner)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'falsePositive',
    strength: 'moderate',
    name: 'Detection artefact explained',
    pattern: /\b(?:alert|rule|detection|it) (?:only )?(?:fired|triggered|tripped) because\b|\bmisfired?\b|\bfalse alarm\b|\bclock (?:on [\w-]+ )?(?:was |is )?(?:\d+ (?:hours?|minutes?) )?(?:off|wrong|skewed|behind|ahead)\b|\btime (?:sync|skew|drift)\b|\bgeolocates? (?:it |the \w+ )?(?:to|in) [\w -]{2,30}\b(?:although|though|but|while|whereas)\b|\b(?:geo-?ip|geolocation) (?:data |database )?(?:is |was )?(?:wrong|incorrect|off|outdated)\b/i,
    kinds: NOTES,
    allowNegated: true,
  },
  { kind: 'benign', strength: 'weak', name: 'Incident labelled as test or expected', pattern: /^(?:test|sample|simulation|scanner|pentest|red ?team|expected|authori[sz]ed)$/i, kinds: ['label'] },
  // False positive: the detection itself was wrong.
  {
    kind: 'falsePositive',
    strength: 'strong',
    name: 'Analyst found the detection wrong',
    pattern:
      /\bfalse positive\b|incorrect (?:alert|detection|rule) logic|rule (?:threshold )?(?:is |was )?too (?:low|broad|sensitive)|threshold (?:raised|too low)|mis-?onboarded|inaccurate data|wrong(?:ly)? (?:flagged|classified|attributed)|\b(?:is|was) not malicious|\bbenign (?:traffic|file|process|binary)|known[- ]good|licen[cs]e check|\b(?:indicator|ioc|threat intel\w*|ti entry)\b[^.]{0,50}\b(?:stale|expired|outdated)\b|\bstale (?:indicator|ioc|ti|threat intel)|\bshared hosting\b|legitimate (?:newsletter|sender|vendor email|marketing (?:mail|email))|released (?:it |the message )?from quarantine/i,
    kinds: NOTES,
  },
  // Malicious: the analysts or the alerts establish harm.
  {
    kind: 'malicious',
    strength: 'strong',
    name: 'Analyst confirmed malicious activity',
    pattern:
      /\bconfirmed (?:malicious|compromise|compromised|ransomware|phishing|attack|kerberoasting|intrusion|breach|credential theft|exfiltration)|\b(?:lsass dump|kerberoasting|ransomware|phishing|compromise) confirmed|\b(?:attacker|threat actor|intruder)s? (?:used|logged|created|deployed|moved|had)|credentials? (?:were |was )?(?:stolen|compromised|harvested|phished)|entered (?:their |his |her )?credentials|account takeover|session token was stolen|\b(?:denies|denied) (?:running|making|creating|the|any)|did not recogni[sz]e|was not travell?ing|wasn't travell?ing|no change request|not part of (?:the|any) (?:exercise|test|change)|unexplained (?:rdp |remote )?logon|departing employee exfiltrated|not in the software inventory|stolen credentials used/i,
    kinds: NOTES,
    allowNegated: true,
  },
  {
    kind: 'malicious',
    strength: 'strong',
    name: 'Activity the user did not initiate',
    pattern: /\b(?:did not|didn't|never) (?:start|initiate|request|make|perform|attempt) (?:any |the |a |this )?(?:sign-?ins?|log ?ins?|logons?|requests?|changes?|push(?:es)?|prompts?)|approved (?:one|a prompt|the push|a push) to make (?:them|it) stop|\bmfa (?:fatigue|bombing|spam)|\b(?:unexpected|unsolicited) mfa (?:prompts?|push(?:es)?|requests?)/i,
    kinds: NOTES,
    allowNegated: true,
  },
  {
    kind: 'malicious',
    strength: 'moderate',
    name: 'Containment or eradication performed',
    pattern: /\b(?:isolated|re-?imaged|reimaged|quarantined the (?:host|device)|sessions? revoked|revoked (?:all )?(?:refresh )?tokens|password(?:s)? (?:was |were )?reset|reset (?:the )?password|purged the message|blocked (?:the )?(?:ip|sender|domain)|sinkholed|disabled (?:the )?account|rotated)\b/i,
    kinds: NOTES,
  },
  {
    kind: 'malicious',
    strength: 'strong',
    name: 'Known attacker tool',
    pattern: /\b(?:mimikatz|rubeus|sharphound|bloodhound|lazagne|impacket|secretsdump|cobalt ?strike|meterpreter|metasploit|sliver|brute ?ratel|nanodump|kworkerds|xmrig)\b/i,
    kinds: ['commandLine', 'entity', 'alert', 'description', 'comment', 'decoded'],
  },
  {
    kind: 'malicious',
    strength: 'strong',
    name: 'Attack succeeded',
    pattern:
      /\bsome of which were able to successfully log ?in|successful (?:rdp )?brute force|(?:signed|logged) in successfully (?:from|after)|successful sign-?in after|\bclicked\b[^.]{0,80}\b(?:url|link)|injection reached the database|encrypted and renamed|files (?:were|was) renamed with an unknown extension|logged on as administrator/i,
    kinds: [...ALERT_TEXT, 'comment'],
  },
];

/**
 * Word-level cues in analyst notes. Notes rarely use one fixed phrase ("this is PRTG's discovery, run by
 * the network team every Sunday"), so besides the decisive statements above each note is read for
 * small cues of an explanation, of a wrong detection and of harm; each distinct cue adds a little, and
 * several together can decide the case.
 */
const CUES: ReadonlyArray<{ kind: IndicatorKind; name: string; pattern: RegExp }> = [
  { kind: 'benign', name: 'Note attributes the activity to a known owner', pattern: /\b(?:this|that|it|which)(?: is| was|'s) (?:[\w-]+'s?\s|the\b|our\b|[\w-]+ from (?:it|ops|hr|finance|security|the [\w-]+ team)\b)|\b(?:is|are) [\w-]+'s? (?:\w+ ){0,2}(?:scanner|server|node|agent|service|tool|script|laptop|device|printer|appliance|proxy|gateway|egress|vpn|address|range|account|pipeline)\b|\b(?:our|the company'?s|microsoft'?s|google'?s|the vendor'?s|the [\w-]+ team'?s) (?:own )?(?:[\w-]+ ){0,2}(?:address(?:es)?|range|scanner|server|node|agent|service|tool|script|site|tenant|installer|pipeline|archiving|process|job|backup|device|laptop|account)\b/i },
  { kind: 'benign', name: 'Note names who ordered or ran it', pattern: /\b(?:ordered|requested|run|ran|performed|done|deployed|scheduled|approved|initiated|started|pushed) by (?:the |our )?(?:[\w-]+ ){0,2}(?:team|department|admins?|owner|manager|vendor|provider|msp|contractor)\b|\bthe [\w-]+ (?:[\w-]+ )?team (?:ordered|requested|runs|ran|scheduled|deploys|deployed|approved|performed)\b|\bran the [\w-]+ team'?s\b/i },
  { kind: 'benign', name: 'Note describes routine or policy-driven activity', pattern: /\b(?:(?:every|each) (?:day|night|week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|same time every \w+|nightly|weekly|monthly|quarterly|routine|recurring|as (?:the )?(?:[\w-]+ )?policy requires|as required by|per (?:the )?policy|year-end|month-end)\b/i },
  { kind: 'benign', name: 'Note cites an assessment, review or project', pattern: /\b(?:pci|sox|iso 27001|audit|assessment|compliance (?:scan|check)|perimeter scan)\b|\bas part of (?:the |an? |our )?[\w-]+(?: [\w-]+)? (?:review|project|migration|exercise|assessment|test|audit|rollout|upgrade)\b/i },
  { kind: 'benign', name: 'Note explains a trip or visit', pattern: /\bvisiting (?:the |a |our )?(?:customer|client|office|site|supplier|partner|conference|family)\b|\bon (?:a )?(?:business )?trip\b|\bat (?:a |the )?conference\b/i },
  { kind: 'benign', name: 'Note records a confirmation', pattern: /\bconfirmed with (?:the )?[\w-]+\b(?![^.]*\b(?:not|never|isn't|wasn't|didn't)\b)/i },
  { kind: 'benign', name: 'Note finds nothing else', pattern: /\bnothing else (?:ran|happened|was (?:found|observed|seen))|\bno other (?:activity|alerts?|sign-?ins?|processes)\b/i },
  { kind: 'benign', name: 'Note calls the activity expected', pattern: /\b(?:expected|legitimate|harmless|by design|as intended|normal (?:behaviou?r|activity|operation))\b/i },
  { kind: 'falsePositive', name: 'Note says something was wrong in the detection data', pattern: /\b(?:in error|by mistake|mistakenly|wrongly|incorrectly|erroneous(?:ly)?|misclassified|miscategori[sz]ed|mis-?geolocated)\b/i },
  { kind: 'falsePositive', name: 'Note cites a known detection issue or a vendor fix', pattern: /\bknown (?:detection |rule |product |false[- ]positive )?(?:issue|bug|limitation|problem)|\bdetection (?:bug|issue)|\bhas (?:corrected|fixed) (?:it|the (?:category|entry|signature|verdict|listing))|\bfixed the (?:category|signature|entry|listing)/i },
  { kind: 'malicious', name: 'Note points to harm', pattern: /\b(?:not ours|isn't ours|nobody (?:was|knew|knows|on the team)|no one (?:was|knew)|was not logged on|wasn't logged on|fake [\w-]+|phishing (?:mail|e-?mail|message|link|page)|stolen|compromised|attacker|unauthori[sz]ed|without (?:a )?(?:ticket|change|approval))\b/i },
];

function noteCues(incident: IncidentContext): VerdictIndicator[] {
  const out: VerdictIndicator[] = [];
  incident.comments.forEach((comment, index) => {
    for (const cue of CUES) {
      if (out.some((found) => found.name === cue.name)) continue;
      const match = cue.pattern.exec(comment.message);
      if (!match || (cue.kind !== 'falsePositive' && isNegated(comment.message, match.index))) continue;
      const start = Math.max(0, match.index - 50);
      out.push({
        kind: cue.kind,
        strength: 'cue',
        name: cue.name,
        evidence: `comment ${index + 1}: ${quote(`${start > 0 ? '…' : ''}${comment.message.slice(start, match.index + match[0].length + 60)}`, 200)}`,
        commentIndex: index,
      });
    }
  });
  return out;
}

/** Sentinel products/alert names whose only basis is an indicator list (threat intelligence matching). */
const REPUTATION_ONLY = /\bTI map\b|threat intelligence|based on TI|\bTI\b (?:match|indicator)|known malicious (?:ip|domain|url)|communicat\w+ with a (?:known )?malicious (?:machine|ip|host)|reputation/i;

/** Entity kinds that show activity on a machine, as opposed to a network observation. */
const HOST_EVIDENCE_KINDS = new Set(['Process', 'File', 'FileHash', 'Malware', 'RegistryKey', 'RegistryValue']);

export function findVerdictIndicators(incident: IncidentContext, texts: TextItem[]): VerdictIndicator[] {
  const found: VerdictIndicator[] = [];
  const seen = new Set<string>();
  const commentIndex = new Map(incident.comments.map((comment, index) => [comment.message, index] as const));
  for (const rule of RULES) {
    for (const item of texts) {
      if (!rule.kinds.includes(item.kind)) continue;
      const match = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '')).exec(item.text);
      if (!match) continue;
      if (!rule.allowNegated && isNegated(item.text, match.index)) continue;
      const start = Math.max(0, match.index - 50);
      const evidence = `${item.source}: ${quote(`${start > 0 ? '…' : ''}${item.text.slice(start, match.index + match[0].length + 70)}`, 240)}`;
      const key = `${rule.name}|${item.source}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const index = item.kind === 'comment' ? commentIndex.get(item.text) : undefined;
      found.push({ kind: rule.kind, strength: rule.strength, name: rule.name, evidence, ...(index !== undefined ? { commentIndex: index } : {}) });
    }
  }
  if (incident.alerts.length > 0) {
    const reputation = incident.alerts.every((alert) => REPUTATION_ONLY.test(`${alert.displayName} ${alert.description ?? ''}`) || REPUTATION_ONLY.test(incident.title));
    const hostEvidence = incident.entities.some((entity) => HOST_EVIDENCE_KINDS.has(entity.kind));
    if (reputation && !hostEvidence) {
      found.push({
        kind: 'falsePositive',
        strength: 'weak',
        name: 'Reputation-only detection',
        evidence: `Every alert rests on an indicator match (${quote(incident.alerts[0]?.displayName ?? incident.title, 100)}) and no process, file or malware evidence backs it.`,
      });
    }
  }
  found.push(...noteCues(incident));
  const malware = incident.entities.find((entity) => entity.kind === 'Malware');
  if (malware) {
    found.push({ kind: 'malicious', strength: 'strong', name: 'Malware identified', evidence: `Malware entity ${quote(malware.friendlyName, 100)} names the family that was found.` });
  }
  return found;
}
