/**
 * Federation settings of the shell (host). No remotes here: their URLs come from remotes.json at
 * run time (see src/federation.ts), so the shell is built once for every deployment.
 */
import type { ModuleFederationOptions } from '@module-federation/rsbuild-plugin';
import { sharedDependencies } from '../common/mf';
import pkg from './package.json';

const config: ModuleFederationOptions = {
  name: 'shell',
  remotes: {},
  shared: sharedDependencies(pkg),
  dts: false,
};

export default config;
