import type { IncomingMessage } from 'node:http';
import { answerText, bearer, chunksOf, FakeModelServer, sendEvents, sendJson, usageOf, type FakeExchange } from './fakeModelServer';

export interface FakeOpenAIOptions {
  apiKey?: string;
  /** Azure OpenAI: deployment URLs, `api-key` header, `api-version` query and Azure's error bodies. */
  azure?: { apiVersions: string[] };
}

/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`), or with `azure` the Azure OpenAI data plane
 * (`POST /openai/deployments/{deployment}/chat/completions?api-version=...`). Streams as SSE
 * `data: {chunk}` lines ending in `data: [DONE]`, with a usage chunk when stream_options asks for it.
 */
export class FakeOpenAI extends FakeModelServer {
  readonly apiKey: string;
  readonly azure: FakeOpenAIOptions['azure'];

  constructor(options: FakeOpenAIOptions = {}) {
    super();
    this.apiKey = options.apiKey ?? (options.azure ? 'azure-test-key-0001' : 'sk-test-openai-0001');
    this.azure = options.azure;
  }

  /** Base URL for `new OpenAI({ baseURL })`, or the endpoint for `new AzureOpenAI({ endpoint })`. */
  get baseUrl(): string {
    return this.azure ? this.origin : `${this.origin}/v1`;
  }

  protected precheck(req: IncomingMessage, url: URL) {
    if (this.azure) {
      if (!/^\/openai\/deployments\/[^/]+\/chat\/completions$/.test(url.pathname)) return { status: 404, body: { error: { code: '404', message: 'Resource not found' } } };
      if (!this.azure.apiVersions.includes(url.searchParams.get('api-version') ?? '')) {
        return { status: 404, body: { error: { code: '404', message: 'Resource not found' } } };
      }
      if (req.headers['api-key'] !== this.apiKey) return { status: 401, body: azureUnauthorized };
      return undefined;
    }
    if (url.pathname !== '/v1/chat/completions') return { status: 404, body: { error: { message: `Invalid URL (POST ${url.pathname})`, type: 'invalid_request_error', param: null, code: null } } };
    if (bearer(req) !== this.apiKey) return { status: 401, body: openAIUnauthorized(bearer(req)) };
    return undefined;
  }

  protected respond({ res, body, step, url }: FakeExchange): void {
    const model = this.azure ? url.pathname.split('/')[3] : body.model;
    const created = Math.floor(Date.now() / 1000);
    const id = `chatcmpl-${Math.random().toString(36).slice(2, 12)}`;
    switch (step.kind) {
      case 'unauthorized':
        sendJson(res, 401, this.azure ? azureUnauthorized : openAIUnauthorized('wrong-key'));
        return;
      case 'rateLimited':
        sendJson(
          res,
          429,
          this.azure
            ? { error: { code: '429', message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${url.searchParams.get('api-version')} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${step.retryAfterSeconds} second.` } }
            : { error: { message: `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${step.retryAfterSeconds}s.`, type: 'requests', param: null, code: 'rate_limit_exceeded' } },
          // Azure sends both headers; OpenAI sends retry-after with x-ratelimit-* headers.
          this.azure
            ? { 'retry-after': String(step.retryAfterSeconds), 'retry-after-ms': String(step.retryAfterSeconds * 1000) }
            : { 'retry-after': String(step.retryAfterSeconds), 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0' },
        );
        return;
      case 'serverError':
        sendJson(res, 500, this.azure ? { error: { code: 'InternalServerError', message: 'The server had an error processing your request.' } } : { error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } });
        return;
      default:
        break;
    }
    const usage = usageOf(step);
    const usageBody = { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
    if (!body.stream) {
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: answerText(step), refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: usageBody,
        system_fingerprint: 'fp_fake',
      });
      return;
    }
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices, ...extra })}\n\n`;
    const events = [
      chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]),
      ...chunksOf(step).map((content) => chunk([{ index: 0, delta: { content }, logprobs: null, finish_reason: null }])),
      chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
      ...(body.stream_options?.include_usage && !(step.kind === 'stream' && step.omitUsage) ? [chunk([], { usage: usageBody })] : []),
      'data: [DONE]\n\n',
    ];
    // dropAfter counts content chunks; the role chunk comes first.
    void sendEvents(res, events, step.kind === 'stream' && step.dropAfter !== undefined ? step.dropAfter + 1 : undefined);
  }
}

const openAIUnauthorized = (key: string | undefined) => ({
  error: {
    message: `Incorrect API key provided: ${key ? `${key.slice(0, 3)}***${key.slice(-4)}` : ''}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
});

const azureUnauthorized = {
  error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' },
};
