import type { EntityRecord } from '../../../models/incidentRecord';
import { ALERT_ENTITY_RULES, entityTypeKey, type AlertEntityObject } from './alertEntityKinds';
import { stableGuid } from './stableGuid';

/** The Entities JSON of an alert does not hold together (what is wrong is in the message). */
export class AlertEntitiesError extends Error {}

/** Deeper than any real entity graph; stops hostile input from exhausting the stack. */
const MAX_DEPTH = 24;

const isObject = (value: unknown): value is AlertEntityObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const idText = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
/** A field that stands for another entity: {"$ref": id}, or the entity written out again with its "$id". */
const isEntityReference = (value: unknown): value is AlertEntityObject =>
  isObject(value) && (idText(value.$ref) !== undefined || (idText(value.$id) !== undefined && typeof value.Type === 'string'));

/**
 * Entities of a SecurityAlert row as records. The JSON is .NET's reference-preserving format: every
 * entity has a "$id", and later mentions are {"$ref": "<id>"} or (in some exports) the entity written
 * out again with the same "$id". Accepts the array Log Analytics stores and the object keyed by
 * entity type that some connectors produce. Types with no record kind are left out; a "$ref" to no
 * entity, an entity without a Type, or a malformed graph is an error, so bad input is never stored.
 */
export function mapAlertEntities(graph: unknown, systemAlertId: string): EntityRecord[] {
  const definitions = new Map<string, AlertEntityObject>();
  const repeats: AlertEntityObject[] = [];
  rootEntities(graph).forEach((root, index) => {
    if (!isObject(root)) throw new AlertEntitiesError(`entity ${index} is not a JSON object`);
    if (idText(root.$ref) !== undefined) {
      repeats.push(root); // a repeat of an entity defined elsewhere
      return;
    }
    if (typeof root.Type !== 'string' || root.Type.trim() === '') throw new AlertEntitiesError(`entity ${index} has no "Type"`);
    // Hand-written payloads may leave "$id" out: nothing can refer to such an entity, but it still counts.
    collect(root, idText(root.$id) ?? `#${index}`, definitions, 0);
  });
  for (const entity of [...definitions.values(), ...repeats]) checkReferences(entity, definitions, 0);

  const idOf = (key: string) => stableGuid(systemAlertId, 'entity', key);
  const keyOf = (reference: AlertEntityObject) => idText(reference.$ref) ?? idText(reference.$id) ?? '';
  const resolve = (value: unknown) => (isEntityReference(value) ? definitions.get(keyOf(value)) : undefined);

  const records: EntityRecord[] = [];
  for (const [key, entity] of definitions) {
    const rule = ALERT_ENTITY_RULES.get(entityTypeKey(String(entity.Type)));
    if (!rule || 'skipReason' in rule) continue;
    const entityId = idOf(key);
    const friendlyName = rule.name(entity, resolve) ?? entityId;
    const properties: Record<string, unknown> = { friendlyName };
    for (const [field, value] of Object.entries(entity)) {
      if (field === '$id' || field === 'Type') continue;
      const renamed = rule.renames?.[field];
      if (isEntityReference(value)) {
        properties[renamed ?? `${camelCase(field)}EntityId`] = idOf(keyOf(value));
      } else if (Array.isArray(value) && value.length > 0 && value.every(isEntityReference)) {
        properties[renamed ?? `${camelCase(field)}EntityIds`] = value.map((item) => idOf(keyOf(item)));
      } else {
        const name = safeKey(renamed ?? camelCase(field));
        if (name) properties[name] = plainValue(value, 0);
      }
    }
    records.push({ entityId, kind: rule.kind, friendlyName, properties });
  }
  return records;
}

function rootEntities(graph: unknown): unknown[] {
  if (graph === undefined || graph === null) return [];
  if (Array.isArray(graph)) return graph;
  if (isObject(graph)) {
    if (typeof graph.Type === 'string') return [graph];
    // {"host": {...}, "process": [{...}, ...]}: the values are the entities.
    return Object.values(graph).flatMap((value) => (Array.isArray(value) ? value : [value]));
  }
  throw new AlertEntitiesError('must be a JSON array of entities (or an object of entities keyed by type)');
}

/** Registers an entity and every entity defined inside it (the first definition of an "$id" wins). */
function collect(entity: AlertEntityObject, key: string, definitions: Map<string, AlertEntityObject>, depth: number): void {
  if (definitions.has(key)) return;
  definitions.set(key, entity);
  for (const [field, value] of Object.entries(entity)) if (field !== '$id' && field !== 'Type') visit(value, definitions, depth + 1);
}

function visit(value: unknown, definitions: Map<string, AlertEntityObject>, depth: number): void {
  if (depth > MAX_DEPTH) throw new AlertEntitiesError(`is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.forEach((item) => visit(item, definitions, depth + 1));
  if (!isObject(value)) return;
  const id = idText(value.$id);
  if (id !== undefined && typeof value.Type === 'string') collect(value, id, definitions, depth);
  else for (const item of Object.values(value)) visit(item, definitions, depth + 1);
}

function checkReferences(value: unknown, definitions: Map<string, AlertEntityObject>, depth: number): void {
  if (depth > MAX_DEPTH) throw new AlertEntitiesError(`is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.forEach((item) => checkReferences(item, definitions, depth + 1));
  if (!isObject(value)) return;
  const ref = idText(value.$ref);
  if (ref !== undefined && !definitions.has(ref)) throw new AlertEntitiesError(`"$ref": "${ref}" names no entity of the alert (no such "$id")`);
  for (const [field, item] of Object.entries(value)) if (field !== '$ref') checkReferences(item, definitions, depth + 1);
}

/** Nested values (an address's Location, lists) keep their content with REST-style field names. */
function plainValue(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new AlertEntitiesError(`is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => plainValue(item, depth + 1));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    const name = safeKey(camelCase(field));
    if (name) out[name] = plainValue(item, depth + 1);
  }
  return out;
}

/** "HostName" -> "hostName", "NTDomain" -> "ntDomain", "OSFamily" -> "osFamily", "SID" -> "sid". */
export function camelCase(field: string): string {
  const capitals = /^[A-Z]+/.exec(field)?.[0];
  if (!capitals) return field;
  if (capitals.length === field.length) return field.toLowerCase();
  const head = capitals.length === 1 ? capitals.toLowerCase() : capitals.slice(0, -1).toLowerCase() + capitals.slice(-1);
  return head + field.slice(capitals.length);
}

/** Field names stored safely: no leading "$" (operators, JSON references), no dots, no prototype key. */
function safeKey(field: string): string | null {
  const name = field.replace(/\./g, '_');
  return name === '' || name.startsWith('$') || name === '__proto__' ? null : name;
}
