/**
 * The signed-in user's session: a bearer token from the development issuer (or, later, Entra ID),
 * kept in sessionStorage so a reload keeps the tab signed in and closing it signs out.
 */
export interface Session {
  token: string;
  email: string;
  displayName: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const SESSION_KEY = 'soc.session';
const TENANT_KEY = 'soc.tenant';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  const raw = storage()?.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || typeof session.expiresAt !== 'number') return null;
    // A minute of slack: a token about to expire would fail the first request anyway.
    if (session.expiresAt - 60_000 < Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  storage()?.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  storage()?.removeItem(SESSION_KEY);
  storage()?.removeItem(TENANT_KEY);
}

export function loadTenantId(): string | null {
  return storage()?.getItem(TENANT_KEY) ?? null;
}

export function saveTenantId(id: string): void {
  storage()?.setItem(TENANT_KEY, id);
}

export class SignInError extends Error {
  override name = 'SignInError';
}

/** POST /auth/dev/token {"email"} -> {"token", "expiresIn", "user"}. */
export async function devSignIn(gatewayUrl: string, email: string): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email.trim() }),
    });
  } catch {
    throw new SignInError(`Cannot reach the API at ${gatewayUrl}. Is it running?`);
  }
  if (response.status === 404) throw new SignInError(`There is no user ${email.trim()}.`);
  if (response.status === 400) throw new SignInError('Enter an email address.');
  if (!response.ok) throw new SignInError(`Sign-in failed (HTTP ${response.status}).`);
  const body = (await response.json()) as { token?: unknown; expiresIn?: unknown; user?: { email?: unknown; displayName?: unknown } };
  if (typeof body.token !== 'string') throw new SignInError('Sign-in failed: the API returned no token.');
  const expiresIn = typeof body.expiresIn === 'number' ? body.expiresIn : 3600;
  return {
    token: body.token,
    email: typeof body.user?.email === 'string' ? body.user.email : email.trim().toLowerCase(),
    displayName: typeof body.user?.displayName === 'string' ? body.user.displayName : email.trim(),
    expiresAt: Date.now() + expiresIn * 1000,
  };
}
