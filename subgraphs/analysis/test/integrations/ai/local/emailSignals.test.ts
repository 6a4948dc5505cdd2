import { assessEmail, editDistance, emailSignals, findLookalike, lookalikeTargets, parseRawEmail, skeleton, verdictFromSignals } from '../../../../src/integrations/ai/local';
import { agentOutputSchemas } from '../../../../src/agents';

/** A message with sensible legitimate defaults; tests change the part they are about. */
function mail(options: { headers?: string; from?: string; auth?: string; body?: string; html?: string; attachment?: string } = {}): ReturnType<typeof parseRawEmail> {
  const auth = options.auth ?? 'mx1.contoso.com; spf=pass smtp.mailfrom=fabrikam.com; dkim=pass header.d=fabrikam.com; dmarc=pass header.from=fabrikam.com';
  const parts = [
    `Authentication-Results: ${auth}`,
    `From: ${options.from ?? 'Fabrikam Support <support@fabrikam.com>'}`,
    'To: j.doe@contoso.com',
    'Subject: Update',
    options.headers ?? '',
  ].filter(Boolean);
  if (options.html || options.attachment) {
    parts.push('Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/html', '', options.html ?? options.body ?? 'Hello', '--b');
    if (options.attachment) parts.push(`Content-Type: application/octet-stream; name="${options.attachment}"`, `Content-Disposition: attachment; filename="${options.attachment}"`, '', 'AAAA', '--b--');
    else parts[parts.length - 1] = '--b--';
    return parseRawEmail(parts.join('\n'));
  }
  return parseRawEmail([...parts, '', options.body ?? 'Hello, see you tomorrow.'].join('\n'));
}

const signal = (name: string, email: ReturnType<typeof parseRawEmail>, extra = {}) => emailSignals({ email, ...extra }).find((s) => s.name === name);

