/** KPI tiles and charts of the dashboard. */
import { useQuery } from '@apollo/client/react';
import { formatDuration, formatIsoDuration, formatPercent, humanize, SEVERITIES, shortTactic } from '@soc/ui-common/format';
import { cx, ErrorNotice, Skeleton, uiStyles } from '@soc/ui-common/ui';
import { lazy, Suspense, type ReactNode } from 'react';
import { DASHBOARD_METRICS, DASHBOARD_SAMPLE, type MetricsData, type SampleData } from './queries';
import styles from './dashboard.module.css';

type ResponseTimes = NonNullable<MetricsData['tenant']>['incidentMetrics']['responseTimes'];

/** Mean over severities, weighted by how many incidents each has. */
function weightedMean(times: ResponseTimes, counts: Record<string, number>, key: 'meanTimeToAcknowledgeSeconds' | 'meanTimeToResolveSeconds'): number | null {
  let sum = 0;
  let weight = 0;
  for (const t of times) {
    const value = t[key];
    const w = counts[t.severity] ?? 0;
    if (value === null || w === 0) continue;
    sum += value * w;
    weight += w;
  }
  return weight === 0 ? null : sum / weight;
}

function Tile({ title, value, testId, children }: { title: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <div className={cx(uiStyles.panel, styles.tile)} data-testid={testId}>
      <h3 className={styles.tileTitle}>{title}</h3>
      <div className={styles.tileValue} data-kpi-value>
        {value}
      </div>
      {children && <div className={styles.tileDetail}>{children}</div>}
    </div>
  );
}

function TileSkeleton() {
  return (
    <div className={cx(uiStyles.panel, styles.tile)}>
      <Skeleton width="50%" />
      <Skeleton height={26} width="40%" />
      <Skeleton width="80%" />
    </div>
  );
}

const Charts = lazy(() => import('./Charts'));
/** Colours of the legend dots in the tiles (the chart chunk has the same values). */
const SEVERITY_COLORS: Record<string, string> = { HIGH: '#ff7b72', MEDIUM: '#f0883e', LOW: '#e3b341', INFORMATIONAL: '#9ea8b3' };

function ChartsSkeleton() {
  return (
    <section aria-label="Charts" className={styles.charts}>
      {['Incidents over time', 'By severity', 'By tactic', 'AI verdicts'].map((title) => (
        <figure key={title} className={cx(uiStyles.panel, styles.chart)}>
          <figcaption className={styles.chartTitle}>{title}</figcaption>
          <div className={styles.chartBody}>
            <Skeleton height={150} />
          </div>
        </figure>
      ))}
    </section>
  );
}

