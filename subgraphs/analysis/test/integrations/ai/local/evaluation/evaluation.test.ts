import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { agentOutputSchemas, hasMailEvidence, PIPELINE_AGENTS, type AgentOutputs, type Classification, type EmailVerdictOutput } from '../../../../../src/agents';
import { assessEmail, parseRawEmail, runLocalAgent } from '../../../../../src/integrations/ai/local';
import { BLIND6_INCIDENT_CASES } from './blind6IncidentCases';
import { BLIND_INCIDENT_CASES } from './blindIncidentCases';
import { FINAL7_INCIDENT_CASES } from './final7IncidentCases';
import { FINAL_INCIDENT_CASES } from './finalIncidentCases';
import { FRESH_INCIDENT_CASES } from './freshIncidentCases';
import { HELDOUT_INCIDENT_CASES } from './heldoutIncidentCases';
import { INCIDENT_CASES, type LabelledIncident } from './incidentCases';
import { msticpyCases } from './msticpyCases';

/**
 * Quality evaluation of the local analyst on labelled data (see QUALITY.md for what the sets are, how
 * they were labelled and why the floors are where they are). Prints accuracy and confusion matrices.
 */
const EMAIL_SETS = [
  { name: 'emails (development)', dir: path.join(__dirname, 'emails') },
  { name: 'emails (held-out)', dir: path.join(__dirname, 'emails-heldout') },
];
const EMAIL_FLOOR = 0.85;
const INCIDENT_FLOOR = 0.85;
/** Batch 5 was run blind under the phrase rules (0.50); under the structural rules it is development data at 0.60. */
const BLIND_FLOOR = 0.5;
/**
 * Batch 6 (32, written before the structural rework, run once before and once after it): 0.469 before,
 * 0.813 after. The same author wrote the batch and the rules, so this is optimistic; the floor sits one
 * miss below the measured figure (25/32 = 0.78).
 */
const BATCH6_FLOOR = 0.78;
/** Batch 7 (13, written after the last code change, run once): 0.615 (8/13); floor fails at one more miss. */
const BATCH7_FLOOR = 0.6;
/** Honest confidence: among decided incidents with confidence >= 0.8 at least this share must be right (measured 0.99). */
const HIGH_CONFIDENCE_PRECISION_FLOOR = 0.95;

interface EmailResult {
  set: string;
  file: string;
  label: 'PHISHING' | 'LEGITIMATE';
  verdict: EmailVerdictOutput['verdict'];
}

function runEmails(): EmailResult[] {
  return EMAIL_SETS.flatMap(({ name, dir }) => {
    const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Array<{ file: string; label: EmailResult['label'] }>;
    expect(readdirSync(dir).filter((file) => file.endsWith('.eml')).sort()).toEqual(labels.map((entry) => entry.file).sort());
    return labels.map(({ file, label }) => {
      const assessment = assessEmail({ email: parseRawEmail(readFileSync(path.join(dir, file), 'utf8')) });
      const { score: _score, ...output } = assessment;
      agentOutputSchemas.EMAIL_VERIFIER.parse(output);
      return { set: name, file, label, verdict: assessment.verdict };
    });
  });
}

const flagged = (verdict: EmailVerdictOutput['verdict']): boolean => verdict === 'PHISHING' || verdict === 'SUSPICIOUS';

interface IncidentResult {
  set: string;
  id: string;
  label: LabelledIncident['label'];
  classification: Classification;
  confidence: number;
}

