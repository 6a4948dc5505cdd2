import type { LoadResult } from './loadGenerator';
import { summarize, type LatencySummary } from './percentiles';

export interface Figures {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
}

/** Pools one or more measured runs of a target: requests and time add up, latencies merge. */
export function figuresOf(label: string, runs: readonly LoadResult[]): Figures {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.elapsedMs, 0) / 1000;
  return {
    label,
    requests,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    seconds,
    requestsPerSecond: requests / seconds,
    latency: summarize(runs.flatMap((run) => run.latenciesMs)),
  };
}

/** NaN (no samples) prints as a dash. */
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');

/** A fixed-width text table; numbers right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function figuresTable(rows: readonly Figures[]): string {
  return table(
    ['target', 'requests', 'seconds', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
    rows.map((f) => [
      f.label,
      String(f.requests),
      f.seconds.toFixed(1),
      ms(f.requestsPerSecond),
      ms(f.latency.p50),
      ms(f.latency.p95),
      ms(f.latency.p99),
      ms(f.latency.max),
      String(f.errors),
    ]),
  );
}

export interface Ratios {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export const ratiosOf = (gateway: Figures, direct: Figures): Ratios => ({
  requestsPerSecond: gateway.requestsPerSecond / direct.requestsPerSecond,
  p50: gateway.latency.p50 / direct.latency.p50,
  p95: gateway.latency.p95 / direct.latency.p95,
  p99: gateway.latency.p99 / direct.latency.p99,
});

export function ratiosText(r: Ratios): string {
  return [
    `  throughput  gateway req/s / direct req/s = ${Number.isFinite(r.requestsPerSecond) ? `${r.requestsPerSecond.toFixed(2)}  (the gateway serves ${(r.requestsPerSecond * 100).toFixed(0)}% of the direct rate)` : '-'}`,
    `  latency     gateway / direct:  p50 ${times(r.p50)}   p95 ${times(r.p95)}   p99 ${times(r.p99)}`,
  ].join('\n');
}
