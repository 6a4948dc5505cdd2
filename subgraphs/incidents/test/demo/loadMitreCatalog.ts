import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MITRE_DATA } from '../../../../test/support/testData';

export interface MitreCatalog {
  /** Tactic shortnames, e.g. initial-access. */
  tactics: Set<string>;
  /** Active (not deprecated, not revoked) technique id → its tactic shortnames. */
  techniques: Map<string, string[]>;
}

/** Rows of a CSV without quoted fields (true of both MITRE files), keyed by header. */
function readCsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path.join(MITRE_DATA, file), 'utf8').trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

export function loadMitreCatalog(): MitreCatalog {
  const tactics = new Set(readCsv('enterprise_tactics.csv').map((row) => row.shortname ?? ''));
  const techniques = new Map(
    readCsv('enterprise_techniques.csv')
      .filter((row) => row.deprecated === 'False' && row.revoked === 'False')
      .map((row) => [row.technique_id ?? '', (row.tactics ?? '').split(';')] as const),
  );
  return { tactics, techniques };
}

/** Sentinel writes tactics as names without spaces; ATT&CK shortnames are kebab-case. */
export function attackShortname(sentinelTactic: string): string {
  return sentinelTactic.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}
