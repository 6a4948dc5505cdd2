/**
 * Compatibility of a remote's shared singletons with the shell's, from their package.json and
 * federation config. A remote is compatible when, for every shared singleton, the version the
 * shell ships satisfies the remote's required range and the remote's version satisfies the
 * shell's: whichever copy the federation runtime picks then works for both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SINGLETON_PACKAGES, SINGLETON_SUPPORT_PACKAGES } from '../common/mf';

export interface SharedConfigItem {
  singleton?: boolean;
  strictVersion?: boolean;
  requiredVersion?: string | false;
}

export interface AppSpec {
  name: string;
  /** The app's folder (installed versions are resolved from here). */
  dir: string;
  dependencies: Record<string, string>;
  shared: Record<string, SharedConfigItem | string>;
  /** Installed versions; resolved from `dir` when not given. */
  installed?: Record<string, string>;
}

type Version = [number, number, number];

export function parseVersion(value: string): Version | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(value.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** One comparator set (space-separated AND) of a semver range: ^, ~, =, >=, >, <=, <, x-ranges. */
function satisfiesSet(version: Version, set: string): boolean {
  const parts = set.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return true;
  return parts.every((part) => {
    if (part === '*' || part === 'x' || part === 'latest') return true;
    const m = /^(\^|~|>=|<=|>|<|=)?v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:-[\w.]+)?$/.exec(part);
    if (!m) throw new Error(`Unsupported version range "${set}"`);
    const op = m[1] ?? '=';
    const nums = [m[2], m[3], m[4]].map((n) => (n === undefined || n === 'x' || n === '*' ? null : Number(n)));
    const [major, minor, patch] = nums as [number | null, number | null, number | null];
    const floor: Version = [major ?? 0, minor ?? 0, patch ?? 0];
    if (major === null) return true;
    switch (op) {
      case '^': {
        if (compare(version, floor) < 0) return false;
        if (major > 0) return version[0] === major;
        if ((minor ?? 0) > 0) return version[0] === 0 && version[1] === minor;
        return version[0] === 0 && version[1] === (minor ?? 0) && (patch === null || version[2] === patch);
      }
      case '~':
        return compare(version, floor) >= 0 && version[0] === major && (minor === null || version[1] === minor);
      case '>=':
        return compare(version, floor) >= 0;
      case '>':
        return compare(version, floor) > 0;
      case '<=':
        return compare(version, floor) <= 0;
      case '<':
        return compare(version, floor) < 0;
      default:
        return version[0] === major && (minor === null || version[1] === minor) && (patch === null || version[2] === patch);
    }
  });
}

export function satisfies(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) return false;
  return range.split('||').some((set) => satisfiesSet(parsed, set));
}

export function installedVersion(dir: string, pkg: string): string {
  const file = require.resolve(`${pkg}/package.json`, { paths: [dir] });
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export const REQUIRED_SINGLETONS = [...SINGLETON_PACKAGES, ...SINGLETON_PACKAGES.map((p) => `${p}/`), ...SINGLETON_SUPPORT_PACKAGES];

function item(spec: AppSpec, key: string): SharedConfigItem | null {
  const value = spec.shared[key];
  if (value === undefined) return null;
  return typeof value === 'string' ? { requiredVersion: value } : value;
}

function versionOf(spec: AppSpec, pkg: string): string {
  return spec.installed?.[pkg] ?? installedVersion(spec.dir, pkg);
}

/** Problems of one app's own federation config (singletons declared, ranges match package.json). */
export function configProblems(spec: AppSpec): string[] {
  const problems: string[] = [];
  for (const key of REQUIRED_SINGLETONS) {
    const pkg = key.replace(/\/$/, '');
    const shared = item(spec, key);
    if (!shared) {
      problems.push(`${spec.name}: "${key}" is not shared`);
      continue;
    }
    if (shared.singleton !== true) problems.push(`${spec.name}: "${key}" must be a singleton`);
    const declared = spec.dependencies[pkg];
    if (!declared) problems.push(`${spec.name}: ${pkg} is shared but not in its dependencies`);
    else if (shared.requiredVersion !== declared) problems.push(`${spec.name}: "${key}" requires ${String(shared.requiredVersion)} but package.json has ${declared}`);
    if (declared && !satisfies(versionOf(spec, pkg), declared)) problems.push(`${spec.name}: installed ${pkg}@${versionOf(spec, pkg)} does not satisfy its own ${declared}`);
  }
  return problems;
}

/** Problems between the shell and one remote. Empty when compatible. */
export function compatibilityProblems(shell: AppSpec, remote: AppSpec): string[] {
  const problems = [...configProblems(remote)];
  for (const key of REQUIRED_SINGLETONS) {
    const pkg = key.replace(/\/$/, '');
    const remoteItem = item(remote, key);
    const shellItem = item(shell, key);
    if (!remoteItem || !shellItem) continue;
    const shellVersion = versionOf(shell, pkg);
    const remoteVersion = versionOf(remote, pkg);
    const remoteRange = remoteItem.requiredVersion || '*';
    const shellRange = shellItem.requiredVersion || '*';
    if (!satisfies(shellVersion, remoteRange)) problems.push(`${remote.name}: requires ${pkg} ${remoteRange}, the shell provides ${shellVersion}`);
    if (!satisfies(remoteVersion, shellRange)) problems.push(`${remote.name}: ships ${pkg} ${remoteVersion}, the shell requires ${shellRange}`);
  }
  return [...new Set(problems)];
}

export function appSpec(name: string, dir: string, pkg: { dependencies?: Record<string, string> }, config: { shared?: unknown }): AppSpec {
  return { name, dir: path.resolve(dir), dependencies: pkg.dependencies ?? {}, shared: (config.shared ?? {}) as AppSpec['shared'] };
}
