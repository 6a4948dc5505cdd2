import type { AgentOutputs, ChatPromptData, PipelineAgent, PipelinePromptData } from '../../../agents';
import { estimateTokens } from '../estimateTokens';
import { LOCAL_MODEL, answerLocalChat, runLocalAgent } from '../local';
import type { TokenUsage } from '../types';

export { LOCAL_MODEL };

/**
 * The built-in analyst: deterministic, offline, free. It reads the prompt data directly (no prompt
 * text), so its token counts are estimates of the equivalent prompt, for comparable accounting.
 */
export function runLocal<A extends PipelineAgent>(agent: A, data: PipelinePromptData): { output: AgentOutputs[A]; usage: TokenUsage } {
  const output = runLocalAgent(agent, data);
  return { output, usage: { inputTokens: estimateTokens(JSON.stringify(data)), outputTokens: estimateTokens(JSON.stringify(output)), estimated: true } };
}

/** Chat answers are delivered word by word through onDelta, so the UI streams them like a model's. */
export function answerLocal(data: ChatPromptData, onDelta?: (delta: string) => void): { text: string; usage: TokenUsage } {
  const text = answerLocalChat(data);
  if (onDelta) for (const piece of text.match(/\s*\S+\s*/g) ?? (text ? [text] : [])) onDelta(piece);
  return { text, usage: { inputTokens: estimateTokens(JSON.stringify(data)), outputTokens: estimateTokens(text), estimated: true } };
}
