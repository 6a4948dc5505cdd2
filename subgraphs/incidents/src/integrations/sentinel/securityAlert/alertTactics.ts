import type { SentinelTactic } from '../types';
import { sentinelTactic } from './sentinelTactics';

/** ATT&CK technique or sub-technique id. */
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** ExtendedProperties keys some products put tactics under (compared case-insensitively). */
const TACTIC_KEYS = new Set(['tactics', 'tactic', 'intent', 'killchainintent']);

/**
 * The items of a list column. Log Analytics stores Tactics as "InitialAccess, Persistence" and
 * Techniques as a JSON array in a string ('["T1078"]'); senders may also give a real array.
 */
export function listItems(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' ? listItems(item) : []));
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return listItems(JSON.parse(text) as unknown);
    } catch {
      // Not JSON after all: read it as a comma-separated list.
    }
  }
  return text.split(/[,;]/).map((item) => item.replace(/^[\s"'[\]]+|[\s"'[\]]+$/g, '')).filter(Boolean);
}

/** Sentinel tactic names from the Tactics column and from ExtendedProperties; unknown names are dropped. */
export function alertTactics(column: unknown, extendedProperties: Record<string, unknown>): SentinelTactic[] {
  const fromProperties = Object.entries(extendedProperties).flatMap(([key, value]) => (TACTIC_KEYS.has(key.toLowerCase()) ? listItems(value) : []));
  const tactics = [...listItems(column), ...fromProperties].map(sentinelTactic).filter((tactic): tactic is SentinelTactic => tactic !== null);
  return [...new Set(tactics)];
}

/** ATT&CK ids from the Techniques and SubTechniques columns; anything else is dropped. */
export function alertTechniques(...columns: unknown[]): string[] {
  const ids = columns.flatMap(listItems).map((id) => id.toUpperCase());
  return [...new Set(ids.filter((id) => TECHNIQUE_ID.test(id)))];
}
