import { brandInText, brandOfDomain, FREE_HOSTING_DOMAINS, FREE_MAIL_DOMAINS, ROLE_WORDS, URL_SHORTENERS, type Brand } from './brands';
import { alignedDomains, domainOfAddress, hostOfUrl, isSameOrSubdomain, isValidDomain, registrableDomain, unicodeDomain } from './domains';
import { isExternalScope, parseIp } from './ipAddress';
import { findLookalike, lookalikeTargets, type LookalikeTarget } from './lookalikeDomain';
import type { EmailAddress, ParsedEmail } from './parseRawEmail';
import { getHeader } from './parseRawEmail';
import { clip, quote, unique } from './text';
import { RISKY_TLDS, tldOf } from './tlds';

/**
 * Phishing signals with signed weights: positive points to phishing, negative to a legitimate message.
 * Weights are in [-1, 1] (the schema's range) and were set from how much each signal moves an
 * experienced analyst, before the evaluation set was written; assessEmail adds them up.
 */
export interface EmailSignal {
  name: string;
  weight: number;
  detail: string;
}

/** Sentinel MailMessage / SubmissionMail properties the signals read (all optional, all untrusted). */
export interface MailMessageFacts {
  recipient?: string;
  subject?: string;
  p1Sender?: string;
  p1SenderDomain?: string;
  p2Sender?: string;
  p2SenderDisplayName?: string;
  p2SenderDomain?: string;
  sender?: string;
  senderIP?: string;
  senderIp?: string;
  urls?: string[];
  threats?: string[];
  threatDetectionMethods?: string[];
  antispamDirection?: string;
  deliveryAction?: string;
  deliveryLocation?: string;
  reportType?: string;
}

export interface EmailEvidence {
  /** A parsed raw message (rawEmail of the prompt data). */
  email?: ParsedEmail | null;
  /** MailMessage / SubmissionMail entity properties of the incident. */
  mailMessages?: MailMessageFacts[];
  /** The recipient organisation's domains (for lookalike and internal checks). */
  orgDomains?: string[];
  /** Display names of people in the organisation (for colleague impersonation). */
  knownPeople?: string[];
}

const URGENCY =
  /\b(?:urgent(?:ly)?|immediately|right away|as soon as possible|asap|within (?:24|48|72) hours|today only|final (?:notice|warning|reminder)|last (?:chance|warning)|expires? (?:today|soon|tonight)|will be (?:suspended|deactivated|disabled|deleted|closed|terminated|locked|blocked)|action required|immediate action|account (?:suspension|termination)|failure to (?:comply|verify|respond)|avoid (?:suspension|deactivation|interruption))\b/i;
const CREDENTIAL_LURE =
  /\b(?:(?:verify|confirm|validate|re-?validate|reactivate|restore|unlock|re-?authenticate)\s+(?:your\s+)?(?:account|identity|password|credentials|mailbox|e-?mail(?: account)?|login|sign-?in|office 365|microsoft 365)|(?:log|sign)\s?in (?:to|and) (?:verify|confirm|restore|avoid|keep|retain|reactivate|validate)|mailbox (?:is )?(?:full|almost full|over (?:its )?quota|storage (?:is )?full)|password (?:expires|will expire|has expired|is about to expire)|keep (?:the )?same password|update your (?:password|payment (?:details|information|method)|billing (?:details|information))|unusual sign-?in activity.{0,80}(?:click|verify|secure))/i;
const DOCUMENT_LURE = /\b(?:shared (?:a |an )?(?:document|file|folder)s? with you|(?:view|open|access|review|download) (?:the )?(?:shared |secure |encrypted )?(?:document|file|invoice|voicemail|voice message|fax|statement)s?|new voicemail|you have (?:a )?(?:new|pending) (?:message|document|voicemail)s?)\b/i;
const PAYMENT_LURE =
  /\b(?:wire transfer|bank(?:ing)? (?:details|account details|information|coordinates)|(?:change|update)(?:s|d)? (?:of|in|to) (?:our |my )?(?:bank|banking|payment|account) (?:details|information|account)|new (?:bank )?account (?:details|number)|gift ?cards?|itunes cards|bitcoin|crypto(?:currency)? wallet|direct deposit|payroll (?:change|update|details)|are you (?:available|at your desk|in the office)|(?:quick|small) favou?r|keep this (?:confidential|between us)|i need you to (?:purchase|buy|pay|process|send)|process (?:a|an|the) (?:urgent )?(?:payment|transfer))\b/i;