export function verdictMix(sample: SampleData | undefined) {
  const counts: Record<string, number> = { TRUE_POSITIVE: 0, BENIGN_POSITIVE: 0, FALSE_POSITIVE: 0, UNDETERMINED: 0 };
  let analysed = 0;
  for (const { node } of sample?.incidents.edges ?? []) {
    const c = node.latestAnalysis?.verdict?.classification;
    if (!c) continue;
    analysed += 1;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  return { counts, analysed };
}

/**
 * `loadSample`: the sample (newest incidents with tactics and AI verdicts, for two charts and a
 * tile) is the heaviest query; it waits until the table has its first page so it never delays it.
 */
export function Overview({ tenantId, since, until, loadSample }: { tenantId: string; since: string; until: string; loadSample: boolean }) {
  const metrics = useQuery(DASHBOARD_METRICS, { variables: { tenantId, since, until }, errorPolicy: 'all' });
  const sample = useQuery(DASHBOARD_SAMPLE, { variables: { since, until }, errorPolicy: 'all', skip: !loadSample });
  const m = metrics.data?.tenant?.incidentMetrics;

  if (metrics.error && !m) return <ErrorNotice title="Could not load the metrics" error={metrics.error} onRetry={() => void metrics.refetch()} />;

  const sevCounts = Object.fromEntries((m?.bySeverity ?? []).map((s) => [s.severity, s.count]));
  const open = metrics.data
    ? { HIGH: metrics.data.openHigh.totalCount, MEDIUM: metrics.data.openMedium.totalCount, LOW: metrics.data.openLow.totalCount, INFORMATIONAL: metrics.data.openInformational.totalCount }
    : null;
  const openTotal = open ? Object.values(open).reduce((a, b) => a + b, 0) : 0;
  const mtta = m ? weightedMean(m.responseTimes, sevCounts, 'meanTimeToAcknowledgeSeconds') : null;
  const mttr = m ? weightedMean(m.responseTimes, sevCounts, 'meanTimeToResolveSeconds') : null;
  const breaches = m ? m.responseTimes.reduce((a, t) => a + t.breaches, 0) : 0;
  const mix = verdictMix(sample.data);
  const sampled = sample.data?.incidents.edges.length ?? 0;
  const sampleTotal = sample.data?.incidents.totalCount ?? 0;
  const classified = metrics.data?.closedClassified.totalCount ?? 0;
  const fpRate = classified > 0 ? (metrics.data?.closedFalsePositive.totalCount ?? 0) / classified : null;

  const tacticCounts = new Map<string, number>();
  for (const { node } of sample.data?.incidents.edges ?? []) for (const t of node.tactics) tacticCounts.set(t, (tacticCounts.get(t) ?? 0) + 1);
  const tactics = [...tacticCounts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([tactic, count]) => ({ tactic: shortTactic(tactic), count }));
  const verdictData = Object.entries(mix.counts)
    .filter(([, count]) => count > 0)
    .map(([classification, count]) => ({ name: humanize(classification), classification, count }));
  const byDay = (m?.byDay ?? []).map((d) => ({ day: d.day.slice(5), count: d.count }));
  const bySeverity = SEVERITIES.map((s) => ({ severity: s, name: humanize(s), count: sevCounts[s] ?? 0 }));
  const sampleNote = !sample.data ? 'loading' : sampleTotal > sampled ? `newest ${sampled} of ${sampleTotal} incidents` : `${sampled} incidents`;

  return (
    <>
      <section aria-label="Key figures" className={styles.tiles}>
        {!m || !open ? (
          Array.from({ length: 6 }, (_, i) => <TileSkeleton key={i} />)
        ) : (
          <>
            <Tile title="Open incidents" value={String(openTotal)} testId="kpi-open">
              <ul className={styles.sevList} aria-label="Open incidents by severity">
                {SEVERITIES.map((s) => (
                  <li key={s}>
                    <span className={styles.sevDot} style={{ background: SEVERITY_COLORS[s] }} aria-hidden="true" />
                    {s === 'INFORMATIONAL' ? 'Info' : humanize(s)} <strong>{open[s]}</strong>
                  </li>
                ))}
              </ul>
            </Tile>
            <Tile title="MTTA" value={formatDuration(mtta)} testId="kpi-mtta">
              {m.responseTimes.map((t) => `${humanize(t.severity).charAt(0)} ${formatDuration(t.meanTimeToAcknowledgeSeconds)}`).join(' · ')}
            </Tile>
            <Tile title="MTTR" value={formatDuration(mttr)} testId="kpi-mttr">
              {m.responseTimes.map((t) => `${humanize(t.severity).charAt(0)} ${formatDuration(t.meanTimeToResolveSeconds)}`).join(' · ')}
            </Tile>
            <Tile title="SLA breaches" value={String(breaches)} testId="kpi-sla">
              {m.responseTimes
                .filter((t) => t.breaches > 0)
                .map((t) => `${humanize(t.severity)} ${t.breaches} (target ${formatIsoDuration(t.slaTarget)})`)
                .join(' · ') || 'None in this range'}
            </Tile>
            <Tile title="AI verdict mix" value={sample.data ? `${mix.analysed} analysed` : '…'} testId="kpi-verdicts">
              {!sample.data
                ? 'Loading…'
                : mix.analysed === 0
                ? `No AI verdicts yet (${sampleNote})`
                : Object.entries(mix.counts)
                    .filter(([, n]) => n > 0)
                    .map(([c, n]) => `${humanize(c)} ${n}`)
                    .join(' · ')}
            </Tile>
            <Tile title="False-positive rate" value={formatPercent(fpRate)} testId="kpi-fp">
              {classified > 0 ? `${metrics.data?.closedFalsePositive.totalCount} of ${classified} closed incidents` : 'No closed incidents in this range'}
            </Tile>
          </>
        )}
      </section>

      <Suspense fallback={<ChartsSkeleton />}>
        <Charts
          metricsReady={Boolean(m)}
          sampleReady={Boolean(sample.data)}
          total={m?.total ?? 0}
          byDay={byDay}
          bySeverity={bySeverity}
          tactics={tactics}
          verdictData={verdictData}
          sampleNote={sampleNote}
        />
      </Suspense>
    </>
  );
}

