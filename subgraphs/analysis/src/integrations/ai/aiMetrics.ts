import { Counter, type Registry } from 'prom-client';

/** Prometheus counters of AI usage; labels stay low-cardinality (no tenant, no model). */
export interface AIMetrics {
  /** One per provider tried: outcome is `success`, `cached` or the failure kind in lower case. */
  calls: Counter<'provider' | 'agent' | 'outcome'>;
  tokens: Counter<'provider' | 'agent' | 'direction'>;
  costUsd: Counter<'provider' | 'agent'>;
}

/** Counters on the service's registry; reuses them when another client already registered them there. */
export function createAIMetrics(registry: Registry): AIMetrics {
  const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> =>
    (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
  return {
    calls: counter('ai_calls_total', 'AI provider calls by provider, agent and outcome', ['provider', 'agent', 'outcome']),
    tokens: counter('ai_tokens_total', 'Tokens billed by AI providers, by direction (input/output)', ['provider', 'agent', 'direction']),
    costUsd: counter('ai_cost_usd_total', 'Estimated USD spent on AI providers (list prices)', ['provider', 'agent']),
  };
}
