import type { ReactNode } from 'react';
import { humanize } from './format';
import styles from './ui.module.css';

export { styles as uiStyles };

export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={cx(styles.badge, styles[`sev${severity}`])}>{humanize(severity)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={cx(styles.status, styles[`status${status}`])}>{humanize(status)}</span>;
}

export function Skeleton({ height = 16, width = '100%' }: { height?: number; width?: number | string }) {
  return <span className={styles.skeleton} style={{ height, width }} aria-hidden="true" />;
}

/** A loading placeholder that screen readers announce once. */
export function Loading({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div role="status" aria-live="polite" style={{ display: 'grid', gap: 8 }}>
      <span className="soc-visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} width={`${90 - i * 12}%`} />
      ))}
    </div>
  );
}

/** Turns an Apollo/network error into one sentence an analyst can act on. */
export function describeError(error: unknown): string {
  if (!error) return 'Unknown error';
  const e = error as { message?: string; errors?: Array<{ message?: string; extensions?: { code?: string } }>; statusCode?: number };
  const first = e.errors?.[0];
  if (first?.extensions?.code === 'FORBIDDEN') return 'You do not have permission for this.';
  if (first?.extensions?.code === 'UNAUTHENTICATED') return 'Your session has expired. Sign in again.';
  if (first?.message) return first.message;
  if (e.message && /Failed to fetch|NetworkError|Load failed/i.test(e.message)) return 'Cannot reach the API. Check your connection and retry.';
  return e.message ?? String(error);
}

export function ErrorNotice({ title, error, onRetry }: { title: string; error?: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className={cx(styles.notice, styles.error)}>
      <strong>{title}</strong>
      {error !== undefined && <div className={styles.muted}>{describeError(error)}</div>}
      {onRetry && (
        <div style={{ marginTop: 8 }}>
          <button type="button" className={styles.button} onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

/** A horizontally scrollable wrapper that keyboard users can focus and scroll (wide tables). */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className={cx(styles.notice, styles.muted)}>{children}</div>;
}
