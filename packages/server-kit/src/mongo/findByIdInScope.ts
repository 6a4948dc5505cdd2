import type { FilterQuery, Model } from 'mongoose';
import { isFerretDb } from './isFerretDb';
import { Types } from 'mongoose';

/**
 * Scope conditions checked in this process: equality on a field (a dotted path reaching into
 * arrays matches when any element is equal) or `{ $in: [...] }`. Anything else is a programming
 * error and throws, so a scope can never silently match more than it says.
 */
export function matchesScope(doc: Record<string, unknown>, scope: Record<string, unknown>): boolean {
  return Object.entries(scope).every(([path, condition]) => {
    const values = valuesAt(doc, path.split('.'));
    if (condition !== null && typeof condition === 'object' && !(condition instanceof Types.ObjectId) && !(condition instanceof Date)) {
      const operators = Object.keys(condition);
      if (operators.length !== 1 || operators[0] !== '$in' || !Array.isArray((condition as { $in: unknown }).$in)) {
        throw new Error(`matchesScope supports equality and $in only, not ${JSON.stringify(condition)} on ${path}`);
      }
      return (condition as { $in: unknown[] }).$in.some((wanted) => values.some((value) => same(value, wanted)));
    }
    return values.some((value) => same(value, condition));
  });
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== 'object') return [undefined];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Types.ObjectId || b instanceof Types.ObjectId) return String(a) === String(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/** `id` as an ObjectId, or null when it cannot be one. */
export function objectIdOf(id: unknown): Types.ObjectId | null {
  if (id instanceof Types.ObjectId) return id;
  return typeof id === 'string' && Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
}

/**
 * One document by primary key, null unless it lies in `scope` (e.g. the caller's tenant). The
 * query holds nothing but `_id`: that is the only form FerretDB's SQLite backend answers from its
 * primary key (any other condition makes it read the whole collection), and it is exact on every
 * backend; the scope is then checked here.
 */
export async function findByIdInScope<T>(model: Model<T>, id: unknown, scope: Record<string, unknown>): Promise<T | null> {
  const _id = objectIdOf(id);
  if (!_id) return null;
  const doc = (await model.findOne({ _id } as FilterQuery<T>).lean().exec()) as T | null;
  return doc && matchesScope(doc as Record<string, unknown>, scope) ? doc : null;
}

/**
 * The documents with these ids, in no particular order (missing ones left out). MongoDB gets one
 * `$in` query; FerretDB one `{_id}` read per id, the only filter it answers from its primary key
 * (a `$in` there decodes the whole collection).
 */
export async function findByIds<T>(model: Model<T>, ids: readonly Types.ObjectId[]): Promise<T[]> {
  if (ids.length === 0) return [];
  if (ids.length > 1 && !(await isFerretDb(model.db))) {
    return (await model.find({ _id: { $in: ids } } as FilterQuery<T>).lean().exec()) as T[];
  }
  const found = await Promise.all(ids.map((_id) => model.findOne({ _id } as FilterQuery<T>).lean().exec()));
  return found.filter((doc) => doc !== null) as T[];
}
