import { attackCatalog, killChainRank, type AttackCatalog, type AttackTactic, type AttackTechnique } from './attackCatalog';
import { ATTACK_RULES, isNegated, type AttackRule } from './attackRules';
import type { TextItem } from './incidentTexts';
import { clip, quote } from './text';

/**
 * ATT&CK mapping of an incident: Sentinel tactic names to TA ids, alert technique ids validated against
 * the catalog (revoked ids replaced by their successor where ATT&CK names one, deprecated ones dropped),
 * and techniques inferred from observable evidence by the rules in attackRules.ts.
 */
export interface MappedTactic {
  id: string;
  name: string;
  shortname: string;
}

export interface MappedTechnique {
  id: string;
  name: string;
  /** Tactic name (e.g. "Credential Access") the technique is placed under in this incident. */
  tactic: string;
  tacticShortname: string;
  /** Why the technique is listed: the alert that reported it or the evidence that triggered a rule. */
  evidence: string;
  origin: 'alert' | 'inferred';
  /** True when some evidence is an observation (command line, decoded payload, entity, email), not only alert or analyst prose. */
  observed: boolean;
}

export interface AttackMappingInput {
  /** Sentinel tactic names (InitialAccess, CredentialAccess, ...), ATT&CK names or TA ids. */
  tactics?: string[];
  /** Technique ids as alerts report them. */
  techniques?: string[];
  /** Per-alert tactics and techniques, so each technique is placed under the tactic its alert named. */
  alerts?: Array<{ displayName: string; tactics: string[]; techniques: string[] }>;
  /** Incident text to infer techniques from. */
  texts?: TextItem[];
  /** Observations made elsewhere (mail entities, email assessment), already phrased as evidence. */
  observations?: Array<{ technique: string; tactic: string; evidence: string }>;
}

export interface AttackMapping {
  tactics: MappedTactic[];
  techniques: MappedTechnique[];
  /** What was ignored or replaced and why (PreAttack, revoked and deprecated ids, unknown names). */
  notes: string[];
}

/**
 * Successors of revoked technique ids still found in older analytics rules and alert products. ATT&CK
 * revoked these when it introduced sub-techniques (v7); the CSV marks them revoked without the target.
 */
export const REVOKED_SUCCESSORS: Readonly<Record<string, string>> = {
  T1086: 'T1059.001', T1193: 'T1566.001', T1192: 'T1566.002', T1194: 'T1566.003', T1107: 'T1070.004', T1089: 'T1562.001',
  T1088: 'T1548.002', T1085: 'T1218.011', T1117: 'T1218.010', T1170: 'T1218.005', T1060: 'T1547.001', T1050: 'T1543.003',
  T1015: 'T1546.008', T1035: 'T1569.002', T1077: 'T1021.002', T1076: 'T1021.001', T1097: 'T1550.003', T1075: 'T1550.002',
  T1099: 'T1070.006', T1100: 'T1505.003', T1081: 'T1552.001', T1214: 'T1552.002', T1145: 'T1552.004', T1171: 'T1557.001',
  T1208: 'T1558.003', T1038: 'T1574.001', T1044: 'T1574.010', T1116: 'T1553.002', T1183: 'T1546.012',
  T1103: 'T1546.010', T1138: 'T1546.011', T1182: 'T1546.009', T1084: 'T1546.003', T1004: 'T1547.004', T1101: 'T1547.005',
  T1131: 'T1547.002', T1013: 'T1547.010', T1178: 'T1134.005', T1093: 'T1055.012',
  T1191: 'T1218.003', T1121: 'T1218.009', T1118: 'T1218.004', T1196: 'T1218.002', T1223: 'T1218.001',
  T1066: 'T1027.005', T1045: 'T1027.002', T1009: 'T1027.001', T1002: 'T1560', T1022: 'T1560', T1024: 'T1573',
  T1032: 'T1573', T1079: 'T1573', T1094: 'T1095', T1028: 'T1021.006', T1184: 'T1563.001',
  T1017: 'T1072', T1151: 'T1036.006', T1054: 'T1562.006', T1158: 'T1564.001', T1143: 'T1564.003', T1096: 'T1564.004',
  T1142: 'T1555.001', T1141: 'T1056.002', T1179: 'T1056.004', T1155: 'T1059.002', T1173: 'T1559.002', T1031: 'T1543.003',
  T1156: 'T1546.004', T1165: 'T1037.005', T1159: 'T1543.001', T1160: 'T1543.004',
  T1215: 'T1547.006', T1122: 'T1546.015', T1169: 'T1548.003', T1166: 'T1548.001', T1206: 'T1548.003',
};

