/** Options of `npm run bench:sentinel`, from environment variables (so a smaller run is one prefix away). */
export interface SentinelBenchOptions {
  /** Incidents the fake Sentinel serves and the sync brings into the empty database. */
  syncIncidents: number;
  /** Incidents in the tenant for each incident-list measurement, ascending. */
  listSizes: number[];
  /** Measured requests per target and list size (one at a time). */
  listRequests: number;
  /** Uncounted requests per target and list size before the measured ones. */
  listWarmup: number;
  /** No new round of list requests after this many seconds of a size (the first round always runs). */
  listMaxSeconds: number;
  /**
   * List sizes at which the two costly references are also timed: the same query straight to the
   * incidents subgraph, and incident(id) (on FerretDB both read the whole collection).
   */
  extra: 'first' | 'all' | 'none';
  /** A list request with no answer for this long fails. */
  listTimeoutSeconds: number;
  /** Gateway port; the subgraphs take the next four. */
  portBase: number;
}

export const SENTINEL_USAGE = `usage: [VARIABLE=value ...] npm run bench:sentinel

  BENCH_SYNC_INCIDENTS   incidents the fake Sentinel serves, synced into the empty database (default 20000)
  BENCH_LIST_SIZES       comma-separated incident counts of the tenant for the list query (default 20000,100000);
                         incidents beyond the synced ones are built with the incidents service's document
                         builder and inserted directly, not synced
  BENCH_LIST_REQUESTS    measured rounds per list size, one request per target and round, one at a time (default 5)
  BENCH_LIST_WARMUP      uncounted rounds per list size first (default 0: on FerretDB one request takes seconds
                         to minutes, so a cold start is noise; set 1 or more on MongoDB)
  BENCH_LIST_MAX_SECONDS no new round of a list size after this many seconds; the first round always runs (default 240)
  BENCH_LIST_EXTRA       first|all|none: list sizes at which the same query also goes straight to the incidents
                         subgraph (the gateway's share) and incident(id) is timed; on FerretDB both read the whole
                         collection, which triples a round (default first). A one-document read through the
                         gateway is the reference at every size.
  BENCH_LIST_TIMEOUT_SECONDS  a list request without an answer for this long fails (default 1800)
  BENCH_PORT_BASE        gateway port of the benchmark's own stack, subgraphs on the next four (default 4200)
  MONGODB_URI            use this database server instead of starting an embedded FerretDB (SQLite)`;

function wholeNumber(name: string, raw: string | undefined, fallback: number, least: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number of at least ${least}, got "${raw}"`);
  return value;
}

function extraOption(raw: string | undefined): SentinelBenchOptions['extra'] {
  const value = raw?.trim() || 'first';
  if (value !== 'first' && value !== 'all' && value !== 'none') throw new Error(`BENCH_LIST_EXTRA must be first, all or none, got "${raw}"`);
  return value;
}

export function sentinelBenchOptions(env: NodeJS.ProcessEnv = process.env): SentinelBenchOptions {
  const syncIncidents = wholeNumber('BENCH_SYNC_INCIDENTS', env.BENCH_SYNC_INCIDENTS, 20_000, 1);
  const sizesText = env.BENCH_LIST_SIZES?.trim() || '20000,100000';
  const listSizes = sizesText.split(',').map((part) => wholeNumber('BENCH_LIST_SIZES', part.trim(), 0, 1));
  const sorted = [...new Set(listSizes)].sort((a, b) => a - b);
  if (sorted[0]! < syncIncidents) {
    throw new Error(`BENCH_LIST_SIZES must not be below BENCH_SYNC_INCIDENTS (${syncIncidents}): the synced incidents stay in the tenant`);
  }
  return {
    syncIncidents,
    listSizes: sorted,
    listRequests: wholeNumber('BENCH_LIST_REQUESTS', env.BENCH_LIST_REQUESTS, 5, 1),
    listWarmup: wholeNumber('BENCH_LIST_WARMUP', env.BENCH_LIST_WARMUP, 0, 0),
    listMaxSeconds: wholeNumber('BENCH_LIST_MAX_SECONDS', env.BENCH_LIST_MAX_SECONDS, 240, 1),
    extra: extraOption(env.BENCH_LIST_EXTRA),
    listTimeoutSeconds: wholeNumber('BENCH_LIST_TIMEOUT_SECONDS', env.BENCH_LIST_TIMEOUT_SECONDS, 1_800, 1),
    portBase: wholeNumber('BENCH_PORT_BASE', env.BENCH_PORT_BASE, 4200, 1),
  };
}
