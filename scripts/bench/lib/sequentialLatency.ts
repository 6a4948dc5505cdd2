/**
 * Latency of single requests on an otherwise idle stack: one request at a time, the targets taking
 * turns (the first target of each round rotates), so drift over the run hits every target alike.
 */
import { summarize, type LatencySummary } from './percentiles';

export interface Probe {
  label: string;
  /** One request; resolves on success, throws with the reason otherwise. */
  send: () => Promise<void>;
}

export interface ProbeResult {
  label: string;
  latency: LatencySummary;
  errors: number;
  firstError: string | null;
}

export interface SequentialPlan {
  rounds: number;
  warmupRounds: number;
  /** No new round starts after this many seconds of measuring, once `minRounds` are done. */
  maxSeconds: number;
  minRounds: number;
  onRound?: (round: number, lastMs: Record<string, number>) => void;
}

export async function measureSequential(probes: readonly Probe[], plan: SequentialPlan): Promise<{ results: ProbeResult[]; rounds: number; seconds: number }> {
  const latencies = new Map(probes.map((p) => [p.label, [] as number[]]));
  const errors = new Map(probes.map((p) => [p.label, { count: 0, first: null as string | null }]));
  const order = (round: number) => probes.map((_, i) => probes[(i + round) % probes.length]!);

  for (let round = 0; round < plan.warmupRounds; round += 1) {
    for (const probe of order(round)) await probe.send().catch(() => undefined);
  }
  const started = performance.now();
  let rounds = 0;
  while (rounds < plan.rounds && (rounds < plan.minRounds || performance.now() - started < plan.maxSeconds * 1000)) {
    const last: Record<string, number> = {};
    for (const probe of order(rounds)) {
      const sent = performance.now();
      try {
        await probe.send();
        last[probe.label] = performance.now() - sent;
        latencies.get(probe.label)!.push(last[probe.label]!);
      } catch (error) {
        const slot = errors.get(probe.label)!;
        slot.count += 1;
        slot.first ??= error instanceof Error ? error.message : String(error);
      }
    }
    rounds += 1;
    plan.onRound?.(rounds, last);
  }
  return {
    rounds,
    seconds: (performance.now() - started) / 1000,
    results: probes.map((p) => ({ label: p.label, latency: summarize(latencies.get(p.label)!), errors: errors.get(p.label)!.count, firstError: errors.get(p.label)!.first })),
  };
}
