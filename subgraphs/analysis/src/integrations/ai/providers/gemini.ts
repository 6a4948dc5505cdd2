import { GoogleGenAI, type GenerateContentParameters, type GenerateContentResponse } from '@google/genai';
import { requireApiKey, type ModelRequest, type ModelResponse } from './providerAdapter';

const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

/**
 * Gemini API (not Vertex). JSON answers via responseMimeType; the schema itself is in the system
 * instruction, because Gemini's responseSchema subset does not take all of our constraints.
 * No httpOptions.retryOptions: the SDK then makes exactly one request, and retries stay ours.
 */
export async function callGemini(request: ModelRequest): Promise<ModelResponse> {
  const { settings, prompt, messages, signal, onDelta } = request;
  const ai = new GoogleGenAI({
    vertexai: false,
    apiKey: requireApiKey(settings),
    // Our own fetch: without one the SDK swaps in Node's internal undici dispatcher (looked up through
    // a global symbol that sandboxed realms such as Jest's do not have) only to lift undici's 300 s
    // header/body timeouts, which our much shorter per-attempt timeout makes irrelevant.
    httpOptions: { baseUrl: settings.baseUrl ?? GEMINI_BASE_URL, fetch: (input, init) => fetch(input, init) },
  });
  const params: GenerateContentParameters = {
    model: settings.model,
    contents: messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
    config: {
      systemInstruction: prompt.system,
      maxOutputTokens: settings.maxTokens,
      abortSignal: signal,
      ...(prompt.output ? { responseMimeType: 'application/json' } : {}),
    },
  };

  if (!onDelta) {
    const response = await ai.models.generateContent(params);
    return { text: response.text ?? '', usage: usageOf(response) };
  }

  let text = '';
  let last: GenerateContentResponse | undefined;
  for await (const chunk of await ai.models.generateContentStream(params)) {
    const delta = chunk.text;
    if (delta) {
      text += delta;
      onDelta(delta);
    }
    last = chunk;
  }
  // Every chunk carries usageMetadata so far; the last one covers the whole answer.
  return { text, usage: usageOf(last) };
}

/** Thinking tokens are billed as output, so they count as output here. */
function usageOf(response: GenerateContentResponse | undefined): ModelResponse['usage'] {
  const meta = response?.usageMetadata;
  return {
    inputTokens: meta?.promptTokenCount ?? 0,
    outputTokens: (meta?.candidatesTokenCount ?? 0) + (meta?.thoughtsTokenCount ?? 0),
  };
}
