import type { Classification } from '../../../agents';
import { brandOfDomain } from './brands';
import type { IncidentFacts } from './incidentFacts';
import { clip, listText, unique } from './text';

/**
 * Response actions that follow from the findings and name their targets (host, account, indicator,
 * message). Only suggestions: nothing here is executed, and the tenant's write-back policy decides
 * what any automation may do.
 */
const has = (facts: IncidentFacts, ...ids: string[]): boolean => facts.attack.techniques.some((technique) => ids.some((id) => technique.id === id || technique.id.startsWith(`${id}.`)));

export function recommendActions(facts: IncidentFacts, classification: Classification): string[] {
  const actions: string[] = [];
  const push = (text: string): void => {
    if (actions.length < 20) actions.push(clip(text, 500));
  };
  const hosts = facts.assets.filter((asset) => asset.kind === 'host').map((asset) => asset.name);
  const accounts = facts.assets.filter((asset) => asset.kind === 'account').map((asset) => asset.name);
  const mailboxes = facts.assets.filter((asset) => asset.kind === 'mailbox').map((asset) => asset.name);
  const cloud = facts.assets.filter((asset) => asset.kind === 'cloudResource').map((asset) => asset.name);
  const externalIps = facts.iocs.filter((ioc) => ioc.external && (ioc.type === 'IPV4' || ioc.type === 'IPV6')).map((ioc) => ioc.value);
  const externalDomains = facts.iocs
    .filter((ioc) => ioc.external && ioc.type === 'DOMAIN' && !brandOfDomain(ioc.value))
    .map((ioc) => ioc.value)
    .filter((domain) => !/(?:^|\.)(?:windows\.net|microsoft\.com|office\.com|sharepoint\.com|outlook\.com)$/.test(domain));
  const hashes = facts.iocs.filter((ioc) => ioc.type === 'SHA256' || ioc.type === 'SHA1' || ioc.type === 'MD5').map((ioc) => ioc.value);
  const persistence = facts.iocs.filter((ioc) => ioc.type === 'REGISTRY_KEY').map((ioc) => ioc.value);

  if (classification === 'BENIGN_POSITIVE') {
    const benign = facts.indicators.find((indicator) => indicator.kind === 'benign');
    push(`Record the authorisation or explanation (${benign?.name ?? 'expected activity'}) in the incident and close it as Benign Positive.`);
    push('Tune the analytics rule (exclude the authorised principal, host or test source) so the expected activity stops raising incidents, keeping the exclusion as narrow as possible.');
    if (facts.indicators.some((indicator) => indicator.name === 'Known attacker tool')) push('Confirm the offensive tooling is removed from the hosts once the exercise ends.');
    return actions;
  }
  if (classification === 'FALSE_POSITIVE') {
    push('Close the incident as False Positive with the reason (incorrect alert logic or inaccurate data).');
    if (facts.indicators.some((indicator) => indicator.name === 'Reputation-only detection')) push(`Review or expire the threat-intelligence indicator${externalIps.length > 0 ? ` for ${listText(externalIps, 3)}` : ''} that raised the alert.`);
    if (facts.emailAssessment?.verdict === 'LEGITIMATE') push('Release the message to the recipients if it was quarantined, and report the misclassification to the mail filter vendor.');
    push('Adjust the detection (threshold, scope or exclusion) so the same benign pattern does not recur.');
    return actions;
  }
  if (classification === 'UNDETERMINED') {
    push('Gather more evidence before closing: review sign-in and device timelines around the alerts and ask the affected users or owners to confirm the activity.');
    if (hosts.length > 0) push(`Run a full antivirus scan and collect an investigation package from ${listText(hosts, 3)}.`);
    if (externalIps.length > 0 || externalDomains.length > 0) push(`Look up ${listText([...externalIps, ...externalDomains], 4)} in threat intelligence and search other logs for them.`);
    return actions;
  }

  // True positive: contain, eradicate, recover, in that order.
  const compromisedHosts = hosts.filter((host) => facts.incident.entities.some((entity) => entity.kind === 'Process' || entity.kind === 'File' || entity.kind === 'Malware') || facts.incident.alerts.some((alert) => alert.description?.includes(host)));
  for (const host of compromisedHosts.slice(0, 3)) push(`Isolate host ${host} (Defender for Endpoint device isolation or network quarantine) and collect an investigation package before remediation.`);
  if (has(facts, 'T1486', 'T1490')) push(`Check file shares and backups reachable from ${listText(hosts, 2) || 'the host'} for encryption; restore from offline backups and keep the host off the network until rebuilt.`);
  if (has(facts, 'T1003', 'T1558')) push(`Reset the passwords of every account that signed in to ${listText(hosts, 2) || 'the affected hosts'} recently${has(facts, 'T1558.001') ? ', and rotate the krbtgt password twice' : ''}.`);
  if (has(facts, 'T1558.003')) {
    const services = accounts.filter((account) => /svc|service|sql|backup|iis|sharepoint|adfs|scom/i.test(account));
    push(`Rotate the passwords of the targeted service accounts${services.length > 0 ? ` (${listText(services, 4)})` : ''} to long random values and enforce AES-only Kerberos encryption.`);
  }
  const userAccounts = accounts.filter((account) => !/^(?:svc|adm)[_-]/i.test(account));
  if (userAccounts.length > 0) push(`Reset the password of ${listText(userAccounts, 3)}, revoke sessions and refresh tokens, and review MFA registrations.`);
  if (has(facts, 'T1114.003', 'T1564.008')) push(`Remove the malicious inbox rules from ${listText(mailboxes.length > 0 ? mailboxes : accounts, 2) || 'the mailbox'} and block automatic forwarding to external domains.`);
  const mail = facts.mailMessages[0];
  if (facts.emailAssessment && (facts.emailAssessment.verdict === 'PHISHING' || facts.emailAssessment.verdict === 'SUSPICIOUS')) {
    const subject = mail?.subject ?? facts.email?.subject ?? '';
    const sender = mail?.p2Sender ?? facts.email?.from?.address ?? '';
    push(`Purge the message${subject ? ` "${clip(subject, 80)}"` : ''} from all mailboxes that received it and block the sender${sender ? ` ${sender}` : ''} in the tenant allow/block list.`);
    if (facts.indicators.some((indicator) => indicator.name === 'Attack succeeded') || has(facts, 'T1204.001')) push(`Treat the recipient${mailboxes.length > 0 ? ` ${listText(mailboxes, 2)}` : ''} as compromised: reset the password, revoke sessions and check the mailbox for new rules and sign-ins.`);
  }
  if (externalIps.length > 0) push(`Block ${listText(unique(externalIps), 5)} at the perimeter firewall and in Conditional Access named locations.`);
  if (externalDomains.length > 0) push(`Block ${listText(unique(externalDomains), 5)} on the web proxy, DNS resolvers and the mail filter.`);
  if (hashes.length > 0) push(`Add ${listText(unique(hashes).map((hash) => hash.slice(0, 16) + '…'), 3)} as block indicators in Defender and sweep all devices for them.`);
  if (persistence.length > 0) push(`Remove the persistence in ${listText(persistence.map((key) => clip(key, 120)), 2)}.`);
  if (has(facts, 'T1543.003', 'T1053.005', 'T1546.008', 'T1136')) push(`Remove the attacker-created services, scheduled tasks, accounts or debugger keys on ${listText(hosts, 3) || 'the affected hosts'}.`);
  if (has(facts, 'T1110')) push(`Close the exposed service that was brute-forced (RDP/SSH behind a bastion or just-in-time access) and enforce account lockout.`);
  if (has(facts, 'T1190')) push('Fix the vulnerable query (parameterise it), rotate the database credentials and review WAF logs for other injection attempts.');
  if (has(facts, 'T1496')) push(`Stop and snapshot ${listText(cloud.length > 0 ? cloud : hosts, 2) || 'the affected machine'}, rebuild it from a clean image and close the exposed entry point.`);
  if (cloud.length > 0 && has(facts, 'T1578', 'T1496')) push(`Delete the resources the actor created (${listText(cloud, 3)}) and review role assignments of ${listText(accounts, 2) || 'the account'}.`);
  if (has(facts, 'T1530', 'T1213', 'T1048', 'T1567')) push('Work out what data left (file lists, volumes) with the data owner and Legal; assess notification duties.');
  if (has(facts, 'T1071.004', 'T1572')) push('Sinkhole the tunnelling domain on the internal resolvers and only allow DNS through them.');
  push('Hunt for the same indicators and techniques across the estate, then close the incident as True Positive with a summary of the impact.');
  return actions;
}