const DANGEROUS_EXTENSIONS = new Set(['exe', 'scr', 'com', 'pif', 'bat', 'cmd', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'hta', 'lnk', 'iso', 'img', 'vhd', 'vhdx', 'msi', 'jar', 'ps1', 'one', 'cpl', 'reg', 'chm', 'xll', 'appx', 'msix']);
const MACRO_EXTENSIONS = new Set(['docm', 'xlsm', 'pptm', 'dotm', 'xlam', 'xlsb', 'ppsm']);
const HTML_EXTENSIONS = new Set(['htm', 'html', 'shtml', 'xhtml', 'svg', 'mht', 'mhtml']);
const ARCHIVE_EXTENSIONS = new Set(['zip', 'rar', '7z', 'gz', 'tgz', 'cab', 'arj', 'ace', 'xz']);

/** Click-tracking and link-protection hosts: a link text that names another domain is normal for them. */
const TRACKING_HOSTS = [
  'sendgrid.net', 'list-manage.com', 'mailchimp.com', 'mcusercontent.com', 'hubspotlinks.com', 'hs-sites.com', 'mailgun.org', 'sparkpostmail.com',
  'exct.net', 'rs6.net', 'createsend.com', 'cmail19.com', 'cmail20.com', 'klaviyomail.com', 'safelinks.protection.outlook.com', 'urldefense.com',
  'mimecastprotect.com', 'mandrillapp.com', 'amazonses.com', 'awstrack.me', 'mktoweb.com', 'mkt.com', 'sfmc-content.com', 'intercom-clicks.com',
];

const round2 = (value: number): number => Math.round(value * 100) / 100;

const isTracking = (host: string): boolean => TRACKING_HOSTS.some((tracking) => isSameOrSubdomain(host, tracking));

const extensionOf = (filename: string): string => (/\.([a-z0-9]{1,6})$/i.exec(filename.trim())?.[1] ?? '').toLowerCase();

class SignalList {
  readonly items: EmailSignal[] = [];
  private readonly names = new Set<string>();

  /** Adds a signal once per name (the first, strongest evidence wins); weights clamp to the schema range. */
  add(name: string, weight: number, detail: string): void {
    if (this.names.has(name)) return;
    this.names.add(name);
    this.items.push({ name, weight: Math.max(-1, Math.min(1, weight)), detail: clip(detail, 500) });
  }

  has(name: string): boolean {
    return this.names.has(name);
  }
}

