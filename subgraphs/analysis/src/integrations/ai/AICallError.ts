import type { AgentName } from '../../agents';
import type { ProviderFailure } from './types';

/** Every provider in the chain failed. The message lists each one's reason, briefly and secret-free. */
export class AICallError extends Error {
  override name = 'AICallError';
  readonly agent: AgentName;
  readonly failures: ProviderFailure[];

  constructor(agent: AgentName, failures: ProviderFailure[]) {
    const reasons = failures.map((f) => `${f.provider}/${f.model}: ${f.kind} ${f.error}`).join('; ');
    super(`${agent}: every AI provider failed (${reasons || 'no provider configured'})`);
    this.agent = agent;
    this.failures = failures;
  }
}
