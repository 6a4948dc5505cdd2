import type { Ioc } from '../../../agents';
import { domainOfAddress, hostOfUrl, isInternalName, isReservedName, isSameOrSubdomain, isValidDomain, registrableDomain } from './domains';
import { isExternalScope, parseIp, parseIpv4 } from './ipAddress';
import { refang } from './refang';
import { clip } from './text';

export type IocType = Ioc['type'];

export interface ExtractIocOptions {
  /** Where the text came from, e.g. `alert "Suspicious PowerShell"`; quoted in each IOC's context. */
  source?: string;
  /** The organisation's own domains: still listed, but marked internal and never "external". */
  orgDomains?: Iterable<string>;
  /** Addresses known to be sign-in names (UPNs); typed ACCOUNT instead of EMAIL. */
  accountAddresses?: Iterable<string>;
  /** At most this many IOCs (the threat-analysis schema allows 200). */
  limit?: number;
}

/** One IOC with what the pipeline needs beyond the schema: whether it points outside the organisation. */
export interface FoundIoc extends Ioc {
  external: boolean;
}

export const MAX_IOCS = 200;

interface Entry {
  type: IocType;
  value: string;
  notes: string[];
  sources: string[];
  external: boolean;
  order: number;
}

/** Windows directory names that look like DOMAIN\user when a path is quoted without its drive letter. */
const PATH_WORDS = new Set([
  'windows', 'system32', 'syswow64', 'users', 'temp', 'tmp', 'appdata', 'local', 'roaming', 'programdata', 'public',
  'downloads', 'documents', 'desktop', 'software', 'microsoft', 'drivers', 'inetpub', 'wwwroot', 'pipe', 'device',
  'config', 'system', 'fonts', 'tasks', 'prefetch', 'recycler', 'diagnostics', 'usertmp', 'inf', 'logs', 'shared',
  'share', 'c$', 'admin$', 'ipc$', 'sysvol', 'netlogon', 'policies', 'scripts', 'startup', 'run', 'services',
]);

const PROSE_WORDS = new Set(['as', 'and', 'the', 'to', 'in', 'on', 'of', 'for', 'with', 'from', 'then', 'by', 'at', 'via', 'into', 'was', 'is', 'under']);

const FILE_EXTENSION = /\.(?:exe|dll|sys|bat|cmd|ps1|psm1|vbs|js|jse|hta|scr|msi|lnk|txt|log|dat|bin|tmp|ini|xml|json|csv|docx?|xlsx?|pptx?|pdf|zip|rar|7z|iso|img)$/i;

const HIVES: Record<string, string> = {
  hkey_local_machine: 'HKLM',
  hkey_current_user: 'HKCU',
  hkey_classes_root: 'HKCR',
  hkey_users: 'HKU',
  hkey_current_config: 'HKCC',
  hklm: 'HKLM',
  hkcu: 'HKCU',
  hkcr: 'HKCR',
  hku: 'HKU',
  hkcc: 'HKCC',
};

/**
 * Reads a backslash-separated path starting at `start` (just after its root). Directory segments may
 * contain spaces ("Program Files", "Image File Execution Options") because a backslash follows them;
 * the last segment ends at the first space, quote or separator, as it would on a command line.
 */
function scanBackslashPath(text: string, start: number): number {
  let end = start;
  let i = start;
  while (i < text.length && text[i] === '\\') {
    let j = i;
    while (j < text.length && text[j] === '\\') j += 1;
    let k = j;
    while (k < text.length && !/[\\"'<>|\r\n\t*?]/.test(text[k] ?? '')) k += 1;
    const segment = text.slice(j, k);
    if (segment.length === 0) break;
    const nextIsSeparator = text[k] === '\\' && k + 1 < text.length && /[^\s\\]/.test(text[k + 1] ?? '');
    // A directory segment: spaces allowed, but a command-line switch or a drive letter ends the path.
    const switchAt = segment.search(/\s[/-]\w|[a-z]:$|\s&|&&|\s\|/i);
    // Directory names with spaces are short and never prose ("Run as CONTOSO\user" is a sentence).
    const words = segment.split(' ');
    const prose = words.length > 4 || words.some((word) => PROSE_WORDS.has(word.toLowerCase()));
    if (nextIsSeparator && switchAt < 0 && !/\s{2,}/.test(segment) && !(words.length > 1 && prose)) {
      end = k;
      i = k;
      continue;
    }
    const space = segment.search(/[\s,;]/);
    const last = space < 0 ? segment : segment.slice(0, space);
    end = j + last.replace(/[.,;:)\]}]+$/, '').length;
    break;
  }
  return end;
}