/** Sentinel writes tactic names without spaces; ATT&CK short names are kebab-case. */
export function sentinelTacticShortname(name: string): string {
  return name
    .trim()
    .replace(/(?<=[a-z])(?=[A-Z])/g, '-')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
}

/** ICS-matrix tactics Sentinel also accepts; they have no Enterprise counterpart. */
const ICS_TACTICS = new Set(['impair-process-control', 'inhibit-response-function']);

export function resolveTactic(name: string, catalog: AttackCatalog = attackCatalog()): { tactic?: AttackTactic; note?: string } {
  const trimmed = name.trim();
  if (!trimmed) return {};
  const byId = catalog.tacticById.get(trimmed.toUpperCase());
  if (byId) return { tactic: byId };
  const shortname = sentinelTacticShortname(trimmed);
  const tactic = catalog.tacticByShortname.get(shortname);
  if (tactic) return { tactic };
  if (shortname === 'pre-attack' || shortname === 'preattack') {
    return { note: 'Sentinel tactic "PreAttack" ignored: it stems from the retired PRE-ATT&CK matrix and has no single Enterprise tactic (its techniques now sit under Reconnaissance and Resource Development).' };
  }
  if (ICS_TACTICS.has(shortname)) return { note: `Sentinel tactic "${clip(trimmed, 60)}" belongs to ATT&CK for ICS, not Enterprise; not mapped.` };
  return { note: `Unknown tactic name "${clip(trimmed, 60)}" ignored.` };
}

export function resolveTechnique(rawId: string, catalog: AttackCatalog = attackCatalog()): { technique?: AttackTechnique; note?: string } {
  const id = rawId.trim().toUpperCase();
  if (!/^T\d{4}(\.\d{3})?$/.test(id)) return { note: `"${clip(rawId, 40)}" is not an ATT&CK technique id; ignored.` };
  const technique = catalog.techniques.get(id);
  if (!technique) return { note: `${id} is not in ATT&CK Enterprise v18.1; ignored.` };
  if (technique.revoked) {
    const successorId = REVOKED_SUCCESSORS[id];
    const successor = successorId ? catalog.techniques.get(successorId) : undefined;
    if (successor && !successor.revoked && !successor.deprecated) {
      return { technique: successor, note: `${id} (${technique.name}) is revoked in ATT&CK; mapped to its successor ${successor.id} ${successor.name}.` };
    }
    return { note: `${id} (${technique.name}) is revoked in ATT&CK and has no listed successor; dropped.` };
  }
  if (technique.deprecated) return { note: `${id} (${technique.name}) is deprecated in ATT&CK; dropped.` };
  return { technique };
}

/** Tactic a technique sits under in this incident: one the incident names if it fits, else MITRE's first. */
function placeTechnique(technique: AttackTechnique, preferred: string[], catalog: AttackCatalog): AttackTactic | undefined {
  const shortname = preferred.find((name) => technique.tactics.includes(name)) ?? technique.tactics[0] ?? '';
  return catalog.tacticByShortname.get(shortname);
}

function ruleHit(rule: AttackRule, item: TextItem): string | null {
  const kinds = rule.kinds ?? ['commandLine', 'decoded', 'alert', 'title', 'description', 'entity', 'comment', 'email'];
  if (!kinds.includes(item.kind)) return null;
  const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''));
  const match = pattern.exec(item.text);
  if (!match) return null;
  if (rule.unless?.test(item.text)) return null;
  if (rule.requires && !rule.requires.test(item.text)) return null;
  const prose = item.kind === 'comment' || item.kind === 'alert' || item.kind === 'description' || item.kind === 'title';
  if (prose && isNegated(item.text, match.index)) return null;
  if (rule.minCount !== undefined) {
    const count = Number((match[1] ?? match[2] ?? '').replace(/,/g, ''));
    const isCountless = !match[1] && !match[2];
    if (!isCountless && count < rule.minCount) return null;
  }
  const start = Math.max(0, match.index - 40);
  const snippet = item.text.slice(start, match.index + match[0].length + 60);
  return `${rule.why}: ${item.source}: ${quote(`${start > 0 ? '…' : ''}${snippet}`, 220)}`;
}

