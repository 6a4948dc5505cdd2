/** Federation settings of the dashboard remote. */
import type { ModuleFederationOptions } from '@module-federation/rsbuild-plugin';
import { sharedDependencies } from '../common/mf';
import pkg from './package.json';

const config: ModuleFederationOptions = {
  name: 'dashboard',
  filename: 'remoteEntry.js',
  exposes: {
    './Dashboard': './src/exposes/Dashboard.tsx',
    './IncidentDetail': './src/exposes/IncidentDetail.tsx',
  },
  shared: sharedDependencies(pkg),
  manifest: true,
  dts: false,
};

export default config;
