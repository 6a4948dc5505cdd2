import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { paths, type IncidentScopedProps, type SocHostProps } from '@soc/ui-common/contract';
import type { RuntimeConfig } from '@soc/ui-common/runtimeConfig';
import { SignInPage } from '@soc/ui-common/SignInPage';
import { humanize } from '@soc/ui-common/format';
import { cx, ErrorNotice, Loading, uiStyles } from '@soc/ui-common/ui';
import { useHost } from '@soc/ui-common/useHost';
import { LiveFeed } from './LiveFeed';
import { RemoteSlot } from './RemoteSlot';
import { useRoute } from './router';
import styles from './shell.module.css';

const APP_TITLE = 'SOC Analyst';

function useFeedOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    const stored = window.localStorage.getItem('soc.feedOpen');
    return stored === null ? window.innerWidth >= 1280 : stored === 'true';
  });
  return [
    open,
    (next) => {
      window.localStorage.setItem('soc.feedOpen', String(next));
      setOpen(next);
    },
  ];
}

export function App({ config }: { config: RuntimeConfig }) {
  const host = useHost(config);
  const [route, navigate] = useRoute();
  const [feedOpen, setFeedOpen] = useFeedOpen();
  const { state } = host;

  useEffect(() => {
    const incident = route.name === 'incident' ? 'Incident' : route.name === 'dashboard' ? 'Dashboard' : 'Not found';
    document.title = state.phase === 'ready' ? `${incident} · ${state.tenant.name} · ${APP_TITLE}` : APP_TITLE;
  }, [route.name, state]);

  if (state.phase === 'signed-out')
    return (
      <>
        {state.notice && (
          <div role="status" className={cx(uiStyles.notice, styles.signedOutNotice)}>
            {state.notice}
          </div>
        )}
        <SignInPage config={config} appTitle={APP_TITLE} onSignedIn={host.signIn} />
      </>
    );
  if (state.phase === 'loading')
    return (
      <main className={styles.centered}>
        <Loading label="Loading your tenants" />
      </main>
    );
  if (state.phase === 'error')
    return (
      <main className={styles.centered}>
        <ErrorNotice title="Could not load your profile" error={new Error(state.message)} onRetry={host.reload} />
        <p>
          <button type="button" className={uiStyles.button} onClick={() => host.signOut()}>
            Sign out
          </button>
        </p>
      </main>
    );

  const hostProps: SocHostProps = { client: host.handle.client, tenant: state.tenant, user: state.user, navigate };

  async function onTenantChange(id: string) {
    await host.switchTenant(id);
    // An incident belongs to one tenant: leave its page.
    if (route.name === 'incident') navigate(paths.dashboard());
  }

  return (
    <ApolloProvider client={host.handle.client}>
      <div className={styles.app}>
        <a className={styles.skip} href="#main">
          Skip to content
        </a>
        <header className={styles.topbar}>
          <a
            className={styles.brand}
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            {APP_TITLE}
          </a>
          <nav aria-label="Main" className={styles.nav}>
            <a
              href="/"
              aria-current={route.name === 'dashboard' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/');
              }}
            >
              Dashboard
            </a>
          </nav>
          <span className={styles.spacer} />
          <div className={styles.tenant}>
            <label htmlFor="tenant-switcher">Tenant</label>
            <select id="tenant-switcher" className={uiStyles.input} value={state.tenant.id} onChange={(e) => void onTenantChange(e.target.value)} data-testid="tenant-switcher">
              {state.tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <span className={styles.envChip} title="Environment of the tenant's workspace">
              {humanize(state.environments[state.tenant.id] ?? '')}
            </span>
          </div>
          <button type="button" className={uiStyles.button} aria-expanded={feedOpen} aria-controls="live-feed" onClick={() => setFeedOpen(!feedOpen)}>
            Live feed
          </button>
          <span className={styles.user} title={state.user.email}>
            {state.user.displayName}
            <span className={uiStyles.muted}> · {state.tenant.roles.map((r) => humanize(r)).join(', ')}</span>
          </span>
          <button type="button" className={uiStyles.button} onClick={() => host.signOut()}>
            Sign out
          </button>
        </header>
        <div className={cx(styles.body, feedOpen && styles.withFeed)} key={state.tenant.id}>
          <main id="main" tabIndex={-1} className={styles.main}>
            {route.name === 'dashboard' && <RemoteSlot remote="dashboard" module="Dashboard" label="Dashboard" props={hostProps} />}
            {route.name === 'incident' && <IncidentPage hostProps={hostProps} incidentId={route.id} />}
            {route.name === 'not-found' && (
              <div className={uiStyles.notice}>
                <h1 className={styles.pageTitle}>Page not found</h1>
                <p>
                  Nothing lives at this address.{' '}
                  <a
                    href="/"
                    onClick={(e) => {
                      e.preventDefault();
                      navigate('/');
                    }}
                  >
                    Back to the dashboard
                  </a>
                </p>
              </div>
            )}
          </main>
          {feedOpen && (
            <aside id="live-feed" className={styles.aside} aria-label="Live feed">
              <LiveFeed handle={host.handle} navigate={navigate} />
            </aside>
          )}
        </div>
      </div>
    </ApolloProvider>
  );
}

function IncidentPage({ hostProps, incidentId }: { hostProps: SocHostProps; incidentId: string }) {
  const props: IncidentScopedProps = { ...hostProps, incidentId };
  return (
    <div className={styles.incidentPage} key={incidentId}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            hostProps.navigate('/');
          }}
        >
          Dashboard
        </a>{' '}
        / Incident
      </nav>
      <RemoteSlot remote="dashboard" module="IncidentDetail" label="Incident details" props={props} />
      <div className={styles.incidentGrid}>
        <RemoteSlot remote="reports" module="Report" label="AI analysis report" props={props} />
        <RemoteSlot remote="chat" module="Chat" label="Assistant chat" props={props} />
      </div>
    </div>
  );
}
