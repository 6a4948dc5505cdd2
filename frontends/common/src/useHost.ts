/**
 * What a host page (the shell, or a remote's standalone harness) keeps for the whole session: the
 * signed-in user, their tenants, the active tenant and the one ApolloClient.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createSocClient, type SocClientHandle } from './apollo';
import type { SocTenant, SocUser } from './contract';
import type { RuntimeConfig } from './runtimeConfig';
import { clearSession, loadSession, loadTenantId, saveSession, saveTenantId, type Session } from './session';
import { describeError } from './ui';

interface MeData {
  me: { id: string; email: string; displayName: string };
  tenants: Array<{ id: string; slug: string; name: string; environment: string; myRoles: string[] }>;
}

export const ME_AND_TENANTS: TypedDocumentNode<MeData, Record<string, never>> = gql`
  query HostMeAndTenants {
    me {
      id
      email
      displayName
    }
    tenants {
      id
      slug
      name
      environment
      myRoles
    }
  }
`;

export type HostState =
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; user: SocUser; tenants: SocTenant[]; tenant: SocTenant; environments: Record<string, string> };

export interface Host {
  state: HostState;
  handle: SocClientHandle;
  signIn(session: Session): void;
  signOut(notice?: string): void;
  switchTenant(id: string): Promise<void>;
  reload(): void;
}

export function useHost(config: RuntimeConfig): Host {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);
  const [profile, setProfile] = useState<{ data?: MeData; error?: string } | null>(null);
  const [tenantId, setTenantId] = useState<string | null>(loadTenantId);
  const [attempt, setAttempt] = useState(0);
  const sessionRef = useRef(session);
  const tenantRef = useRef(tenantId);
  sessionRef.current = session;
  const signOutRef = useRef<(notice?: string) => void>(() => {});

  const handle = useMemo(
    () =>
      createSocClient({
        graphqlUrl: config.graphqlUrl,
        wsUrl: config.wsUrl,
        getToken: () => sessionRef.current?.token ?? null,
        getTenantId: () => tenantRef.current,
        onUnauthenticated: () => signOutRef.current('Your session has expired. Sign in again.'),
      }),
    [config],
  );
  useEffect(() => () => handle.dispose(), [handle]);

  const signOut = useCallback(
    (message?: string) => {
      clearSession();
      sessionRef.current = null;
      tenantRef.current = null;
      setSession(null);
      setTenantId(null);
      setProfile(null);
      setNotice(message ?? null);
      handle.restartLive();
      void handle.client.clearStore();
    },
    [handle],
  );
  signOutRef.current = signOut;

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    sessionRef.current = next;
    setNotice(null);
    setProfile(null);
    setSession(next);
  }, []);

  // Who am I and which tenants: fetched once per sign-in, kept outside the cache so switching
  // tenant (which clears the cache) does not lose it.
  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    handle.client
      .query({ query: ME_AND_TENANTS, fetchPolicy: 'network-only' })
      .then((result) => {
        if (cancelled) return;
        if (result.data) setProfile({ data: result.data as MeData });
        else setProfile({ error: describeError(result.error) });
      })
      .catch((error: unknown) => !cancelled && setProfile({ error: describeError(error) }));
    return () => {
      cancelled = true;
    };
  }, [session, handle, attempt]);

  const switchTenant = useCallback(
    async (id: string) => {
      if (id === tenantRef.current) return;
      tenantRef.current = id;
      saveTenantId(id);
      // Nothing of the previous tenant may show under the new one.
      await handle.client.clearStore();
      handle.restartLive();
      setTenantId(id);
    },
    [handle],
  );

  let state: HostState;
  if (!session) state = { phase: 'signed-out', notice };
  else if (!profile) state = { phase: 'loading' };
  else if (profile.error || !profile.data) state = { phase: 'error', message: profile.error ?? 'Could not load your profile.' };
  else {
    const tenants: SocTenant[] = profile.data.tenants.map((t) => ({ id: t.id, name: t.name, roles: t.myRoles }));
    if (tenants.length === 0) state = { phase: 'error', message: 'You are not a member of any tenant.' };
    else {
      const active = tenants.find((t) => t.id === tenantId) ?? tenants[0]!;
      if (tenantRef.current !== active.id) {
        tenantRef.current = active.id;
        saveTenantId(active.id);
      }
      state = {
        phase: 'ready',
        user: { email: profile.data.me.email, displayName: profile.data.me.displayName },
        tenants,
        tenant: active,
        environments: Object.fromEntries(profile.data.tenants.map((t) => [t.id, t.environment])),
      };
    }
  }

  return { state, handle, signIn, signOut, switchTenant, reload: () => setAttempt((n) => n + 1) };
}