/** The whole pipeline, in DAG order, as the analysis service runs it with the local provider. */
function runPipeline(item: LabelledIncident): AgentOutputs {
  const prior: Partial<AgentOutputs> = {};
  for (const agent of PIPELINE_AGENTS) {
    if (agent === 'EMAIL_VERIFIER' && !hasMailEvidence(item.incident, item.rawEmail)) continue;
    const output = runLocalAgent(agent, { incident: item.incident, rawEmail: item.rawEmail ?? null, prior: { ...prior } });
    agentOutputSchemas[agent].parse(output);
    (prior as Record<string, unknown>)[agent] = output;
  }
  return prior as AgentOutputs;
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`);

function matrix<R extends string, C extends string>(rows: readonly R[], cols: readonly C[], pairs: Array<[R, C]>): string {
  const width = Math.max(...cols.map((col) => col.length), 6) + 2;
  const rowWidth = Math.max(...rows.map((row) => row.length)) + 2;
  const lines = [`${'label \\ predicted'.padEnd(rowWidth)}${cols.map((col) => col.padStart(width)).join('')}`];
  for (const row of rows) lines.push(`${row.padEnd(rowWidth)}${cols.map((col) => String(pairs.filter(([r, c]) => r === row && c === col).length).padStart(width)).join('')}`);
  return lines.join('\n');
}

describe('local analyst quality evaluation', () => {
  it(`classifies phishing vs legitimate email with accuracy >= ${EMAIL_FLOOR}`, () => {
    const results = runEmails();
    const report: string[] = ['EMAIL EVALUATION (PHISHING or SUSPICIOUS counts as flagged)'];
    for (const { name } of EMAIL_SETS) {
      const set = results.filter((result) => result.set === name);
      const correct = set.filter((result) => flagged(result.verdict) === (result.label === 'PHISHING')).length;
      report.push(`${name}: accuracy ${pct(correct, set.length)}`);
    }
    const correct = results.filter((result) => flagged(result.verdict) === (result.label === 'PHISHING'));
    const phishing = results.filter((result) => result.label === 'PHISHING');
    const legit = results.filter((result) => result.label === 'LEGITIMATE');
    report.push(
      `all: accuracy ${pct(correct.length, results.length)}; phishing recall ${pct(phishing.filter((r) => flagged(r.verdict)).length, phishing.length)}; legitimate kept ${pct(legit.filter((r) => !flagged(r.verdict)).length, legit.length)}`,
      matrix(['PHISHING', 'LEGITIMATE'] as const, ['PHISHING', 'SUSPICIOUS', 'LEGITIMATE', 'UNKNOWN'] as const, results.map((r) => [r.label, r.verdict])),
      `misses: ${results.filter((r) => flagged(r.verdict) !== (r.label === 'PHISHING')).map((r) => `${r.file} (${r.verdict})`).join(', ') || 'none'}`,
    );
    console.log(report.join('\n'));
    expect(correct.length / results.length).toBeGreaterThanOrEqual(EMAIL_FLOOR);
  });

  it(`classifies incidents with accuracy >= ${INCIDENT_FLOOR} overall, per-batch floors on the blind batches, honest high confidence`, () => {
    const sets: Array<{ name: string; cases: LabelledIncident[] }> = [
      { name: 'hand-written (development)', cases: INCIDENT_CASES },
      { name: 'msticpy alerts (development)', cases: msticpyCases() },
      { name: 'batch 2 (held-out)', cases: HELDOUT_INCIDENT_CASES },
      { name: 'batch 3 (fresh)', cases: FRESH_INCIDENT_CASES },
      { name: 'batch 4 (final)', cases: FINAL_INCIDENT_CASES },
      { name: 'batch 5 (blind)', cases: BLIND_INCIDENT_CASES },
      { name: 'batch 6 (blind, structural rework)', cases: BLIND6_INCIDENT_CASES },
      { name: 'batch 7 (final blind)', cases: FINAL7_INCIDENT_CASES },
    ];
    const ids = sets.flatMap((set) => set.cases.map((item) => item.id));
    expect(new Set(ids).size).toBe(ids.length);
    const results: IncidentResult[] = sets.flatMap(({ name, cases }) =>
      cases.map((item) => {
        const verdict = runPipeline(item).VERDICT_GENERATOR;
        return { set: name, id: item.id, label: item.label, classification: verdict.classification, confidence: verdict.confidence };
      }),
    );
    const right = (result: IncidentResult): boolean => result.classification === result.label;
    const report: string[] = ['INCIDENT EVALUATION (UNDETERMINED counts as wrong)'];
    for (const { name } of sets) {
      const set = results.filter((result) => result.set === name);
      report.push(`${name}: accuracy ${pct(set.filter(right).length, set.length)}`);
    }
    const decided = results.filter((result) => result.classification !== 'UNDETERMINED');
    const brier = decided.reduce((sum, result) => sum + (result.confidence - (right(result) ? 1 : 0)) ** 2, 0) / Math.max(1, decided.length);
    const meanConfidence = (items: IncidentResult[]): string => (items.length === 0 ? 'n/a' : (items.reduce((sum, item) => sum + item.confidence, 0) / items.length).toFixed(2));
    const byLabel = (label: LabelledIncident['label']): string => {
      const items = results.filter((result) => result.label === label);
      return `${label} recall ${pct(items.filter(right).length, items.length)}`;
    };
    report.push(
      `all: accuracy ${pct(results.filter(right).length, results.length)}; decided ${pct(decided.length, results.length)}; accuracy when decided ${pct(decided.filter(right).length, decided.length)}`,
      `${byLabel('TRUE_POSITIVE')}; ${byLabel('BENIGN_POSITIVE')}; ${byLabel('FALSE_POSITIVE')}`,
      `calibration on decided cases: mean confidence when right ${meanConfidence(decided.filter(right))}, when wrong ${meanConfidence(decided.filter((r) => !right(r)))}, Brier score ${brier.toFixed(3)}`,
      `by confidence: >= 0.8 ${pct(decided.filter((r) => r.confidence >= 0.8 && right(r)).length, decided.filter((r) => r.confidence >= 0.8).length)} right; 0.6-0.8 ${pct(decided.filter((r) => r.confidence >= 0.6 && r.confidence < 0.8 && right(r)).length, decided.filter((r) => r.confidence >= 0.6 && r.confidence < 0.8).length)}; < 0.6 ${pct(decided.filter((r) => r.confidence < 0.6 && right(r)).length, decided.filter((r) => r.confidence < 0.6).length)}`,
      matrix(['TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE'] as const, ['TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE', 'UNDETERMINED'] as const, results.map((r) => [r.label, r.classification])),
      `misses: ${results.filter((r) => !right(r)).map((r) => `${r.id} (${r.label} -> ${r.classification})`).join(', ') || 'none'}`,
    );
    console.log(report.join('\n'));
    expect(results.filter(right).length / results.length).toBeGreaterThanOrEqual(INCIDENT_FLOOR);
    const accuracyOf = (name: string): number => {
      const set = results.filter((result) => result.set === name);
      return set.filter(right).length / set.length;
    };
    expect(accuracyOf('batch 5 (blind)')).toBeGreaterThanOrEqual(BLIND_FLOOR);
    expect(accuracyOf('batch 6 (blind, structural rework)')).toBeGreaterThanOrEqual(BATCH6_FLOOR);
    expect(accuracyOf('batch 7 (final blind)')).toBeGreaterThanOrEqual(BATCH7_FLOOR);
    const confident = decided.filter((result) => result.confidence >= 0.8);
    expect(confident.filter(right).length / confident.length).toBeGreaterThanOrEqual(HIGH_CONFIDENCE_PRECISION_FLOOR);
  });
});
