import type { RenderedEmail } from '../models';
import { cleanText, defang, escapeHtml, singleLine } from './escape';
import { incidentLabel, percent, reportTitle, type IncidentReport } from './incidentReport';

const MAX_ITEMS = 25;
const DEFANGED_IOC_TYPES = new Set(['URL', 'DOMAIN', 'IPV4', 'IPV6', 'EMAIL']);

interface Section {
  heading: string;
  paragraphs: string[];
  list: string[];
}

const iocValue = (ioc: { type: string; value: string }) => (DEFANGED_IOC_TYPES.has(ioc.type) ? defang(ioc.value) : ioc.value);

/** The report as plain sections of text; both parts are rendered from these, so they always say the same. */
function sections(report: IncidentReport): Section[] {
  const out: Section[] = [];
  const { incident } = report;
  const facts = [
    ['Incident', `${incidentLabel(report)}: ${incident.title}`],
    ['Severity', incident.severity],
    ['Status', incident.status],
    ['Classification', incident.classification],
    ['Owner', incident.owner],
    ...report.facts.map((fact) => [fact.label, fact.value]),
  ].filter((pair): pair is [string, string] => Boolean(pair[1]));
  out.push({ heading: 'Incident', paragraphs: [], list: facts.map(([label, value]) => `${label}: ${cleanText(value, 500)}`) });
  if (incident.description) out.push({ heading: 'Description', paragraphs: [cleanText(incident.description, 2000)], list: [] });
  if (report.summary) out.push({ heading: 'Summary', paragraphs: [cleanText(report.summary)], list: [] });
  if (report.verdict) {
    const v = report.verdict;
    out.push({ heading: `Verdict: ${v.classification} (${percent(v.confidence)} confidence)`, paragraphs: [cleanText(v.summary)], list: [] });
    if (v.evidence.length) out.push({ heading: 'Evidence', paragraphs: [], list: v.evidence.slice(0, MAX_ITEMS).map((e) => cleanText(e, 500)) });
    if (v.recommendedActions.length) {
      out.push({ heading: 'Recommended actions', paragraphs: [], list: v.recommendedActions.slice(0, MAX_ITEMS).map((a) => cleanText(a, 500)) });
    }
  }
  if (report.severityAssessment) {
    const s = report.severityAssessment;
    out.push({ heading: `Severity assessment: ${s.severity} (score ${Math.round(s.score)})`, paragraphs: [cleanText(s.rationale)], list: [] });
  }
  if (report.rootCause) {
    const r = report.rootCause;
    out.push({
      heading: 'Root cause',
      paragraphs: [r.summary, r.rootCause].filter(Boolean).map((p) => cleanText(p)),
      list: [
        ...r.attackChain.slice(0, MAX_ITEMS).map((step, i) => `${i + 1}. ${cleanText(step.step, 200)}: ${cleanText(step.description, 500)}`),
        ...(r.affectedAssets.length ? [`Affected assets: ${r.affectedAssets.slice(0, MAX_ITEMS).map((a) => cleanText(a, 200)).join(', ')}`] : []),
      ],
    });
  }
  if (report.threat) {
    const t = report.threat;
    out.push({
      heading: 'Threat analysis',
      paragraphs: t.summary ? [cleanText(t.summary)] : [],
      list: [
        ...t.tactics.slice(0, MAX_ITEMS).map((tactic) => `Tactic ${cleanText(tactic.id, 20)} ${cleanText(tactic.name, 200)}`),
        ...t.techniques.slice(0, MAX_ITEMS).map((tech) => `Technique ${cleanText(tech.id, 20)} ${cleanText(tech.name, 200)}${tech.tactic ? ` (${cleanText(tech.tactic, 100)})` : ''}`),
      ],
    });
    if (t.iocs.length) {
      out.push({
        heading: 'Indicators of compromise (defanged)',
        paragraphs: [],
        list: t.iocs.slice(0, MAX_ITEMS * 2).map((ioc) => `${ioc.type}: ${cleanText(iocValue(ioc), 500)}${ioc.context ? ` (${cleanText(ioc.context, 200)})` : ''}`),
      });
    }
  }
  if (report.emailVerdict) {
    const e = report.emailVerdict;
    out.push({ heading: `Email verdict: ${e.verdict} (${percent(e.confidence)} confidence)`, paragraphs: [cleanText(e.summary)], list: [] });
  }
  return out;
}

const FOOTER = 'Sent by the SOC platform. Incident and analysis text is quoted as received; links and indicators are not clickable on purpose.';

function renderText(title: string, parts: Section[]): string {
  const lines = [title, '='.repeat(Math.min(title.length, 72)), ''];
  for (const section of parts) {
    lines.push(section.heading, '-'.repeat(Math.min(section.heading.length, 72)));
    for (const paragraph of section.paragraphs) lines.push(paragraph, '');
    for (const item of section.list) lines.push(`  * ${item}`);
    if (section.list.length) lines.push('');
  }
  lines.push('--', FOOTER, '');
  return lines.join('\n');
}

/**
 * HTML with inline styles only: no scripts, no remote images or fonts, no links. Every value is
 * escaped where it is interpolated; nothing untrusted reaches the markup unescaped.
 */
function renderHtml(title: string, parts: Section[]): string {
  const body = parts
    .map((section) => {
      const paragraphs = section.paragraphs.map((p) => `<p style="margin:0 0 8px;white-space:pre-wrap">${escapeHtml(p)}</p>`).join('');
      const list = section.list.length ? `<ul style="margin:0 0 8px;padding-left:20px">${section.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
      return `<h2 style="font-size:15px;margin:16px 0 6px;color:#1f2937">${escapeHtml(section.heading)}</h2>${paragraphs}${list}`;
    })
    .join('');
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>',
    escapeHtml(title),
    '</title></head>',
    '<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#111827;background:#ffffff;margin:0;padding:16px">',
    `<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(title)}</h1>`,
    body,
    `<hr style="border:none;border-top:1px solid #e5e7eb;margin:16px 0"><p style="font-size:12px;color:#6b7280">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('');
}

/** The incident-report mail: subject, plain-text and HTML parts of the same content. */
export function renderIncidentReportEmail(report: IncidentReport): RenderedEmail {
  const subject = singleLine(`[SOC] ${reportTitle(report)}`, 200);
  const parts = sections(report);
  return { subject, text: renderText(subject, parts), html: renderHtml(subject, parts) };
}
