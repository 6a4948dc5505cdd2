import type { SentinelTactic } from '../types';

/** Every tactic name Sentinel uses, at run time (the type in ../types only exists at compile time). */
export const SENTINEL_TACTICS = [
  'Reconnaissance',
  'ResourceDevelopment',
  'InitialAccess',
  'Execution',
  'Persistence',
  'PrivilegeEscalation',
  'DefenseEvasion',
  'CredentialAccess',
  'Discovery',
  'LateralMovement',
  'Collection',
  'Exfiltration',
  'CommandAndControl',
  'Impact',
  'PreAttack',
  'ImpairProcessControl',
  'InhibitResponseFunction',
] as const satisfies readonly SentinelTactic[];

// Fails to compile when SentinelTactic gains a name this list lacks.
const complete: Exclude<SentinelTactic, (typeof SENTINEL_TACTICS)[number]> extends never ? true : never = true;
void complete;

const BY_KEY = new Map<string, SentinelTactic>(SENTINEL_TACTICS.map((tactic) => [tactic.toLowerCase(), tactic]));

/**
 * Sentinel's name for a tactic written any common way ("Credential Access", "credential-access",
 * "CredentialAccess"), or null for names with no Sentinel counterpart (old Defender intents such
 * as "Probing" or "Exploitation", "Unknown").
 */
export function sentinelTactic(name: string): SentinelTactic | null {
  return BY_KEY.get(name.replace(/[\s_-]+/g, '').toLowerCase()) ?? null;
}

export function isSentinelTactic(name: string): name is SentinelTactic {
  return (SENTINEL_TACTICS as readonly string[]).includes(name);
}