export function mapAttack(input: AttackMappingInput, catalog: AttackCatalog = attackCatalog()): AttackMapping {
  const notes: string[] = [];
  const tactics = new Map<string, MappedTactic>();
  const techniques = new Map<string, MappedTechnique & { evidences: string[] }>();
  const addNote = (note?: string): void => {
    if (note && !notes.includes(note)) notes.push(note);
  };
  const addTactic = (tactic: AttackTactic): void => {
    if (!tactics.has(tactic.shortname)) tactics.set(tactic.shortname, { id: tactic.id, name: tactic.name, shortname: tactic.shortname });
  };
  const addTechnique = (technique: AttackTechnique, tactic: AttackTactic | undefined, evidence: string, origin: MappedTechnique['origin'], observed = false): void => {
    const existing = techniques.get(technique.id);
    if (existing) {
      if (!existing.evidences.includes(evidence)) existing.evidences.push(evidence);
      if (origin === 'alert') existing.origin = 'alert';
      if (observed) existing.observed = true;
      return;
    }
    if (tactic) addTactic(tactic);
    techniques.set(technique.id, {
      id: technique.id,
      name: technique.name,
      tactic: tactic?.name ?? '',
      tacticShortname: tactic?.shortname ?? '',
      evidence,
      origin,
      observed,
      evidences: [evidence],
    });
  };

  const incidentTactics: string[] = [];
  for (const name of input.tactics ?? []) {
    const { tactic, note } = resolveTactic(name, catalog);
    addNote(note);
    if (tactic) {
      addTactic(tactic);
      incidentTactics.push(tactic.shortname);
    }
  }

  const alertTechniques = new Set<string>();
  for (const alert of input.alerts ?? []) {
    const alertTactics = alert.tactics.map((name) => resolveTactic(name, catalog));
    for (const resolved of alertTactics) {
      addNote(resolved.note);
      if (resolved.tactic) addTactic(resolved.tactic);
    }
    const preferred = alertTactics.flatMap((resolved) => (resolved.tactic ? [resolved.tactic.shortname] : []));
    for (const rawId of alert.techniques) {
      alertTechniques.add(rawId.trim().toUpperCase());
      const { technique, note } = resolveTechnique(rawId, catalog);
      addNote(note);
      if (technique) addTechnique(technique, placeTechnique(technique, [...preferred, ...incidentTactics], catalog), `reported by alert "${clip(alert.displayName, 120)}"`, 'alert');
    }
  }
  for (const rawId of input.techniques ?? []) {
    if (alertTechniques.has(rawId.trim().toUpperCase())) continue;
    const { technique, note } = resolveTechnique(rawId, catalog);
    addNote(note);
    if (technique) addTechnique(technique, placeTechnique(technique, incidentTactics, catalog), 'listed on the incident', 'alert');
  }

  for (const observation of input.observations ?? []) {
    const { technique } = resolveTechnique(observation.technique, catalog);
    if (technique) addTechnique(technique, placeTechnique(technique, [observation.tactic], catalog), observation.evidence, 'inferred', true);
  }

  for (const rule of ATTACK_RULES) {
    for (const item of input.texts ?? []) {
      const evidence = ruleHit(rule, item);
      if (!evidence) continue;
      const { technique } = resolveTechnique(rule.technique, catalog);
      const observed = item.kind === 'commandLine' || item.kind === 'decoded' || item.kind === 'entity' || item.kind === 'email';
      if (technique) addTechnique(technique, placeTechnique(technique, [rule.tactic], catalog), evidence, 'inferred', observed);
    }
  }

  // A sub-technique says more than its parent: drop T1110 when T1110.001 is there.
  for (const id of [...techniques.keys()]) {
    if (!id.includes('.') && [...techniques.keys()].some((other) => other.startsWith(`${id}.`))) techniques.delete(id);
  }

  const orderedTechniques = [...techniques.values()]
    .sort((a, b) => killChainRank(a.tacticShortname) - killChainRank(b.tacticShortname) || (a.origin === b.origin ? 0 : a.origin === 'alert' ? -1 : 1) || a.id.localeCompare(b.id))
    .map(({ evidences, ...technique }) => ({
      ...technique,
      evidence: clip(evidences.length > 1 ? `${evidences[0]} (and ${evidences.length - 1} more)` : (evidences[0] ?? technique.evidence), 500),
    }));
  // Tactics of dropped parents stay only if the incident named them or a remaining technique uses them.
  const usedTactics = new Set([...incidentTactics, ...orderedTechniques.map((technique) => technique.tacticShortname)]);
  for (const alert of input.alerts ?? []) for (const name of alert.tactics) usedTactics.add(sentinelTacticShortname(name));
  const orderedTactics = [...tactics.values()].filter((tactic) => usedTactics.has(tactic.shortname)).sort((a, b) => killChainRank(a.shortname) - killChainRank(b.shortname));
  return { tactics: orderedTactics, techniques: orderedTechniques, notes };
}
