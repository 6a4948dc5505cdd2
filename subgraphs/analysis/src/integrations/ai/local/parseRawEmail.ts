import { domainOfAddress } from './domains';
import { extractHtmlLinks, htmlToText } from './html';
import { decodeCharset, decodeEncodedWords, decodeTransfer, parseHeaderParams } from './mimeDecoding';

/**
 * RFC 5322 / MIME parser for one message as an analyst attaches it (a user-reported phish saved as
 * .eml). Tolerant by design: malformed input yields what could be read plus warnings, never a throw.
 */
export interface EmailAddress {
  /** Display name, decoded; empty when none. */
  name: string;
  /** Address in lower case; empty when the header held no address. */
  address: string;
  domain: string;
}

export interface AuthResult {
  method: string;
  /** pass, fail, softfail, neutral, none, temperror, permerror, bestguesspass ... (lower case). */
  result: string;
  /** The domain the result is about: smtp.mailfrom for SPF, header.d for DKIM, header.from for DMARC. */
  domain: string;
  /** The clause as written, for evidence. */
  raw: string;
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface EmailLink {
  href: string;
  /** Anchor text for HTML links; the URL itself for links found in plain text. */
  text: string;
  source: 'html' | 'text';
}

export interface ParsedEmail {
  /** Every header in order, unfolded, encoded words decoded. */
  headers: Array<{ name: string; value: string }>;
  from: EmailAddress | null;
  sender: EmailAddress | null;
  replyTo: EmailAddress[];
  /** Envelope sender from Return-Path, lower case; empty when absent or null (<>). */
  returnPath: string;
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: string;
  messageId: string;
  /** Results from the topmost Authentication-Results header (the receiving organisation's MTA). */
  authResults: AuthResult[];
  /** The authserv-id of that header: the receiving MTA's host name, so it names the recipient organisation. */
  authServId: string;
  /** First word of the topmost Received-SPF header, lower case; empty when absent. */
  receivedSpf: string;
  /** IP addresses in Received headers' "from" clauses, newest hop first. */
  receivedIps: string[];
  textBody: string;
  htmlBody: string;
  /** Readable text of the message: the plain part, else the HTML part as text. */
  bodyText: string;
  links: EmailLink[];
  attachments: EmailAttachment[];
  warnings: string[];
}

const MAX_DEPTH = 8;

/** First value of a header (case-insensitive name), or undefined. */
export function getHeader(email: Pick<ParsedEmail, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return email.headers.find((header) => header.name.toLowerCase() === lower)?.value;
}

export function getHeaders(email: Pick<ParsedEmail, 'headers'>, name: string): string[] {
  const lower = name.toLowerCase();
  return email.headers.filter((header) => header.name.toLowerCase() === lower).map((header) => header.value);
}

/** Splits a header block into unfolded headers (continuation lines start with space or tab). */
function parseHeaderBlock(block: string): Array<{ name: string; value: string }> {
  const headers: Array<{ name: string; value: string }> = [];
  for (const line of block.split('\n')) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1];
      if (last) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const match = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (match) headers.push({ name: match[1] ?? '', value: (match[2] ?? '').trim() });
  }
  return headers.map((header) => ({ name: header.name, value: decodeEncodedWords(header.value) }));
}

/** Splits at the first empty line; a message without one is all headers if it starts like a header. */
function splitHeadersAndBody(text: string): [string, string] {
  const blank = /\n[ \t]*\n/.exec(text);
  if (!blank) return /^[!-9;-~]+:/.test(text) ? [text, ''] : ['', text];
  return [text.slice(0, blank.index), text.slice(blank.index + blank[0].length)];
}

/** Splits a list on commas outside quotes, angle brackets and comments. */
function splitAddressList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  for (const char of value) {
    if (char === '"' && comment === 0) quoted = !quoted;
    else if (!quoted && char === '<') angle += 1;
    else if (!quoted && char === '>') angle = Math.max(0, angle - 1);
    else if (!quoted && char === '(') comment += 1;
    else if (!quoted && char === ')') comment = Math.max(0, comment - 1);
    if (char === ',' && !quoted && angle === 0 && comment === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  out.push(current);
  return out.map((item) => item.trim()).filter(Boolean);
}

export function parseAddress(text: string): EmailAddress {
  const angle = /<([^<>]*)>/.exec(text);
  let address = '';
  let name = '';
  if (angle) {
    address = (angle[1] ?? '').trim();
    name = text.slice(0, angle.index).trim();
  } else {
    const bare = /[^\s<>(),;:"]+@[^\s<>(),;:"]+/.exec(text);
    address = bare?.[0] ?? '';
    const comment = /\(([^)]*)\)/.exec(text);
    name = comment?.[1] ?? (address ? text.replace(address, '').trim() : text.trim());
  }
  name = name.replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1').trim();
  address = address.replace(/^mailto:/i, '').toLowerCase();
  if (!address.includes('@')) address = '';
  return { name, address, domain: domainOfAddress(address) };
}