describe('lookalike domains', () => {
  const targets = lookalikeTargets(['contoso.com']);
  it.each([
    ['micros0ft-login.com', 'combosquat'],
    ['rnicrosoft.com', 'character-substitution'],
    ['paypa1.com', 'digit-substitution'],
    ['xn--pypal-4ve.com', 'homoglyph'],
    ['contosso.com', 'typo'],
    ['contoso.co', 'tld-swap'],
    ['contoso-helpdesk.com', 'combosquat'],
    ['paypal.com.account-check.xyz', 'brand-in-subdomain'],
    ['docusign-envelope.com', 'combosquat'],
  ])('%s is a %s', (domain, technique) => {
    expect(findLookalike(domain, targets)?.technique).toBe(technique);
  });

  it.each(['contoso.com', 'mail.contoso.com', 'login.microsoftonline.com', 'github.com', 'contoso.service-now.com', 'contoso.okta.com', 'purchase-orders.example', 'intuitive.com', 'example.org'])(
    '%s is not a lookalike',
    (domain) => {
      expect(findLookalike(domain, targets)).toBeNull();
    },
  );

  it('measures edits and skeletons', () => {
    expect(editDistance('contoso', 'contsoo')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(skeleton('paypa1')).toBe(skeleton('paypal'));
    expect(skeleton('rnicrosoft')).toBe(skeleton('microsoft'));
  });
});

describe('email signals', () => {
  it('weighs SPF, DKIM and DMARC results', () => {
    const bad = mail({ auth: 'mx1.contoso.com; spf=fail smtp.mailfrom=x.com; dkim=fail header.d=x.com; dmarc=fail header.from=x.com', from: 'a@x.com' });
    expect(signal('SPF fail', bad)?.weight).toBe(0.35);
    expect(signal('DKIM fail', bad)?.weight).toBe(0.25);
    expect(signal('DMARC fail', bad)?.weight).toBe(0.45);
    const good = mail();
    expect(signal('SPF pass', good)?.weight).toBe(-0.1);
    expect(signal('DKIM pass (aligned)', good)?.weight).toBe(-0.2);
    expect(signal('DMARC pass', good)?.weight).toBe(-0.35);
    const soft = mail({ auth: 'mx1.contoso.com; spf=softfail smtp.mailfrom=x.com' });
    expect(signal('SPF softfail', soft)?.weight).toBe(0.2);
  });

  it('discounts authentication on free-mail and lookalike domains', () => {
    const gmail = mail({ from: 'Boss <boss.ceo@gmail.com>', auth: 'mx1.contoso.com; spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass header.from=gmail.com' });
    expect(signal('DMARC pass', gmail)?.weight).toBeGreaterThan(-0.15);
    expect(signal('Free-mail sender', gmail)?.weight).toBe(0.1);
    const cousin = mail({ from: 'x@contosso.com', auth: 'mx1.contoso.com; dmarc=pass header.from=contosso.com' });
    expect(signal('DMARC pass', cousin)?.detail).toMatch(/lookalike/);
  });

  it('flags Reply-To and envelope mismatches', () => {
    const email = mail({ headers: 'Reply-To: pay@outlook.com\nReturn-Path: <b@bulk.example>', auth: 'mx1.contoso.com; spf=pass smtp.mailfrom=bulk.example' });
    expect(signal('Reply-To differs from From', email)?.weight).toBe(0.4);
    expect(signal('Envelope sender differs from From', email)?.weight).toBe(0.15);
    // An aligned signature vouches for the ESP envelope: no mismatch signal.
    expect(signal('Envelope sender differs from From', mail({ headers: 'Return-Path: <b@sendgrid.net>' }))).toBeUndefined();
  });

  it('flags lookalike senders, brand and role impersonation and an address in the display name', () => {
    expect(signal('Lookalike sender domain', mail({ from: 'it@contoso-helpdesk.com' }))?.weight).toBe(0.8);
    expect(signal('Lookalike sender domain', mail({ from: 'x@paypa1.com' }))?.weight).toBe(0.6);
    expect(signal('Display name impersonates a brand', mail({ from: '"Microsoft 365" <no-reply@notify-center.example>' }))).toBeDefined();
    expect(signal('Display name impersonates a brand', mail({ from: '"Microsoft account team" <account-security-noreply@accountprotection.microsoft.com>' }))).toBeUndefined();
    expect(signal('Display name claims an internal role', mail({ from: '"IT Service Desk" <desk@help-portal.example>' }))?.weight).toBe(0.25);
    expect(signal('Display name shows another address', mail({ from: '"ceo@contoso.com" <x@mailer.example>' }))?.weight).toBe(0.45);
    expect(signal('Display name impersonates a colleague', mail({ from: 'James Doe <jd.private@mailer.example>' }), { knownPeople: ['James Doe'] })?.weight).toBe(0.45);
  });

  it('flags a spoofed own domain and recognises internal mail', () => {
    const spoof = mail({ from: 'ceo@contoso.com', auth: 'mx1.contoso.com; spf=fail smtp.mailfrom=contoso.com; dmarc=fail header.from=contoso.com' });
    expect(signal('Spoofed organisation domain', spoof)?.weight).toBe(0.5);
    const internal = mail({ from: 'm.garcia@contoso.com', auth: 'mx1.contoso.com; dkim=pass header.d=contoso.com; dmarc=pass header.from=contoso.com' });
    expect(signal('Internal sender', internal)?.weight).toBe(-0.35);
  });

  it('checks links: text vs target, shorteners, raw IPs, risky TLDs, free hosting, the claimed brand', () => {
    const email = mail({
      from: '"DocuSign" <dse@notify.example>',
      html: '<a href="https://collect.example/x">https://www.docusign.com/review</a> <a href="https://bit.ly/abc">a</a> <a href="http://203.0.113.4/login">b</a> <a href="https://x.top/">c</a> <a href="https://y.web.app/">d</a>',
    });
    expect(signal('Link text differs from target', email)?.weight).toBe(0.5);
    expect(signal('URL shortener', email)?.weight).toBe(0.25);
    expect(signal('Link to a raw IP address', email)?.weight).toBe(0.4);
    expect(signal('Link on a high-abuse TLD', email)?.weight).toBe(0.15);
    expect(signal('Link on a free hosting service', email)?.weight).toBe(0.25);
    expect(signal('Links avoid the claimed brand', email)?.weight).toBe(0.35);
    // Tracking hosts of mail service providers are exempt; links on the sender's domain count for it.
    const newsletter = mail({ html: '<a href="https://u1.ct.sendgrid.net/ls/click?x">www.fabrikam.com</a> <a href="https://www.fabrikam.com/p">p</a>' });
    expect(signal('Link text differs from target', newsletter)).toBeUndefined();
    expect(signal("Links stay on the sender's domain", newsletter)?.weight).toBe(-0.15);
  });

  it('reads urgency, credential, payment, document and QR lures', () => {
    const text = (body: string) => mail({ body });
    expect(signal('Urgency language', text('Your account will be suspended within 24 hours'))).toBeDefined();
    expect(signal('Credential lure', text('Please verify your account to keep the same password'))).toBeDefined();
    expect(signal('Payment or gift-card request', text('I need you to purchase gift cards, keep this confidential'))).toBeDefined();
    expect(signal('Document or voicemail lure', text('Anna shared a document with you'))).toBeDefined();
    expect(signal('QR-code call to action', text('Scan the QR code with your phone to continue'))?.weight).toBe(0.3);
    expect(signal('Credential lure', text('See you at lunch tomorrow.'))).toBeUndefined();
  });

  it('flags dangerous attachments', () => {
    expect(signal('Double-extension attachment', mail({ attachment: 'Invoice.pdf.exe' }))?.weight).toBe(0.6);
    expect(signal('Dangerous attachment type', mail({ attachment: 'Invoice.iso' }))?.weight).toBe(0.5);
    expect(signal('Macro-enabled attachment', mail({ attachment: 'Forecast.docm' }))?.weight).toBe(0.4);
    expect(signal('HTML attachment', mail({ attachment: 'Remittance.htm' }))?.weight).toBe(0.4);
    expect(signal('Password-protected archive', mail({ attachment: 'files.zip', body: 'The password is 1234' }))).toBeDefined();
    expect(emailSignals({ email: mail({ attachment: 'report.pdf' }) }).some((s) => /attachment/i.test(s.name))).toBe(false);
  });

  it('reads Defender verdicts and delivery from MailMessage entities', () => {
    const signals = emailSignals({
      mailMessages: [{ p2Sender: 'a@b.example', p1Sender: 'x@c.example', threats: ['Phish'], threatDetectionMethods: ['URL detonation'], deliveryAction: 'Blocked', deliveryLocation: 'Quarantine' }],
    });
    expect(signals.find((s) => s.name === 'Defender threat verdict')?.weight).toBe(0.8);
    expect(signals.find((s) => s.name === 'Filtered on delivery')).toBeDefined();
    expect(signals.find((s) => s.name === 'Envelope sender differs from From')).toBeDefined();
    const internal = emailSignals({ mailMessages: [{ p2Sender: 'a@contoso.com', antispamDirection: 'Intraorg', senderIP: '10.0.0.5' }] });
    expect(internal.find((s) => s.name === 'Sent inside the organisation')?.weight).toBe(-0.3);
  });
});

describe('email verdict', () => {
  it('maps the summed weights to a verdict with a bounded confidence', () => {
    expect(verdictFromSignals([{ name: 'a', weight: 0.6, detail: 'x' }, { name: 'b', weight: 0.6, detail: 'x' }]).verdict).toBe('PHISHING');
    expect(verdictFromSignals([{ name: 'a', weight: 0.5, detail: 'x' }]).verdict).toBe('SUSPICIOUS');
    expect(verdictFromSignals([{ name: 'a', weight: -0.3, detail: 'x' }]).verdict).toBe('LEGITIMATE');
    expect(verdictFromSignals([{ name: 'a', weight: 0.1, detail: 'x' }])).toMatchObject({ verdict: 'UNKNOWN', confidence: 0.2 });
    expect(verdictFromSignals(Array.from({ length: 10 }, () => ({ name: 'a', weight: 1, detail: 'x' }))).confidence).toBeLessThanOrEqual(0.97);
  });

  it('produces a schema-valid EMAIL_VERIFIER output that names its signals', () => {
    const result = assessEmail({ email: mail({ from: '"PayPal" <service@paypa1.com>', body: 'Confirm your identity within 24 hours or your account will be closed.' }) });
    const { score: _score, ...output } = result;
    expect(agentOutputSchemas.EMAIL_VERIFIER.parse(output)).toBeTruthy();
    expect(result.verdict).toBe('PHISHING');
    expect(result.summary).toMatch(/Lookalike sender domain/);
    expect(assessEmail({}).verdict).toBe('UNKNOWN');
  });
});
