/**
 * The shell and every remote must agree on the shared singletons (react, react-dom,
 * @apollo/client with their `/` subpath keys, and graphql): a remote built against an incompatible
 * version would fail at run time in the browser, so this fails the build first.
 */
import path from 'node:path';
import chatFederation from '../chat/module-federation.config';
import chatPkg from '../chat/package.json';
import dashboardFederation from '../dashboard/module-federation.config';
import dashboardPkg from '../dashboard/package.json';
import reportsFederation from '../reports/module-federation.config';
import reportsPkg from '../reports/package.json';
import shellFederation from '../shell/module-federation.config';
import shellPkg from '../shell/package.json';
import { appSpec, compatibilityProblems, configProblems, satisfies, type AppSpec } from './sharedCompat';

const dir = (app: string) => path.join(__dirname, '..', app);
const shell = appSpec('shell', dir('shell'), shellPkg, shellFederation);
const remotes = [
  appSpec('dashboard', dir('dashboard'), dashboardPkg, dashboardFederation),
  appSpec('chat', dir('chat'), chatPkg, chatFederation),
  appSpec('reports', dir('reports'), reportsPkg, reportsFederation),
];

describe('shared singletons of the frontends', () => {
  it('the shell shares react, react-dom and @apollo/client (with their / keys) as singletons', () => {
    expect(configProblems(shell)).toEqual([]);
  });

  it.each(remotes.map((r) => [r.name, r] as const))('%s is compatible with the shell', (_name, remote) => {
    expect(compatibilityProblems(shell, remote)).toEqual([]);
  });

  it('only the dashboard ships recharts', () => {
    expect(Object.keys(dashboardPkg.dependencies)).toContain('recharts');
    for (const pkg of [shellPkg, chatPkg, reportsPkg]) expect(Object.keys(pkg.dependencies)).not.toContain('recharts');
    for (const config of [shellFederation, dashboardFederation, chatFederation, reportsFederation]) expect(Object.keys(config.shared ?? {})).not.toContain('recharts');
  });

  describe('the check itself', () => {
    const remoteWith = (overrides: Partial<Record<string, string>>, installed: Record<string, string>): AppSpec => {
      const base = remotes[0]!;
      const dependencies = { ...base.dependencies, ...overrides } as Record<string, string>;
      const shared = Object.fromEntries(
        Object.entries(base.shared).map(([key, value]) => {
          const pkg = key.replace(/\/$/, '');
          return [key, typeof value === 'string' ? value : { ...value, requiredVersion: dependencies[pkg] }];
        }),
      );
      return { name: 'broken', dir: base.dir, dependencies, shared, installed: { react: '19.3.1', 'react-dom': '19.3.1', '@apollo/client': '4.3.8', graphql: '16.15.0', ...installed } };
    };

    it('fails a remote that needs another React major', () => {
      const broken = remoteWith({ react: '^18.3.1', 'react-dom': '^18.3.1' }, { react: '18.3.1', 'react-dom': '18.3.1' });
      const problems = compatibilityProblems(shell, broken);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/requires react \^18\.3\.1, the shell provides 19\./), expect.stringMatching(/ships react-dom 18\.3\.1, the shell requires/)]));
    });

    it('fails a remote on Apollo Client 3', () => {
      const broken = remoteWith({ '@apollo/client': '^3.13.0' }, { '@apollo/client': '3.13.8' });
      expect(compatibilityProblems(shell, broken).join('\n')).toMatch(/@apollo\/client/);
    });

    it('fails a remote that does not share a singleton or its subpath key', () => {
      const base = remotes[0]!;
      const { ['react/']: _omitted, ...shared } = base.shared;
      expect(compatibilityProblems(shell, { ...base, shared }).join('\n')).toMatch(/"react\/" is not shared/);
      const nonSingleton = { ...base.shared, '@apollo/client': { requiredVersion: base.dependencies['@apollo/client'] } };
      expect(compatibilityProblems(shell, { ...base, shared: nonSingleton }).join('\n')).toMatch(/must be a singleton/);
    });

    it('understands the ranges package.json uses', () => {
      expect(satisfies('19.3.1', '^19.0.0')).toBe(true);
      expect(satisfies('20.0.0', '^19.0.0')).toBe(false);
      expect(satisfies('4.3.8', '~4.3.0')).toBe(true);
      expect(satisfies('4.4.0', '~4.3.0')).toBe(false);
      expect(satisfies('16.15.0', '^15.0.0 || ^16.0.0')).toBe(true);
      expect(satisfies('0.2.5', '^0.2.1')).toBe(true);
      expect(satisfies('0.3.0', '^0.2.1')).toBe(false);
      expect(satisfies('19.3.1', '>=19.1 <20')).toBe(true);
    });
  });
});
