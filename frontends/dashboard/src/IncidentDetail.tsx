/** An incident's detail: what an analyst reads before and next to the AI report. All data renders as text. */
import { ApolloProvider, useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { paths, type IncidentScopedProps } from '@soc/ui-common/contract';
import { formatDateTime, humanize } from '@soc/ui-common/format';
import { safeExternalUrl } from '@soc/ui-common/safe';
import { Tabs } from '@soc/ui-common/Tabs';
import { cx, EmptyState, ErrorNotice, Loading, ScrollRegion, SeverityBadge, StatusBadge, uiStyles } from '@soc/ui-common/ui';
import { INCIDENT_DETAIL, type IncidentDetailData } from './queries';
import styles from './dashboard.module.css';

type Incident = NonNullable<IncidentDetailData['incident']>;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.field}>
      <dt>{label}</dt>
      <dd>{children || <span className={uiStyles.muted}>–</span>}</dd>
    </div>
  );
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function Overview({ incident }: { incident: Incident }) {
  const portal = safeExternalUrl(incident.incidentUrl);
  return (
    <div className={styles.detailOverview}>
      <div>
        <h3 className={styles.subTitle}>Description</h3>
        <p className={styles.prose}>{incident.description || <span className={uiStyles.muted}>No description.</span>}</p>
        {incident.classificationComment && (
          <>
            <h3 className={styles.subTitle}>Classification comment</h3>
            <p className={styles.prose}>{incident.classificationComment}</p>
          </>
        )}
      </div>
      <dl className={styles.fields}>
        <Field label="Owner">{incident.owner?.assignedTo ?? incident.owner?.email ?? 'Unassigned'}</Field>
        <Field label="Classification">{incident.classification ? `${humanize(incident.classification)}${incident.classificationReason ? ` (${incident.classificationReason})` : ''}` : ''}</Field>
        <Field label="Tactics">{incident.tactics.map(humanize).join(', ')}</Field>
        <Field label="Techniques">{incident.techniques.join(', ')}</Field>
        <Field label="Labels">{incident.labels.join(', ')}</Field>
        <Field label="Provider">{`${incident.providerName} · ${humanize(incident.source)}`}</Field>
        <Field label="First activity">{formatDateTime(incident.firstActivityAt)}</Field>
        <Field label="Last activity">{formatDateTime(incident.lastActivityAt)}</Field>
        <Field label="Acknowledged">{formatDateTime(incident.acknowledgedAt)}</Field>
        <Field label="Closed">{formatDateTime(incident.closedAt)}</Field>
        <Field label="In Sentinel">
          {portal ? (
            <a href={portal} target="_blank" rel="noopener noreferrer">
              Open in Azure portal
            </a>
          ) : incident.incidentUrl ? (
            <code className={styles.code}>{incident.incidentUrl}</code>
          ) : (
            ''
          )}
        </Field>
      </dl>
    </div>
  );
}

