/**
 * Rough token count (about 4 characters per token for English and JSON with the BPE tokenizers the
 * hosted models use). Only for the local analyst and streams that report no usage; results that
 * rely on it say `estimated: true`.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}
