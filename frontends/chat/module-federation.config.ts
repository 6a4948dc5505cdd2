/** Federation settings of the chat remote. */
import type { ModuleFederationOptions } from '@module-federation/rsbuild-plugin';
import { sharedDependencies } from '../common/mf';
import pkg from './package.json';

const config: ModuleFederationOptions = {
  name: 'chat',
  filename: 'remoteEntry.js',
  exposes: {
    './Chat': './src/exposes/Chat.tsx',
  },
  shared: sharedDependencies(pkg),
  manifest: true,
  dts: false,
};

export default config;
