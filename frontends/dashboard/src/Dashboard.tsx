import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import type { SocHostProps } from '@soc/ui-common/contract';
import { uiStyles } from '@soc/ui-common/ui';
import { IncidentTable } from './IncidentTable';
import { Overview } from './Overview';
import styles from './dashboard.module.css';

const RANGES = [
  { id: '24h', label: 'Last 24 hours', days: 1 },
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '365d', label: 'Last 365 days', days: 365 },
] as const;

export function BuildInfo() {
  return (
    <footer className={styles.build} data-testid="dashboard-build">
      Dashboard v{__SOC_VERSION__}
      {__SOC_BUILD_LABEL__ ? ` · build ${__SOC_BUILD_LABEL__}` : ''}
    </footer>
  );
}

export function Dashboard(props: SocHostProps) {
  const [rangeId, setRangeId] = useState<string>(() => window.sessionStorage.getItem('soc.dashboard.range') ?? '30d');
  const range = RANGES.find((r) => r.id === rangeId) ?? RANGES[2];
  const [tableReady, setTableReady] = useState(false);
  const onFirstPage = useCallback(() => setTableReady(true), []);
  // Minute-aligned bounds: re-renders reuse the same variables (and the cache).
  const { since, until } = useMemo(() => {
    const end = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
    return { since: new Date(end.getTime() - range.days * 86_400_000).toISOString(), until: end.toISOString() };
  }, [range.days]);

  return (
    <ApolloProvider client={props.client}>
      <div className={styles.dashboard}>
        <div className={styles.header}>
          <h1 className={styles.title}>
            Dashboard <span className={uiStyles.muted}>· {props.tenant.name}</span>
          </h1>
          <label htmlFor="dashboard-range" className={uiStyles.muted}>
            Time range
          </label>
          <select
            id="dashboard-range"
            className={uiStyles.input}
            value={range.id}
            onChange={(e) => {
              window.sessionStorage.setItem('soc.dashboard.range', e.target.value);
              setRangeId(e.target.value);
            }}
          >
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <Overview tenantId={props.tenant.id} since={since} until={until} loadSample={tableReady} />
        <IncidentTable key={props.tenant.id} tenantId={props.tenant.id} since={since} until={until} navigate={props.navigate} onFirstPage={onFirstPage} />
        <BuildInfo />
      </div>
    </ApolloProvider>
  );
}
