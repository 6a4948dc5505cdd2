import DataLoader from 'dataloader';
import type { FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { findByIdInScope } from '../mongo/findByIdInScope';
import { isFerretDb } from '../mongo/updateByIdIf';

/**
 * Batches entity lookups by id, always inside `scope` (the tenant filter), so a foreign id
 * resolves to null exactly like a missing one. MongoDB gets one `$in` query per batch. A batch of
 * one id, and every batch on FerretDB, is read id by id with the filter `{_id}` alone: the only
 * filter FerretDB answers from its primary key (a `$in` there reads the whole collection).
 */
export function createByIdLoader<T extends { _id: Types.ObjectId }>(model: Model<T>, scope: FilterQuery<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const objectIds = ids.filter((id) => Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id).map((id) => new Types.ObjectId(id));
    const rows =
      objectIds.length === 0
        ? []
        : objectIds.length === 1 || (await isFerretDb(model.db))
          ? ((await Promise.all(objectIds.map((id) => findByIdInScope(model, id, scope as Record<string, unknown>)))).filter((row) => row !== null) as T[])
          : ((await model.find({ ...scope, _id: { $in: objectIds } }).lean()) as T[]);
    const byId = new Map(rows.map((row) => [row._id.toHexString(), row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Batches "all rows whose `field` is one of these keys" into one query per request (e.g. every
 * analysis of every incident on a page).
 */
export function createGroupLoader<T>(
  model: Model<T>,
  field: string,
  scope: FilterQuery<T>,
  sort: Record<string, 1 | -1> = { _id: -1 },
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = (await model.find({ ...scope, [field]: { $in: [...keys] } } as FilterQuery<T>).sort(sort).lean()) as T[];
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(String((row as Record<string, unknown>)[field]))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
