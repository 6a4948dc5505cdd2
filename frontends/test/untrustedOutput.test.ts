/**
 * Incident data and model output are untrusted: the report exports must not let them inject
 * Markdown structure, HTML or links, or break out of PDF strings; links from data must be safe.
 */
import { mdCode, mdText, toMarkdown } from '../reports/src/exporters';
import { PdfDocument, pdfString } from '../reports/src/pdf';
import type { Analysis, ReportIncident } from '../reports/src/queries';
import { safeExternalUrl } from '../common/src/safe';

const hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** # heading\n- item `code` https://evil.example/x www.evil.example a@b.example | pipe';

const incident: ReportIncident = {
  id: 'i1',
  number: 42,
  title: 'Phish <script>alert(1)</script> (urgent) \\ back',
  severity: 'HIGH',
  status: 'ACTIVE',
  createdAt: '2026-11-24T10:00:00.000Z',
  analyses: [],
  latestAnalysis: null,
};

const analysis: Analysis = {
  id: 'a1',
  status: 'COMPLETED',
  createdAt: '2026-11-24T10:01:00.000Z',
  completedAt: '2026-11-24T10:02:00.000Z',
  requestedBy: 'analyst@contoso.example',
  error: null,
  totalTokens: 1234,
  totalCostUsd: 0,
  stages: [
    { agent: 'RCA_ANALYST', status: 'COMPLETED', provider: 'local', model: 'm', startedAt: null, finishedAt: null, error: null, durationMs: 12, inputTokens: 1, outputTokens: 2, costUsd: 0, attempts: 1, cached: false, fallbacks: [] },
  ],
  rootCause: { summary: hostile, rootCause: hostile, attackChain: [{ step: 'Initial access', description: hostile }], affectedAssets: ['host`1'], evidence: [hostile] },
  threatAnalysis: {
    summary: hostile,
    tactics: [{ id: 'TA0001', name: 'Initial Access' }],
    techniques: [{ id: 'T1566.001', name: 'Spearphishing Attachment', tactic: 'InitialAccess', evidence: hostile }],
    iocs: [{ type: 'URL', value: 'https://evil.example/a|b`c', context: hostile }],
    evidence: [],
  },
  emailVerdict: null,
  severityAssessment: { severity: 'HIGH', score: 80, rationale: hostile, factors: [] },
  verdict: { classification: 'TRUE_POSITIVE', confidence: 0.92, summary: hostile, evidence: [hostile], recommendedActions: [hostile] },
};

describe('Markdown export', () => {
  it('escapes HTML, links, emphasis and block structure in untrusted text', () => {
    const text = mdText(hostile);
    expect(text).not.toMatch(/<img/);
    expect(text).toContain('&lt;img');
    expect(text).not.toContain('[click](');
    expect(text).toContain('\\[click\\](javascript\\:alert(1))');
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).not.toMatch(/\n/); // a value never starts a new block
    expect(text).toContain('https\\://evil');
    expect(text).toContain('www\\.evil');
    expect(text).toContain('a\\@b');
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('- not a list')).toBe('\\- not a list');
    expect(mdText('1. not a list')).toBe('1\\. not a list');
    expect(mdText('plain-words (kept) = readable')).toBe('plain-words (kept) = readable');
  });

  it('keeps indicators inside code spans no backtick can close', () => {
    expect(mdCode('a`b')).toBe('`` a`b ``');
    expect(mdCode('x\ny')).toBe('` x y `');
  });

  it('produces a report whose only structure is its own', () => {
    const markdown = toMarkdown(incident, analysis);
    expect(markdown.startsWith('# AI analysis: incident #42')).toBe(true);
    expect(markdown).not.toMatch(/<(img|script)/i);
    expect(markdown).not.toMatch(/(?<!\\)[[\]]/); // no unescaped bracket: no link or image
    // Every heading comes from the template.
    expect(markdown.match(/^#+ .*/gm)).toEqual([
      '# AI analysis: incident #42',
      '## Verdict',
      '## Root cause',
      '## Threat analysis',
      '## Email verdict',
      '## Severity assessment',
      '## Agent stages',
    ]);
    // Table cells cannot add columns.
    for (const row of markdown.split('\n').filter((l) => l.startsWith('| ') && l.includes('URL'))) {
      expect(row.split(/(?<!\\)\|/).length).toBe(5);
    }
  });
});

describe('PDF export', () => {
  it('escapes string delimiters and replaces what WinAnsi cannot show', () => {
    expect(pdfString('a(b)c\\d')).toBe('a\\(b\\)c\\\\d');
    expect(pdfString(') Tj ET BT (')).toBe('\\) Tj ET BT \\(');
    expect(pdfString('naïve – “quotes” 漢字')).toBe(`na\xefve \x96 \x93quotes\x94 ??`);
  });

  it('writes a well-formed file: header, objects at the offsets the xref gives, trailer', async () => {
    const doc = new PdfDocument('T (1)', 'header');
    doc.heading('Title', 1);
    for (let i = 0; i < 120; i++) doc.paragraph(`Line ${i} ${hostile}`);
    doc.table(['a', 'b'], [['1', 'https://evil.example/' + 'x'.repeat(300)]], [1, 3], [1]);
    const bytes = doc.toBytes();
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const [, count] = /xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
    const entries = text.slice(startxref).split('\n').slice(3, 2 + Number(count));
    entries.forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    // Stream lengths match their content, so readers need no repair.
    for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      expect(text.slice(start + Number(m[1]), start + Number(m[1]) + '\nendstream'.length)).toBe('\nendstream');
    }
    expect(Number(/\/Count (\d+)/.exec(text)![1])).toBeGreaterThan(1);
    expect((await doc.toBlob().arrayBuffer()).byteLength).toBe(bytes.length);
  });
});

describe('links from data', () => {
  it('only https URLs without credentials become links', () => {
    expect(safeExternalUrl('https://portal.azure.com/#asset/x')).toBe('https://portal.azure.com/#asset/x');
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>', 'http://portal.azure.com/', '//evil.example', '/relative', 'https://user:pw@evil.example/', 'vbscript:x', '', null]) {
      expect(safeExternalUrl(bad)).toBeNull();
    }
  });
});
