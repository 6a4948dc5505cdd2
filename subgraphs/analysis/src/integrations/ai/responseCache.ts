import { createHash } from 'node:crypto';

/** Fields that make two pipeline calls interchangeable: same tenant, model, instructions and prompt. */
export interface CacheKeyParts {
  tenantId: string;
  agent: string;
  provider: string;
  model: string;
  baseUrl?: string;
  promptVersion: string;
  prompt: unknown;
}

export function responseCacheKey(parts: CacheKeyParts): string {
  const { tenantId, agent, provider, model, baseUrl, promptVersion, prompt } = parts;
  return createHash('sha256')
    .update(JSON.stringify([tenantId, agent, provider, model, baseUrl ?? null, promptVersion, prompt]))
    .digest('hex');
}

/** In-memory LRU: a Map iterates in insertion order, so re-inserting on read keeps the oldest first. */
export class ResponseCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly maxEntries: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (this.maxEntries <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
