import type { IncidentRecord } from '../../src/models/incidentRecord';
import { generateDemoIncidents, type DemoIncident, type DemoIncidentOptions } from '../../src/demo/generateDemoIncidents';
import { mapSentinelIncident } from '../../src/integrations/sentinel/mapSentinelIncident';
import { attackShortname, loadMitreCatalog } from './loadMitreCatalog';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY = 86_400_000;
const options: DemoIncidentOptions = { tenantId: 'contoso', count: 200, seed: 1234, now: NOW };

const incidents = generateDemoIncidents(options);
const records = incidents.map(toRecord);
const mitre = loadMitreCatalog();

function toRecord({ incident, alerts, entities, comments }: DemoIncident): IncidentRecord {
  return mapSentinelIncident(incident, { alerts, entities, comments });
}

const ms = (iso: string | undefined): number => new Date(iso ?? Number.NaN).getTime();

describe('generateDemoIncidents', () => {
  it('is deterministic for the same options', () => {
    expect(generateDemoIncidents(options)).toEqual(incidents);
  });

  it('changes with the seed and with the tenant', () => {
    const otherSeed = generateDemoIncidents({ ...options, seed: 4321 });
    expect(otherSeed.map((i) => i.incident.name)).not.toEqual(incidents.map((i) => i.incident.name));
    expect(otherSeed.map((i) => i.incident.properties.title)).not.toEqual(incidents.map((i) => i.incident.properties.title));
    const otherTenant = generateDemoIncidents({ ...options, tenantId: 'fabrikam', count: 20 });
    expect(otherTenant.map((i) => i.incident.name)).not.toEqual(incidents.slice(0, 20).map((i) => i.incident.name));
  });

  it('produces the requested count, numbered from startNumber (default 1)', () => {
    expect(incidents).toHaveLength(200);
    expect(incidents.map((i) => i.incident.properties.incidentNumber)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const later = generateDemoIncidents({ ...options, count: 3, startNumber: 500 });
    expect(later.map((i) => i.incident.properties.incidentNumber)).toEqual([500, 501, 502]);
    expect(later.map((i) => i.incident.properties.providerIncidentId)).toEqual(['500', '501', '502']);
    expect(generateDemoIncidents({ ...options, count: 0 })).toEqual([]);
  });

  it('rejects a bad count or workspace id', () => {
    expect(() => generateDemoIncidents({ ...options, count: -1 })).toThrow(/count/);
    expect(() => generateDemoIncidents({ ...options, workspaceResourceId: 'my-workspace' })).toThrow(/workspaceResourceId/);
  });

  it('maps every incident through mapSentinelIncident', () => {
    for (const seed of [1, 2, 3]) {
      for (const tenantId of ['contoso', 'tenant-b', '6f1c2f0e-9d3b-4c39-9a57-1b2f3e4d5c6a']) {
        for (const generated of generateDemoIncidents({ tenantId, count: 100, seed, now: NOW })) {
          expect(() => toRecord(generated)).not.toThrow();
        }
      }
    }
  });

  it('places resources under the workspace with GUID names and quoted etags', () => {
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const workspace =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/soc-demo/providers/Microsoft.OperationalInsights/workspaces/contoso-workspace';
    for (const { incident, alerts, entities, comments } of incidents) {
      expect(incident.name).toMatch(guid);
      expect(incident.id).toBe(`${workspace}/providers/Microsoft.SecurityInsights/incidents/${incident.name}`);
      expect(incident.etag).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/);
      expect(incident.properties.incidentUrl).toContain(incident.id);
      for (const resource of [...alerts, ...entities]) {
        expect(resource.name).toMatch(guid);
        expect(resource.id).toBe(`${workspace}/providers/Microsoft.SecurityInsights/Entities/${resource.name}`);
      }
      for (const comment of comments) expect(comment.id).toBe(`${incident.id}/comments/${comment.name}`);
    }
    const names = incidents.flatMap((i) => [i.incident.name, ...i.alerts.map((a) => a.name), ...i.entities.map((e) => e.name)]);
    expect(new Set(names).size).toBe(names.length);

    const custom = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/sec/providers/Microsoft.OperationalInsights/workspaces/sentinel-prod';
    const [first] = generateDemoIncidents({ ...options, count: 1, workspaceResourceId: custom });
    expect(first?.incident.id.startsWith(`${custom}/providers/Microsoft.SecurityInsights/incidents/`)).toBe(true);
  });

  it('keeps summary data consistent with the related resources', () => {
    for (const { incident, alerts, comments } of incidents) {
      const data = incident.properties.additionalData;
      expect(data.alertsCount).toBe(alerts.length);
      expect(data.commentsCount).toBe(comments.length);
      expect(alerts.length).toBeGreaterThanOrEqual(1);
      expect(alerts.length).toBeLessThanOrEqual(4);
      expect(new Set(data.alertProductNames)).toEqual(new Set(alerts.map((a) => a.properties.productName)));
      expect(incident.properties.relatedAnalyticRuleIds).toHaveLength(1);
    }
  });

  it('uses only active ATT&CK techniques that belong to one of the tactics they are reported with', () => {
    for (const record of records) {
      const tactics = record.tactics.map(attackShortname);
      for (const tactic of tactics) expect(mitre.tactics).toContain(tactic);
      for (const technique of record.techniques) {
        const techniqueTactics = mitre.techniques.get(technique);
        expect(techniqueTactics).toBeDefined();
        expect(techniqueTactics?.some((t) => tactics.includes(t))).toBe(true);
      }
      for (const alert of record.alerts) {
        const alertTactics = alert.tactics.map(attackShortname);
        expect(alert.techniques.length).toBeGreaterThan(0);
        for (const technique of alert.techniques) {
          expect(mitre.techniques.get(technique)?.some((t) => alertTactics.includes(t))).toBe(true);
        }
      }
    }
  });

  it('orders timestamps: first ≤ last activity ≤ alerts ≤ created ≤ comments ≤ last modified ≤ now, within 30 days', () => {
    for (const { incident, alerts, comments } of incidents) {
      const p = incident.properties;
      const first = ms(p.firstActivityTimeUtc);
      const last = ms(p.lastActivityTimeUtc);
      const created = ms(p.createdTimeUtc);
      const modified = ms(p.lastModifiedTimeUtc);
      expect(first).toBeGreaterThanOrEqual(NOW.getTime() - 30 * DAY);
      expect(first).toBeLessThanOrEqual(last);
      expect(last).toBeLessThanOrEqual(created);
      expect(created).toBeLessThanOrEqual(modified);
      expect(modified).toBeLessThanOrEqual(NOW.getTime());
      for (const alert of alerts) {
        const a = alert.properties;
        expect(ms(a.startTimeUtc)).toBeGreaterThanOrEqual(first);
        expect(ms(a.startTimeUtc)).toBeLessThanOrEqual(ms(a.endTimeUtc));
        expect(ms(a.endTimeUtc)).toBeLessThanOrEqual(last);
        expect(ms(a.timeGenerated)).toBeLessThanOrEqual(created);
      }
      for (const comment of comments) {
        expect(ms(comment.properties.createdTimeUtc)).toBeGreaterThanOrEqual(created);
        expect(ms(comment.properties.createdTimeUtc)).toBeLessThanOrEqual(modified);
      }
    }
    const createdTimes = incidents.map((i) => ms(i.incident.properties.createdTimeUtc));
    expect(createdTimes).toEqual([...createdTimes].sort((a, b) => a - b));
    expect(Math.max(...createdTimes) - Math.min(...createdTimes)).toBeGreaterThan(20 * DAY);
  });

  it('mixes severities realistically: all four present, HIGH under 30%', () => {
    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.severity, (counts.get(record.severity) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['HIGH', 'INFORMATIONAL', 'LOW', 'MEDIUM']);
    expect(counts.get('HIGH') ?? 0).toBeLessThan(0.3 * records.length);
    expect(counts.get('MEDIUM') ?? 0).toBeGreaterThan(counts.get('HIGH') ?? 0);
  });

  it('closes about a quarter with a verdict, and only worked incidents have an owner', () => {
    const closed = records.filter((r) => r.status === 'CLOSED');
    expect(closed.length).toBeGreaterThan(0.15 * records.length);
    expect(closed.length).toBeLessThan(0.35 * records.length);
    for (const record of records) {
      if (record.status === 'CLOSED') {
        expect(record.classification).not.toBeNull();
        expect(record.classificationReason).not.toBeNull();
        expect(record.classificationComment).toEqual(expect.any(String));
      } else {
        expect(record.classification).toBeNull();
      }
      if (record.status === 'NEW') expect(record.owner).toBeNull();
      else expect(record.owner?.email).toMatch(/^[a-z]+\.[a-z]+@contoso\.example$/);
    }
    expect(records.some((r) => r.comments.length > 0)).toBe(true);
    expect(records.some((r) => r.labels.length > 0)).toBe(true);
  });

  it('names people and machines after the tenant and uses documentation or private IP ranges', () => {
    const entities = incidents.flatMap((i) => i.entities);
    for (const entity of entities) {
      if (entity.kind === 'Account' && entity.properties.upnSuffix !== undefined) expect(entity.properties.upnSuffix).toBe('contoso.example');
      if (entity.kind === 'Ip') expect(entity.properties.address).toMatch(/^(203\.0\.113|198\.51\.100|192\.0\.2)\.\d+$|^10\.\d+\.\d+\.\d+$/);
    }
    const hostNames = entities.flatMap((e) => (e.kind === 'Host' ? [e.properties.hostName ?? ''] : []));
    expect(hostNames.some((name) => /^CONTOSO-(WS|LT)-\d{4}$/.test(name))).toBe(true);
  });

  it('includes phishing incidents with Mailbox, MailMessage and Url entities that agree with each other', () => {
    const phishing = incidents.filter(({ entities }) => ['Mailbox', 'MailMessage', 'Url'].every((kind) => entities.some((e) => e.kind === kind)));
    expect(phishing.length).toBeGreaterThan(0);
    for (const { entities } of phishing) {
      const mailbox = entities.find((e) => e.kind === 'Mailbox');
      const message = entities.find((e) => e.kind === 'MailMessage');
      const url = entities.find((e) => e.kind === 'Url');
      if (mailbox?.kind !== 'Mailbox' || message?.kind !== 'MailMessage' || url?.kind !== 'Url') throw new Error('narrowing');
      expect(message.properties.recipient).toBe(mailbox.properties.mailboxPrimaryAddress);
      expect(message.properties.urls).toContain(url.properties.url);
      expect(message.properties.networkMessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(message.properties.p2Sender).toMatch(/@/);
      expect(message.properties.subject).toEqual(expect.any(String));
    }
  });

  it('draws on a wide set of scenarios', () => {
    const rules = new Set(incidents.map((i) => i.incident.properties.relatedAnalyticRuleIds[0]));
    expect(rules.size).toBeGreaterThanOrEqual(15);
  });
});
