/** The dashboard's charts (recharts), loaded as their own chunk so the tiles and table do not wait for them. */
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { cx, Skeleton, uiStyles } from '@soc/ui-common/ui';
import styles from './dashboard.module.css';

/** Same values as the theme's --soc-sev-* (SVG presentation attributes do not read CSS variables). */
export const SEVERITY_COLORS: Record<string, string> = { HIGH: '#ff7b72', MEDIUM: '#f0883e', LOW: '#e3b341', INFORMATIONAL: '#9ea8b3' };
export const VERDICT_COLORS: Record<string, string> = { TRUE_POSITIVE: '#ff7b72', BENIGN_POSITIVE: '#6cb6ff', FALSE_POSITIVE: '#56d364', UNDETERMINED: '#9ea8b3' };
const AXIS = { fill: '#a3adba', fontSize: 11 };
const TOOLTIP = {
  contentStyle: { background: '#1c2330', border: '1px solid #30363d', borderRadius: 6, color: '#e6edf3', fontSize: 12 },
  itemStyle: { color: '#e6edf3' },
  labelStyle: { color: '#e6edf3' },
  cursor: { fill: 'rgba(255,255,255,0.06)' },
};

/** One line per tactic label (the default tick wraps long names into overlapping lines). */
function TacticTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  return (
    <text x={Number(props.x ?? 0)} y={Number(props.y ?? 0)} dy={4} textAnchor="end" fill={AXIS.fill} fontSize={10.5}>
      {String(props.payload?.value ?? '')}
    </text>
  );
}

export interface ChartsProps {
  metricsReady: boolean;
  sampleReady: boolean;
  total: number;
  byDay: Array<{ day: string; count: number }>;
  bySeverity: Array<{ severity: string; name: string; count: number }>;
  tactics: Array<{ tactic: string; count: number }>;
  verdictData: Array<{ name: string; classification: string; count: number }>;
  sampleNote: string;
}

export default function Charts({ metricsReady, sampleReady, total, byDay, bySeverity, tactics, verdictData, sampleNote }: ChartsProps) {
  return (
      <section aria-label="Charts" className={styles.charts}>
        <figure className={cx(uiStyles.panel, styles.chart)}>
          <figcaption className={styles.chartTitle}>Incidents over time</figcaption>
          <div className={styles.chartBody} role="img" aria-label={`Incidents per day: ${total} in the range`}>
            {metricsReady ? (
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={byDay} margin={{ top: 6, right: 8, bottom: 0, left: -18 }} accessibilityLayer={false}>
                  <CartesianGrid stroke="#30363d" strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="day" tick={AXIS} minTickGap={16} stroke="#30363d" />
                  <YAxis allowDecimals={false} tick={AXIS} stroke="#30363d" />
                  <Tooltip {...TOOLTIP} />
                  <Area type="monotone" dataKey="count" name="Incidents" stroke="#6cb6ff" fill="#1f6feb" fillOpacity={0.35} isAnimationActive={false} />
                </AreaChart>
              </ResponsiveContainer>
            ) : (
              <Skeleton height={150} />
            )}
          </div>
        </figure>
        <figure className={cx(uiStyles.panel, styles.chart)}>
          <figcaption className={styles.chartTitle}>By severity</figcaption>
          <div className={styles.chartBody} role="img" aria-label={`By severity: ${bySeverity.map((s) => `${s.name} ${s.count}`).join(', ')}`}>
            {metricsReady ? (
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={bySeverity} margin={{ top: 6, right: 8, bottom: 0, left: -18 }} accessibilityLayer={false}>
                  <CartesianGrid stroke="#30363d" strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" tick={AXIS} stroke="#30363d" />
                  <YAxis allowDecimals={false} tick={AXIS} stroke="#30363d" />
                  <Tooltip {...TOOLTIP} />
                  <Bar dataKey="count" name="Incidents" isAnimationActive={false}>
                    {bySeverity.map((s) => (
                      <Cell key={s.severity} fill={SEVERITY_COLORS[s.severity]} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            ) : (
              <Skeleton height={150} />
            )}
          </div>
        </figure>
        <figure className={cx(uiStyles.panel, styles.chart)}>
          <figcaption className={styles.chartTitle}>
            By tactic <span className={uiStyles.muted}>({sampleNote})</span>
          </figcaption>
          <div className={styles.chartBody} role="img" aria-label={`By tactic: ${tactics.map((t) => `${t.tactic} ${t.count}`).join(', ') || 'none'}`}>
            {!sampleReady ? (
              <Skeleton height={150} />
            ) : tactics.length === 0 ? (
              <p className={uiStyles.muted}>No incidents in this range.</p>
            ) : (
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={tactics} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 8 }} accessibilityLayer={false}>
                  <XAxis type="number" allowDecimals={false} tick={AXIS} stroke="#30363d" />
                  <YAxis type="category" dataKey="tactic" tick={TacticTick} width={124} stroke="#30363d" interval={0} />
                  <Tooltip {...TOOLTIP} />
                  <Bar dataKey="count" name="Incidents" fill="#6cb6ff" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            )}
          </div>
        </figure>
        <figure className={cx(uiStyles.panel, styles.chart)}>
          <figcaption className={styles.chartTitle}>
            AI verdicts <span className={uiStyles.muted}>({sampleNote})</span>
          </figcaption>
          <div className={styles.chartBody} role="img" aria-label={`AI verdicts: ${verdictData.map((v) => `${v.name} ${v.count}`).join(', ') || 'none yet'}`}>
            {!sampleReady ? (
              <Skeleton height={150} />
            ) : verdictData.length === 0 ? (
              <p className={uiStyles.muted}>No incident in this range has an AI verdict yet. Open one and run an analysis.</p>
            ) : (
              <div className={styles.pieWrap}>
                <ResponsiveContainer width="55%" height="100%">
                  <PieChart accessibilityLayer={false}>
                    <Pie data={verdictData} dataKey="count" nameKey="name" innerRadius="55%" outerRadius="90%" isAnimationActive={false} stroke="#161b22">
                      {verdictData.map((v) => (
                        <Cell key={v.classification} fill={VERDICT_COLORS[v.classification]} />
                      ))}
                    </Pie>
                    <Tooltip {...TOOLTIP} />
                  </PieChart>
                </ResponsiveContainer>
                <ul className={styles.legend}>
                  {verdictData.map((v) => (
                    <li key={v.classification}>
                      <span className={styles.sevDot} style={{ background: VERDICT_COLORS[v.classification] }} aria-hidden="true" />
                      {v.name} <strong>{v.count}</strong>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </figure>
      </section>
  );
}
