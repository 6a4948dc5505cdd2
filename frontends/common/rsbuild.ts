/**
 * Rsbuild settings every frontend shares; each app's rsbuild.config.ts passes what is its own
 * (name, port, federation options). Environment read at build time:
 *   FRONTEND_DIST_DIR  output folder (default: <app>/dist); the launcher builds into it
 *   SOC_BUILD_LABEL    free-text label shown in the app's footer (e.g. a release or commit)
 */
import path from 'node:path';
import { defineConfig, type RsbuildConfig } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';
import { pluginModuleFederation, type ModuleFederationOptions } from '@module-federation/rsbuild-plugin';

export interface SocAppOptions {
  /** Federation name and folder name: shell, dashboard, chat, reports. */
  app: string;
  /** Absolute path of the app's folder. */
  dir: string;
  /** Dev server port (production serving is the launcher's business). */
  port: number;
  title: string;
  version: string;
  federation: ModuleFederationOptions;
  /** Remotes are loaded from other origins: chunks resolve against the manifest's URL. */
  remote: boolean;
}

export function socRsbuildConfig(options: SocAppOptions): RsbuildConfig {
  const { app, dir } = options;
  const production = process.env.NODE_ENV === 'production';
  return defineConfig({
    root: dir,
    plugins: [pluginReact(), pluginModuleFederation(options.federation)],
    source: {
      entry: { index: path.join(dir, 'src/index.ts') },
      define: {
        __SOC_APP__: JSON.stringify(app),
        __SOC_VERSION__: JSON.stringify(options.version),
        __SOC_BUILD_LABEL__: JSON.stringify(process.env.SOC_BUILD_LABEL ?? ''),
      },
    },
    resolve: {
      alias: { '@soc/ui-common': path.resolve(dir, '../common/src') },
    },
    html: {
      template: path.resolve(dir, '../common/index.html'),
      favicon: path.resolve(dir, '../common/favicon.svg'),
      title: options.title,
      meta: { description: `SOC analyst UI: ${app}` },
    },
    output: {
      distPath: { root: process.env.FRONTEND_DIST_DIR ? path.resolve(process.env.FRONTEND_DIST_DIR) : path.join(dir, 'dist') },
      assetPrefix: options.remote ? 'auto' : '/',
      cssModules: {
        // Scoped per app: the same source class never collides across remotes.
        localIdentName: production ? `${app}-[local]-[hash:base64:5]` : `${app}-[path][name]__[local]`,
      },
      sourceMap: { js: production ? false : 'cheap-module-source-map', css: false },
    },
    performance: {
      chunkSplit: { strategy: 'split-by-experience' },
    },
    server: {
      port: options.port,
      strictPort: true,
      host: 'localhost',
      historyApiFallback: !options.remote,
      // Dev servers of remotes are fetched by the shell's origin.
      cors: options.remote ? { origin: '*' } : undefined,
    },
    dev: {
      assetPrefix: options.remote ? 'auto' : '/',
    },
  });
}
