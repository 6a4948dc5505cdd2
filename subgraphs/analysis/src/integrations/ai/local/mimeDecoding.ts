/** Content decoding for mail: transfer encodings (RFC 2045), charsets and encoded words (RFC 2047). */

/** Bytes to text in the declared charset; unknown charsets fall back to UTF-8, then Latin-1. */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase().replace(/^"|"$/g, '') || 'utf-8';
  const normalized = label === 'us-ascii' || label === 'ascii' ? 'utf-8' : label;
  try {
    return new TextDecoder(normalized, { fatal: false }).decode(bytes);
  } catch {
    // TextDecoder throws RangeError for labels it does not know.
    const utf8 = bytes.toString('utf8');
    return utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8;
  }
}

/** Quoted-printable to bytes: soft line breaks (=CRLF) join lines, =XX is one byte. */
export function decodeQuotedPrintableBytes(input: string): Buffer {
  const text = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '=' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    // Characters outside Latin-1 should not appear in QP text; keep them as UTF-8 rather than lose them.
    const code = char.charCodeAt(0);
    if (code < 256) bytes.push(code);
    else bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes);
}

export function decodeBase64Bytes(input: string): Buffer {
  return Buffer.from(input.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
}

/** A body part's bytes according to its Content-Transfer-Encoding (7bit/8bit/binary pass through). */
export function decodeTransfer(body: string, encoding: string | undefined): Buffer {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === 'base64') return decodeBase64Bytes(body);
  if (name === 'quoted-printable') return decodeQuotedPrintableBytes(body);
  return Buffer.from(body, 'latin1');
}

/**
 * Decodes RFC 2047 encoded words (=?utf-8?B?...?= and =?iso-8859-1?Q?...?=) in a header value.
 * Whitespace between two adjacent encoded words is dropped, as the RFC requires.
 */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?*]+)(?:\*[^?]*)?\?([bq])\?([^?]*)\?=/gi, (_whole, charset: string, mode: string, text: string) => {
    try {
      const bytes = mode.toLowerCase() === 'b' ? decodeBase64Bytes(text) : decodeQuotedPrintableBytes(text.replace(/_/g, ' '));
      return decodeCharset(bytes, charset);
    } catch {
      return text;
    }
  });
}

/** %XX escapes to bytes; other characters as their UTF-8 bytes. */
function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Parameters of a structured header such as Content-Type: text/html; charset="utf-8"; name*=... */
export function parseHeaderParams(value: string): { value: string; params: Record<string, string> } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  const params: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let name = part.slice(0, eq).trim().toLowerCase();
    let raw = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
    // RFC 2231 extended values: name*=utf-8''file%20name.pdf (continuations name*0*= are joined below).
    if (name.endsWith('*')) {
      name = name.slice(0, -1);
      const ext = /^([^']*)'[^']*'(.*)$/.exec(raw);
      if (ext) raw = decodeCharset(percentDecode(ext[2] ?? ''), ext[1]);
    }
    const continuation = /^(.*)\*(\d+)$/.exec(name);
    if (continuation) {
      const base = continuation[1] ?? name;
      params[base] = (params[base] ?? '') + raw;
    } else {
      params[name] = raw;
    }
  }
  return { value: (parts[0] ?? '').trim().toLowerCase(), params };
}
