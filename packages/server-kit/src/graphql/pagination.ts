import type { FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { badUserInput } from '../errors';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface SortSpec {
  /** A field that is never null on stored documents (cursor comparisons need a value). */
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Resolved only when the client asks for it: counting is a separate query. */
  totalCount: () => Promise<number>;
}

type CursorValue = string | number | boolean | { $date: string };

function encodeCursor(value: unknown, id: Types.ObjectId): string {
  const encoded: CursorValue = value instanceof Date ? { $date: value.toISOString() } : (value as CursorValue);
  return Buffer.from(JSON.stringify([encoded, id.toHexString()])).toString('base64url');
}

function decodeCursor(cursor: string): { value: unknown; id: Types.ObjectId } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [CursorValue, string];
    const decoded = value !== null && typeof value === 'object' && '$date' in value ? new Date(value.$date) : value;
    if (!Types.ObjectId.isValid(id)) throw new Error('bad id');
    return { value: decoded, id: new Types.ObjectId(id) };
  } catch {
    throw badUserInput('Invalid cursor: pass the endCursor of a previous page as `after`', 'after');
  }
}

export interface PageLimits {
  defaultFirst: number;
  maxFirst: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { defaultFirst: 25, maxFirst: 200 };

/**
 * A Relay cursor connection over a mongoose model: keyset pagination on (sort field, _id), so
 * deep pages cost the same as the first one and concurrent inserts never shift a page.
 */
export async function findPage<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  filter: FilterQuery<T>,
  sort: SortSpec,
  args: PageArgs,
  limits: PageLimits = DEFAULT_PAGE_LIMITS,
  options: { countTotal?: boolean } = {},
): Promise<Connection<T>> {
  const first = args.first ?? limits.defaultFirst;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxFirst) {
    throw badUserInput(`first must be between 0 and ${limits.maxFirst}`, 'first');
  }
  const order = sort.direction === 'ASC' ? 1 : -1;
  const pageFilter: FilterQuery<T> = { ...filter };
  if (args.after) {
    const { value, id } = decodeCursor(args.after);
    const beyond = order === 1 ? '$gt' : '$lt';
    pageFilter.$and = [
      ...((filter.$and as FilterQuery<T>[] | undefined) ?? []),
      { $or: [{ [sort.field]: { [beyond]: value } }, { [sort.field]: value, _id: { [beyond]: id } }] } as FilterQuery<T>,
    ];
  }
  // Asked for with the page, the count runs beside it: on a backend that reads the whole
  // collection for both (FerretDB), that halves the wait on a machine with a spare core.
  const counted = options.countTotal ? model.countDocuments(filter).exec() : null;
  counted?.catch(() => undefined); // a failed page query must not leave it unhandled; totalCount rethrows
  const rows = first === 0 ? [] : ((await model.find(pageFilter).sort({ [sort.field]: order, _id: order }).limit(first + 1).lean()) as T[]);
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor((node as Record<string, unknown>)[sort.field], node._id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => counted ?? model.countDocuments(filter).exec(),
  };
}
