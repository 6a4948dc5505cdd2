import type { IncidentAlertContext, IncidentContext, IncidentEntityContext } from '../../../agents';
import { ownerLabel } from './domains';
import { isExternalScope, parseIp } from './ipAddress';
import { clip, listText, quote } from './text';

/**
 * Structural context of an incident: who acted, on which kind of asset, with which tool, from which
 * network, against which indicator, and whether the detection is only a list match. These signals
 * are read from entities, labels, alert products and names, counts and locations, never from
 * analysts' wording, so they also work when no note exists or the note is phrased in a new way.
 *
 * Each signal belongs to a family (one line of evidence); the verdict counts independent families
 * to calibrate confidence (decideVerdict.ts). `sanctioned` marks contexts (an exercise label, the
 * organisation's own management tooling, an admin-tier account on admin infrastructure) in which an
 * attacker tool or a "successful" action is the expected activity rather than proof of harm.
 */
export interface ContextSignal {
  side: 'benign' | 'falsePositive';
  family: string;
  points: number;
  name: string;
  evidence: string;
  sanctioned?: boolean;
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const alertText = (alert: IncidentAlertContext): string => `${alert.displayName} ${alert.description ?? ''}`;

/** Labels the SOC or its automation puts on sanctioned exercises and on approved work. */
const EXERCISE_LABEL = /\b(?:pen(?:etration)?[- ]?test\w*|red[- ]?team\w*|purple[- ]?team\w*|(?:security |authori[sz]ed )?assessment|simulation|drill|exercise|tabletop)\b/i;
const CHANGE_LABEL = /\b(?:change|maintenance|CHG\d+|CR\d+|approved|authori[sz]ed|planned|expected)\b/i;
const NEGATED_LABEL = /\b(?:not|non|un(?:authori[sz]ed|approved|planned|expected)|outside|unsanctioned|suspected)\b/i;

/** Named admin-tier accounts (adm-jdoe, jdoe-adm, t0-jdoe), not the built-in Administrator every attacker tries. */
const ADMIN_TIER_ACCOUNT = /^(?:adm|admin|adm\d|da|ea|t[0-2])[-_.][a-z0-9]|[a-z0-9][-_.](?:adm|admin|da)$/i;
const SERVICE_ACCOUNT = /^(?:svc|srv|sa|service|sys)[-_.][a-z0-9]|[a-z0-9][-_.]svc$|^[a-z0-9-]+\$$/i;
/** Host-name tokens of administrative, management and security infrastructure. */
const ADMIN_HOST = /(?:^|[-_.])(?:paw|adm|admin|jump|jmp|bastion|mgmt|mgt|sccm|mecm|wsus|deploy|scan|scanner|vuln|nessus|qualys|backup|bkp|ansible|puppet|monitor|soc)(?:[-_.\d]|$)/i;
const SCANNER_HOST = /(?:^|[-_.])(?:scan|scanner|vuln|nessus|qualys|rapid7|openvas)(?:[-_.\d]|$)/i;
/** Role or tag properties some connectors put on hosts (device role, machine tags, device group). */
const HOST_ROLE_KEYS = /^(?:role|deviceRole|machineRole|tags|machineTags|deviceTags|rbacGroupName|deviceGroup|machineGroup)$/i;
const ADMIN_ROLE = /\b(?:scanner|vulnerability|management|admin\w*|backup|deployment|jump|bastion|privileged access)\b/i;

/**
 * Enterprise management, backup, scanning and identity-governance agents. Remote-access tools that
 * intruders favour (AnyDesk, ScreenConnect, ...) are deliberately not here.
 */
const MANAGEMENT_TOOL =
  /\b(?:ccmexec(?:\.exe)?|ccmsetup(?:\.exe)?|configmgr|sccm|mecm|intunemanagementextension(?:\.exe)?|agentexecutor(?:\.exe)?|taniumclient(?:\.exe)?|tanium|besclient(?:\.exe)?|bigfix|pdqdeploy\w*|manageengine|ansible|puppet|chef-client|salt-minion|veeam\w*(?:\.exe)?|commvault|cvd\.exe|netbackup|bpbkar32\.exe|rubrik|cohesity|acronis|nessus\w*|tenable|qualys\w*|rapid7|insightvm|openvas|lansweeper|prtg|sailpoint|identityiq|azure ad connect|adsync\w*|microsoft monitoring agent|healthservice\.exe)\b/i;
const USER_WRITABLE_PATH = /\\(?:users|temp|tmp|appdata|downloads|public|perflogs)\\|\/tmp\/|\/dev\/shm\//i;

/** Location-anomaly detections: their premise is where the sign-in came from. */
const LOCATION_ALERT = /\btravel\b|\bcountry\b|\blocation\b|\bunfamiliar\b|\batypical\b|\binfrequent\b|\bnew (?:city|region|country)\b|\bgeo\w*\b/i;
const IDENTITY_ALERT = /\bsign-?ins?\b|\blog-?ons?\b|\blogins?\b|\bmfa\b|\bmulti-?factor\b|\bpush notifications?\b|\bauthenticat\w+\b/i;
/** Secure web gateways and corporate VPN services whose egress addresses carry everybody's traffic. */
const EGRESS_PROVIDER = /\b(?:zscaler|netskope|prisma access|globalprotect|cisco umbrella|iboss|forcepoint|menlo security|cato networks|cloudflare warp|palo alto networks)\b/i;
/** Content-delivery and large cloud providers: one address or name serves thousands of unrelated sites. */
const SHARED_PROVIDER = /\b(?:cloudflare|akamai|fastly|amazon|aws|cloudfront|google|microsoft|azure|edgecast|edgio|limelight|stackpath|incapsula|imperva|bunnycdn|cdn77)\b/i;
const SHARED_SUFFIX = /(?:^|\.)(?:cloudfront\.net|akamaiedge\.net|akamaized\.net|akamaihd\.net|edgekey\.net|edgesuite\.net|azureedge\.net|azurefd\.net|fastly\.net|fastlylb\.net|cloudflare\.net|cdn\.cloudflare\.net|googleusercontent\.com|gstatic\.com|googleapis\.com|msedge\.net|trafficmanager\.net|amazonaws\.com)$/i;
/** Detections that rest on a list or a score, not on behaviour: indicator matches, reputation, DGA/entropy guesses. */
const LIST_OR_SCORE = /\bTI map\b|threat[- ]intelligence|\bindicator\b|\bIOC\b|known malicious|reputation|\bDGA\b|high entropy|newly (?:registered|observed)|hash match/i;
/** File-verdict detections: a hash list, a signature or an ML score about a file, not what the file did. */
const FILE_VERDICT = /hash (?:match|indicator)|file hash|\bindicator\b|!ml\b|reputation|malware was detected|\btrojan:|\bvirus\b|\bpua\b|potentially unwanted/i;
const SIGNED_BY = /\bsigned by ([A-Z][\w&., -]{1,50}?)(?=\s*(?:\(|,|;|\)|\.(?:\s|$)|\bcode[- ]signing\b|\bcertificate\b|\bwith\b|$))/;
const BAD_SIGNATURE = /\bunsigned\b|\bnot signed\b|invalid signature|signature (?:is |was )?(?:invalid|revoked|expired|forged)|revoked certificate|stolen certificate/i;
const MAJOR_PUBLISHER = /^(?:microsoft|google|apple|adobe|mozilla|oracle|cisco|vmware|intel|dell|hp|lenovo|zoom|slack|citrix|nvidia|amazon|salesforce|atlassian|jetbrains)\b/i;

function locationOf(entity: IncidentEntityContext): Record<string, unknown> {
  const location = entity.properties.location ?? entity.properties.Location;
  return location && typeof location === 'object' ? (location as Record<string, unknown>) : {};
}

function hostRoles(entity: IncidentEntityContext): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(entity.properties)) {
    if (!HOST_ROLE_KEYS.test(key)) continue;
    if (typeof value === 'string') out.push(value);
    if (Array.isArray(value)) out.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return out;
}