export function parseAddressList(value: string | undefined): EmailAddress[] {
  if (!value) return [];
  // Group syntax "undisclosed-recipients:;" carries no address.
  return splitAddressList(value.replace(/^[^:<>"@]+:\s*;?\s*$/, '')).map(parseAddress).filter((address) => address.address || address.name);
}

/** Parses "mx.contoso.com; spf=pass smtp.mailfrom=x.com; dkim=fail header.d=x.com; dmarc=..." */
export function parseAuthenticationResults(value: string): AuthResult[] {
  const clauses: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (!quoted && char === '(') depth += 1;
    if (!quoted && char === ')') depth = Math.max(0, depth - 1);
    if (char === ';' && depth === 0 && !quoted) {
      clauses.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  clauses.push(current.trim());
  const results: AuthResult[] = [];
  for (const clause of clauses) {
    const match = /^([a-z][a-z0-9-]*)\s*=\s*([a-z-]+)/i.exec(clause);
    if (!match) continue;
    const method = (match[1] ?? '').toLowerCase();
    const result = (match[2] ?? '').toLowerCase();
    const prop = (key: string): string => new RegExp(`(?:^|\\s)${key.replace('.', '\\.')}\\s*=\\s*"?([^\\s;"]+)`, 'i').exec(clause)?.[1] ?? '';
    let domain = '';
    if (method === 'spf') domain = domainOfAddress(prop('smtp.mailfrom')) || prop('smtp.mailfrom') || prop('smtp.helo');
    else if (method === 'dkim') domain = prop('header.d') || domainOfAddress(prop('header.i'));
    else if (method === 'dmarc' || method === 'compauth') domain = prop('header.from');
    results.push({ method, result, domain: domain.toLowerCase().replace(/^@/, ''), raw: clause.replace(/\s+/g, ' ').slice(0, 300) });
  }
  return results;
}

/** The first clause of Authentication-Results when it is a host name rather than a result. */
export function authServIdOf(value: string): string {
  const first = value.split(';')[0]?.trim() ?? '';
  const host = first.split(/\s+/)[0] ?? '';
  return !first.includes('=') && /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host.toLowerCase() : '';
}

interface PartState {
  text: string[];
  html: string[];
  attachments: EmailAttachment[];
  warnings: string[];
}

function walkPart(headers: Array<{ name: string; value: string }>, body: string, state: PartState, depth: number): void {
  if (depth > MAX_DEPTH) {
    state.warnings.push('MIME nesting deeper than 8 levels: inner parts ignored');
    return;
  }
  const header = (name: string): string | undefined => getHeader({ headers }, name);
  const contentType = parseHeaderParams(header('Content-Type') ?? 'text/plain; charset=us-ascii');
  const disposition = parseHeaderParams(header('Content-Disposition') ?? '');
  const type = contentType.value || 'text/plain';
  const filename = decodeEncodedWords(disposition.params.filename ?? contentType.params.name ?? '');

  if (type.startsWith('multipart/')) {
    const boundary = contentType.params.boundary;
    if (!boundary) {
      state.warnings.push(`${type} without a boundary: body ignored`);
      return;
    }
    const marker = `--${boundary}`;
    const lines = body.split('\n');
    const parts: string[][] = [];
    let current: string[] | null = null;
    for (const line of lines) {
      const trimmed = line.trimEnd();
      if (trimmed === `${marker}--`) {
        if (current) parts.push(current);
        current = null;
        break;
      }
      if (trimmed === marker) {
        if (current) parts.push(current);
        current = [];
        continue;
      }
      current?.push(line);
    }
    if (current) {
      parts.push(current);
      state.warnings.push(`${type} is missing its closing boundary`);
    }
    for (const part of parts) {
      const [partHeaders, partBody] = splitHeadersAndBody(part.join('\n'));
      walkPart(parseHeaderBlock(partHeaders), partBody, state, depth + 1);
    }
    return;
  }

  if (type === 'message/rfc822' && disposition.value !== 'attachment') {
    const [innerHeaders, innerBody] = splitHeadersAndBody(body);
    walkPart(parseHeaderBlock(innerHeaders), innerBody, state, depth + 1);
    return;
  }

  const encoding = (header('Content-Transfer-Encoding') ?? '').trim().toLowerCase();
  // 7bit/8bit bodies are already text (the caller decoded the file); only base64 and QP carry bytes.
  const encoded = encoding === 'base64' || encoding === 'quoted-printable';
  const isAttachment = disposition.value === 'attachment' || (filename !== '' && !(disposition.value === 'inline' && type.startsWith('text/')));
  if (isAttachment) {
    const size = encoded ? decodeTransfer(body, encoding).length : Buffer.byteLength(body.trim());
    state.attachments.push({ filename: filename || '(unnamed)', contentType: type, size });
    return;
  }
  if (type !== 'text/plain' && type !== 'text/html') return;
  const content = encoded ? decodeCharset(decodeTransfer(body, encoding), contentType.params.charset) : body;
  (type === 'text/plain' ? state.text : state.html).push(content);
}

const TEXT_URL = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

export function parseRawEmail(raw: string): ParsedEmail {
  const text = raw.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  // Mailbox files start with an mbox "From " line; it is not a header.
  const withoutMbox = text.replace(/^From [^\n]*\n/, '');
  const [headerBlock, body] = splitHeadersAndBody(withoutMbox);
  const headers = parseHeaderBlock(headerBlock);
  const state: PartState = { text: [], html: [], attachments: [], warnings: [] };
  if (headers.length === 0) state.warnings.push('no headers found: the whole input was read as a body');
  walkPart(headers, body, state, 0);

  const email = { headers };
  const fromList = parseAddressList(getHeader(email, 'From'));
  const authHeader = getHeader(email, 'Authentication-Results');
  const receivedSpf = /^\s*([a-z]+)/i.exec(getHeader(email, 'Received-SPF') ?? '')?.[1]?.toLowerCase() ?? '';
  const receivedIps: string[] = [];
  for (const received of getHeaders(email, 'Received')) {
    const fromClause = /^\s*from\s+([\s\S]*?)(?:\bby\b|$)/i.exec(received)?.[1] ?? '';
    for (const ip of fromClause.matchAll(/\[(?:IPv6:)?([0-9a-f:.]+)\]/gi)) if (ip[1]) receivedIps.push(ip[1].toLowerCase());
  }

  const textBody = state.text.join('\n\n').trim();
  const htmlBody = state.html.join('\n').trim();
  const links: EmailLink[] = [];
  for (const html of state.html) for (const link of extractHtmlLinks(html)) links.push({ ...link, source: 'html' });
  const seen = new Set(links.map((link) => link.href));
  for (const match of textBody.matchAll(TEXT_URL)) {
    const href = match[0].replace(/[.,;:!?]+$/, '');
    if (seen.has(href)) continue;
    seen.add(href);
    links.push({ href, text: href, source: 'text' });
  }

  return {
    headers,
    from: fromList[0] ?? null,
    sender: parseAddressList(getHeader(email, 'Sender'))[0] ?? null,
    replyTo: parseAddressList(getHeader(email, 'Reply-To')),
    returnPath: parseAddress(getHeader(email, 'Return-Path') ?? '').address,
    to: parseAddressList(getHeader(email, 'To')),
    cc: parseAddressList(getHeader(email, 'Cc')),
    subject: getHeader(email, 'Subject') ?? '',
    date: getHeader(email, 'Date') ?? '',
    messageId: getHeader(email, 'Message-ID') ?? '',
    authResults: authHeader ? parseAuthenticationResults(authHeader) : [],
    authServId: authHeader ? authServIdOf(authHeader) : '',
    receivedSpf,
    receivedIps,
    textBody,
    htmlBody,
    bodyText: textBody || (htmlBody ? htmlToText(htmlBody) : ''),
    links,
    attachments: state.attachments,
    warnings: state.warnings,
  };
}
