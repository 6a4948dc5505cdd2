import { useState, type FormEvent } from 'react';
import type { RuntimeConfig } from './runtimeConfig';
import { devSignIn, type Session } from './session';
import { cx, uiStyles as styles } from './ui';

/**
 * Sign-in with the development issuer: pick a demo user or type an email. (Entra ID sign-in is
 * configured on the gateway; a browser redirect flow is not part of this page yet.)
 */
export function SignInPage({ config, appTitle, onSignedIn }: { config: RuntimeConfig; appTitle: string; onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(address: string) {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await devSignIn(config.gatewayUrl, address));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setError('Enter an email address.');
      return;
    }
    void signIn(email);
  }

  return (
    <main className={styles.signin}>
      <div className={cx(styles.panel, styles.signinCard)}>
        <h1>{appTitle}</h1>
        <p className={styles.muted} style={{ margin: 0 }}>
          Sign in to work your tenants&apos; incidents.
        </p>
        {!config.devSignIn ? (
          <p role="alert">Sign-in is not configured for this deployment.</p>
        ) : (
          <>
            <form className={styles.signinForm} onSubmit={submit} noValidate>
              <label htmlFor="signin-email">Email (development sign-in)</label>
              <input
                id="signin-email"
                className={styles.input}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                placeholder="analyst@contoso.example"
                aria-describedby={error ? 'signin-error' : undefined}
              />
              <button type="submit" className={cx(styles.button, styles.primary)} disabled={busy}>
                {busy ? 'Signing in…' : 'Sign in'}
              </button>
              {error && (
                <div id="signin-error" role="alert" className={cx(styles.notice, styles.error)}>
                  {error}
                </div>
              )}
            </form>
            {config.demoUsers.length > 0 && (
              <section aria-labelledby="demo-users-title" style={{ marginTop: 20 }}>
                <h2 id="demo-users-title" style={{ fontSize: 14, margin: 0 }}>
                  Demo users
                </h2>
                <ul className={styles.demoUsers}>
                  {config.demoUsers.map((user) => (
                    <li key={user.email}>
                      <button type="button" className={cx(styles.button, styles.demoUser)} disabled={busy} onClick={() => void signIn(user.email)}>
                        <span>
                          {user.displayName}
                          <br />
                          <span className={styles.demoUserTenants}>{user.email}</span>
                        </span>
                        <span className={styles.demoUserTenants}>{user.tenants.join(', ')}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
    </main>
  );
}
