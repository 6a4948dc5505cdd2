import { readFileSync } from 'node:fs';
import path from 'node:path';
import { csvObjects } from './parseCsv';
import { SENTINEL_DATA } from '../../../../test/support/testData';


export type AlertRow = Record<string, unknown>;

/**
 * The 189 SecurityAlert rows of msticpy's alertlist.csv as a Logic App would post them: one object
 * per row, every cell a string. The unnamed first column is pandas' row index, not a table column.
 */
export function alertListRows(): Array<Record<string, string>> {
  return csvObjects(readFileSync(path.join(SENTINEL_DATA, 'tables/msticpy_alertlist.csv'), 'utf8')).map(({ '': _index, ...row }) => row);
}

/** stix-shifter's SecurityAlert row: today's column names, Entities keyed by type with entities repeated inline. */
export function stixShifterAlertRow(): AlertRow {
  return JSON.parse(readFileSync(path.join(SENTINEL_DATA, 'tables/stixshifter_SecurityAlert_row_asc.json'), 'utf8')) as AlertRow;
}

/** The response body of a Sentinel REST API example. */
export function restExample<T>(file: string, status = '200'): T {
  const example = JSON.parse(readFileSync(path.join(SENTINEL_DATA, 'rest-api-examples', file), 'utf8')) as { responses: Record<string, { body: T }> };
  const response = example.responses[status];
  if (!response) throw new Error(`${file} has no ${status} response`);
  return response.body;
}

export interface WebhookReply {
  status: number;
  body: {
    received?: number;
    created?: number;
    updated?: number;
    unchanged?: number;
    errors?: Array<{ message: string; extensions?: { code?: string; problems?: Array<{ path: string; message: string }> } }>;
  };
}

/** POST /webhooks/sentinel/<tenant> on the gateway, as a partner tool or Sentinel playbook sends it. */
export async function postWebhook(gatewayUrl: string, tenant: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<WebhookReply> {
  const response = await fetch(`${gatewayUrl}/webhooks/sentinel/${tenant}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as WebhookReply['body'] };
}