function Alerts({ incident }: { incident: Incident }) {
  if (incident.alerts.length === 0) return <EmptyState>No alerts.</EmptyState>;
  return (
    <ScrollRegion className={styles.tableWrap} label="Alerts">
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Alert</th>
            <th scope="col">Product</th>
            <th scope="col">Tactics / techniques</th>
            <th scope="col">Generated</th>
          </tr>
        </thead>
        <tbody>
          {incident.alerts.map((a) => (
            <tr key={a.id}>
              <td>
                <SeverityBadge severity={a.severity} />
              </td>
              <td className={styles.titleCell}>
                {a.displayName}
                {a.description && <div className={styles.sub}>{a.description}</div>}
              </td>
              <td>{a.productName}</td>
              <td>{[...a.tactics.map(humanize), ...a.techniques].join(', ')}</td>
              <td className={styles.time}>{formatDateTime(a.timeGenerated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Entities({ incident }: { incident: Incident }) {
  if (incident.entities.length === 0) return <EmptyState>No entities.</EmptyState>;
  return (
    <ScrollRegion className={styles.tableWrap} label="Entities">
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Value</th>
            <th scope="col">Properties</th>
          </tr>
        </thead>
        <tbody>
          {incident.entities.map((e) => (
            <tr key={e.id}>
              <td>{e.kind}</td>
              <td>
                <code className={styles.code}>{e.name}</code>
              </td>
              <td>
                <details>
                  <summary>Show</summary>
                  <pre className={styles.pre}>{jsonText(e.properties)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Timeline({ incident }: { incident: Incident }) {
  if (incident.timeline.length === 0) return <EmptyState>No changes recorded.</EmptyState>;
  return (
    <ol className={styles.timeline}>
      {incident.timeline.map((t, i) => (
        <li key={i}>
          <span className={styles.time}>{formatDateTime(t.at)}</span>
          <span>
            <strong>{humanize(t.field)}</strong>
            {(t.from || t.to) && (
              <>
                {' '}
                {t.from ?? '∅'} → {t.to ?? '∅'}
              </>
            )}{' '}
            <span className={uiStyles.muted}>
              by {t.actor} ({humanize(t.source)})
            </span>
            {t.note && <div className={styles.sub}>{t.note}</div>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Comments({ incident }: { incident: Incident }) {
  if (incident.comments.length === 0) return <EmptyState>No comments.</EmptyState>;
  return (
    <ol className={styles.comments}>
      {incident.comments.map((c) => (
        <li key={c.id} className={uiStyles.notice}>
          <div className={uiStyles.muted}>
            {c.authorName ?? c.authorEmail ?? 'Unknown'} · {formatDateTime(c.createdAt)}
          </div>
          <p className={styles.prose}>{c.message}</p>
        </li>
      ))}
    </ol>
  );
}

function Related({ incident, navigate }: { incident: Incident; navigate: (path: string) => void }) {
  if (incident.relatedIncidents.length === 0) return <EmptyState>No related incidents share entities with this one.</EmptyState>;
  return (
    <ScrollRegion className={styles.tableWrap} label="Related incidents">
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Severity</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Shared entities</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {incident.relatedIncidents.map(({ incident: r, sharedEntities }) => (
            <tr key={r.id}>
              <td className={styles.num}>{r.number}</td>
              <td>
                <SeverityBadge severity={r.severity} />
              </td>
              <td className={styles.titleCell}>
                <a
                  href={paths.incident(r.id)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(paths.incident(r.id));
                  }}
                >
                  {r.title}
                </a>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>{sharedEntities.join(', ')}</td>
              <td className={styles.time}>{formatDateTime(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function IncidentDetailView({ incidentId, navigate }: IncidentScopedProps) {
  const { data, loading, error, refetch } = useQuery(INCIDENT_DETAIL, { variables: { id: incidentId }, errorPolicy: 'all' });
  const incident = data?.incident;
  if (!incident && loading) return <Loading label="Loading the incident" lines={4} />;
  if (!incident && error) return <ErrorNotice title="Could not load the incident" error={error} onRetry={() => void refetch()} />;
  if (!incident) return <ErrorNotice title="Incident not found in this tenant." />;
  return (
    <article className={cx(uiStyles.panel, styles.detail)} aria-labelledby="incident-title" data-testid="incident-detail">
      <header className={styles.detailHeader}>
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
        <h1 id="incident-title" className={styles.detailTitle}>
          <span className={uiStyles.muted}>#{incident.number}</span> {incident.title}
        </h1>
        <span className={cx(uiStyles.muted, styles.time)}>Created {formatDateTime(incident.createdAt)}</span>
      </header>
      <Tabs
        label="Incident details"
        tabs={[
          { id: 'overview', label: 'Overview', render: () => <Overview incident={incident} /> },
          { id: 'alerts', label: `Alerts (${incident.alerts.length})`, render: () => <Alerts incident={incident} /> },
          { id: 'entities', label: `Entities (${incident.entities.length})`, render: () => <Entities incident={incident} /> },
          { id: 'timeline', label: `Timeline (${incident.timeline.length})`, render: () => <Timeline incident={incident} /> },
          { id: 'comments', label: `Comments (${incident.comments.length})`, render: () => <Comments incident={incident} /> },
          { id: 'related', label: `Related (${incident.relatedIncidents.length})`, render: () => <Related incident={incident} navigate={navigate} /> },
        ]}
      />
    </article>
  );
}

export function IncidentDetail(props: IncidentScopedProps) {
  return (
    <ApolloProvider client={props.client}>
      <IncidentDetailView {...props} />
    </ApolloProvider>
  );
}
