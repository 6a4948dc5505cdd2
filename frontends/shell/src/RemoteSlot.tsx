/**
 * One area of the page filled by a remote module. Loading shows a placeholder (Suspense); a remote
 * that is down, incompatible or crashes while rendering shows a fallback with Retry (error
 * boundary), and the rest of the shell keeps working.
 */
import { Component, lazy, Suspense, useMemo, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { cx, Loading, uiStyles } from '@soc/ui-common/ui';
import { loadExposed, RemoteLoadError, resetRemote, type RemoteName } from './federation';
import styles from './shell.module.css';

interface BoundaryProps {
  remote: RemoteName;
  label: string;
  onRetry: () => void;
  children: ReactNode;
}

class RemoteBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[shell] ${this.props.remote} failed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const kind = error instanceof RemoteLoadError ? error.kind : 'crashed';
    const headline =
      kind === 'incompatible'
        ? `${this.props.label} is incompatible with this version of the app.`
        : kind === 'not-configured'
          ? `${this.props.label} is not configured.`
          : kind === 'crashed'
            ? `${this.props.label} stopped working.`
            : `${this.props.label} is unavailable right now.`;
    return (
      <div role="alert" className={cx(uiStyles.notice, uiStyles.error, styles.fallback)} data-testid={`remote-fallback-${this.props.remote}`} data-kind={kind}>
        <strong>{headline}</strong>
        <span className={uiStyles.muted}>The rest of the app keeps working. {kind === 'unavailable' ? 'Its server may be down or redeploying.' : ''}</span>
        <details>
          <summary>Details</summary>
          <code className={styles.fallbackDetail}>{error.message}</code>
        </details>
        <div>
          <button
            type="button"
            className={cx(uiStyles.button, uiStyles.primary)}
            onClick={() => {
              this.setState({ error: null });
              this.props.onRetry();
            }}
          >
            Retry
          </button>
        </div>
      </div>
    );
  }
}

export function RemoteSlot<P extends object>({ remote, module, label, props }: { remote: RemoteName; module: string; label: string; props: P }) {
  const [attempt, setAttempt] = useState(0);
  const Lazy = useMemo(
    () =>
      lazy(async (): Promise<{ default: ComponentType<P> }> => {
        if (attempt > 0) resetRemote(remote);
        const mod = await loadExposed<P>(remote, module);
        return { default: mod.default };
      }),
    [remote, module, attempt],
  );
  return (
    <section className={styles.slot} aria-label={label} data-remote={remote}>
      <RemoteBoundary key={attempt} remote={remote} label={label} onRetry={() => setAttempt((n) => n + 1)}>
        <Suspense fallback={<Loading label={`Loading ${label}`} lines={4} />}>
          <Lazy {...props} />
        </Suspense>
      </RemoteBoundary>
    </section>
  );
}
