import type { IncidentContext, IncidentEntityContext } from '../../../agents';
import { decodeInlineBase64, decodePowerShellCommands } from './decodePowerShell';
import type { ParsedEmail } from './parseRawEmail';
import { clip } from './text';

/** Where a piece of incident text came from; rules and IOCs cite it as evidence. */
export type TextKind = 'title' | 'description' | 'label' | 'alert' | 'entity' | 'commandLine' | 'decoded' | 'comment' | 'email';

export interface TextItem {
  kind: TextKind;
  /** Human-readable origin, e.g. `alert "Suspicious PowerShell command line"` or `Process entity powershell.exe (commandLine)`. */
  source: string;
  text: string;
  entityKind?: string;
}

/** Identifiers and bookkeeping: GUIDs, SIDs and message ids that would only produce false IOCs. */
const SKIPPED_PROPERTIES = new Set([
  'id', 'name', 'type', 'etag', 'aaduserid', 'aadtenantid', 'objectguid', 'sid', 'omsagentid', 'externaldirectoryobjectid', 'puid',
  'networkmessageid', 'internetmessageid', 'processid', 'creationtimeutc', 'receivedate', 'systemalertid', 'logonid', 'sessionid',
  'fileHashEntityIds', 'language', 'elevationtoken', 'isdomainjoined', 'upnsuffix', 'ostype', 'osfamily', 'osversion', 'appid',
  'starttimeutc', 'endtimeutc', 'timegenerated', 'processingendtime', 'confidencelevel', 'confidencescore', 'count', '$id', '$ref',
].map((key) => key.toLowerCase()));

const isSkipped = (key: string): boolean => SKIPPED_PROPERTIES.has(key.toLowerCase()) || /entityids?$/i.test(key) || /^(?:latitude|longitude|asn)$/i.test(key);

/** String leaves of an entity's properties with their key path (nested objects such as additionalData included). */
function stringLeaves(value: unknown, keyPath: string, out: Array<{ key: string; text: string }>, depth = 0): void {
  if (depth > 5 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.trim()) out.push({ key: keyPath, text: value });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 100)) stringLeaves(item, keyPath, out, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (isSkipped(key)) continue;
      stringLeaves(child, keyPath ? `${keyPath}.${key}` : key, out, depth + 1);
    }
  }
}

export function entityLabel(entity: IncidentEntityContext): string {
  return `${entity.kind} entity ${clip(entity.friendlyName || '(unnamed)', 80)}`;
}

/** Command lines of an entity: Process.commandLine and the "command line" fields alert extended properties carry. */
export function commandLinesOf(entity: IncidentEntityContext): string[] {
  const leaves: Array<{ key: string; text: string }> = [];
  stringLeaves(entity.properties, '', leaves);
  return leaves.filter((leaf) => /command ?line/i.test(leaf.key)).map((leaf) => leaf.text);
}

/**
 * Every string of the incident with its origin: title, description, labels, alerts, entity properties,
 * comments, the raw email's headers, bodies and links, and decoded PowerShell payloads.
 */
export function collectIncidentTexts(incident: IncidentContext, email?: ParsedEmail | null): TextItem[] {
  const items: TextItem[] = [];
  const push = (kind: TextKind, source: string, text: string | null | undefined, entityKind?: string): void => {
    if (text && text.trim()) items.push({ kind, source, text, ...(entityKind ? { entityKind } : {}) });
  };
  push('title', 'incident title', incident.title);
  push('description', 'incident description', incident.description);
  if (incident.labels.length > 0) push('label', 'incident labels', incident.labels.join(', '));
  for (const alert of incident.alerts) {
    const source = `alert "${clip(alert.displayName, 100)}"`;
    push('alert', source, alert.displayName);
    push('alert', source, alert.description);
  }
  for (const entity of incident.entities) {
    const label = entityLabel(entity);
    const leaves: Array<{ key: string; text: string }> = [];
    stringLeaves(entity.properties, '', leaves);
    for (const leaf of leaves) {
      const isCommand = /command ?line/i.test(leaf.key);
      push(isCommand ? 'commandLine' : 'entity', `${label} (${leaf.key})`, leaf.text, entity.kind);
      if (!isCommand) continue;
      for (const decoded of decodePowerShellCommands(leaf.text)) push('decoded', `decoded -EncodedCommand in ${label}`, decoded.script, entity.kind);
      for (const decoded of decodeInlineBase64(leaf.text)) push('decoded', `decoded FromBase64String payload in ${label}`, decoded, entity.kind);
    }
  }
  incident.comments.forEach((comment, index) => {
    push('comment', `comment ${index + 1}${comment.authorName ? ` by ${clip(comment.authorName, 60)}` : ''}`, comment.message);
  });
  if (email) {
    const headerNames = /^(?:from|to|cc|reply-to|return-path|sender|subject|received|x-originating-ip|authentication-results|received-spf)$/i;
    for (const header of email.headers) if (headerNames.test(header.name)) push('email', `reported email header ${header.name}`, header.value);
    push('email', 'reported email body', email.bodyText);
    for (const link of email.links) push('email', 'reported email link', link.href);
    for (const attachment of email.attachments) push('email', 'reported email attachment', attachment.filename);
  }
  return items;
}
