import type { IncomingMessage } from 'node:http';
import type { UpgradeRefusal } from '@soc/server-kit';

/**
 * Cross-site WebSocket hijacking defence: a browser always sends Origin, so a page on a site that
 * is neither in CORS_ORIGINS nor the gateway itself (the Sandbox page) is refused before the
 * socket opens. Clients without Origin (servers, CLIs) are not browsers and pass on to the token
 * check like HTTP callers.
 */
export function createOriginPolicy(allowed: ReadonlySet<string>) {
  return (request: IncomingMessage): UpgradeRefusal | null => {
    const origin = request.headers.origin;
    if (!origin || allowed.has(origin)) return null;
    let sameOrigin = false;
    try {
      sameOrigin = new URL(origin).host === request.headers.host;
    } catch {
      // An Origin that is not a URL ("null" from sandboxed frames) is never allowed.
    }
    return sameOrigin ? null : { status: 403, message: `Origin ${origin} is not allowed` };
  };
}
