/** What a fake endpoint answers; the server writes it (possibly late, for delay injection). */
export interface FakeHttpResult {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; undefined sends an empty body. */
  body?: unknown;
}

/** ARM's error envelope, as every Azure resource provider returns it. */
export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): FakeHttpResult {
  return { status, headers, body: { error: { code, message } } };
}
