/**
 * Standalone harness of a remote: the remote's own page (its dev server and its deployed origin)
 * renders its exposed component with its own ApolloClient, sign-in and tenant picker, so a team
 * can develop and check it without the shell.
 */
import { ApolloProvider } from '@apollo/client/react';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import type { SocHostProps } from './contract';
import type { RuntimeConfig } from './runtimeConfig';
import { SignInPage } from './SignInPage';
import { cx, ErrorNotice, Loading, uiStyles as styles } from './ui';
import { useHost } from './useHost';

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return [
    path,
    (next: string) => {
      window.history.pushState(null, '', next);
      setPath(next);
      window.scrollTo(0, 0);
    },
  ];
}

export function Harness({ config, title, render }: { config: RuntimeConfig; title: string; render: (host: SocHostProps, path: string) => ReactNode }) {
  const host = useHost(config);
  const [path, navigate] = usePath();
  const { state } = host;
  if (state.phase === 'signed-out') return <SignInPage config={config} appTitle={title} onSignedIn={host.signIn} />;
  if (state.phase === 'loading')
    return (
      <main style={{ padding: 24 }}>
        <Loading label="Loading your profile" />
      </main>
    );
  if (state.phase === 'error')
    return (
      <main style={{ padding: 24 }}>
        <ErrorNotice title="Could not sign you in" error={new Error(state.message)} onRetry={host.reload} />
      </main>
    );
  const props: SocHostProps = { client: host.handle.client, tenant: state.tenant, user: state.user, navigate };
  return (
    <ApolloProvider client={host.handle.client}>
      <header style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '8px 16px', borderBottom: '1px solid var(--soc-border)' }}>
        <strong>{title}</strong>
        <span className={styles.muted}>standalone harness</span>
        <span style={{ flex: 1 }} />
        <label htmlFor="harness-tenant">Tenant</label>
        <select id="harness-tenant" className={styles.input} value={state.tenant.id} onChange={(e) => void host.switchTenant(e.target.value)}>
          {state.tenants.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <span>{state.user.displayName}</span>
        <button type="button" className={styles.button} onClick={() => host.signOut()}>
          Sign out
        </button>
      </header>
      <main key={state.tenant.id} style={{ padding: 16 }}>
        {render(props, path)}
      </main>
    </ApolloProvider>
  );
}

interface PickerData {
  incidents: { edges: Array<{ node: { id: string; number: number; title: string; severity: string } }> };
}
const PICKER: TypedDocumentNode<PickerData, Record<string, never>> = gql`
  query HarnessIncidentPicker {
    incidents(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges {
        node {
          id
          number
          title
          severity
        }
      }
    }
  }
`;

/** For incident-scoped remotes: choose which incident the harness shows. */
export function IncidentPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const { data, loading, error } = useQuery(PICKER);
  if (error && !data) return <ErrorNotice title="Could not load incidents" error={error} />;
  return (
    <div className={cx(styles.panel)} style={{ padding: 10, marginBottom: 12, display: 'flex', gap: 8, alignItems: 'center' }}>
      <label htmlFor="harness-incident">Incident</label>
      <select id="harness-incident" className={styles.input} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={loading && !data} style={{ flex: 1 }}>
        <option value="">Choose an incident…</option>
        {data?.incidents.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            #{node.number} [{node.severity}] {node.title}
          </option>
        ))}
      </select>
    </div>
  );
}
