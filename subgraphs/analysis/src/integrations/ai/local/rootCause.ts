import type { IncidentAlertContext, RootCauseOutput } from '../../../agents';
import { attackCatalog, KILL_CHAIN, killChainRank } from './attackCatalog';
import type { IncidentFacts } from './incidentFacts';
import { resolveTactic } from './mapAttack';
import { clip, listText, plural, quote, sentence, unique } from './text';

/**
 * Root cause and attack chain: alerts and inferred techniques grouped by ATT&CK stage in kill-chain
 * order (alerts by time within a stage), the most likely entry point with the evidence for it, and the
 * assets touched. Where the data does not show how the attack started, the answer says so.
 */
const alertStage = (alert: IncidentAlertContext): string => {
  const stages = alert.tactics.map((name) => resolveTactic(name).tactic?.shortname).filter((stage): stage is string => Boolean(stage));
  return stages.sort((a, b) => killChainRank(a) - killChainRank(b))[0] ?? '';
};

const when = (iso: string): string => {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? 'at an unknown time' : new Date(parsed).toISOString().replace('.000Z', 'Z');
};

function entryPoint(facts: IncidentFacts): { text: string; evidence: string[] } {
  const techniques = facts.attack.techniques;
  const find = (...prefixes: string[]) => techniques.find((technique) => prefixes.some((prefix) => technique.id === prefix || technique.id.startsWith(`${prefix}.`)));
  const benign = facts.indicators.find((indicator) => indicator.kind === 'benign' && indicator.strength === 'strong');
  if (benign) return { text: `Not an attack: ${benign.name.toLowerCase()}. ${benign.evidence}`, evidence: [benign.evidence] };
  const wrong = facts.indicators.find((indicator) => indicator.kind === 'falsePositive' && indicator.strength === 'strong');
  if (wrong) return { text: `The detection itself appears wrong: ${wrong.evidence}`, evidence: [wrong.evidence] };

  const noted = facts.texts.find((item) => item.kind === 'comment' && /initial (?:access|entry|infection)[^.]{0,20}\b(?:via|through|from|was)\b/i.test(item.text));
  const mail = facts.mailMessages[0];
  const email = facts.emailAssessment;
  const phishing = find('T1566');
  if (phishing || (email && (email.verdict === 'PHISHING' || email.verdict === 'SUSPICIOUS'))) {
    const subject = mail?.subject ?? facts.email?.subject ?? '';
    const sender = mail?.p2Sender ?? facts.email?.from?.address ?? '';
    const recipient = mail?.recipient ?? facts.email?.to[0]?.address ?? '';
    const clicked = find('T1204.001');
    const opened = find('T1204.002');
    const parts = [
      `A phishing email${subject ? ` "${clip(subject, 100)}"` : ''}${sender ? ` from ${sender}` : ''}${recipient ? ` reached ${recipient}` : ' was delivered'}.`,
      clicked ? 'The recipient clicked its link.' : opened ? 'A user opened the malicious file it carried.' : '',
      email ? `Email verdict: ${email.verdict} (${email.confidence}).` : '',
    ];
    return { text: parts.filter(Boolean).join(' '), evidence: [phishing?.evidence, email?.summary].filter((line): line is string => Boolean(line)) };
  }
  const exploit = find('T1190');
  if (exploit) return { text: sentence(`An internet-facing application was attacked (${exploit.id} ${exploit.name}), ${exploit.evidence}`), evidence: [exploit.evidence] };
  const brute = find('T1110');
  if (brute) {
    const succeeded = facts.indicators.find((indicator) => indicator.name === 'Attack succeeded');
    const sources = facts.iocs.filter((ioc) => ioc.external && (ioc.type === 'IPV4' || ioc.type === 'IPV6')).map((ioc) => ioc.value);
    return {
      text: `Password guessing (${brute.id} ${brute.name})${sources.length > 0 ? ` from ${listText(sources, 3)}` : ''} against an exposed sign-in${succeeded ? ', which succeeded' : '; no successful logon is recorded'}.`,
      evidence: [brute.evidence, succeeded?.evidence].filter((line): line is string => Boolean(line)),
    };
  }
  const document = find('T1204.002');
  if (document) return { text: `A user ran a malicious document or file (${document.id} ${document.name}). Evidence: ${sentence(document.evidence)}${noted ? ` Analyst note: ${quote(noted.text, 200)}.` : ''}`, evidence: [document.evidence] };
  const validAccount = find('T1078');
  if (validAccount) {
    return {
      text: `${sentence(`Sign-in with valid credentials (${validAccount.id} ${validAccount.name}), ${validAccount.evidence}`)} How the credentials were obtained is not in the incident data.`,
      evidence: [validAccount.evidence],
    };
  }
  if (noted) return { text: `Per the analysts' notes: ${quote(noted.text, 300)}.`, evidence: [`${noted.source}: ${quote(noted.text, 300)}`] };
  const first = facts.alertsByTime[0];
  const earliest = [...techniques].sort((a, b) => killChainRank(a.tacticShortname) - killChainRank(b.tacticShortname))[0];
  if (first) {
    return {
      text: `The initial access vector is not visible in the data. The earliest activity is "${clip(first.displayName, 120)}" ${when(first.timeGenerated)}${earliest ? `, at the ${earliest.tactic} stage (${earliest.id} ${earliest.name})` : ''}.`,
      evidence: earliest ? [earliest.evidence] : [],
    };
  }
  return { text: 'The incident has no alerts or evidence that show how the activity started.', evidence: [] };
}

