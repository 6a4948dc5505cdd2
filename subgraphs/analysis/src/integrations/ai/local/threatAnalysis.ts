import type { ThreatAnalysisOutput } from '../../../agents';
import type { IncidentFacts } from './incidentFacts';
import { clip, listText, plural } from './text';

/** THREAT_ANALYZER output: the ATT&CK mapping, the IOCs and the notes on what was ignored and why. */
export function threatAnalysis(facts: IncidentFacts): ThreatAnalysisOutput {
  const { attack, iocs } = facts;
  const external = iocs.filter((ioc) => ioc.external);
  const alertTechniques = attack.techniques.filter((technique) => technique.origin === 'alert');
  const inferred = attack.techniques.filter((technique) => technique.origin === 'inferred');
  const byType = new Map<string, number>();
  for (const ioc of iocs) byType.set(ioc.type, (byType.get(ioc.type) ?? 0) + 1);
  const summary = [
    attack.tactics.length > 0 ? `ATT&CK tactics: ${attack.tactics.map((tactic) => `${tactic.name} (${tactic.id})`).join(', ')}.` : 'No ATT&CK tactic could be established.',
    attack.techniques.length > 0
      ? `${plural(attack.techniques.length, 'technique')}: ${plural(alertTechniques.length, 'reported by alerts', 'reported by alerts')}, ${plural(inferred.length, 'inferred from evidence', 'inferred from evidence')} (${listText(attack.techniques.map((technique) => technique.id), 8)}).`
      : 'No techniques were reported or observed.',
    iocs.length > 0
      ? `${plural(iocs.length, 'indicator')} (${[...byType.entries()].map(([type, count]) => `${count} ${type}`).join(', ')}), ${external.length} of them external.`
      : 'No indicators of compromise were found in the incident data.',
    attack.notes.length > 0 ? `${plural(attack.notes.length, 'mapping note')}: ${attack.notes[0]}` : '',
  ].filter(Boolean);
  return {
    summary: clip(summary.join(' '), 2000),
    tactics: attack.tactics.slice(0, 14).map((tactic) => ({ id: tactic.id, name: tactic.name })),
    techniques: attack.techniques.slice(0, 50).map((technique) => ({
      id: technique.id,
      name: clip(technique.name, 200),
      ...(technique.tactic ? { tactic: clip(technique.tactic, 100) } : {}),
      evidence: clip(technique.evidence, 500),
    })),
    iocs: iocs.slice(0, 200).map(({ type, value, context }) => ({ type, value, ...(context ? { context } : {}) })),
    evidence: [...attack.notes, ...inferred.map((technique) => `${technique.id} ${technique.name}: ${technique.evidence}`)].slice(0, 30).map((line) => clip(line, 500)),
  };
}
