import { getHeader, parseAddressList, parseAuthenticationResults, parseRawEmail } from '../../../../src/integrations/ai/local';

const CRLF = (text: string): string => text.replace(/\n/g, '\r\n');

describe('parseRawEmail', () => {
  it('unfolds folded headers and decodes encoded words', () => {
    const email = parseRawEmail(
      CRLF(`From: =?utf-8?Q?=C3=89quipe_RH?= <hr@contoso.com>
To: "Doe, James" <j.doe@contoso.com>,
 Maria Garcia <m.garcia@contoso.com>
Subject: =?utf-8?B?UmFwcGVsIDog?=
 =?utf-8?B?aW5zY3JpcHRpb24=?=
Received: from mail.example (mail.example [198.51.100.23])
\tby mx1.contoso.com with ESMTPS; Tue, 3 Jun 2025 08:14:02 +0000

body
`),
    );
    expect(email.from).toEqual({ name: 'Équipe RH', address: 'hr@contoso.com', domain: 'contoso.com' });
    expect(email.to.map((address) => address.address)).toEqual(['j.doe@contoso.com', 'm.garcia@contoso.com']);
    expect(email.to[0]?.name).toBe('Doe, James');
    expect(email.subject).toBe('Rappel : inscription');
    expect(email.receivedIps).toEqual(['198.51.100.23']);
    expect(getHeader(email, 'received')).toContain('by mx1.contoso.com');
  });

  it('reads Authentication-Results (first header only), Received-SPF and the authserv-id', () => {
    const email = parseRawEmail(`Authentication-Results: mx1.contoso.com;
 spf=fail (sender IP is 192.0.2.66) smtp.mailfrom=globex-billing.com;
 dkim=pass header.d=other.example header.s=s1;
 dmarc=fail action=quarantine header.from=globex-billing.com;
 compauth=fail reason=000
Authentication-Results: relay.example; spf=pass smtp.mailfrom=globex-billing.com
Received-SPF: Fail (protection.outlook.com: domain of globex-billing.com does not designate 192.0.2.66)
From: ar@globex-billing.com

x`);
    expect(email.authServId).toBe('mx1.contoso.com');
    expect(email.receivedSpf).toBe('fail');
    expect(email.authResults.map((result) => [result.method, result.result, result.domain])).toEqual([
      ['spf', 'fail', 'globex-billing.com'],
      ['dkim', 'pass', 'other.example'],
      ['dmarc', 'fail', 'globex-billing.com'],
      ['compauth', 'fail', ''],
    ]);
  });

  it('decodes quoted-printable and base64 parts of nested multipart messages and lists attachments', () => {
    const html = Buffer.from('<p>Caf&eacute; <a href="https://evil.example/login">https://portal.contoso.com</a></p>', 'utf8').toString('base64');
    const email = parseRawEmail(`From: Sender <s@example.org>
Reply-To: other@gmail.com
Return-Path: <bounce@example.org>
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Caf=E9 soft =
break and =3D sign
--inner
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

${html}
--inner--
--outer
Content-Type: application/octet-stream; name="Invoice.pdf.exe"
Content-Disposition: attachment; filename="Invoice.pdf.exe"
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
--outer
Content-Type: application/pdf
Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.pdf

%PDF
--outer--
`);
    expect(email.textBody).toBe('Café soft break and = sign');
    expect(email.htmlBody).toContain('<a href="https://evil.example/login">');
    expect(email.links).toContainEqual({ href: 'https://evil.example/login', text: 'https://portal.contoso.com', source: 'html' });
    expect(email.attachments).toEqual([
      { filename: 'Invoice.pdf.exe', contentType: 'application/octet-stream', size: 12 },
      { filename: 'Résumé.pdf', contentType: 'application/pdf', size: 4 },
    ]);
    expect(email.replyTo[0]?.address).toBe('other@gmail.com');
    expect(email.returnPath).toBe('bounce@example.org');
    expect(email.warnings).toEqual([]);
  });

  it('uses the HTML part as text when there is no plain part, and finds links in plain text', () => {
    const htmlOnly = parseRawEmail('Content-Type: text/html\n\n<style>p{}</style><p>Hello&nbsp;there<br>line</p>');
    expect(htmlOnly.bodyText).toBe('Hello there\nline');
    const plain = parseRawEmail('Subject: x\n\nVisit https://example.com/a, then https://example.org/b.');
    expect(plain.links.map((link) => link.href)).toEqual(['https://example.com/a', 'https://example.org/b']);
  });

  it('survives malformed input', () => {
    expect(parseRawEmail('').headers).toEqual([]);
    expect(parseRawEmail('just some text without headers').bodyText).toBe('just some text without headers');
    const broken = parseRawEmail('Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nunterminated');
    expect(broken.textBody).toBe('unterminated');
    expect(broken.warnings).toContain('multipart/mixed is missing its closing boundary');
    expect(parseRawEmail('Content-Type: multipart/mixed\n\nno boundary').warnings[0]).toMatch(/without a boundary/);
  });

  it('parses address lists with groups and comments', () => {
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(parseAddressList('a@x.com (Alice), "B, Bob" <b@y.com>').map((a) => [a.name, a.address])).toEqual([
      ['Alice', 'a@x.com'],
      ['B, Bob', 'b@y.com'],
    ]);
  });

  it('parses result clauses with comments containing semicolons', () => {
    const results = parseAuthenticationResults('mx.example; spf=pass (a; b) smtp.mailfrom=x.example; dmarc=bestguesspass header.from=x.example');
    expect(results.map((r) => r.result)).toEqual(['pass', 'bestguesspass']);
  });
});
