import type { ProviderFailure, TokenUsage } from './types';

/** Thrown when one provider of the chain is done failing; callAI records it and moves on. */
export class AttemptFailure extends Error {
  override name = 'AttemptFailure';
  constructor(
    readonly failure: ProviderFailure,
    /** Tokens this provider billed before failing (e.g. for invalid answers). */
    readonly usage: TokenUsage,
    /** Chat text this provider had already streamed to the consumer. */
    readonly streamedText: string,
  ) {
    super(`${failure.provider}: ${failure.kind} ${failure.error}`);
  }
}

export function attemptFailed(failure: ProviderFailure, usage: TokenUsage, streamedText = ''): AttemptFailure {
  return new AttemptFailure(failure, { ...usage }, streamedText);
}
