import { Agent, request as httpsRequest } from 'node:https';

/**
 * A `fetch` for tests that trusts one extra CA (the fake's self-signed certificate) and nothing is
 * loosened globally: certificate and host name checks stay on, only this function's agent knows the CA.
 * Node's built-in fetch cannot take a CA without the undici package, hence this small adapter over
 * node:https. It supports what the Sentinel client uses: method, headers, string body, AbortSignal.
 */
export function createTrustingFetch(ca: string): typeof fetch {
  // Keep-alive like the real fetch: a TLS handshake per request would dominate sync timings.
  const agent = new Agent({ ca, keepAlive: true });
  const trustingFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const signal = init.signal ?? undefined;
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : null;
    if (body === null) return Promise.reject(new TypeError('trustingFetch supports string bodies only'));
    if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const req = httpsRequest(url, { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(signal?.aborted ? signal.reason : wrap(error)));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) value.forEach((v) => responseHeaders.append(name, v));
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const status = res.statusCode ?? 0;
          const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        });
      });
      const onAbort = () => req.destroy();
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.on('error', (error) => reject(signal?.aborted ? signal.reason : wrap(error)));
      req.end(body);
    });
  };
  return trustingFetch as typeof fetch;
}

/** Mirrors fetch: a TypeError "fetch failed" whose cause is the socket error. */
function wrap(error: Error): TypeError {
  return new TypeError('fetch failed', { cause: error });
}