function authenticationSignals(email: ParsedEmail, fromDomain: string, signals: SignalList, lookalikeSender: boolean): { dmarcPass: boolean; dkimAligned: boolean; authFailed: boolean } {
  const results = email.authResults;
  // Authentication proves which domain sent the mail, so it only speaks for legitimacy when that domain
  // deserves trust: on a free-mail domain anyone can hold an address, and a lookalike domain is the attacker's own.
  const freeMail = fromDomain !== '' && FREE_MAIL_DOMAINS.has(registrableDomain(fromDomain));
  const discounted = freeMail || lookalikeSender;
  const pass = (weight: number): number => (discounted ? round2(weight * 0.3) : weight);
  const freeNote = freeMail
    ? ' (free-mail domain: anyone can hold an address there, so this vouches for little)'
    : lookalikeSender
      ? ' (the domain itself is a lookalike, so passing only proves the impostor sent it)'
      : '';
  const spf = results.find((r) => r.method === 'spf');
  const dkims = results.filter((r) => r.method === 'dkim');
  const dmarc = results.find((r) => r.method === 'dmarc');
  const compauth = results.find((r) => r.method === 'compauth');
  let authFailed = false;

  const spfResult = spf?.result ?? email.receivedSpf;
  const spfSource = spf ? `Authentication-Results: ${spf.raw}` : `Received-SPF: ${getHeader(email, 'Received-SPF') ?? ''}`;
  if (spfResult === 'fail' || spfResult === 'hardfail') {
    signals.add('SPF fail', 0.35, `The sending server is not authorised to send for the envelope domain (${spfSource}).`);
    authFailed = true;
  } else if (spfResult === 'softfail') {
    signals.add('SPF softfail', 0.2, `The envelope domain's SPF record does not list the sending server (${spfSource}).`);
  } else if (spfResult === 'pass') {
    signals.add('SPF pass', pass(-0.1), `The sending server is authorised for the envelope domain (${spfSource})${freeNote}.`);
  } else if (spfResult === 'none' || spfResult === 'permerror') {
    signals.add('SPF none', 0.05, `No usable SPF record for the envelope domain (${spfSource}).`);
  }

  const dkimAlignedPass = dkims.find((r) => r.result === 'pass' && r.domain && fromDomain && alignedDomains(r.domain, fromDomain));
  const dkimPass = dkims.find((r) => r.result === 'pass');
  if (dkimAlignedPass) {
    signals.add('DKIM pass (aligned)', pass(-0.2), `The message is signed by ${dkimAlignedPass.domain}, the From domain's organisation (${dkimAlignedPass.raw})${freeNote}.`);
  } else if (dkimPass) {
    signals.add('DKIM pass (not aligned)', -0.05, `Signed by ${dkimPass.domain || 'another domain'}, not by the From domain ${fromDomain || '(none)'}.`);
  } else if (dkims.some((r) => r.result === 'fail' || r.result === 'permerror')) {
    const failed = dkims.find((r) => r.result === 'fail' || r.result === 'permerror');
    signals.add('DKIM fail', 0.25, `The DKIM signature does not verify: the message was altered or the signature forged (${failed?.raw ?? ''}).`);
    authFailed = true;
  } else if (dkims.some((r) => r.result === 'none')) {
    signals.add('DKIM none', 0.05, 'The message carries no DKIM signature.');
  }

  let dmarcPass = false;
  if (dmarc) {
    if (dmarc.result === 'fail') {
      signals.add('DMARC fail', 0.45, `The From domain ${dmarc.domain || fromDomain} failed DMARC: neither SPF nor DKIM is aligned with it (${dmarc.raw}).`);
      authFailed = true;
    } else if (dmarc.result === 'pass') {
      signals.add('DMARC pass', pass(-0.35), `The From domain ${dmarc.domain || fromDomain} passed DMARC: the visible sender is authenticated (${dmarc.raw})${freeNote}.`);
      dmarcPass = true;
    } else if (dmarc.result === 'bestguesspass') {
      signals.add('DMARC best-guess pass', -0.1, `No DMARC policy, but SPF or DKIM aligns with ${dmarc.domain || fromDomain}.`);
    }
  }
  if (compauth && !dmarc) {
    if (compauth.result === 'fail') {
      signals.add('Composite authentication fail', 0.3, `Microsoft composite authentication failed (${compauth.raw}).`);
      authFailed = true;
    } else if (compauth.result === 'pass') {
      signals.add('Composite authentication pass', -0.15, `Microsoft composite authentication passed (${compauth.raw}).`);
    }
  }
  return { dmarcPass, dkimAligned: Boolean(dkimAlignedPass), authFailed };
}

