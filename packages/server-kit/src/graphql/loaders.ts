import DataLoader from 'dataloader';
import type { FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { findByIds, matchesScope } from '../mongo/findByIdInScope';

/**
 * Batches entity lookups by id (`findByIds`: one `$in` on MongoDB, `{_id}` reads on FerretDB),
 * always inside `scope` (the tenant filter, checked in this process), so a foreign id resolves to
 * null exactly like a missing one.
 */
export function createByIdLoader<T extends { _id: Types.ObjectId }>(model: Model<T>, scope: FilterQuery<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const objectIds = ids.filter((id) => Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id).map((id) => new Types.ObjectId(id));
    const rows = (await findByIds(model, objectIds)).filter((row) => matchesScope(row as Record<string, unknown>, scope as Record<string, unknown>));
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
