import type { IncomingMessage } from 'node:http';
import { answerText, bearer, chunksOf, FakeModelServer, sendEvents, sendJson, usageOf, type FakeExchange } from './fakeModelServer';

/**
 * Anthropic Messages API (`POST /v1/messages`). Answers a forced tool call with a tool_use block
 * (the JSON value as its input); streams named SSE events message_start, content_block_start,
 * ping, content_block_delta (text_delta), content_block_stop, message_delta, message_stop.
 * Errors use Anthropic's envelope {type:"error", error:{type, message}, request_id}.
 */
export class FakeAnthropic extends FakeModelServer {
  constructor(readonly apiKey = 'sk-ant-test-0001') {
    super();
  }

  get baseUrl(): string {
    return this.origin;
  }

  protected precheck(req: IncomingMessage, url: URL) {
    if (url.pathname !== '/v1/messages') return { status: 404, body: anthropicError('not_found_error', 'Not found') };
    // The API takes the key as x-api-key; current SDKs may send it as a bearer token instead.
    const key = (req.headers['x-api-key'] as string | undefined) ?? bearer(req);
    if (key !== this.apiKey) return { status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') };
    if (!req.headers['anthropic-version']) return { status: 400, body: anthropicError('invalid_request_error', 'anthropic-version: header is required') };
    return undefined;
  }

  protected respond({ res, body, step }: FakeExchange): void {
    switch (step.kind) {
      case 'unauthorized':
        sendJson(res, 401, anthropicError('authentication_error', 'invalid x-api-key'));
        return;
      case 'rateLimited':
        sendJson(res, 429, anthropicError('rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.'), {
          'retry-after': String(step.retryAfterSeconds),
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '0',
        });
        return;
      case 'serverError':
        sendJson(res, 500, anthropicError('api_error', 'Internal server error'));
        return;
      default:
        break;
    }
    const usage = usageOf(step);
    const id = `msg_${Math.random().toString(36).slice(2, 14)}`;
    const forcedTool: string | undefined = body.tool_choice?.type === 'tool' ? body.tool_choice.name : undefined;
    if (!body.stream) {
      const content =
        forcedTool && step.kind === 'json'
          ? [{ type: 'tool_use', id: `toolu_${Math.random().toString(36).slice(2, 14)}`, name: forcedTool, input: step.value }]
          : [{ type: 'text', text: answerText(step) }];
      sendJson(res, 200, {
        id,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content,
        stop_reason: content[0]!.type === 'tool_use' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: usage.output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      });
      return;
    }
    const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    const events = [
      event('message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } } }),
      event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', { type: 'ping' }),
      ...chunksOf(step).map((text) => event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
      event('content_block_stop', { type: 'content_block_stop', index: 0 }),
      event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output } }),
      event('message_stop', { type: 'message_stop' }),
    ];
    void sendEvents(res, events, step.kind === 'stream' && step.dropAfter !== undefined ? step.dropAfter + 3 : undefined);
  }
}

function anthropicError(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: `req_${Math.random().toString(36).slice(2, 14)}` };
}
