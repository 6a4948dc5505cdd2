/** The agent stages of a run: status, provider and model, time, tokens and cost, on a shared time axis. */
import { agentLabel, formatMs, formatUsd, humanize } from '@soc/ui-common/format';
import { cx, ScrollRegion, uiStyles } from '@soc/ui-common/ui';
import type { Analysis, Stage } from './queries';
import styles from './reports.module.css';

const ICONS: Record<string, string> = { PENDING: '○', RUNNING: '◔', COMPLETED: '✓', FAILED: '✕', SKIPPED: '–' };

function bounds(analysis: Analysis): { start: number; end: number } {
  const start = new Date(analysis.createdAt).getTime();
  let end = analysis.completedAt ? new Date(analysis.completedAt).getTime() : Date.now();
  for (const s of analysis.stages) {
    if (s.finishedAt) end = Math.max(end, new Date(s.finishedAt).getTime());
    if (s.startedAt) end = Math.max(end, new Date(s.startedAt).getTime());
  }
  return { start, end: Math.max(end, start + 1) };
}

function Bar({ stage, start, end }: { stage: Stage; start: number; end: number }) {
  if (!stage.startedAt) return null;
  const from = new Date(stage.startedAt).getTime();
  const to = stage.finishedAt ? new Date(stage.finishedAt).getTime() : end;
  const left = ((from - start) / (end - start)) * 100;
  const width = Math.max(1.5, ((to - from) / (end - start)) * 100);
  return <span className={cx(styles.bar, styles[`bar_${stage.status}`])} style={{ left: `${Math.max(0, Math.min(98.5, left))}%`, width: `${Math.min(100, width)}%` }} />;
}

export function StageTimeline({ analysis }: { analysis: Analysis }) {
  const { start, end } = bounds(analysis);
  const done = analysis.stages.filter((s) => s.status === 'COMPLETED' || s.status === 'SKIPPED' || s.status === 'FAILED').length;
  return (
    <section aria-labelledby="stages-title" className={styles.stages}>
      <h3 id="stages-title" className={styles.cardTitle}>
        Agent stages{' '}
        <span className={uiStyles.muted} aria-live="polite">
          {done} of {analysis.stages.length} finished
        </span>
      </h3>
      <ScrollRegion className={styles.tableWrap} label="Agent stages table">
        <table className={styles.table} data-testid="stage-timeline">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col">Provider / model</th>
              <th scope="col" className={styles.numeric}>
                Duration
              </th>
              <th scope="col" className={styles.numeric}>
                Tokens in / out
              </th>
              <th scope="col" className={styles.numeric}>
                Cost
              </th>
              <th scope="col" className={styles.timeAxis}>
                Timeline
              </th>
            </tr>
          </thead>
          <tbody>
            {analysis.stages.map((stage) => (
              <tr key={stage.agent} data-testid="stage-row" data-agent={stage.agent} data-status={stage.status}>
                <td className={styles.agent}>{agentLabel(stage.agent)}</td>
                <td>
                  <span className={cx(styles.stageStatus, styles[`st_${stage.status}`])}>
                    <span aria-hidden="true">{ICONS[stage.status] ?? '?'}</span> {humanize(stage.status)}
                  </span>
                  {stage.error && <div className={styles.stageError}>{stage.error}</div>}
                  {(stage.cached || stage.attempts > 1 || stage.fallbacks.length > 0) && (
                    <div className={uiStyles.muted}>
                      {[stage.cached ? 'cached' : '', stage.attempts > 1 ? `${stage.attempts} attempts` : '', ...stage.fallbacks.map((f) => `fallback: ${f}`)].filter(Boolean).join(' · ')}
                    </div>
                  )}
                </td>
                <td>{[stage.provider, stage.model].filter(Boolean).join(' / ') || <span className={uiStyles.muted}>–</span>}</td>
                <td className={styles.numeric}>{formatMs(stage.durationMs)}</td>
                <td className={styles.numeric}>
                  {stage.inputTokens} / {stage.outputTokens}
                </td>
                <td className={styles.numeric}>{formatUsd(stage.costUsd)}</td>
                <td className={styles.timeAxis}>
                  <span className={styles.track}>
                    <Bar stage={stage} start={start} end={end} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
