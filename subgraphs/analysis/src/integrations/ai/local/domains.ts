import { domainToUnicode } from 'node:url';
import { FILE_LIKE_TLDS, INTERNAL_TLDS, KNOWN_TLDS, RESERVED_TLDS, tldOf } from './tlds';

/**
 * Second-level suffixes under which registrations happen one level deeper (a small, offline stand-in
 * for the Public Suffix List: enough for mail and phishing domains seen in practice).
 */
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'ltd.uk', 'plc.uk', 'me.uk', 'net.uk', 'nhs.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'govt.nz', 'ac.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'co.kr', 'or.kr', 'co.in', 'net.in', 'org.in', 'gov.in', 'ac.in',
  'com.br', 'net.br', 'org.br', 'gov.br', 'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'com.hk', 'com.tw', 'com.sg',
  'com.my', 'com.mx', 'com.ar', 'com.co', 'com.tr', 'com.ua', 'com.pl', 'co.za', 'org.za', 'co.il', 'co.id',
  'co.th', 'com.vn', 'com.ph', 'com.pk', 'com.ng', 'com.eg', 'com.sa', 'co.ke', 'com.pe', 'com.ve',
  // Shared hosting where every customer gets a subdomain: the customer label is what identifies the owner.
  'blob.core.windows.net', 'web.core.windows.net', 'azurewebsites.net', 'cloudapp.net', 'sharepoint.com',
  'github.io', 'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'web.app',
  'firebaseapp.com', 'appspot.com', 'ngrok.io', 'ngrok-free.app', 'glitch.me', 'repl.co', 'wixsite.com',
  'weebly.com', 'blogspot.com', 'godaddysites.com', 'square.site', 'translate.goog', 'r2.dev', 'onrender.com',
  'amazonaws.com', 's3.amazonaws.com', 'cloudfront.net', 'okta.com', 'my.salesforce.com', 'zendesk.com',
]);

/** Syntax check for a host name: labels of letters, digits and hyphens, a known TLD. */
export function isValidDomain(domain: string, options: { allowFileLike?: boolean } = {}): boolean {
  const name = domain.toLowerCase().replace(/\.$/, '');
  if (name.length > 253 || !name.includes('.')) return false;
  const labels = name.split('.');
  if (labels.some((label) => label.length === 0 || label.length > 63 || !/^(?:xn--)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label))) {
    return false;
  }
  const tld = tldOf(name);
  if (!KNOWN_TLDS.has(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) return false;
  // All-numeric names are version numbers or IPs, not domains.
  if (labels.slice(0, -1).every((label) => /^\d+$/.test(label))) return false;
  if (!options.allowFileLike && labels.length === 2 && FILE_LIKE_TLDS.has(tld)) return false;
  return true;
}

/** The registrable part ("organisational domain" in DMARC terms): mail.contoso.co.uk → contoso.co.uk. */
export function registrableDomain(domain: string): string {
  const name = domain.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (labels.length <= 2) return name;
  for (let take = Math.min(labels.length - 1, 4); take >= 2; take -= 1) {
    const suffix = labels.slice(-take).join('.');
    if (MULTI_LABEL_SUFFIXES.has(suffix)) return labels.slice(-(take + 1)).join('.');
  }
  return labels.slice(-2).join('.');
}

/** The label that names the owner: contoso in mail.contoso.co.uk. */
export function ownerLabel(domain: string): string {
  const registrable = registrableDomain(domain);
  return registrable.split('.')[0] ?? registrable;
}

export function isSameOrSubdomain(domain: string, parent: string): boolean {
  const d = domain.toLowerCase();
  const p = parent.toLowerCase();
  return d === p || d.endsWith(`.${p}`);
}

/** Same organisational domain (DMARC relaxed alignment). */
export function alignedDomains(a: string, b: string): boolean {
  return registrableDomain(a) === registrableDomain(b);
}

export function isInternalName(domain: string): boolean {
  return INTERNAL_TLDS.has(tldOf(domain));
}

export function isReservedName(domain: string): boolean {
  return RESERVED_TLDS.has(tldOf(domain));
}

/** Unicode form of an IDN (xn--) name for display and homoglyph checks; the input when not punycode. */
export function unicodeDomain(domain: string): string {
  if (!domain.includes('xn--')) return domain.toLowerCase();
  const converted = domainToUnicode(domain.toLowerCase());
  return converted === '' ? domain.toLowerCase() : converted;
}

/** Domain of an email address, lower case; empty when there is none. */
export function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/[>\s]+$/, '');
}

/** Host of a URL, lower case, without port or credentials; empty when unparsable. */
export function hostOfUrl(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[0-9a-f:.]+\]|[^/:?#\\]+)/i.exec(url.trim());
  return (match?.[1] ?? '').toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}