const accountNameOf = (entity: IncidentEntityContext): string => str(entity.properties.accountName) || entity.friendlyName;
const hostNameOf = (entity: IncidentEntityContext): string => str(entity.properties.hostName) || str(entity.properties.netBiosName) || entity.friendlyName;

/** The largest "on N devices/hosts" count the alerts report. */
function reportedBreadth(incident: IncidentContext): number {
  let max = 0;
  for (const alert of incident.alerts) {
    for (const match of alertText(alert).matchAll(/\b(\d[\d,]*)\s+(?:devices|hosts|machines|endpoints|computers|servers)\b/gi)) {
      max = Math.max(max, Number((match[1] ?? '0').replace(/,/g, '')));
    }
  }
  return max;
}

export function findContextSignals(incident: IncidentContext, orgDomains: string[]): ContextSignal[] {
  const out: ContextSignal[] = [];
  const add = (signal: ContextSignal): void => {
    out.push({ ...signal, points: Math.round(signal.points * 100) / 100, evidence: clip(signal.evidence, 400) });
  };
  const alerts = incident.alerts;
  const allAlertText = alerts.map(alertText).join(' \n ');
  const orgLabels = [...new Set(orgDomains.map((domain) => ownerLabel(domain)).filter((label) => label.length >= 3))];
  const ownOrg = (text: string): boolean => orgLabels.some((label) => new RegExp(`\\b${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text));

  // 1. Labels naming a sanctioned exercise or approved work.
  const exercise = incident.labels.find((label) => EXERCISE_LABEL.test(label) && !NEGATED_LABEL.test(label));
  const change = incident.labels.find((label) => CHANGE_LABEL.test(label) && !NEGATED_LABEL.test(label) && label !== exercise);
  if (exercise) add({ side: 'benign', family: 'label', points: 3.0, name: 'Incident labelled as a sanctioned exercise', evidence: `label ${quote(exercise, 80)}`, sanctioned: true });
  else if (change) add({ side: 'benign', family: 'label', points: 1.5, name: 'Incident labelled as approved or planned work', evidence: `label ${quote(change, 80)}` });

  // 2. Who acted and where: admin-tier or service accounts on administrative infrastructure.
  const accounts = incident.entities.filter((entity) => entity.kind === 'Account').map(accountNameOf);
  const adminAccounts = accounts.filter((name) => ADMIN_TIER_ACCOUNT.test(name));
  const serviceAccounts = accounts.filter((name) => SERVICE_ACCOUNT.test(name));
  const hosts = incident.entities.filter((entity) => entity.kind === 'Host');
  const adminHosts = hosts.filter((entity) => ADMIN_HOST.test(hostNameOf(entity)) || hostRoles(entity).some((role) => ADMIN_ROLE.test(role)));
  const scannerHosts = hosts.filter((entity) => SCANNER_HOST.test(hostNameOf(entity)) || hostRoles(entity).some((role) => /scanner|vulnerability/i.test(role)));
  const tactics = new Set(alerts.flatMap((alert) => alert.tactics.map((tactic) => tactic.toLowerCase())));
  const discoveryOnly = tactics.size > 0 && [...tactics].every((tactic) => tactic === 'discovery' || tactic === 'reconnaissance' || tactic === 'preattack');
  if (scannerHosts.length > 0 && discoveryOnly) {
    add({ side: 'benign', family: 'actor', points: 2.5, name: 'Discovery from a scanning host', evidence: `only discovery was detected, from ${listText(scannerHosts.map((entity) => `${hostNameOf(entity)}${hostRoles(entity).length ? ` (${hostRoles(entity).join(', ')})` : ''}`), 3)}`, sanctioned: true });
  } else if ((adminAccounts.length > 0 || serviceAccounts.length > 0) && adminHosts.length > 0) {
    add({ side: 'benign', family: 'actor', points: 1.5, name: 'Administrative account on administrative infrastructure', evidence: `account ${listText([...adminAccounts, ...serviceAccounts], 3)} acted from ${listText(adminHosts.map(hostNameOf), 3)}`, sanctioned: true });
  } else if (adminHosts.length > 0 && discoveryOnly) {
    add({ side: 'benign', family: 'actor', points: 1.0, name: 'Discovery from administrative infrastructure', evidence: `only discovery was detected, from ${listText(adminHosts.map(hostNameOf), 3)}` });
  }

  // 3. The organisation's own management, backup, scanning or identity tooling as the actor.
  const processes = incident.entities.filter((entity) => entity.kind === 'Process');
  const observedTool = processes
    .map((entity) => `${entity.friendlyName} ${str(entity.properties.commandLine)}`)
    .find((text) => MANAGEMENT_TOOL.test(text) && !USER_WRITABLE_PATH.test(text));
  const statedTool = MANAGEMENT_TOOL.exec(allAlertText);
  if (observedTool) {
    add({ side: 'benign', family: 'tooling', points: 1.5, name: 'Enterprise management tooling ran it', evidence: `process ${quote(observedTool, 160)} is an installed management, backup or scanning agent`, sanctioned: true });
  } else if (statedTool && !USER_WRITABLE_PATH.test(allAlertText)) {
    add({ side: 'benign', family: 'tooling', points: 1.0, name: 'Alert names enterprise management tooling as the actor', evidence: `alerts name ${quote(statedTool[0], 60)}`, sanctioned: true });
  }

  // 4. Network: sign-ins from the organisation's own network or its secure-web-gateway egress.
  const ipEntities = incident.entities.filter((entity) => entity.kind === 'Ip');
  const ipInfo = ipEntities.map((entity) => {
    const address = str(entity.properties.address) || entity.friendlyName;
    const location = locationOf(entity);
    const org = `${str(location.organization)} ${str(location.carrier)} ${str(location.organizationType)}`.trim();
    const parsed = parseIp(address);
    const internal = parsed !== null && !isExternalScope(parsed.scope);
    const own = internal || (org !== '' && ownOrg(org));
    const egress = org !== '' && EGRESS_PROVIDER.test(org);
    const shared = org !== '' && SHARED_PROVIDER.test(org);
    return { address, org, internal, own, egress, shared };
  });
  const identityAlerts = alerts.filter((alert) => IDENTITY_ALERT.test(alertText(alert)) || LOCATION_ALERT.test(alert.displayName));
  const identityOnly = alerts.length > 0 && identityAlerts.length === alerts.length;
  const explainedIps = ipInfo.filter((info) => info.own || info.egress);
  if (identityOnly && ipInfo.length > 0 && explainedIps.length === ipInfo.length) {
    const where = listText(explainedIps.map((info) => `${info.address}${info.org ? ` (${info.org})` : info.internal ? ' (internal)' : ''}`), 3);
    if (alerts.some((alert) => LOCATION_ALERT.test(alert.displayName))) {
      add({ side: 'falsePositive', family: 'network', points: 2.5, name: "The 'unusual' location is the organisation's own network or egress", evidence: `every address in the location alert belongs to the organisation or its gateway: ${where}` });
    } else {
      add({ side: 'benign', family: 'network', points: 1.5, name: "Sign-in activity from the organisation's own network", evidence: `every address involved belongs to the organisation or its gateway: ${where}` });
    }
  }

  // Many users, one new address, successful sign-ins only: a network change (new egress, NAT gateway,
  // office ISP) that the location baseline has not learnt, not one stolen account.
  const locationAlerts = alerts.filter((alert) => LOCATION_ALERT.test(alert.displayName));
  const externalAddresses = ipInfo.filter((info) => !info.internal);
  if (identityOnly && locationAlerts.length === alerts.length && externalAddresses.length === 1 && !out.some((signal) => signal.family === 'network')) {
    const users = Math.max(0, ...locationAlerts.map((alert) => Number(/\b(\d+)\s+(?:users|accounts|employees)\b/i.exec(alertText(alert))?.[1] ?? '0')));
    const failures = /\bfail\w*|\btried\b|\battempt\w*|\bdenied\b|\bspray\w*|\bbrute\b|\blocked out\b/i.test(allAlertText);
    if (users >= 5 && !failures) {
      add({ side: 'falsePositive', family: 'network', points: 1.5, name: 'Many users from one new address', evidence: `${users} users signed in from ${externalAddresses[0]?.address ?? 'one address'} with no failed attempts: a network change the location baseline has not learnt, not one stolen account` });
    }
  }

  // 5. List-match detections against shared or private infrastructure.
  const hostEvidence = incident.entities.some((entity) => ['Process', 'File', 'Malware', 'RegistryKey', 'RegistryValue'].includes(entity.kind));
  const listMatchOnly = alerts.length > 0 && alerts.every((alert) => LIST_OR_SCORE.test(alertText(alert)));
  if (listMatchOnly && !hostEvidence) {
    const names = incident.entities
      .filter((entity) => entity.kind === 'Dns' || entity.kind === 'Url')
      .map((entity) => str(entity.properties.domainName) || str(entity.properties.url) || entity.friendlyName)
      .map((value) => value.replace(/^[a-z]+:\/\//i, '').split(/[/:]/)[0] ?? '');
    const sharedNames = names.filter((name) => SHARED_SUFFIX.test(name));
    const sharedIps = ipInfo.filter((info) => info.shared && !info.internal);
    const privateIps = ipInfo.filter((info) => info.internal);
    const externalIps = ipInfo.filter((info) => !info.internal);
    if ((sharedNames.length > 0 && sharedNames.length === names.length) || (sharedIps.length > 0 && sharedIps.length === externalIps.length)) {
      const what = sharedNames.length > 0 ? sharedNames : sharedIps.map((info) => `${info.address} (${info.org})`);
      add({ side: 'falsePositive', family: 'infrastructure', points: 2.5, name: 'List or score match on shared CDN/cloud infrastructure', evidence: `the alerts rest on an indicator or score about ${listText(what, 3)}, which serves many unrelated sites; no process or file evidence` });
    } else if (privateIps.length > 0 && externalIps.length === 0 && names.length === 0) {
      add({ side: 'falsePositive', family: 'infrastructure', points: 2.5, name: 'Threat-intelligence match on a private address', evidence: `the matched address ${listText(privateIps.map((info) => info.address), 3)} is internal, so a public indicator cannot mean it` });
    }
  }

  // 6. A file verdict about a validly signed file from a major publisher or the organisation itself.
  const signed = SIGNED_BY.exec(allAlertText);
  const fileVerdictOnly = alerts.length > 0 && alerts.every((alert) => FILE_VERDICT.test(alertText(alert)));
  if (signed && fileVerdictOnly && !BAD_SIGNATURE.test(allAlertText)) {
    const publisher = (signed[1] ?? '').trim();
    if (MAJOR_PUBLISHER.test(publisher) || ownOrg(publisher)) {
      add({ side: 'falsePositive', family: 'signature', points: 2.0, name: 'File verdict on a validly signed file', evidence: `the only detection is a file verdict, and the file is signed by ${quote(publisher, 60)}${ownOrg(publisher) ? ' (the organisation itself)' : ''}` });
    }
  }

  // 7. Breadth: the same thing on many devices at once, which management channels and bad indicators do.
  const breadth = reportedBreadth(incident);
  if (breadth >= 20 && out.length > 0) {
    const side = out.some((signal) => signal.side === 'falsePositive') ? 'falsePositive' : 'benign';
    add({ side, family: 'breadth', points: 0.8, name: 'Uniform activity on many devices', evidence: `the alerts report the same activity on ${breadth} devices, consistent with ${side === 'benign' ? 'a management push' : 'a bad indicator'} rather than a targeted intrusion` });
  }
  return out;
}