export function rootCause(facts: IncidentFacts): RootCauseOutput {
  const catalog = attackCatalog();
  const { incident } = facts;
  const steps: Array<{ step: string; description: string; rank: number }> = [];
  const stages = unique([...facts.attack.tactics.map((tactic) => tactic.shortname), ...facts.alertsByTime.map(alertStage).filter(Boolean)]).sort((a, b) => killChainRank(a) - killChainRank(b));
  for (const stage of stages) {
    const tactic = catalog.tacticByShortname.get(stage);
    const alerts = facts.alertsByTime.filter((alert) => alertStage(alert) === stage);
    const techniques = facts.attack.techniques.filter((technique) => technique.tacticShortname === stage);
    if (alerts.length === 0 && techniques.length === 0) continue;
    const label = techniques.length > 0 ? listText(techniques.map((technique) => `${technique.name} (${technique.id})`), 2) : listText(alerts.map((alert) => alert.displayName), 2);
    const parts = [
      ...alerts.map((alert) => `${when(alert.timeGenerated)}: "${clip(alert.displayName, 120)}" (${alert.productName}, ${alert.severity}).`),
      ...techniques.slice(0, 4).map((technique) => sentence(`${technique.id} ${technique.name}: ${clip(technique.evidence, 200)}`)),
    ];
    steps.push({ step: clip(`${tactic?.name ?? stage}: ${label}`, 200), description: clip(parts.join(' '), 1000), rank: KILL_CHAIN.indexOf(stage) });
  }
  const unstaged = facts.alertsByTime.filter((alert) => !alertStage(alert));
  for (const alert of unstaged) {
    steps.push({ step: clip(`Alert: ${alert.displayName}`, 200), description: clip(`${when(alert.timeGenerated)}: "${alert.displayName}" (${alert.productName}, ${alert.severity}) with no ATT&CK tactic. ${alert.description ?? ''}`, 1000), rank: KILL_CHAIN.length });
  }

  const entry = entryPoint(facts);
  const first = facts.alertsByTime[0];
  const last = facts.alertsByTime[facts.alertsByTime.length - 1];
  const products = unique(incident.alerts.map((alert) => alert.productName));
  const hosts = facts.assets.filter((asset) => asset.kind === 'host').map((asset) => asset.name);
  const accounts = facts.assets.filter((asset) => asset.kind === 'account' || asset.kind === 'mailbox').map((asset) => asset.name);
  const summary = [
    `Incident #${incident.number} "${clip(incident.title, 160)}": ${plural(incident.alerts.length, 'alert')}${products.length > 0 ? ` from ${listText(products, 3)}` : ''}${first && last ? ` between ${when(first.timeGenerated)} and ${when(last.timeGenerated)}` : ''}.`,
    hosts.length + accounts.length > 0 ? `Involved: ${listText(unique([...hosts, ...accounts]), 6)}.` : 'No host or account entities are attached.',
    facts.attack.tactics.length > 0 ? `Stages: ${facts.attack.tactics.map((tactic) => tactic.name).join(' → ')}.` : '',
    `Likely root cause: ${clip(entry.text, 600)}`,
  ].filter(Boolean);

  const evidence = [
    ...entry.evidence,
    ...facts.alertsByTime.map((alert) => `${when(alert.timeGenerated)} alert "${alert.displayName}" (${alert.severity})${alert.description ? `: ${alert.description}` : ''}`),
    ...facts.attack.techniques.filter((technique) => technique.origin === 'inferred').map((technique) => `${technique.id} ${technique.name}: ${technique.evidence}`),
    ...facts.indicators.map((indicator) => `${indicator.name}: ${indicator.evidence}`),
  ];

  return {
    summary: clip(summary.join(' '), 2000),
    rootCause: clip(entry.text, 2000),
    attackChain: steps
      .sort((a, b) => a.rank - b.rank)
      .slice(0, 20)
      .map(({ step, description }) => ({ step, description })),
    affectedAssets: facts.assets.slice(0, 50).map((asset) => clip(asset.description, 300)),
    evidence: unique(evidence.map((line) => clip(line, 500))).slice(0, 30),
  };
}