function senderSignals(
  from: EmailAddress | null,
  replyTo: EmailAddress[],
  envelopeDomain: string,
  context: { orgDomains: string[]; knownPeople: string[]; targets: LookalikeTarget[]; authenticated: boolean; authFailed: boolean; internal: boolean },
  signals: SignalList,
): void {
  const fromDomain = from?.domain ?? '';
  const isOrg = (domain: string): boolean => context.orgDomains.some((org) => alignedDomains(domain, org));
  if (fromDomain) {
    const lookalike = findLookalike(fromDomain, context.targets);
    // A cousin of the recipient's own (or a correspondent's) domain has no benign explanation; a brand cousin rarely does.
    if (lookalike) signals.add('Lookalike sender domain', lookalike.kind === 'organisation' ? 0.8 : 0.6, `${lookalike.detail} (${lookalike.technique})`);
    if (isOrg(fromDomain)) {
      if (context.authFailed) {
        signals.add('Spoofed organisation domain', 0.5, `The From address ${from?.address} claims the organisation's own domain, but authentication failed.`);
      } else if (context.authenticated || context.internal) {
        signals.add('Internal sender', -0.35, `Sent from the organisation's own domain ${fromDomain} and authenticated or delivered inside the organisation.`);
      }
    }
    if (FREE_MAIL_DOMAINS.has(registrableDomain(fromDomain))) {
      signals.add('Free-mail sender', 0.1, `${from?.address} is on a free mailbox provider; anyone can register any name there.`);
    }
  }
  const name = from?.name ?? '';
  if (name) {
    const embedded = /[a-z0-9._%+-]+@([a-z0-9.-]+\.[a-z]{2,})/i.exec(name);
    if (embedded?.[1] && fromDomain && !alignedDomains(embedded[1], fromDomain)) {
      signals.add('Display name shows another address', 0.45, `The display name ${quote(name)} shows an address at ${embedded[1]}, but the message comes from ${from?.address}.`);
    }
    const brand = brandInText(name);
    if (brand && fromDomain && !brand.domains.some((owned) => isSameOrSubdomain(fromDomain, owned))) {
      signals.add('Display name impersonates a brand', 0.4, `The display name ${quote(name)} claims to be ${brand.name}, but ${fromDomain} is not a ${brand.name} domain.`);
    }
    if (ROLE_WORDS.test(name) && fromDomain && !isOrg(fromDomain) && !brandOfDomain(fromDomain)) {
      signals.add('Display name claims an internal role', 0.25, `The display name ${quote(name)} claims an IT/HR/finance role, but the sender domain ${fromDomain} is outside the organisation.`);
    }
    const person = context.knownPeople.find((known) => known.length > 4 && name.toLowerCase().includes(known.toLowerCase()));
    if (person && fromDomain && !isOrg(fromDomain)) {
      signals.add('Display name impersonates a colleague', 0.45, `The display name ${quote(name)} matches ${person}, a person in the organisation, but the address ${from?.address} is external.`);
    }
  }
  for (const reply of replyTo) {
    if (!reply.domain || !fromDomain || alignedDomains(reply.domain, fromDomain)) continue;
    const free = FREE_MAIL_DOMAINS.has(registrableDomain(reply.domain));
    signals.add('Reply-To differs from From', free ? 0.4 : 0.3, `Replies go to ${reply.address}${free ? ' (a free-mail address)' : ''}, not to the From domain ${fromDomain}.`);
    const lookalike = findLookalike(reply.domain, context.targets);
    if (lookalike) signals.add('Lookalike Reply-To domain', 0.5, `${lookalike.detail} (${lookalike.technique})`);
    break;
  }
  if (envelopeDomain && fromDomain && !alignedDomains(envelopeDomain, fromDomain) && !context.authenticated) {
    signals.add('Envelope sender differs from From', 0.15, `The envelope sender (Return-Path / P1) domain ${envelopeDomain} is not the From domain ${fromDomain}, and no aligned signature vouches for it.`);
  }
}

