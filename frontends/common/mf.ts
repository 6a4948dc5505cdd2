/**
 * Module Federation settings every frontend shares (build time, Node side). The shell and the
 * remotes build their `shared` section from their own package.json with `sharedDependencies`, so
 * the versions a remote asks for are the versions it was built and tested with; the check in
 * `frontends/test/sharedVersions.test.ts` fails when they stop being compatible with the shell's.
 */

/** Shared as singletons, with their `/` subpath keys (react/jsx-runtime, react-dom/client, @apollo/client/react, ...). */
export const SINGLETON_PACKAGES = ['react', 'react-dom', '@apollo/client'] as const;
/** Shared as singletons without subpath keys: @apollo/client's documents and errors must be one graphql. */
export const SINGLETON_SUPPORT_PACKAGES = ['graphql'] as const;

export interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface SharedItem {
  singleton: true;
  strictVersion: true;
  requiredVersion: string;
}

/** The `shared` section of an app's federation config, from its package.json. */
export function sharedDependencies(pkg: PackageJson): Record<string, SharedItem> {
  const shared: Record<string, SharedItem> = {};
  for (const name of [...SINGLETON_PACKAGES, ...SINGLETON_SUPPORT_PACKAGES]) {
    const requiredVersion = pkg.dependencies?.[name];
    if (!requiredVersion) throw new Error(`${pkg.name} must list ${name} in its dependencies (it is a shared singleton)`);
    const item: SharedItem = { singleton: true, strictVersion: true, requiredVersion };
    shared[name] = item;
    if ((SINGLETON_PACKAGES as readonly string[]).includes(name)) shared[`${name}/`] = { ...item };
  }
  return shared;
}

/** Federation names of the apps; remotes.json keys are these. */
export const REMOTE_NAMES = ['dashboard', 'chat', 'reports'] as const;
export type RemoteName = (typeof REMOTE_NAMES)[number];
