/**
 * A local OpenAI-compatible model server (the `openai-compatible` provider pointed at loopback),
 * answering chat completions as a stream of small chunks spread over a couple of seconds, the
 * way a hosted model streams. The built-in `local` analyst answers in a few milliseconds, faster
 * than any browser can open a subscription, so the chat test routes CHAT_ASSISTANT here to see
 * the answer arrive piece by piece.
 */
import { createServer, type Server } from 'node:http';

export interface FakeModelServer {
  baseUrl: string;
  requests: number;
  stop(): Promise<void>;
}

const ANSWER =
  'Summary: the alerts point to a credential-based intrusion attempt. Next steps: confirm the sign-ins with the account owner, ' +
  'reset the password and revoke sessions, block the source address at the perimeter, and search for the same indicators ' +
  'across the tenant. Note <b>not bold</b> and [a link](javascript:alert(1)) stay plain text.';

export function startFakeModel(options: { tokenDelayMs?: number } = {}): Promise<FakeModelServer> {
  const delay = options.tokenDelayMs ?? 60;
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      state.requests += 1;
      const request = JSON.parse(body || '{}') as { stream?: boolean; model?: string };
      const id = `chatcmpl-${state.requests}`;
      const created = Math.floor(Date.now() / 1000);
      const model = request.model ?? 'fake-streaming-model';
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 200, completion_tokens: 60, total_tokens: 260 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const tokens = ANSWER.match(/\S+\s*/g) ?? [ANSWER];
      const chunk = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
      res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          return;
        }
        if (i < tokens.length) {
          res.write(chunk([{ index: 0, delta: { content: tokens[i] }, finish_reason: null }]));
          i += 1;
          return;
        }
        clearInterval(timer);
        res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
        res.write(chunk([], { usage: { prompt_tokens: 200, completion_tokens: tokens.length, total_tokens: 200 + tokens.length } }));
        res.end('data: [DONE]\n\n');
      }, delay);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        get requests() {
          return state.requests;
        },
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