function linkSignals(links: Array<{ href: string; text: string }>, fromDomain: string, targets: LookalikeTarget[], signals: SignalList, claimedBrand?: Brand): void {
  const hosts: string[] = [];
  for (const link of links) {
    const host = hostOfUrl(link.href);
    if (!host) continue;
    hosts.push(host);
    const ip = parseIp(host);
    if (ip) {
      signals.add('Link to a raw IP address', ip && isExternalScope(ip.scope) ? 0.4 : 0.3, `A link points straight at an IP address: ${clip(link.href, 200)}.`);
      continue;
    }
    if (URL_SHORTENERS.has(registrableDomain(host)) || URL_SHORTENERS.has(host)) {
      signals.add('URL shortener', 0.25, `A link goes through the shortener ${host}, which hides its destination: ${clip(link.href, 200)}.`);
    }
    const lookalike = findLookalike(host, targets);
    if (lookalike) signals.add('Lookalike link domain', 0.45, `${lookalike.detail} (${lookalike.technique}); link ${clip(link.href, 200)}.`);
    if (RISKY_TLDS.has(tldOf(host))) signals.add('Link on a high-abuse TLD', 0.15, `A link points at ${host}, on a TLD that is cheap and heavily abused.`);
    if ([...FREE_HOSTING_DOMAINS].some((hosting) => isSameOrSubdomain(host, hosting))) {
      signals.add('Link on a free hosting service', 0.25, `A link points at ${host}, a free web-hosting platform where anyone can publish a sign-in page: ${clip(link.href, 160)}.`);
    }
    // What the reader sees: a URL or domain in the anchor text that is not where the link goes.
    const shown = /(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,24})(?:[/:?#]|\s|$)/i.exec(link.text.trim());
    const shownDomain = shown?.[1]?.toLowerCase() ?? '';
    if (shownDomain && /\.[a-z]{2,24}$/.test(shownDomain) && !alignedDomains(shownDomain, host) && !isTracking(host) && /[a-z]/.test(shownDomain.split('.')[0] ?? '')) {
      signals.add('Link text differs from target', 0.5, `The link text shows ${shownDomain} but the link goes to ${host} (${clip(link.href, 160)}).`);
    }
  }
  if (claimedBrand && hosts.length > 0 && !hosts.some((host) => claimedBrand.domains.some((owned) => isSameOrSubdomain(host, owned)))) {
    signals.add('Links avoid the claimed brand', 0.35, `The message presents itself as ${claimedBrand.name}, but none of its links go to a ${claimedBrand.name} domain (${unique(hosts).slice(0, 3).join(', ')}).`);
  }
  const external = unique(hosts.map((host) => registrableDomain(host)));
  if (fromDomain && external.length > 0 && hosts.every((host) => alignedDomains(host, fromDomain) || isTracking(host) || (brandOfDomain(fromDomain) && brandOfDomain(host) === brandOfDomain(fromDomain)))) {
    signals.add("Links stay on the sender's domain", -0.15, `Every link points to ${fromDomain}'s own domain or its mail-tracking service (${external.slice(0, 4).join(', ')}).`);
  }
}

function contentSignals(text: string, signals: SignalList): void {
  const urgency = URGENCY.exec(text);
  if (urgency) signals.add('Urgency language', 0.2, `Pressure to act fast: ${quote(urgency[0], 80)}.`);
  const credential = CREDENTIAL_LURE.exec(text);
  if (credential) signals.add('Credential lure', 0.35, `Asks the reader to sign in or confirm credentials: ${quote(credential[0], 100)}.`);
  const payment = PAYMENT_LURE.exec(text);
  if (payment) signals.add('Payment or gift-card request', 0.35, `Asks for money, bank-detail changes or secrecy, typical of business email compromise: ${quote(payment[0], 100)}.`);
  const qr = /\b(?:scan|use your (?:phone|camera)[^.]{0,30})\b[^.]{0,40}\bqr[- ]?code\b|\bqr[- ]?code\b[^.]{0,60}\b(?:scan|camera|phone)\b/i.exec(text);
  if (qr) signals.add('QR-code call to action', 0.3, `Asks the reader to scan a QR code, which moves the link to a phone and past link scanning: ${quote(qr[0], 100)}.`);
  const document = DOCUMENT_LURE.exec(text);
  if (document) signals.add('Document or voicemail lure', 0.15, `Invites the reader to open a shared document or message: ${quote(document[0], 80)}.`);
}

function attachmentSignals(attachments: Array<{ filename: string; contentType: string }>, bodyText: string, signals: SignalList): void {
  for (const attachment of attachments) {
    const name = attachment.filename;
    const ext = extensionOf(name);
    const double = /\.(?:pdf|docx?|xlsx?|jpe?g|png|txt|rtf|csv)\s*\.(?:exe|scr|com|pif|bat|cmd|js|vbs|hta|lnk)$/i.test(name);
    if (double) signals.add('Double-extension attachment', 0.6, `The attachment ${quote(name)} hides an executable behind a document extension.`);
    else if (DANGEROUS_EXTENSIONS.has(ext)) signals.add('Dangerous attachment type', 0.5, `The attachment ${quote(name)} is a .${ext} file that runs code when opened.`);
    else if (MACRO_EXTENSIONS.has(ext)) signals.add('Macro-enabled attachment', 0.4, `The attachment ${quote(name)} is a macro-enabled Office file.`);
    else if (HTML_EXTENSIONS.has(ext) || attachment.contentType === 'text/html') signals.add('HTML attachment', 0.4, `The attachment ${quote(name)} is an HTML/SVG file, a common carrier for fake sign-in pages and HTML smuggling.`);
    else if (ARCHIVE_EXTENSIONS.has(ext) && /\bpassword\b/i.test(bodyText)) signals.add('Password-protected archive', 0.3, `The archive ${quote(name)} comes with a password in the message text, which keeps it from being scanned.`);
  }
}

function mailMessageSignals(message: MailMessageFacts, signals: SignalList): void {
  const threats = (message.threats ?? []).map((threat) => threat.toLowerCase());
  const methods = (message.threatDetectionMethods ?? []).join(', ');
  const how = methods ? ` (detected by ${methods})` : '';
  if (threats.some((threat) => /phish|malware|malicious/.test(threat))) {
    signals.add('Defender threat verdict', 0.8, `Microsoft Defender for Office 365 classified the message as ${unique(message.threats ?? []).join(', ')}${how}.`);
  } else if (threats.some((threat) => /spam|bulk/.test(threat))) {
    signals.add('Defender spam verdict', 0.3, `Defender for Office 365 classified the message as ${unique(message.threats ?? []).join(', ')}${how}.`);
  }
  const delivered = `${message.deliveryAction ?? ''} ${message.deliveryLocation ?? ''}`.trim();
  if (/blocked|quarantine|junk|replaced/i.test(delivered)) {
    signals.add('Filtered on delivery', 0.1, `Mail filtering did not trust it: delivery ${delivered}.`);
  }
  const senderIp = message.senderIP ?? message.senderIp;
  const ipInfo = senderIp ? parseIp(senderIp) : null;
  const direction = (message.antispamDirection ?? '').toLowerCase();
  if (direction === 'intraorg' || (ipInfo && !isExternalScope(ipInfo.scope))) {
    signals.add('Sent inside the organisation', -0.3, `The message never crossed the organisation boundary (direction ${message.antispamDirection ?? 'unknown'}, sender IP ${senderIp ?? 'unknown'}).`);
  }
  const p1 = message.p1SenderDomain || domainOfAddress(message.p1Sender ?? '');
  const p2 = message.p2SenderDomain || domainOfAddress(message.p2Sender ?? message.sender ?? '');
  if (p1 && p2 && !alignedDomains(p1, p2)) {
    signals.add('Envelope sender differs from From', 0.15, `The envelope sender (P1) domain ${p1} is not the visible From (P2) domain ${p2}.`);
  }
  if (/phish|malware/i.test(message.reportType ?? '')) {
    signals.add('User reported as phishing', 0.2, `A user submitted the message as ${message.reportType}.`);
  }
}

const EXECUTIVE_WORDS = /\b(?:ceo|cfo|coo|cto|chief \w+ officer|president|managing director|chairman|director|vice president|vp)\b/i;

/** A business request (payment, gift cards, executive or role title) from a free mailbox: classic BEC. */
function businessFromFreeMail(from: EmailAddress | null, text: string, signals: SignalList): void {
  if (!from?.domain || !FREE_MAIL_DOMAINS.has(registrableDomain(from.domain))) return;
  const titled = EXECUTIVE_WORDS.test(from.name) || ROLE_WORDS.test(from.name) || EXECUTIVE_WORDS.test(text.slice(-400));
  if (signals.has('Payment or gift-card request') || titled) {
    signals.add('Business request from a free-mail account', 0.4, `${from.address} is a free-mail address, yet the message ${signals.has('Payment or gift-card request') ? 'asks for a payment or bank change' : 'signs with an executive or company role'}.`);
  }
}

/** All signals for the mail evidence of an incident (raw message and/or Sentinel mail entities). */
export function emailSignals(evidence: EmailEvidence): EmailSignal[] {
  const signals = new SignalList();
  const email = evidence.email ?? null;
  const messages = evidence.mailMessages ?? [];
  // The receiving MTA (authserv-id) names the recipient organisation reliably; To/Cc can be a mailing list.
  const receiver = email?.authServId && isValidDomain(email.authServId) ? [email.authServId] : (email?.to ?? []).map((address) => address.domain);
  const recipients = [...receiver, ...messages.map((message) => domainOfAddress(message.recipient ?? ''))].filter(Boolean);
  const orgDomains = unique([...(evidence.orgDomains ?? []), ...recipients].map((domain) => registrableDomain(domain.toLowerCase())).filter(Boolean));
  // Domains of people quoted in the thread: a hijacked conversation continues from a cousin domain.
  const fromDomainRaw = email?.from?.domain ?? '';
  const correspondents = email
    ? unique([...email.bodyText.matchAll(/[a-z0-9._%+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((match) => registrableDomain((match[1] ?? '').toLowerCase())))
        .filter((domain) => domain && !alignedDomains(domain, fromDomainRaw || 'invalid.invalid') && !orgDomains.includes(domain) && !FREE_MAIL_DOMAINS.has(domain))
    : [];
  const targets = [...lookalikeTargets(orgDomains), ...correspondents.map((domain): LookalikeTarget => ({ domain, name: 'a correspondent quoted in the thread', kind: 'organisation' }))];
  const knownPeople = evidence.knownPeople ?? [];

  if (email) {
    const fromDomain = email.from?.domain ?? '';
    const auth = authenticationSignals(email, fromDomain, signals, fromDomain !== '' && findLookalike(fromDomain, targets) !== null);
    const internal = email.headers.some((header) => /^x-ms-exchange-organization-authas$/i.test(header.name) && /internal/i.test(header.value));
    senderSignals(email.from, email.replyTo, domainOfAddress(email.returnPath), { orgDomains, knownPeople, targets, authenticated: auth.dmarcPass || auth.dkimAligned, authFailed: auth.authFailed, internal }, signals);
    const claimed = brandInText(email.from?.name ?? '') ?? brandInText(email.subject);
    const claimedBrand = claimed && !(fromDomain && claimed.domains.some((owned) => isSameOrSubdomain(fromDomain, owned))) ? claimed : undefined;
    linkSignals(email.links, fromDomain, targets, signals, claimedBrand);
    contentSignals(`${email.subject}\n${email.bodyText}`, signals);
    attachmentSignals(email.attachments, email.bodyText, signals);
    businessFromFreeMail(email.from, `${email.subject}\n${email.bodyText}`, signals);
    if (email.links.length === 0 && email.attachments.length === 0 && signals.has('Payment or gift-card request')) {
      signals.add('No links or attachments', 0.05, 'A text-only request: typical of business email compromise, which needs no payload.');
    }
  }
  for (const message of messages) {
    const fromAddress = message.p2Sender ?? message.sender ?? '';
    const from: EmailAddress | null = fromAddress || message.p2SenderDomain
      ? { name: message.p2SenderDisplayName ?? '', address: fromAddress.toLowerCase(), domain: (message.p2SenderDomain || domainOfAddress(fromAddress)).toLowerCase() }
      : null;
    mailMessageSignals(message, signals);
    const internal = (message.antispamDirection ?? '').toLowerCase() === 'intraorg';
    senderSignals(from, [], '', { orgDomains, knownPeople, targets, authenticated: false, authFailed: false, internal }, signals);
    const claimed = brandInText(message.p2SenderDisplayName ?? '') ?? brandInText(message.subject ?? '');
    const claimedBrand = claimed && !(from?.domain && claimed.domains.some((owned) => isSameOrSubdomain(from.domain, owned))) ? claimed : undefined;
    linkSignals((message.urls ?? []).map((url) => ({ href: url, text: url })), from?.domain ?? '', targets, signals, claimedBrand);
    if (message.subject) contentSignals(message.subject, signals);
  }
  return signals.items;
}

/** Display form of a domain for summaries (Unicode for IDNs, so the reader sees the trick). */
export const displayDomain = (domain: string): string => {
  const unicode = unicodeDomain(domain);
  return unicode === domain ? domain : `${domain} (${unicode})`;
};
