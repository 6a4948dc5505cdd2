/**
 * Every text in a notification (incident titles, model output, reasons) is untrusted: it came
 * from Sentinel, an attacker's mail or a model. These helpers make it inert for each medium.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

// C0/C1 controls and Unicode bidi overrides (which can disguise text); tabs and newlines stay.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text without control characters, at most `max` characters. */
export function cleanText(value: string | null | undefined, max = 4000): string {
  const text = (value ?? '').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line (mail subjects, headers: a newline there would inject headers), at most `max` characters. */
export const singleLine = (value: string | null | undefined, max = 200): string => cleanText((value ?? '').replace(/\s+/g, ' ').trim(), max);

/**
 * An indicator made unclickable, as SOC reports write them (hxxp://evil[.]example): mail clients
 * and chat apps turn bare URLs and domains into links even in plain text.
 */
export function defang(value: string): string {
  return value.replace(/^http/i, (m) => `${m[0]}xx${m.slice(3)}`).replace(/\./g, '[.]').replace(/@/g, '[@]');
}

/** Slack mrkdwn: &, < and > are its control characters (links, mentions such as <!channel>). */
export const escapeSlack = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Teams MessageCard text is Markdown with some HTML: escape both, so no link, image or markup can be injected. */
export const escapeTeams = (value: string): string => escapeHtml(value).replace(/([\\`*_[\]#|~])/g, '\\$1');
