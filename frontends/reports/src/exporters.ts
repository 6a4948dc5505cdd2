/**
 * Report exports, generated in the browser from the analysis data. Every value from the incident
 * or the models is untrusted: Markdown escapes it (no HTML, links, images or structure can come
 * from data) and the PDF writer escapes its strings.
 */
import { agentLabel, formatDateTime, formatMs, formatPercent, formatUsd, humanize } from '@soc/ui-common/format';
import { plainText } from '@soc/ui-common/safe';
import { PdfDocument } from './pdf';
import type { Analysis, ReportIncident } from './queries';

/**
 * Inline Markdown text. Characters with inline meaning (\ ` * _ [ ] | ~) are backslash-escaped,
 * & < > become entities (no raw HTML), URL schemes, www. and @ are broken up so renderers do not
 * auto-link them, newlines become spaces (a value never starts a new block) and a block marker at
 * the value's start (#, -, +, =, "1.") is escaped. No link, image, emphasis or HTML can come from data.
 */
export function mdText(value: unknown): string {
  return plainText(value)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\b(https?|ftp|file|javascript|data|vbscript|mailto):/gi, '$1\\:')
    .replace(/\bwww\./gi, 'www\\.')
    .replace(/@/g, '\\@')
    .replace(/^(?:[#+=-]|\d+[.)])/, (marker) => marker.replace(/[#+=.)-]/, '\\$&'));
}

/** Paragraphs of untrusted text: each line escaped, blank lines kept as paragraph breaks. */
export function mdParagraphs(value: unknown): string {
  return plainText(value)
    .split(/\r?\n\s*\r?\n/)
    .map((p) => mdText(p))
    .filter(Boolean)
    .join('\n\n');
}

/** A code span that no backtick in the value can close (IOCs, ids). */
export function mdCode(value: unknown): string {
  const text = plainText(value).replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

const cell = (value: unknown) => mdText(value).replace(/\|/g, '\\|') || '–';

function table(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function reportFileName(incident: ReportIncident, analysis: Analysis, ext: 'md' | 'pdf'): string {
  return `incident-${incident.number}-analysis-${analysis.id.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 24)}.${ext}`;
}

export function toMarkdown(incident: ReportIncident, analysis: Analysis): string {
  const out: string[] = [];
  out.push(`# AI analysis: incident #${incident.number}`);
  out.push('');
  out.push(`**Incident:** ${mdText(incident.title)}  `);
  out.push(`**Severity:** ${humanize(incident.severity)} · **Status:** ${humanize(incident.status)} · **Created:** ${formatDateTime(incident.createdAt)}  `);
  out.push(
    `**Analysis:** ${mdCode(analysis.id)} · ${humanize(analysis.status)} · requested ${formatDateTime(analysis.createdAt)}${analysis.requestedBy ? ` by ${mdText(analysis.requestedBy)}` : ''}${analysis.completedAt ? ` · completed ${formatDateTime(analysis.completedAt)}` : ''}  `,
  );
  out.push(`**Usage:** ${analysis.totalTokens} tokens · ${formatUsd(analysis.totalCostUsd)}`);
  if (analysis.error) out.push('', `> **Failed:** ${mdText(analysis.error)}`);

  const v = analysis.verdict;
  out.push('', '## Verdict', '');
  if (v) {
    out.push(`**${humanize(v.classification)}** with ${formatPercent(v.confidence)} confidence.`, '', mdParagraphs(v.summary));
    if (v.evidence.length) out.push('', '**Evidence**', '', ...v.evidence.map((e) => `- ${mdText(e)}`));
    if (v.recommendedActions.length) out.push('', '**Recommended actions**', '', ...v.recommendedActions.map((a, i) => `${i + 1}. ${mdText(a)}`));
  } else out.push('_No verdict._');

  const rc = analysis.rootCause;
  out.push('', '## Root cause', '');
  if (rc) {
    out.push(mdParagraphs(rc.summary), '', mdParagraphs(rc.rootCause));
    if (rc.attackChain.length) out.push('', '**Attack chain**', '', ...rc.attackChain.map((s, i) => `${i + 1}. **${mdText(s.step)}**: ${mdText(s.description)}`));
    if (rc.affectedAssets.length) out.push('', `**Affected assets:** ${rc.affectedAssets.map(mdCode).join(', ')}`);
    if (rc.evidence.length) out.push('', '**Evidence**', '', ...rc.evidence.map((e) => `- ${mdText(e)}`));
  } else out.push('_Not available._');

  const ta = analysis.threatAnalysis;
  out.push('', '## Threat analysis', '');
  if (ta) {
    out.push(mdParagraphs(ta.summary));
    if (ta.tactics.length) out.push('', `**Tactics:** ${ta.tactics.map((t) => `${mdText(t.name)} (${mdCode(t.id)})`).join(', ')}`);
    if (ta.techniques.length)
      out.push('', '**Techniques**', '', table(['ATT&CK id', 'Technique', 'Tactic', 'Evidence'], ta.techniques.map((t) => [mdCode(t.id), cell(t.name), cell(t.tactic), cell(t.evidence)])));
    if (ta.iocs.length) out.push('', '**Indicators of compromise**', '', table(['Type', 'Value', 'Context'], ta.iocs.map((i) => [humanize(i.type), mdCode(i.value).replace(/\|/g, '\\|'), cell(i.context)])));
    if (ta.evidence.length) out.push('', '**Evidence**', '', ...ta.evidence.map((e) => `- ${mdText(e)}`));
  } else out.push('_Not available._');

  const ev = analysis.emailVerdict;
  out.push('', '## Email verdict', '');
  if (ev) {
    out.push(`**${humanize(ev.verdict)}** with ${formatPercent(ev.confidence)} confidence.`, '', mdParagraphs(ev.summary));
    if (ev.signals.length) out.push('', table(['Signal', 'Weight', 'Detail'], ev.signals.map((s) => [cell(s.name), s.weight.toFixed(2), cell(s.detail)])));
  } else out.push('_Not applicable or not available (the incident has no mail entities)._');

  const sa = analysis.severityAssessment;
  out.push('', '## Severity assessment', '');
  if (sa) {
    out.push(`**${humanize(sa.severity)}** (score ${sa.score.toFixed(0)} / 100).`, '', mdParagraphs(sa.rationale));
    if (sa.factors.length) out.push('', table(['Factor', 'Weight', 'Detail'], sa.factors.map((f) => [cell(f.name), f.weight.toFixed(2), cell(f.detail)])));
  } else out.push('_Not available._');

  out.push('', '## Agent stages', '');
  out.push(
    table(
      ['Agent', 'Status', 'Provider / model', 'Duration', 'Tokens in / out', 'Cost', 'Notes'],
      analysis.stages.map((s) => [
        agentLabel(s.agent),
        humanize(s.status),
        cell([s.provider, s.model].filter(Boolean).join(' / ')),
        formatMs(s.durationMs),
        `${s.inputTokens} / ${s.outputTokens}`,
        formatUsd(s.costUsd),
        cell([s.cached ? 'cached' : '', s.attempts > 1 ? `${s.attempts} attempts` : '', ...s.fallbacks, s.error ?? ''].filter(Boolean).join('; ')),
      ]),
    ),
  );
  out.push('', `_Generated ${formatDateTime(new Date().toISOString())} by SOC Analyst. Model output: verify before acting._`, '');
  return out.join('\n');
}

export function toPdf(incident: ReportIncident, analysis: Analysis): Blob {
  const doc = new PdfDocument(`AI analysis: incident #${incident.number}`, `Incident #${incident.number} · AI analysis ${analysis.id}`);
  doc.heading(`AI analysis: incident #${incident.number}`, 1);
  doc.paragraph(incident.title, { font: 'F2', size: 11 });
  doc.keyValue('Severity / status', `${humanize(incident.severity)} / ${humanize(incident.status)}`);
  doc.keyValue('Incident created', formatDateTime(incident.createdAt));
  doc.keyValue('Analysis', `${analysis.id} · ${humanize(analysis.status)}`);
  doc.keyValue('Requested', `${formatDateTime(analysis.createdAt)}${analysis.requestedBy ? ` by ${analysis.requestedBy}` : ''}`);
  if (analysis.completedAt) doc.keyValue('Completed', formatDateTime(analysis.completedAt));
  doc.keyValue('Usage', `${analysis.totalTokens} tokens · ${formatUsd(analysis.totalCostUsd)}`);
  if (analysis.error) doc.keyValue('Failed', analysis.error);

  const v = analysis.verdict;
  doc.heading('Verdict');
  if (v) {
    doc.paragraph(`${humanize(v.classification)} with ${formatPercent(v.confidence)} confidence.`, { font: 'F2' });
    doc.paragraph(v.summary);
    if (v.evidence.length) {
      doc.heading('Evidence', 3);
      doc.bullets(v.evidence);
    }
    if (v.recommendedActions.length) {
      doc.heading('Recommended actions', 3);
      doc.bullets(v.recommendedActions, true);
    }
  } else doc.paragraph('No verdict.');

  const rc = analysis.rootCause;
  doc.heading('Root cause');
  if (rc) {
    doc.paragraph(rc.summary);
    doc.paragraph(rc.rootCause);
    if (rc.attackChain.length) {
      doc.heading('Attack chain', 3);
      doc.bullets(rc.attackChain.map((s) => `${s.step}: ${s.description}`), true);
    }
    if (rc.affectedAssets.length) doc.keyValue('Affected assets', rc.affectedAssets.join(', '));
    if (rc.evidence.length) {
      doc.heading('Evidence', 3);
      doc.bullets(rc.evidence);
    }
  } else doc.paragraph('Not available.');

  const ta = analysis.threatAnalysis;
  doc.heading('Threat analysis');
  if (ta) {
    doc.paragraph(ta.summary);
    if (ta.tactics.length) doc.keyValue('Tactics', ta.tactics.map((t) => `${t.name} (${t.id})`).join(', '));
    if (ta.techniques.length) {
      doc.heading('Techniques', 3);
      doc.table(['ATT&CK id', 'Technique', 'Tactic', 'Evidence'], ta.techniques.map((t) => [t.id, t.name, t.tactic ?? '', t.evidence ?? '']), [1.2, 2.4, 1.6, 3.6], [0]);
    }
    if (ta.iocs.length) {
      doc.heading('Indicators of compromise', 3);
      doc.table(['Type', 'Value', 'Context'], ta.iocs.map((i) => [humanize(i.type), i.value, i.context ?? '']), [1.2, 3.6, 3.2], [1]);
    }
    if (ta.evidence.length) {
      doc.heading('Evidence', 3);
      doc.bullets(ta.evidence);
    }
  } else doc.paragraph('Not available.');

  const ev = analysis.emailVerdict;
  doc.heading('Email verdict');
  if (ev) {
    doc.paragraph(`${humanize(ev.verdict)} with ${formatPercent(ev.confidence)} confidence.`, { font: 'F2' });
    doc.paragraph(ev.summary);
    if (ev.signals.length) doc.table(['Signal', 'Weight', 'Detail'], ev.signals.map((s) => [s.name, s.weight.toFixed(2), s.detail]), [2, 0.8, 5.2]);
  } else doc.paragraph('Not applicable or not available (the incident has no mail entities).');

  const sa = analysis.severityAssessment;
  doc.heading('Severity assessment');
  if (sa) {
    doc.paragraph(`${humanize(sa.severity)} (score ${sa.score.toFixed(0)} / 100).`, { font: 'F2' });
    doc.paragraph(sa.rationale);
    if (sa.factors.length) doc.table(['Factor', 'Weight', 'Detail'], sa.factors.map((f) => [f.name, f.weight.toFixed(2), f.detail]), [2, 0.8, 5.2]);
  } else doc.paragraph('Not available.');

  doc.heading('Agent stages');
  doc.table(
    ['Agent', 'Status', 'Provider / model', 'Duration', 'Tokens in/out', 'Cost'],
    analysis.stages.map((s) => [agentLabel(s.agent), humanize(s.status), [s.provider, s.model].filter(Boolean).join(' / '), formatMs(s.durationMs), `${s.inputTokens} / ${s.outputTokens}`, formatUsd(s.costUsd)]),
    [2, 1.2, 2.4, 1, 1.3, 0.9],
  );
  doc.paragraph(`Generated ${formatDateTime(new Date().toISOString())} by SOC Analyst. Model output: verify before acting.`, { size: 8, color: [0.45, 0.47, 0.5] });
  return doc.toBlob();
}
