import { renderIncidentReportEmail } from '../../src/templates/incidentReportEmail';
import { renderWebhookBody } from '../../src/templates/webhookPayloads';
import { emptyReportParts, type IncidentReport } from '../../src/templates/incidentReport';

const hostile = '<script>alert(1)</script><img src="https://evil.example/x.png" onerror=alert(2)>';

const report: IncidentReport = {
  ...emptyReportParts,
  headline: 'AI analysis report: TRUE_POSITIVE',
  analysisId: 'a1',
  incident: { id: 'i1', number: 42, title: `Phish ${hostile}\r\nBcc: victim@example.com`, severity: 'HIGH', status: 'ACTIVE', classification: null, owner: 'Olga', description: `Body ${hostile}` },
  verdict: { classification: 'TRUE_POSITIVE', confidence: 0.914, summary: `Summary ${hostile}`, evidence: [`Evidence ${hostile}`], recommendedActions: ['Reset <b>password</b>'] },
  severityAssessment: { severity: 'HIGH', score: 81.6, rationale: 'Privileged & exposed' },
  threat: {
    summary: 'T1566',
    tactics: [{ id: 'TA0001', name: 'Initial Access' }],
    techniques: [{ id: 'T1566.001', name: 'Spearphishing Attachment', tactic: 'Initial Access' }],
    iocs: [
      { type: 'URL', value: 'https://evil.example/login?x=1', context: 'link in the mail' },
      { type: 'IPV4', value: '203.0.113.7', context: null },
      { type: 'SHA256', value: 'ab'.repeat(32), context: null },
    ],
  },
};

test('the mail has a single-line subject, and the same content as text and as escaped HTML', () => {
  const mail = renderIncidentReportEmail(report);
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.subject).toMatch(/^\[SOC\] \[HIGH\] Incident #42: Phish /);
  expect(mail.subject.length).toBeLessThanOrEqual(200);

  expect(mail.text).toContain('Verdict: TRUE_POSITIVE (91% confidence)');
  expect(mail.text).toContain('Reset <b>password</b>'); // plain text is literal
  expect(mail.text).toContain('hxxps://evil[.]example/login?x=1');
  expect(mail.text).toContain('203[.]0[.]113[.]7');
  expect(mail.text).toContain('ab'.repeat(32)); // hashes are not defanged

  // Nothing untrusted becomes markup: only the template's own tags and attributes, none that loads or runs anything.
  const tags = [...mail.html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
  expect(new Set(tags.map((t) => t[1]!.toLowerCase()))).toEqual(new Set(['html', 'head', 'meta', 'title', 'body', 'h1', 'h2', 'p', 'ul', 'li', 'hr']));
  const attributes = new Set(tags.flatMap((t) => [...t[2]!.matchAll(/\s([a-zA-Z-]+)=/g)].map((a) => a[1]!.toLowerCase())));
  expect([...attributes].sort()).toEqual(['charset', 'content', 'name', 'style']);
  expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(mail.html).toContain('Reset &lt;b&gt;password&lt;/b&gt;');
  expect(mail.html).toContain('Privileged &amp; exposed');
  expect(mail.html).toContain('hxxps://evil[.]example/login?x=1');
  expect(mail.html.startsWith('<!DOCTYPE html>')).toBe(true);
});

test('webhook bodies: generic JSON, a Teams MessageCard and Slack blocks, with markup neutralised', () => {
  const envelope = { notificationId: 'n1', tenantId: 'contoso', event: { id: 'e1', type: 'analysis.completed', occurredAt: new Date('2026-01-01T00:00:00Z') }, rule: { id: 'r1', name: 'TP high' } };
  const generic = JSON.parse(renderWebhookBody('GENERIC', report, envelope));
  expect(generic).toMatchObject({ type: 'soc.notification', version: 1, notificationId: 'n1', tenantId: 'contoso', event: { id: 'e1', type: 'analysis.completed' }, rule: { id: 'r1' } });
  expect(generic.incident).toMatchObject({ id: 'i1', number: 42, severity: 'HIGH' });
  expect(generic.analysis.verdict).toMatchObject({ classification: 'TRUE_POSITIVE', confidence: 0.914 });

  const teams = JSON.parse(renderWebhookBody('TEAMS', report, envelope));
  expect(teams['@type']).toBe('MessageCard');
  expect(teams.themeColor).toBe('C62828');
  expect(JSON.stringify(teams)).not.toMatch(/<script|<img/);
  expect(teams.sections[0].facts).toEqual(expect.arrayContaining([{ name: 'Severity', value: 'HIGH' }]));

  const slack = JSON.parse(renderWebhookBody('SLACK', { ...report, verdict: { ...report.verdict!, summary: 'ping <!channel> and <https://evil.example|click>' } }, envelope));
  expect(slack.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
  const mrkdwn = JSON.stringify(slack.blocks.slice(1));
  expect(mrkdwn).toContain('&lt;!channel&gt;');
  expect(mrkdwn).not.toContain('<!channel>');
  expect(slack.text).not.toMatch(/[<>]/);
});
