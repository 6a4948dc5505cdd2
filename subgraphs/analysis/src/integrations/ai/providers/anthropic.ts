import Anthropic from '@anthropic-ai/sdk';
import { requireApiKey, type ModelRequest, type ModelResponse } from './providerAdapter';

const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/**
 * Anthropic Messages API. Structured output is a forced tool call: the tool's input_schema is the
 * agent's JSON Schema, so the model answers with the object as the tool input (no prose to strip).
 * Chat streams text deltas from the raw SSE events.
 */
export async function callAnthropic(request: ModelRequest): Promise<ModelResponse> {
  const { settings, prompt, messages, signal, onDelta } = request;
  // apiKey and baseURL explicit: otherwise the SDK reads ANTHROPIC_* variables and profile files.
  const client = new Anthropic({ apiKey: requireApiKey(settings), baseURL: settings.baseUrl ?? ANTHROPIC_BASE_URL, timeout: settings.timeoutMs, maxRetries: 0 });
  const base = {
    model: settings.model,
    max_tokens: settings.maxTokens,
    system: prompt.system,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
  };

  if (!onDelta) {
    const output = prompt.output;
    const message = await client.messages.create(
      output
        ? {
            ...base,
            tools: [{ name: output.name, description: 'Record the analysis result.', input_schema: { type: 'object', ...output.schema } }],
            tool_choice: { type: 'tool', name: output.name },
          }
        : base,
      { signal },
    );
    const toolUse = message.content.find((block) => block.type === 'tool_use' && block.name === output?.name);
    const text =
      toolUse && toolUse.type === 'tool_use'
        ? JSON.stringify(toolUse.input)
        : message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { text, usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens } };
  }

  const stream = await client.messages.create({ ...base, stream: true }, { signal });
  let text = '';
  let inputTokens = 0;
  let outputTokens = 0;
  for await (const event of stream) {
    if (event.type === 'message_start') {
      inputTokens = event.message.usage.input_tokens;
      outputTokens = event.message.usage.output_tokens;
    } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      text += event.delta.text;
      onDelta(event.delta.text);
    } else if (event.type === 'message_delta') {
      // Cumulative for the whole message, so the last one wins.
      outputTokens = event.usage.output_tokens;
    }
  }
  return { text, usage: { inputTokens, outputTokens } };
}
