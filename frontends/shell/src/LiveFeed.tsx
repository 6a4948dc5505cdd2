/**
 * The live feed: new incidents of the active tenant (polled: the API has no incident
 * subscription) and every agent stage event of its analyses (the analysisActivity subscription).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { LiveStatus, SocClientHandle } from '@soc/ui-common/apollo';
import { paths } from '@soc/ui-common/contract';
import { agentLabel, formatTime, humanize } from '@soc/ui-common/format';
import { cx, SeverityBadge, uiStyles } from '@soc/ui-common/ui';
import styles from './shell.module.css';

interface IncidentLite {
  id: string;
  number: number;
  title: string;
  severity: string;
  createdAt: string;
}

const RECENT_INCIDENTS: TypedDocumentNode<{ incidents: { edges: Array<{ node: IncidentLite }> } }, Record<string, never>> = gql`
  query ShellRecentIncidents {
    incidents(first: 10, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges {
        node {
          id
          number
          title
          severity
          createdAt
        }
      }
    }
  }
`;

interface ActivityEvent {
  seq: number;
  type: string;
  occurredAt: string;
  stage: { agent: string; status: string } | null;
  analysis: { id: string; status: string; incident: { id: string; number: number; title: string } };
}

const ANALYSIS_ACTIVITY: TypedDocumentNode<{ analysisActivity: ActivityEvent }, Record<string, never>> = gql`
  subscription ShellAnalysisActivity {
    analysisActivity {
      seq
      type
      occurredAt
      stage {
        agent
        status
      }
      analysis {
        id
        status
        incident {
          id
          number
          title
        }
      }
    }
  }
`;

type FeedItem =
  | { kind: 'incident'; key: string; at: string; incident: IncidentLite; fresh: boolean }
  | { kind: 'stage'; key: string; at: string; event: ActivityEvent };

const MAX_ITEMS = 60;
const POLL_MS = 10_000;

function useLiveStatus(handle: SocClientHandle): LiveStatus {
  const [status, setStatus] = useState(handle.liveStatus());
  useEffect(() => handle.onLiveStatus(setStatus), [handle]);
  return status;
}

function eventText(event: ActivityEvent): string {
  if (event.type === 'ANALYSIS_COMPLETED') return 'Analysis completed';
  if (event.type === 'ANALYSIS_FAILED') return 'Analysis failed';
  const agent = agentLabel(event.stage?.agent ?? '');
  const what = { STAGE_STARTED: 'started', STAGE_COMPLETED: 'completed', STAGE_FAILED: 'failed', STAGE_SKIPPED: 'skipped' }[event.type] ?? humanize(event.type);
  return `${agent} ${what}`;
}

export function LiveFeed({ handle, navigate }: { handle: SocClientHandle; navigate: (path: string) => void }) {
  const [items, setItems] = useState<FeedItem[]>([]);
  const seenIncidents = useRef(new Set<string>());
  const primed = useRef(false);
  const liveStatus = useLiveStatus(handle);

  const recent = useQuery(RECENT_INCIDENTS, { pollInterval: POLL_MS, fetchPolicy: 'network-only', notifyOnNetworkStatusChange: false });
  useEffect(() => {
    const edges = recent.data?.incidents.edges;
    if (!edges) return;
    const fresh = edges.map((e) => e.node).filter((n) => !seenIncidents.current.has(n.id));
    if (fresh.length === 0) return;
    for (const n of fresh) seenIncidents.current.add(n.id);
    const isFirst = !primed.current;
    primed.current = true;
    setItems((prev) =>
      [...fresh.map((incident): FeedItem => ({ kind: 'incident', key: `i-${incident.id}`, at: incident.createdAt, incident, fresh: !isFirst })), ...prev]
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, MAX_ITEMS),
    );
  }, [recent.data]);

  useSubscription(ANALYSIS_ACTIVITY, {
    // Feed events can arrive after an analysis's own stream has finished: they must not write
    // their (older) analysis state over the cache the report remote reads.
    fetchPolicy: 'no-cache',
    onData: ({ data }) => {
      const event = data.data?.analysisActivity;
      if (!event) return;
      setItems((prev) => [{ kind: 'stage' as const, key: `a-${event.analysis.id}-${event.seq}`, at: event.occurredAt, event }, ...prev.filter((i) => i.key !== `a-${event.analysis.id}-${event.seq}`)].slice(0, MAX_ITEMS));
    },
  });

  const statusText: Record<LiveStatus, string> = {
    idle: 'Live updates idle',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    unavailable: 'Live updates unavailable (retrying)',
  };

  return (
    <div className={styles.feed}>
      <h2 className={styles.feedTitle}>Live feed</h2>
      <div className={styles.feedHeader}>
        <span className={cx(styles.liveDot, styles[`live_${liveStatus}`])} aria-hidden="true" />
        <span className={uiStyles.muted} data-testid="live-status">
          {statusText[liveStatus]}
        </span>
      </div>
      {recent.error && !recent.data && <div className={cx(uiStyles.notice, uiStyles.error)}>Could not load recent incidents.</div>}
      {items.length === 0 && !recent.error && <div className={uiStyles.muted}>Waiting for activity…</div>}
      <div role="log" aria-live="polite" aria-label="Recent incidents and agent activity">
      <ol className={styles.feedList}>
        {items.map((item) =>
          item.kind === 'incident' ? (
            <li key={item.key} className={cx(styles.feedItem, item.fresh && styles.feedFresh)}>
              <span className={styles.feedTime}>{formatTime(item.at)}</span>
              <span className={styles.feedBody}>
                <SeverityBadge severity={item.incident.severity} />{' '}
                <a
                  href={paths.incident(item.incident.id)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(paths.incident(item.incident.id));
                  }}
                >
                  #{item.incident.number} {item.incident.title}
                </a>
                {item.fresh && <span className={styles.newTag}>new</span>}
              </span>
            </li>
          ) : (
            <li key={item.key} className={styles.feedItem} data-testid="feed-stage-event">
              <span className={styles.feedTime}>{formatTime(item.at)}</span>
              <span className={styles.feedBody}>
                <span className={cx(styles.stageTag, /FAILED/.test(item.event.type) && styles.stageFailed)}>{eventText(item.event)}</span>{' '}
                <a
                  href={paths.incident(item.event.analysis.incident.id)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(paths.incident(item.event.analysis.incident.id));
                  }}
                >
                  #{item.event.analysis.incident.number} {item.event.analysis.incident.title}
                </a>
              </span>
            </li>
          ),
        )}
      </ol>
      </div>
    </div>
  );
}
