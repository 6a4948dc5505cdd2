import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { estimateTokens } from '../estimateTokens';
import { ProviderError, requireApiKey, type ModelRequest, type ModelResponse, type ResolvedSettings } from './providerAdapter';

/** Used when an Azure tenant does not name an API version: the current GA version of the data plane. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * One SDK for three providers. Retries are ours (maxRetries 0) so that backoff, breaker and
 * fallback see every failure. Every option is passed explicitly so that OPENAI_* variables in the
 * service's environment never leak into a tenant's requests.
 */
function createClient(settings: ResolvedSettings): OpenAI {
  const common = { timeout: settings.timeoutMs, maxRetries: 0 };
  switch (settings.provider) {
    case 'openai':
      return new OpenAI({ ...common, apiKey: requireApiKey(settings), baseURL: settings.baseUrl ?? OPENAI_BASE_URL, organization: null, project: null });
    case 'azure-openai':
      if (!settings.baseUrl) throw new ProviderError('azure-openai needs baseUrl (the resource endpoint)', 'OTHER');
      // deployment = model: the SDK then calls {endpoint}/openai/deployments/{model}/chat/completions?api-version=...
      // baseURL rather than endpoint: left undefined, baseURL would be read from OPENAI_BASE_URL.
      return new AzureOpenAI({
        ...common,
        apiKey: requireApiKey(settings),
        baseURL: `${settings.baseUrl.replace(/\/+$/, '')}/openai`,
        deployment: settings.model,
        apiVersion: settings.apiVersion ?? DEFAULT_AZURE_API_VERSION,
        organization: null,
        project: null,
      });
    case 'openai-compatible':
      if (!settings.baseUrl) throw new ProviderError('openai-compatible needs baseUrl', 'OTHER');
      // Local model servers usually take no key, but the SDK insists on one; any value is ignored there.
      return new OpenAI({ ...common, apiKey: settings.apiKey || 'no-key', baseURL: settings.baseUrl, organization: null, project: null });
    default:
      throw new ProviderError(`not an OpenAI-style provider: ${settings.provider}`, 'OTHER');
  }
}

export async function callOpenAI(request: ModelRequest): Promise<ModelResponse> {
  const { settings, prompt, messages, signal, onDelta } = request;
  const client = createClient(settings);
  const params: ChatCompletionCreateParamsBase = {
    model: settings.model,
    messages: [{ role: 'system', content: prompt.system }, ...messages.map((m): ChatCompletionMessageParam => ({ role: m.role, content: m.content }))],
    // OpenAI's current models accept only max_completion_tokens; many compatible servers only max_tokens.
    ...(settings.provider === 'openai-compatible' ? { max_tokens: settings.maxTokens } : { max_completion_tokens: settings.maxTokens }),
    // JSON mode rather than a strict json_schema: strict mode rejects optional fields and length limits our schemas use.
    ...(prompt.output ? { response_format: { type: 'json_object' as const } } : {}),
  };

  if (!onDelta) {
    const completion = await client.chat.completions.create({ ...params, stream: false }, { signal });
    const text = completion.choices[0]?.message?.content ?? '';
    const usage = completion.usage;
    return usage
      ? { text, usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } }
      : { text, usage: estimatedUsage(request, text) };
  }

  // include_usage: the last chunk (with empty choices) carries the usage of the whole stream.
  const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal });
  let text = '';
  let usage: ModelResponse['usage'] | undefined;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) {
      text += delta;
      onDelta(delta);
    }
    if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
  }
  return { text, usage: usage ?? estimatedUsage(request, text) };
}

/** Some compatible servers report no usage; an estimate beats a silent zero. */
function estimatedUsage(request: ModelRequest, text: string): ModelResponse['usage'] {
  const input = request.prompt.system + request.messages.map((m) => m.content).join('');
  return { inputTokens: estimateTokens(input), outputTokens: estimateTokens(text), estimated: true };
}
