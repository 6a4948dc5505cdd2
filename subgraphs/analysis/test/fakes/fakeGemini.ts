import type { IncomingMessage } from 'node:http';
import { answerText, chunksOf, FakeModelServer, sendEvents, sendJson, usageOf, type FakeExchange } from './fakeModelServer';

/**
 * Gemini API: `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`
 * (SSE `data: {GenerateContentResponse}` chunks). Errors use Google's envelope
 * {error:{code, message, status, details}}; like the real service, a wrong API key is a 400 with
 * reason API_KEY_INVALID, and 429s say when to retry in a google.rpc.RetryInfo detail.
 */
export class FakeGemini extends FakeModelServer {
  constructor(readonly apiKey = 'AIza-test-gemini-0001') {
    super();
  }

  get baseUrl(): string {
    return this.origin;
  }

  protected precheck(req: IncomingMessage, url: URL) {
    if (!/^\/v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent)$/.test(url.pathname)) {
      return { status: 404, body: googleError(404, 'NOT_FOUND', `Requested entity was not found.`) };
    }
    if (req.headers['x-goog-api-key'] !== this.apiKey) {
      return {
        status: 400,
        body: googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
        ]),
      };
    }
    return undefined;
  }

  protected respond({ res, url, step }: FakeExchange): void {
    const [, modelAndMethod] = url.pathname.split('/models/');
    const [model, method] = (modelAndMethod ?? '').split(':');
    switch (step.kind) {
      case 'unauthorized':
        sendJson(res, 401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'));
        return;
      case 'rateLimited':
        sendJson(
          res,
          429,
          googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
            { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${step.retryAfterSeconds}s` },
          ]),
        );
        return;
      case 'serverError':
        sendJson(res, 500, googleError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'));
        return;
      default:
        break;
    }
    const usage = usageOf(step);
    const responseId = Math.random().toString(36).slice(2, 14);
    const usageMetadata = { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output };
    if (method === 'generateContent') {
      sendJson(res, 200, {
        candidates: [{ content: { parts: [{ text: answerText(step) }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata,
        modelVersion: model,
        responseId,
      });
      return;
    }
    const chunks = chunksOf(step);
    const events = chunks.map((text, index) => {
      const last = index === chunks.length - 1;
      const data = {
        candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
        usageMetadata: last && !(step.kind === 'stream' && step.omitUsage) ? usageMetadata : { promptTokenCount: usage.input, totalTokenCount: usage.input },
        modelVersion: model,
        responseId,
      };
      return `data: ${JSON.stringify(data)}\r\n\r\n`;
    });
    void sendEvents(res, events, step.kind === 'stream' ? step.dropAfter : undefined);
  }
}

function googleError(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}