export class IocCollector {
  private readonly entries = new Map<string, Entry>();
  private readonly orgDomains: string[];
  private readonly accountAddresses: Set<string>;
  private order = 0;

  constructor(options: Pick<ExtractIocOptions, 'orgDomains' | 'accountAddresses'> = {}) {
    this.orgDomains = [...(options.orgDomains ?? [])].map((domain) => domain.toLowerCase()).filter(Boolean);
    this.accountAddresses = new Set([...(options.accountAddresses ?? [])].map((address) => address.toLowerCase()));
  }

  /** Adds an IOC found outside free text (e.g. an entity property that is known to hold an address). */
  addValue(type: IocType, value: string, source: string, note?: string, external?: boolean): void {
    const clean = value.trim();
    if (!clean) return;
    const key = `${type}:${type === 'FILE_PATH' || type === 'REGISTRY_KEY' || type === 'ACCOUNT' ? clean.toLowerCase() : clean}`;
    const existing = this.entries.get(key);
    if (existing) {
      if (!existing.sources.includes(source)) existing.sources.push(source);
      if (note && !existing.notes.includes(note)) existing.notes.push(note);
      return;
    }
    this.entries.set(key, {
      type,
      value: clean,
      notes: note ? [note] : [],
      sources: [source],
      external: external ?? false,
      order: (this.order += 1),
    });
  }

  private isOrgDomain(domain: string): boolean {
    return this.orgDomains.some((org) => isSameOrSubdomain(domain, org) || isSameOrSubdomain(domain, registrableDomain(org)));
  }

  private addDomain(domain: string, source: string, note?: string): void {
    const name = domain.toLowerCase().replace(/\.$/, '');
    if (this.isOrgDomain(name)) {
      this.addValue('DOMAIN', name, source, "organisation's own domain: internal, not an external indicator", false);
    } else if (isInternalName(name)) {
      this.addValue('DOMAIN', name, source, 'internal-only name: not an external indicator', false);
    } else {
      this.addValue('DOMAIN', name, source, note ?? (isReservedName(name) ? 'reserved documentation TLD (stands in for an internet domain)' : undefined), true);
    }
  }

  private addIp(text: string, source: string, extra?: string): void {
    const info = parseIp(text);
    if (!info) return;
    const external = isExternalScope(info.scope);
    const note = external ? info.note : `${info.note}: internal or reserved, not an external indicator`;
    this.addValue(info.version === 4 ? 'IPV4' : 'IPV6', info.address, source, extra ? `${note}; ${extra}` : note, external);
  }

