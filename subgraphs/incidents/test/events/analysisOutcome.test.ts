import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { outboxModel, recordEvent } from '@soc/server-kit';
import { devToken, graphql } from '../../../../test/support/client';
import { DEMO_TENANTS_FILE, startTestStack, type TestStack } from '../../../../test/support/stack';

/**
 * analysis.completed applied by the incidents service under each tenant's write-back policy:
 * contoso allows auto-classification from 0.9 confidence, fabrikam does not, and neither lets a
 * model close a true positive.
 */
let stack: TestStack;
let analysisDb: mongoose.Connection;

beforeAll(async () => {
  const tenants = JSON.parse(readFileSync(DEMO_TENANTS_FILE, 'utf8'));
  tenants.tenants.find((t: { id: string }) => t.id === 'contoso').writeBack = { comment: true, autoClassify: { enabled: true, minConfidence: 0.9 } };
  tenants.tenants.find((t: { id: string }) => t.id === 'fabrikam').writeBack = { comment: false, autoClassify: { enabled: false, minConfidence: 0.9 } };
  const tenantsFile = path.join(mkdtempSync(path.join(tmpdir(), 'soc-writeback-policy-')), 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(tenants));
  stack = await startTestStack({ demoIncidentsPerTenant: 4, env: { TENANTS_FILE: tenantsFile, EVENTS_POLL_INTERVAL_MS: '3600000' } });
  analysisDb = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `${stack.dbPrefix}_analysis` }).asPromise();
});
afterAll(async () => {
  await analysisDb?.close();
  await stack?.stop();
});

async function openIncident(tenantId: string, index: number): Promise<string> {
  const rows = await (await stack.database('incidents')).collection('incidents').find({ tenantId, status: { $ne: 'CLOSED' } }).sort({ number: 1 }).toArray();
  return String(rows[index]!._id);
}

async function completeAnalysis(tenantId: string, incidentId: string, analysisId: string, classification: string, confidence: number) {
  await recordEvent(outboxModel(analysisDb), {
    id: `analysis.completed:${analysisId}`,
    type: 'analysis.completed',
    tenantId,
    payload: {
      incidentId,
      analysisId,
      verdict: { classification, confidence, summary: `The detection is a ${classification.toLowerCase().replace('_', ' ')}.`, evidence: ['e'], recommendedActions: [] },
      severityAssessment: null,
      reportSummary: `Verdict: ${classification}`,
    },
  });
  await stack.subgraphs.incidents.drainEvents();
}

async function incident(tenant: string, id: string) {
  const token = await devToken(stack.gatewayUrl, tenant === 'contoso' ? 'analyst@contoso.example' : 'analyst@fabrikam.example');
  const { body } = await graphql(stack.gatewayUrl, `query($id: ID!) { incident(id: $id) { status classification classificationReason comments { authorName message } timeline { source field to } } }`, { id }, { token });
  return body.data!.incident;
}

test('a confident false positive is closed with its classification, once, by the AI', async () => {
  const id = await openIncident('contoso', 0);
  await completeAnalysis('contoso', id, 'a0000000000000000000fp01', 'FALSE_POSITIVE', 0.95);
  await completeAnalysis('contoso', id, 'a0000000000000000000fp01', 'FALSE_POSITIVE', 0.95); // redelivered
  const after = await incident('contoso', id);
  expect(after).toMatchObject({ status: 'CLOSED', classification: 'FALSE_POSITIVE', classificationReason: 'IncorrectAlertLogic' });
  expect(after.comments.filter((c: { authorName: string }) => c.authorName === 'AI analyst')).toHaveLength(1);
  expect(after.timeline).toContainEqual({ source: 'AI', field: 'status', to: 'CLOSED' });
});

test('below the confidence minimum, or for a true positive, the AI only comments', async () => {
  const unsure = await openIncident('contoso', 1);
  await completeAnalysis('contoso', unsure, 'a0000000000000000000bp02', 'BENIGN_POSITIVE', 0.8);
  expect(await incident('contoso', unsure)).toMatchObject({ status: expect.not.stringMatching('CLOSED'), classification: null });

  const attack = await openIncident('contoso', 2);
  await completeAnalysis('contoso', attack, 'a0000000000000000000tp03', 'TRUE_POSITIVE', 0.99);
  const result = await incident('contoso', attack);
  expect(result.status).not.toBe('CLOSED');
  expect(result.comments.some((c: { authorName: string }) => c.authorName === 'AI analyst')).toBe(true);
});

test('a tenant whose policy allows neither comments nor classification gets neither', async () => {
  const id = await openIncident('fabrikam', 0);
  const before = await incident('fabrikam', id);
  await completeAnalysis('fabrikam', id, 'a0000000000000000000fp04', 'FALSE_POSITIVE', 0.99);
  expect(await incident('fabrikam', id)).toEqual(before);
});
