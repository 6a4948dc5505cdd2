import { retryDelayMs } from '../../src/services/backoff';
import { ruleMatches, type MatchFacts } from '../../src/services/ruleMatcher';
import type { RuleMatch } from '../../src/models';

const match = (overrides: Partial<RuleMatch>): RuleMatch => ({
  eventTypes: ['ANALYSIS_COMPLETED'],
  classifications: [],
  minConfidence: null,
  severities: [],
  statusTransitions: [],
  sources: [],
  ...overrides,
});
const facts = (overrides: Partial<MatchFacts>): MatchFacts => ({
  eventType: 'ANALYSIS_COMPLETED',
  classification: 'TRUE_POSITIVE',
  confidence: 0.9,
  severity: 'HIGH',
  status: null,
  previousStatus: null,
  statusChanged: false,
  source: null,
  ...overrides,
});

test('every condition must hold; lists match any of their values', () => {
  const rule = match({ classifications: ['TRUE_POSITIVE'], severities: ['HIGH', 'MEDIUM'], minConfidence: 0.8 });
  expect(ruleMatches(rule, facts({}))).toBe(true);
  expect(ruleMatches(rule, facts({ severity: 'MEDIUM' }))).toBe(true);
  expect(ruleMatches(rule, facts({ classification: 'FALSE_POSITIVE' }))).toBe(false);
  expect(ruleMatches(rule, facts({ severity: 'LOW' }))).toBe(false);
  expect(ruleMatches(rule, facts({ confidence: 0.79 }))).toBe(false);
  expect(ruleMatches(rule, facts({ eventType: 'ANALYSIS_FAILED' }))).toBe(false);
});

test('status transitions: to a status, optionally from one, and only when the status changed', () => {
  const closed = match({ eventTypes: ['INCIDENT_UPDATED'], statusTransitions: [{ from: null, to: 'CLOSED' }] });
  const update = (o: Partial<MatchFacts>) => facts({ eventType: 'INCIDENT_UPDATED', status: 'CLOSED', previousStatus: 'ACTIVE', statusChanged: true, ...o });
  expect(ruleMatches(closed, update({}))).toBe(true);
  expect(ruleMatches(closed, update({ previousStatus: 'NEW' }))).toBe(true);
  expect(ruleMatches(closed, update({ statusChanged: false, previousStatus: 'CLOSED' }))).toBe(false);
  expect(ruleMatches(closed, update({ status: 'ACTIVE', previousStatus: 'NEW' }))).toBe(false);
  const fromNew = match({ eventTypes: ['INCIDENT_UPDATED'], statusTransitions: [{ from: 'NEW', to: 'CLOSED' }] });
  expect(ruleMatches(fromNew, update({}))).toBe(false);
  expect(ruleMatches(fromNew, update({ previousStatus: 'NEW' }))).toBe(true);
});

test('backoff doubles with jitter, is capped, and never undercuts the provider', () => {
  const policy = { baseMs: 1000, maxMs: 8000 };
  expect(retryDelayMs(1, policy, null, () => 0)).toBe(500);
  expect(retryDelayMs(1, policy, null, () => 1)).toBe(1000);
  expect(retryDelayMs(3, policy, null, () => 1)).toBe(4000);
  expect(retryDelayMs(10, policy, null, () => 1)).toBe(8000);
  expect(retryDelayMs(1, policy, 30_000, () => 0)).toBe(30_000);
});
