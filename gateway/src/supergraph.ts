import { readFileSync } from 'node:fs';
import type { GatewayConfig } from './config';

export interface Supergraph {
  sdl: string;
  /** Subgraph name -> GraphQL URL, after deployment overrides. */
  urls: Record<string, string>;
}

const JOIN_GRAPH = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;

/**
 * Reads the composed supergraph and applies SUBGRAPH_URL_<NAME> overrides. Tests may pass a
 * supergraph they composed from their own subgraphs: it needs only `tenants` (the identity
 * directory), not the four product subgraphs.
 */
export function loadSupergraph(config: GatewayConfig, customSdl?: string): Supergraph {
  const sdl = customSdl ?? readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const urls: Record<string, string> = {};
  for (const [, name, url] of sdl.matchAll(JOIN_GRAPH)) {
    const override = config[`SUBGRAPH_URL_${name!.toUpperCase()}` as keyof GatewayConfig];
    urls[name!] = typeof override === 'string' ? override : url!;
  }
  for (const required of customSdl ? ['tenants'] : ['incidents', 'analysis', 'tenants', 'notifications']) {
    if (!urls[required]) throw new Error(`supergraph ${customSdl ? '(given SDL)' : config.SUPERGRAPH_PATH} has no subgraph named ${required}`);
  }
  return { sdl, urls };
}
