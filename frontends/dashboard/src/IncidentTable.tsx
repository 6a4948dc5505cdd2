/** The incident table: filters, search, sort, cursor pagination. Filters survive a visit to an incident. */
import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { paths } from '@soc/ui-common/contract';
import { CLASSIFICATIONS, formatDateTime, formatPercent, formatShortDateTime, humanize, SEVERITIES, STATUSES, TACTICS } from '@soc/ui-common/format';
import { cx, ErrorNotice, Loading, SeverityBadge, StatusBadge, uiStyles } from '@soc/ui-common/ui';
import { DASHBOARD_INCIDENTS, type IncidentFilterInput, type IncidentRow } from './queries';
import styles from './dashboard.module.css';

type SortField = 'CREATED_AT' | 'UPDATED_AT' | 'SEVERITY' | 'NUMBER';
type Direction = 'ASC' | 'DESC';

interface Filters {
  search: string;
  severity: string[];
  status: string[];
  tactic: string;
  technique: string;
  classification: string;
  owner: string;
  unassigned: boolean;
  label: string;
}

interface TableState {
  filters: Filters;
  sort: { field: SortField; direction: Direction };
  pageSize: number;
}

const EMPTY_FILTERS: Filters = { search: '', severity: [], status: [], tactic: '', technique: '', classification: '', owner: '', unassigned: false, label: '' };
const DEFAULT_STATE: TableState = { filters: EMPTY_FILTERS, sort: { field: 'CREATED_AT', direction: 'DESC' }, pageSize: 25 };
const PAGE_SIZES = [25, 50, 100];

function loadState(key: string): TableState {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return DEFAULT_STATE;
    const parsed = JSON.parse(raw) as Partial<TableState>;
    return { ...DEFAULT_STATE, ...parsed, filters: { ...EMPTY_FILTERS, ...parsed.filters } };
  } catch {
    return DEFAULT_STATE;
  }
}

function toFilterInput(filters: Filters, since: string, until: string): IncidentFilterInput {
  const input: IncidentFilterInput = { createdAfter: since, createdBefore: until };
  if (filters.search.trim()) input.search = filters.search.trim();
  if (filters.severity.length) input.severity = filters.severity;
  if (filters.status.length) input.status = filters.status;
  if (filters.tactic) input.tactic = filters.tactic;
  if (filters.technique.trim()) input.technique = filters.technique.trim().toUpperCase();
  if (filters.classification) input.classification = [filters.classification];
  if (filters.unassigned) input.owner = '';
  else if (filters.owner.trim()) input.owner = filters.owner.trim();
  if (filters.label.trim()) input.label = filters.label.trim();
  return input;
}

function Verdict({ row }: { row: IncidentRow }) {
  const analysis = row.latestAnalysis;
  if (!analysis) return <span className={uiStyles.muted}>–</span>;
  if (analysis.verdict) {
    return (
      <span>
        {humanize(analysis.verdict.classification)} <span className={uiStyles.muted}>{formatPercent(analysis.verdict.confidence)}</span>
      </span>
    );
  }
  return <span className={uiStyles.muted}>{humanize(analysis.status)}</span>;
}

