import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * MITRE ATT&CK Enterprise (v18.1) as shipped in subgraphs/analysis/data/mitre (see its README for
 * source and licence). Read once per process at first use; lookups are synchronous after that.
 */
export const ATTACK_DATA_DIR = path.resolve(__dirname, '../../../../data/mitre');

export interface AttackTactic {
  id: string;
  name: string;
  /** Kebab-case short name used in technique rows, e.g. credential-access. */
  shortname: string;
}

export interface AttackTechnique {
  id: string;
  name: string;
  /** Tactic short names in the order MITRE lists them. */
  tactics: string[];
  isSubtechnique: boolean;
  deprecated: boolean;
  revoked: boolean;
}

export interface AttackCatalog {
  tactics: AttackTactic[];
  tacticById: Map<string, AttackTactic>;
  tacticByShortname: Map<string, AttackTactic>;
  techniques: Map<string, AttackTechnique>;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell !== ''));
}

function readRows(dir: string, file: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(readFileSync(path.join(dir, file), 'utf8'));
  const columns = header ?? [];
  return rows.map((cells) => Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])));
}

export function loadAttackCatalog(dir: string = ATTACK_DATA_DIR): AttackCatalog {
  const tactics = readRows(dir, 'enterprise_tactics.csv')
    .filter((row) => row.deprecated !== 'True')
    .map((row): AttackTactic => ({ id: row.tactic_id ?? '', name: row.name ?? '', shortname: row.shortname ?? '' }));
  const techniques = new Map<string, AttackTechnique>();
  for (const row of readRows(dir, 'enterprise_techniques.csv')) {
    const id = row.technique_id ?? '';
    if (!/^T\d{4}(\.\d{3})?$/.test(id)) continue;
    techniques.set(id, {
      id,
      name: row.name ?? '',
      tactics: (row.tactics ?? '').split(';').map((tactic) => tactic.trim()).filter(Boolean),
      isSubtechnique: row.is_subtechnique === 'True',
      deprecated: row.deprecated === 'True',
      revoked: row.revoked === 'True',
    });
  }
  return {
    tactics,
    tacticById: new Map(tactics.map((tactic) => [tactic.id, tactic])),
    tacticByShortname: new Map(tactics.map((tactic) => [tactic.shortname, tactic])),
    techniques,
  };
}

let cached: AttackCatalog | undefined;

/** The shipped catalog, loaded on first use. */
export function attackCatalog(): AttackCatalog {
  cached ??= loadAttackCatalog();
  return cached;
}

/** Kill-chain order of the Enterprise tactics (reconnaissance first, impact last). */
export const KILL_CHAIN: readonly string[] = [
  'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation', 'defense-evasion',
  'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control', 'exfiltration', 'impact',
];

export const killChainRank = (shortname: string): number => {
  const rank = KILL_CHAIN.indexOf(shortname);
  return rank < 0 ? KILL_CHAIN.length : rank;
};