  /** Extracts every IOC from one piece of text; `source` says where it came from. */
  add(rawText: string, source = 'text'): void {
    if (!rawText) return;
    const text = refang(rawText);
    const defanged = text !== rawText;
    const work = text.split('');
    const mask = (start: number, end: number): void => {
      for (let i = start; i < end; i += 1) work[i] = ' ';
    };
    const current = (): string => work.join('');
    const defangNote = (value: string): string | undefined => (defanged && !rawText.includes(value) ? 'defanged in the source, refanged here' : undefined);

    // 1. URLs first: their hosts, paths and query strings must not be read again as domains or paths.
    for (const match of current().matchAll(/\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s<>"'`{}|\\^]+/gi)) {
      let url = match[0];
      while (/[.,;:!?'")\]}>]$/.test(url)) {
        const last = url[url.length - 1];
        if (last === ')' && (url.match(/\(/g)?.length ?? 0) >= (url.match(/\)/g)?.length ?? 0)) break;
        url = url.slice(0, -1);
      }
      const host = hostOfUrl(url);
      if (!host) continue;
      const hostIsIp = parseIp(host) !== null;
      const hostIsDomain = !hostIsIp && isValidDomain(host, { allowFileLike: true });
      const singleLabel = !hostIsIp && !hostIsDomain && /^[a-z0-9-]{2,63}$/.test(host);
      if (!hostIsIp && !hostIsDomain && !singleLabel) continue;
      mask(match.index ?? 0, (match.index ?? 0) + url.length);
      const internal = hostIsIp ? !isExternalScope(parseIp(host)?.scope ?? 'reserved') : hostIsDomain ? this.isOrgDomain(host) || isInternalName(host) : true;
      const notes = [defangNote(url), singleLabel ? 'single-label host (intranet name or placeholder)' : undefined, internal ? 'internal host: not an external indicator' : undefined];
      this.addValue('URL', url, source, notes.filter(Boolean).join('; ') || undefined, !internal);
      if (hostIsIp) this.addIp(host, source, `host of URL ${clip(url, 120)}`);
      else if (hostIsDomain) this.addDomain(host, source, `host of URL ${clip(url, 120)}`);
      // Safe Links and similar wrappers carry the real target in a query parameter.
      const wrapped = /[?&](?:url|u|target|redirect)=(https?%3A%2F%2F[^&\s]+)/i.exec(url);
      if (wrapped?.[1]) {
        try {
          this.add(decodeURIComponent(wrapped[1]), `${source} (wrapped link target)`);
        } catch {
          // Malformed percent-encoding: the wrapper itself is still listed.
        }
      }
    }

    // 2. Email addresses (and UPNs, which share the syntax).
    for (const match of current().matchAll(/(?<![\w.%+'-])[a-z0-9][a-z0-9._%+'-]{0,63}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]+)\b/gi)) {
      const address = match[0].toLowerCase().replace(/^'+|'+$/g, '');
      const domain = domainOfAddress(address);
      if (!isValidDomain(domain, { allowFileLike: true })) continue;
      mask(match.index ?? 0, (match.index ?? 0) + match[0].length);
      const account = this.accountAddresses.has(address);
      const internal = this.isOrgDomain(domain) || isInternalName(domain);
      this.addValue(account ? 'ACCOUNT' : 'EMAIL', address, source, [defangNote(address), account ? 'sign-in name (UPN) of an account in the incident' : internal ? 'address in the organisation' : undefined].filter(Boolean).join('; ') || undefined, !internal);
      if (!internal) this.addDomain(domain, source, `domain of ${address}`);
    }

    // 3. Registry keys, before file paths (both use backslashes).
    for (const match of current().matchAll(/(?<![\w\\])(HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG|HKLM|HKCU|HKCR|HKU|HKCC):?(?=\\)/gi)) {
      const start = match.index ?? 0;
      const end = scanBackslashPath(current(), start + match[0].length);
      if (end <= start + match[0].length + 1) continue;
      const hive = HIVES[(match[1] ?? '').toLowerCase()] ?? (match[1] ?? '').toUpperCase();
      const rest = current().slice(start + match[0].length, end).replace(/\\{2,}/g, '\\');
      mask(start, end);
      this.addValue('REGISTRY_KEY', `${hive}${rest}`, source);
    }

    // 4. Windows paths: drive letters, UNC shares, environment-variable roots.
    for (const match of current().matchAll(/(?<![\w\\])(?:[a-z]:|\\\\[\w.$-]+|%[a-z_][a-z0-9_()]*%)(?=\\[^\\\s])/gi)) {
      const start = match.index ?? 0;
      const rootEnd = start + match[0].length;
      const end = scanBackslashPath(current(), rootEnd);
      if (end <= rootEnd + 1) continue;
      const value = current().slice(start, end);
      mask(start, end);
      this.addValue('FILE_PATH', value, source, /^\\\\\.\\pipe\\/i.test(value) || /^\\\\\.$/.test(match[0]) ? 'named pipe' : undefined);
    }
    // Named pipes (\\.\pipe\name) have "." as their server, which the UNC pattern above does not take.
    for (const match of current().matchAll(/\\\\\.\\pipe\\[\w.$-]+/gi)) {
      mask(match.index ?? 0, (match.index ?? 0) + match[0].length);
      this.addValue('FILE_PATH', match[0], source, 'named pipe');
    }

    // 5. Unix paths under well-known roots (a bare "/x/y" is too often prose or a URL path).
    for (const match of current().matchAll(/(?<![\w.:/~-])\/(?:bin|sbin|usr|etc|tmp|var|home|opt|root|dev|proc|lib|lib64|srv|mnt|media|run|boot|Users|Library|Applications|System|private|Volumes)(?:\/[\w.+@%-]+)+\/?/g)) {
      mask(match.index ?? 0, (match.index ?? 0) + match[0].length);
      this.addValue('FILE_PATH', match[0].replace(/[.,;:]+$/, ''), source);
    }

    // 6. DOMAIN\user accounts.
    for (const match of current().matchAll(/(?<![\\\w.%:$/-])((?:NT )?[a-z][a-z0-9-]{0,14})\\([a-z0-9][\w.$-]{1,63})(?![\\\w])/gi)) {
      const domain = match[1] ?? '';
      const user = (match[2] ?? '').replace(/[.]+$/, '');
      if (PATH_WORDS.has(domain.toLowerCase()) || PATH_WORDS.has(user.toLowerCase()) || FILE_EXTENSION.test(user)) continue;
      mask(match.index ?? 0, (match.index ?? 0) + match[0].length);
      this.addValue('ACCOUNT', `${domain}\\${user}`, source);
    }

    // 7. IPv4, with an optional CIDR suffix noted but not kept in the value.
    for (const match of current().matchAll(/(?<![\w.])((?:\d{1,3}\.){3}\d{1,3})(\/\d{1,2})?(?![\w]|\.\d)/g)) {
      const address = match[1] ?? '';
      if (!parseIpv4(address)) continue;
      mask(match.index ?? 0, (match.index ?? 0) + match[0].length);
      const cidr = match[2] ? `network ${address}${match[2]}` : undefined;
      this.addIp(address, source, [cidr, defangNote(address)].filter(Boolean).join('; ') || undefined);
    }

    // 8. IPv6: candidates need "::" or all eight groups, so times (12:30:45) and MACs never qualify.
    for (const match of current().matchAll(/(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/gi)) {
      const candidate = match[0];
      const colons = candidate.split(':').length - 1;
      if (!candidate.includes('::') && colons < 7) continue;
      if (candidate === '::' || !/[0-9a-f]/i.test(candidate)) continue;
      if (!parseIp(candidate)) continue;
      mask(match.index ?? 0, (match.index ?? 0) + candidate.length);
      this.addIp(candidate, source);
    }

    // 9. Bare domains, once everything above is masked out.
    for (const match of current().matchAll(/(?<![\w@.\-/\\$%])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})(?![\w@-]|\.[a-z0-9]|\()/gi)) {
      const domain = match[0].toLowerCase();
      if (!isValidDomain(domain)) continue;
      mask(match.index ?? 0, (match.index ?? 0) + match[0].length);
      this.addDomain(domain, source, defangNote(domain));
    }

    // 10. Hashes by length; runs of one character are padding, not hashes.
    for (const match of current().matchAll(/(?<![\w-])([a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64})(?![\w-])/gi)) {
      const value = match[0].toLowerCase();
      if (/^(.)\1+$/.test(value) || /^\d+$/.test(value)) continue;
      const type: IocType = value.length === 32 ? 'MD5' : value.length === 40 ? 'SHA1' : 'SHA256';
      this.addValue(type, value, source, undefined, true);
    }
  }

  /** Bounded, deduplicated list: external indicators first, then internal ones, each in first-seen order. */
  list(limit = MAX_IOCS): FoundIoc[] {
    const entries = [...this.entries.values()].sort((a, b) => Number(b.external) - Number(a.external) || a.order - b.order);
    return entries.slice(0, limit).map((entry) => {
      const seen = entry.sources.length > 3 ? `${entry.sources.slice(0, 3).join('; ')}; and ${entry.sources.length - 3} more` : entry.sources.join('; ');
      const context = clip([...entry.notes, `seen in ${seen}`].join('; '), 500);
      return { type: entry.type, value: clip(entry.value, 2048), context, external: entry.external };
    });
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Every IOC in a piece of text: IPv4/IPv6 (validated, scope in the context), domains (known TLDs,
 * not file names), URLs, email addresses, MD5/SHA-1/SHA-256, Windows and Unix paths, registry keys
 * and DOMAIN\user accounts. Defanged forms (hxxp, [.], (.), [dot], [:], [@]) are refanged first.
 */
export function extractIocs(text: string, options: ExtractIocOptions = {}): Ioc[] {
  const collector = new IocCollector(options);
  collector.add(text, options.source ?? 'text');
  return collector.list(options.limit ?? MAX_IOCS).map(({ type, value, context }) => ({ type, value, ...(context ? { context } : {}) }));
}
