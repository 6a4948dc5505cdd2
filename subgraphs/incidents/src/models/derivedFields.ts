import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { IncidentRecord } from './incidentRecord';

/**
 * Fields stored only so that queries can use an index: computed from the record at every write,
 * never edited on their own.
 */
export interface DerivedIncidentFields {
  severityRank: number;
  /** UTC day of creation, YYYY-MM-DD: metrics group by it (no date operators needed). */
  createdDay: string;
  /** Lower-cased words of title, description and entity values: whole-word search without $text. */
  searchTokens: string[];
  /** Normalised entity values (kind:value): related incidents share at least one. */
  entityKeys: string[];
  /** Owner's email or UPN, lower-cased; '' when unassigned (the owner filter matches on it). */
  ownerKey: string;
}

export const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;

const MAX_TOKENS = 400;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}._@-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Splits text into the tokens the search filter matches: words, plus dotted/@ values whole. */
export function tokenize(text: string): string[] {
  const tokens = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    tokens.add(word);
    // "j.doe@contoso.example" is also found by its parts, e.g. "contoso" or "doe".
    for (const part of word.split(/[._@-]+/)) if (part.length > 1) tokens.add(part);
  }
  return [...tokens];
}

export function ownerKeyOf(owner: IncidentRecord['owner']): string {
  return (owner?.email ?? owner?.userPrincipalName ?? '').toLowerCase();
}

export function deriveIncidentFields(record: Pick<IncidentRecord, 'severity' | 'createdAt' | 'title' | 'description' | 'entities' | 'owner'>): DerivedIncidentFields {
  const entityValues = record.entities.map((e) => e.friendlyName).filter(Boolean);
  const tokens = tokenize([record.title, record.description ?? '', ...entityValues].join(' ')).slice(0, MAX_TOKENS);
  return {
    severityRank: SEVERITY_RANK[record.severity],
    createdDay: record.createdAt.toISOString().slice(0, 10),
    searchTokens: tokens,
    entityKeys: [...new Set(record.entities.map((e) => `${e.kind}:${e.friendlyName}`.toLowerCase()))],
    ownerKey: ownerKeyOf(record.owner),
  };
}

/**
 * The incident's _id, derived from its tenant and Sentinel id: every lookup and idempotent insert
 * by Sentinel id becomes a primary-key operation, which every MongoDB-compatible store serves
 * fast (FerretDB's SQLite backend pushes down only _id filters). The 12 bytes are a hash, not an
 * ObjectId timestamp; nothing reads them as time.
 */
export function incidentObjectId(tenantId: string, sentinelId: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${tenantId}\u0000${sentinelId}`).digest().subarray(0, 12));
}