function ToggleGroup({ legend, options, value, onChange }: { legend: string; options: readonly string[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset className={styles.toggleGroup}>
      <legend className={styles.filterLabel}>{legend}</legend>
      {options.map((option) => {
        const checked = value.includes(option);
        return (
          <label key={option} className={cx(styles.toggle, checked && styles.toggleOn)}>
            <input type="checkbox" checked={checked} onChange={() => onChange(checked ? value.filter((v) => v !== option) : [...value, option])} />
            {humanize(option)}
          </label>
        );
      })}
    </fieldset>
  );
}

const SORTABLE: Record<string, SortField> = { number: 'NUMBER', severity: 'SEVERITY', created: 'CREATED_AT', updated: 'UPDATED_AT' };

export function IncidentTable({
  tenantId,
  since,
  until,
  navigate,
  onFirstPage,
}: {
  tenantId: string;
  since: string;
  until: string;
  navigate: (path: string) => void;
  /** Called once the first page is on screen (or failed). */
  onFirstPage?: () => void;
}) {
  const storageKey = `soc.dashboard.table.${tenantId}`;
  const [state, setState] = useState<TableState>(() => loadState(storageKey));
  const [searchInput, setSearchInput] = useState(state.filters.search);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const tbodyRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    window.sessionStorage.setItem(storageKey, JSON.stringify(state));
  }, [state, storageKey]);

  // Debounced search: one request per pause in typing.
  useEffect(() => {
    if (searchInput === state.filters.search) return;
    const timer = setTimeout(() => update({ filters: { ...state.filters, search: searchInput } }), 300);
    return () => clearTimeout(timer);
  });

  function update(patch: Partial<TableState>) {
    setState((prev) => ({ ...prev, ...patch }));
    setCursors([null]); // a new query starts at the first page
  }
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => update({ filters: { ...state.filters, [key]: value } });

  const filter = useMemo(() => toFilterInput(state.filters, since, until), [state.filters, since, until]);
  const page = cursors.length - 1;
  const { data, previousData, loading, error, refetch } = useQuery(DASHBOARD_INCIDENTS, {
    variables: { filter, orderBy: state.sort, first: state.pageSize, after: cursors[page] ?? null },
    errorPolicy: 'all',
  });
  const shown = data ?? previousData;
  useEffect(() => {
    if (shown || error) onFirstPage?.();
  }, [shown, error, onFirstPage]);
  const rows = shown?.incidents.edges.map((e) => e.node) ?? [];
  const total = shown?.incidents.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const activeFilters = JSON.stringify(state.filters) !== JSON.stringify(EMPTY_FILTERS);

  function sortBy(field: SortField) {
    const direction: Direction = state.sort.field === field && state.sort.direction === 'DESC' ? 'ASC' : 'DESC';
    update({ sort: { field, direction } });
  }

  function ariaSort(field: SortField): 'ascending' | 'descending' | undefined {
    if (state.sort.field !== field) return undefined;
    return state.sort.direction === 'ASC' ? 'ascending' : 'descending';
  }

  function SortHeader({ id, children }: { id: keyof typeof SORTABLE; children: string }) {
    const field = SORTABLE[id]!;
    const current = state.sort.field === field;
    return (
      <th scope="col" aria-sort={ariaSort(field)}>
        <button type="button" className={styles.sortButton} onClick={() => sortBy(field)}>
          {children}
          <span aria-hidden="true" className={styles.sortIcon}>
            {current ? (state.sort.direction === 'ASC' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  }

  /** Arrow keys move between rows (their title links); Enter opens. */
  function onRowsKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...(tbodyRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    event.preventDefault();
    links[event.key === 'ArrowDown' ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1)]?.focus();
  }

  return (
    <section aria-labelledby="incidents-title" className={cx(uiStyles.panel, styles.tablePanel)}>
      <div className={styles.tableHeader}>
        <h2 id="incidents-title" className={styles.sectionTitle}>
          Incidents
        </h2>
        <span className={uiStyles.muted} aria-live="polite" data-testid="incident-count">
          {shown ? `${total} matching` : ''}
        </span>
      </div>
      <form className={styles.filters} role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
        <div className={styles.filterField}>
          <label className={styles.filterLabel} htmlFor="incident-search">
            Search
          </label>
          <input
            id="incident-search"
            type="search"
            className={cx(uiStyles.input, styles.searchInput)}
            placeholder="Words in title, description or entities"
            value={searchInput}
            onChange={(e) => setSearchInput(e.target.value)}
          />
        </div>
        <ToggleGroup legend="Severity" options={SEVERITIES} value={state.filters.severity} onChange={(v) => setFilter('severity', v)} />
        <ToggleGroup legend="Status" options={STATUSES} value={state.filters.status} onChange={(v) => setFilter('status', v)} />
        <div className={styles.filterField}>
          <label className={styles.filterLabel} htmlFor="incident-tactic">
            Tactic
          </label>
          <select id="incident-tactic" className={uiStyles.input} value={state.filters.tactic} onChange={(e) => setFilter('tactic', e.target.value)}>
            <option value="">Any</option>
            {TACTICS.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.filterField}>
          <label className={styles.filterLabel} htmlFor="incident-technique">
            Technique
          </label>
          <input id="incident-technique" className={cx(uiStyles.input, styles.shortInput)} placeholder="T1110" value={state.filters.technique} onChange={(e) => setFilter('technique', e.target.value)} />
        </div>
        <div className={styles.filterField}>
          <label className={styles.filterLabel} htmlFor="incident-classification">
            Classification
          </label>
          <select id="incident-classification" className={uiStyles.input} value={state.filters.classification} onChange={(e) => setFilter('classification', e.target.value)}>
            <option value="">Any</option>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.filterField}>
          <label className={styles.filterLabel} htmlFor="incident-owner">
            Owner
          </label>
          <input
            id="incident-owner"
            className={uiStyles.input}
            placeholder="email"
            value={state.filters.owner}
            disabled={state.filters.unassigned}
            onChange={(e) => setFilter('owner', e.target.value)}
          />
          <label className={styles.inlineCheck}>
            <input type="checkbox" checked={state.filters.unassigned} onChange={(e) => setFilter('unassigned', e.target.checked)} /> Unassigned
          </label>
        </div>
        <div className={styles.filterField}>
          <label className={styles.filterLabel} htmlFor="incident-label">
            Label
          </label>
          <input id="incident-label" className={cx(uiStyles.input, styles.shortInput)} value={state.filters.label} onChange={(e) => setFilter('label', e.target.value)} />
        </div>
        {activeFilters && (
          <button
            type="button"
            className={cx(uiStyles.button, styles.clearButton)}
            onClick={() => {
              setSearchInput('');
              update({ filters: EMPTY_FILTERS });
            }}
          >
            Clear filters
          </button>
        )}
      </form>

      {error && !shown && <ErrorNotice title="Could not load incidents" error={error} onRetry={() => void refetch()} />}
      {!shown && loading && <Loading label="Loading incidents" lines={6} />}
      {shown && rows.length === 0 && (
        <div className={cx(uiStyles.notice, uiStyles.muted)} data-testid="incidents-empty">
          No incidents match {activeFilters ? 'these filters' : 'this time range'}.
        </div>
      )}
      {rows.length > 0 && (
        <div className={styles.tableWrap} aria-busy={loading}>
          <table className={styles.table} data-testid="incident-table">
            <caption className="soc-visually-hidden">Incidents, sorted by {humanize(state.sort.field)} {state.sort.direction === 'ASC' ? 'ascending' : 'descending'}</caption>
            <thead>
              <tr>
                <SortHeader id="number">#</SortHeader>
                <SortHeader id="severity">Severity</SortHeader>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Owner</th>
                <th scope="col">Tactics</th>
                <th scope="col">AI verdict</th>
                <SortHeader id="created">Created (UTC)</SortHeader>
                <SortHeader id="updated">Updated (UTC)</SortHeader>
              </tr>
            </thead>
            <tbody ref={tbodyRef} onKeyDown={onRowsKeyDown}>
              {rows.map((row) => (
                <tr key={row.id} data-testid="incident-row" data-severity={row.severity} data-status={row.status} onClick={(e) => (e.target as HTMLElement).tagName !== 'A' && navigate(paths.incident(row.id))}>
                  <td className={styles.num}>{row.number}</td>
                  <td>
                    <SeverityBadge severity={row.severity} />
                  </td>
                  <td className={styles.titleCell}>
                    <a
                      data-row-link
                      href={paths.incident(row.id)}
                      onClick={(e) => {
                        if (e.metaKey || e.ctrlKey || e.shiftKey) return; // new tab
                        e.preventDefault();
                        navigate(paths.incident(row.id));
                      }}
                    >
                      {row.title}
                    </a>
                    {row.labels.length > 0 && <span className={styles.labels}>{row.labels.join(', ')}</span>}
                  </td>
                  <td>
                    <StatusBadge status={row.status} />
                    {row.classification && <div className={styles.sub}>{humanize(row.classification)}</div>}
                  </td>
                  <td className={styles.owner}>{row.owner?.assignedTo ?? row.owner?.email ?? <span className={uiStyles.muted}>Unassigned</span>}</td>
                  <td className={styles.tactics} title={row.tactics.map(humanize).join(', ')}>
                    {row.tactics.slice(0, 2).map(humanize).join(', ')}
                    {row.tactics.length > 2 && <span className={uiStyles.muted}> +{row.tactics.length - 2}</span>}
                  </td>
                  <td>
                    <Verdict row={row} />
                  </td>
                  <td className={styles.time}>
                    <time dateTime={row.createdAt} title={formatDateTime(row.createdAt)}>
                      {formatShortDateTime(row.createdAt)}
                    </time>
                  </td>
                  <td className={styles.time}>
                    <time dateTime={row.updatedAt} title={formatDateTime(row.updatedAt)}>
                      {formatShortDateTime(row.updatedAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown && total > 0 && (
        <nav className={styles.pager} aria-label="Pages">
          <button type="button" className={uiStyles.button} disabled={page === 0 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
            ← Previous
          </button>
          <span data-testid="page-indicator">
            Page {page + 1} of {pages}
          </span>
          <button
            type="button"
            className={uiStyles.button}
            disabled={!shown.incidents.pageInfo.hasNextPage || loading || !data}
            onClick={() => setCursors((c) => [...c, shown.incidents.pageInfo.endCursor])}
          >
            Next →
          </button>
          <label htmlFor="page-size" className={styles.pageSizeLabel}>
            Rows per page
          </label>
          <select id="page-size" className={uiStyles.input} value={state.pageSize} onChange={(e) => update({ pageSize: Number(e.target.value) })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </nav>
      )}
    </section>
  );
}
