/**
 * An incident's AI analysis: the stages timeline (live while the run goes on, through the
 * analysisUpdated subscription), the findings of each agent, starting a new run, and exports.
 * Model output is rendered as text only.
 */
import { ApolloProvider, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { canWrite, type IncidentScopedProps } from '@soc/ui-common/contract';
import { formatDateTime, formatPercent, formatUsd, humanize } from '@soc/ui-common/format';
import { downloadBlob } from '@soc/ui-common/safe';
import { cx, describeError, EmptyState, ErrorNotice, Loading, SeverityBadge, uiStyles } from '@soc/ui-common/ui';
import { reportFileName, toMarkdown, toPdf } from './exporters';
import { ANALYSIS_UPDATED, ANALYZE_INCIDENT, REPORT_ANALYSIS, REPORT_INCIDENT, RUNNING_STATUSES, type Analysis, type ReportIncident } from './queries';
import { StageTimeline } from './StageTimeline';
import styles from './reports.module.css';

/** After this long without a live event while running, poll instead (and say so). */
const LIVE_SILENCE_MS = 8_000;
const POLL_MS = 2_000;

function List({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className={styles.list}>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

function Confidence({ value }: { value: number }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <span className={styles.confidence}>
      <span className={styles.confidenceBar} aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span>{pct}% confidence</span>
    </span>
  );
}

function Findings({ analysis }: { analysis: Analysis }) {
  const { verdict, rootCause, threatAnalysis, emailVerdict, severityAssessment } = analysis;
  return (
    <div className={styles.findings}>
      <section className={cx(styles.card, styles.verdictCard)} aria-labelledby="verdict-title" data-testid="report-verdict">
        <h3 id="verdict-title" className={styles.cardTitle}>
          Verdict
        </h3>
        {verdict ? (
          <>
            <div className={styles.verdictLine}>
              <strong className={cx(styles.classification, styles[`c_${verdict.classification}`])}>{humanize(verdict.classification)}</strong>
              <Confidence value={verdict.confidence} />
            </div>
            <p className={styles.prose}>{verdict.summary}</p>
            {verdict.evidence.length > 0 && <h4 className={styles.minor}>Evidence</h4>}
            <List items={verdict.evidence} />
            {verdict.recommendedActions.length > 0 && (
              <>
                <h4 className={styles.minor}>Recommended actions</h4>
                <ol className={styles.list}>
                  {verdict.recommendedActions.map((a, i) => (
                    <li key={i}>{a}</li>
                  ))}
                </ol>
              </>
            )}
          </>
        ) : (
          <p className={uiStyles.muted}>{RUNNING_STATUSES.has(analysis.status) ? 'The verdict comes last, after the other agents.' : 'No verdict.'}</p>
        )}
      </section>

      <section className={styles.card} aria-labelledby="rootcause-title" data-testid="report-root-cause">
        <h3 id="rootcause-title" className={styles.cardTitle}>
          Root cause
        </h3>
        {rootCause ? (
          <>
            <p className={styles.prose}>
              <strong>{rootCause.summary}</strong>
            </p>
            <p className={styles.prose}>{rootCause.rootCause}</p>
            {rootCause.attackChain.length > 0 && (
              <>
                <h4 className={styles.minor}>Attack chain</h4>
                <ol className={styles.chain}>
                  {rootCause.attackChain.map((s, i) => (
                    <li key={i}>
                      <strong>{s.step}</strong> {s.description}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {rootCause.affectedAssets.length > 0 && (
              <p>
                <span className={uiStyles.muted}>Affected assets: </span>
                {rootCause.affectedAssets.map((a, i) => (
                  <code key={i} className={styles.chip}>
                    {a}
                  </code>
                ))}
              </p>
            )}
            <List items={rootCause.evidence} />
          </>
        ) : (
          <p className={uiStyles.muted}>Not available yet.</p>
        )}
      </section>

      <section className={styles.card} aria-labelledby="threat-title" data-testid="report-threat">
        <h3 id="threat-title" className={styles.cardTitle}>
          Threat analysis
        </h3>
        {threatAnalysis ? (
          <>
            <p className={styles.prose}>{threatAnalysis.summary}</p>
            {threatAnalysis.tactics.length > 0 && (
              <p>
                <span className={uiStyles.muted}>Tactics: </span>
                {threatAnalysis.tactics.map((t) => (
                  <span key={t.id} className={styles.chip}>
                    <code>{t.id}</code> {t.name}
                  </span>
                ))}
              </p>
            )}
            {threatAnalysis.techniques.length > 0 && (
              <table className={styles.table}>
                <caption className={styles.caption}>ATT&amp;CK techniques</caption>
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Technique</th>
                    <th scope="col">Tactic</th>
                    <th scope="col">Evidence</th>
                  </tr>
                </thead>
                <tbody>
                  {threatAnalysis.techniques.map((t, i) => (
                    <tr key={`${t.id}-${i}`}>
                      <td>
                        <code>{t.id}</code>
                      </td>
                      <td>{t.name}</td>
                      <td>{t.tactic ?? ''}</td>
                      <td>{t.evidence ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {threatAnalysis.iocs.length > 0 ? (
              <table className={styles.table} data-testid="report-iocs">
                <caption className={styles.caption}>Indicators of compromise (inert text, not links)</caption>
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col">Value</th>
                    <th scope="col">Context</th>
                  </tr>
                </thead>
                <tbody>
                  {threatAnalysis.iocs.map((ioc, i) => (
                    <tr key={`${ioc.type}-${ioc.value}-${i}`}>
                      <td>{humanize(ioc.type)}</td>
                      <td>
                        <code className={styles.ioc}>{ioc.value}</code>
                      </td>
                      <td>{ioc.context ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className={uiStyles.muted}>No indicators of compromise found.</p>
            )}
            <List items={threatAnalysis.evidence} />
          </>
        ) : (
          <p className={uiStyles.muted}>Not available yet.</p>
        )}
      </section>

      <section className={styles.card} aria-labelledby="email-title" data-testid="report-email">
        <h3 id="email-title" className={styles.cardTitle}>
          Email verdict
        </h3>
        {emailVerdict ? (
          <>
            <div className={styles.verdictLine}>
              <strong>{humanize(emailVerdict.verdict)}</strong>
              <Confidence value={emailVerdict.confidence} />
            </div>
            <p className={styles.prose}>{emailVerdict.summary}</p>
            <WeightedTable label="Signal" rows={emailVerdict.signals} />
          </>
        ) : (
          <p className={uiStyles.muted}>
            {analysis.stages.some((s) => s.agent === 'EMAIL_VERIFIER' && s.status === 'SKIPPED') ? 'Skipped: the incident has no mail entities.' : 'Not available.'}
          </p>
        )}
      </section>

      <section className={styles.card} aria-labelledby="severity-title" data-testid="report-severity">
        <h3 id="severity-title" className={styles.cardTitle}>
          Severity assessment
        </h3>
        {severityAssessment ? (
          <>
            <div className={styles.verdictLine}>
              <SeverityBadge severity={severityAssessment.severity} />
              <span>score {severityAssessment.score.toFixed(0)} / 100</span>
            </div>
            <p className={styles.prose}>{severityAssessment.rationale}</p>
            <WeightedTable label="Factor" rows={severityAssessment.factors} />
          </>
        ) : (
          <p className={uiStyles.muted}>Not available yet.</p>
        )}
      </section>
    </div>
  );
}

/** Follows one analysis: the query, the live subscription while it runs, polling if live is silent. */
function useAnalysis(analysisId: string | null) {
  const query = useQuery(REPORT_ANALYSIS, { variables: { id: analysisId ?? '' }, skip: !analysisId, errorPolicy: 'all' });
  const analysis = query.data?.analysis ?? null;
  const running = analysis ? RUNNING_STATUSES.has(analysis.status) : false;
  const [liveEvents, setLiveEvents] = useState(0);
  const [lastLiveAt, setLastLiveAt] = useState(0);
  const lastSeq = useRef(-1);
  const [polling, setPolling] = useState(false);

  useEffect(() => {
    lastSeq.current = -1;
    setLiveEvents(0);
    setLastLiveAt(Date.now());
  }, [analysisId]);

  const subscription = useSubscription(ANALYSIS_UPDATED, {
    variables: { id: analysisId ?? '' },
    skip: !analysisId || !running,
    onData: ({ data }) => {
      const event = data.data?.analysisUpdated;
      if (!event || event.seq <= lastSeq.current) return;
      lastSeq.current = event.seq;
      setLiveEvents((n) => n + 1);
      setLastLiveAt(Date.now());
    },
  });

  // Live updates are the normal path; when they are silent for too long, poll until the run ends.
  useEffect(() => {
    if (!running) {
      setPolling(false);
      return;
    }
    const timer = setInterval(() => setPolling(Date.now() - lastLiveAt > LIVE_SILENCE_MS), 1_000);
    return () => clearInterval(timer);
  }, [running, lastLiveAt]);
  useEffect(() => {
    if (polling && running) query.startPolling(POLL_MS);
    else query.stopPolling();
    return () => query.stopPolling();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [polling, running]);

  return { query, analysis, running, liveEvents, polling, subscriptionError: subscription.error };
}

function ReportView({ incidentId, tenant }: IncidentScopedProps) {
  const incidentQuery = useQuery(REPORT_INCIDENT, { variables: { id: incidentId }, errorPolicy: 'all' });
  const incident = incidentQuery.data?.incident ?? null;
  const [selected, setSelected] = useState<string | null>(null);
  const analysisId = selected ?? incident?.latestAnalysis?.id ?? null;
  const { query, analysis, running, liveEvents, polling, subscriptionError } = useAnalysis(analysisId);
  const [analyze, analyzeState] = useMutation(ANALYZE_INCIDENT);
  const [rawEmail, setRawEmail] = useState('');
  const [bypassCache, setBypassCache] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const mayRun = canWrite(tenant);

  async function start() {
    const result = await analyze({
      variables: { incidentId, options: { ...(rawEmail.trim() ? { rawEmail } : {}), ...(bypassCache ? { bypassCache: true } : {}) } },
    }).catch(() => null);
    const created = result?.data?.analyzeIncident;
    if (created) {
      setSelected(created.id);
      void incidentQuery.refetch();
    }
  }

  function exportAs(kind: 'md' | 'pdf') {
    if (!incident || !analysis) return;
    setExportError(null);
    try {
      const blob = kind === 'md' ? new Blob([toMarkdown(incident, analysis)], { type: 'text/markdown;charset=utf-8' }) : toPdf(incident, analysis);
      downloadBlob(blob, reportFileName(incident, analysis, kind));
    } catch (error) {
      setExportError(describeError(error));
    }
  }

  if (!incident && incidentQuery.loading) return <Loading label="Loading the analysis" lines={5} />;
  if (!incident && incidentQuery.error) return <ErrorNotice title="Could not load the incident's analyses" error={incidentQuery.error} onRetry={() => void incidentQuery.refetch()} />;
  if (!incident) return <ErrorNotice title="Incident not found in this tenant." />;

  const history: ReportIncident['analyses'] = incident.analyses;
  return (
    <div className={cx(uiStyles.panel, styles.report)} data-testid="report">
      <div className={styles.header}>
        <h2 className={styles.title}>AI analysis</h2>
        {analysis && (
          <span className={cx(styles.status, styles[`s_${analysis.status}`])} data-testid="analysis-status">
            {humanize(analysis.status)}
          </span>
        )}
        {running && (
          <span className={uiStyles.muted} data-testid="report-live-source" data-source={polling ? 'polling' : 'live'} data-live-events={liveEvents}>
            {polling ? 'Live updates silent: polling every 2 s' : `Live · ${liveEvents} event${liveEvents === 1 ? '' : 's'}`}
          </span>
        )}
        <span className={styles.spacer} />
        {history.length > 1 && (
          <>
            <label htmlFor="analysis-history" className={uiStyles.muted}>
              Run
            </label>
            <select id="analysis-history" className={uiStyles.input} value={analysisId ?? ''} onChange={(e) => setSelected(e.target.value)}>
              {history.map((a) => (
                <option key={a.id} value={a.id}>
                  {formatDateTime(a.createdAt)} · {humanize(a.status)}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className={uiStyles.button} onClick={() => exportAs('md')} disabled={!analysis} data-testid="export-markdown">
          Export Markdown
        </button>
        <button type="button" className={uiStyles.button} onClick={() => exportAs('pdf')} disabled={!analysis} data-testid="export-pdf">
          Export PDF
        </button>
      </div>

      <div className={styles.runBar}>
        <button
          type="button"
          className={cx(uiStyles.button, uiStyles.primary)}
          onClick={() => void start()}
          disabled={!mayRun || analyzeState.loading || running}
          data-testid="run-analysis"
        >
          {analyzeState.loading ? 'Starting…' : running ? 'Analysis running…' : analysis ? 'Run a new analysis' : 'Run analysis'}
        </button>
        {!mayRun && <span className={uiStyles.muted}>Viewers cannot start analyses.</span>}
        <details className={styles.options}>
          <summary>Options</summary>
          <label className={styles.check}>
            <input type="checkbox" checked={bypassCache} onChange={(e) => setBypassCache(e.target.checked)} /> Ignore cached model answers
          </label>
          <label htmlFor="raw-email" className={styles.optionLabel}>
            Raw email to verify (headers and body, optional)
          </label>
          <textarea id="raw-email" className={cx(uiStyles.input, styles.rawEmail)} value={rawEmail} onChange={(e) => setRawEmail(e.target.value)} rows={4} spellCheck={false} />
        </details>
      </div>
      {analyzeState.error && <ErrorNotice title="Could not start the analysis" error={analyzeState.error} />}
      {exportError && <ErrorNotice title="Export failed" error={new Error(exportError)} />}
      {subscriptionError && running && !polling && <div className={cx(uiStyles.notice, uiStyles.muted)}>Live updates failed ({describeError(subscriptionError)}); switching to polling.</div>}

      {!analysisId && <EmptyState>This incident has not been analysed yet. Run an analysis to get the root cause, ATT&amp;CK mapping, IOCs and a verdict.</EmptyState>}
      {analysisId && !analysis && query.loading && <Loading label="Loading the analysis" lines={5} />}
      {analysisId && !analysis && query.error && <ErrorNotice title="Could not load the analysis" error={query.error} onRetry={() => void query.refetch()} />}
      {analysis && (
        <>
          {analysis.error && <ErrorNotice title="The analysis failed" error={new Error(analysis.error)} />}
          <StageTimeline analysis={analysis} />
          <p className={cx(uiStyles.muted, styles.meta)}>
            Requested {formatDateTime(analysis.createdAt)}
            {analysis.requestedBy ? ` by ${analysis.requestedBy}` : ''}
            {analysis.completedAt ? ` · completed ${formatDateTime(analysis.completedAt)}` : ''} · {analysis.totalTokens} tokens · {formatUsd(analysis.totalCostUsd)}
            {analysis.verdict ? ` · verdict ${humanize(analysis.verdict.classification)} ${formatPercent(analysis.verdict.confidence)}` : ''}
          </p>
          <Findings analysis={analysis} />
        </>
      )}
    </div>
  );
}

export function Report(props: IncidentScopedProps) {
  return (
    <ApolloProvider client={props.client}>
      <ReportView {...props} />
    </ApolloProvider>
  );
}

/** The weighted signals or factors behind a verdict or a score; nothing when there are none. */
function WeightedTable({ label, rows }: { label: string; rows: ReadonlyArray<{ name: string; weight: number; detail: string }> }) {
  if (rows.length === 0) return null;
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col">Weight</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            <td>{row.name}</td>
            <td className={styles.numeric}>{row.weight.toFixed(2)}</td>
            <td>{row.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
