import type { FilterQuery, Model, Types, UpdateQuery } from 'mongoose';
import { matchesScope } from './findByIdInScope';
import { isFerretDb } from './isFerretDb';

/**
 * Updates one document by primary key if it still matches `condition` (equality or `$in` on its
 * fields: the revision read before, the claim a worker holds). Returns the updated document, or
 * null when it is gone or no longer matches.
 *
 * On MongoDB this is one atomic findOneAndUpdate with the condition in its filter. FerretDB 1.x
 * applies any conditional update as read, check, then write, and answers from its primary key only
 * a filter that is exactly `{_id}`: with one more condition it reads the whole collection for every
 * write. There the document is read by `_id`, checked here and written by `_id`, which is the
 * guarantee FerretDB itself gives, without the scan.
 */
export async function updateByIdIf<T>(model: Model<T>, _id: Types.ObjectId, condition: Record<string, unknown>, update: UpdateQuery<T>): Promise<T | null> {
  if (!(await isFerretDb(model.db))) {
    return (await model.findOneAndUpdate({ ...condition, _id } as FilterQuery<T>, update, { new: true }).lean().exec()) as T | null;
  }
  const current = await model.findOne({ _id } as FilterQuery<T>).lean().exec();
  if (!current || !matchesScope(current as Record<string, unknown>, condition)) return null;
  return (await model.findOneAndUpdate({ _id } as FilterQuery<T>, update, { new: true }).lean().exec()) as T | null;
}
