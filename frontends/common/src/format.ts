/** Formatting helpers analysts read all day: UTC times, compact durations, percentages. */

export const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const STATUSES = ['NEW', 'ACTIVE', 'CLOSED'] as const;
export const CLASSIFICATIONS = ['TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE', 'UNDETERMINED'] as const;

/** MITRE ATT&CK tactics as Sentinel names them. */
export const TACTICS = [
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
  'CommandAndControl',
  'Exfiltration',
  'Impact',
] as const;

/** "CredentialAccess" -> "Credential Access"; "TRUE_POSITIVE" -> "True positive". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  if (/^[A-Z0-9_]+$/.test(value)) {
    const words = value.toLowerCase().split('_').filter(Boolean);
    return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
  }
  return value.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ And /g, ' and ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-24 03:06 UTC"; empty for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "11-24 03:06": compact UTC time for dense tables (the column header says UTC). */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const AGENT_LABELS: Record<string, string> = {
  RCA_ANALYST: 'RCA analyst',
  THREAT_ANALYZER: 'Threat analyzer',
  EMAIL_VERIFIER: 'Email verifier',
  SEVERITY_ASSESSOR: 'Severity assessor',
  VERDICT_GENERATOR: 'Verdict generator',
  CHAT_ASSISTANT: 'Chat assistant',
};

/** Display name of a pipeline agent. */
export function agentLabel(agent: string): string {
  return AGENT_LABELS[agent] ?? humanize(agent);
}

const SHORT_TACTICS: Record<string, string> = {
  ResourceDevelopment: 'Resource Dev.',
  PrivilegeEscalation: 'Privilege Esc.',
  CommandAndControl: 'Command & Control',
  CredentialAccess: 'Credential Access',
  LateralMovement: 'Lateral Movement',
};

/** A tactic name short enough for a chart axis. */
export function shortTactic(tactic: string): string {
  return SHORT_TACTICS[tactic] ?? humanize(tactic);
}

/** "03:06:12" in UTC, for feeds and timelines. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Compact duration: 42s, 5m 03s, 3h 07m, 2d 4h. Null for missing values. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatPercent(ratio: number | null | undefined, digits = 0): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value === 0 ? '$0' : value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** "PT4H" -> 4h, "P3D" -> 3d: SLA targets as analysts say them. */
export function formatIsoDuration(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!m) return value;
  const [, d, h, min, s] = m;
  return [d && `${d}d`, h && `${h}h`, min && `${min}m`, s && `${s}s`].filter(Boolean).join(' ') || value;
}

export function severityRank(severity: string): number {
  const index = (SEVERITIES as readonly string[]).indexOf(severity);
  return index === -1 ? SEVERITIES.length : index;
}
