/** Federation settings of the reports remote. */
import type { ModuleFederationOptions } from '@module-federation/rsbuild-plugin';
import { sharedDependencies } from '../common/mf';
import pkg from './package.json';

const config: ModuleFederationOptions = {
  name: 'reports',
  filename: 'remoteEntry.js',
  exposes: {
    './Report': './src/exposes/Report.tsx',
  },
  shared: sharedDependencies(pkg),
  manifest: true,
  dts: false,
};

export default config;
