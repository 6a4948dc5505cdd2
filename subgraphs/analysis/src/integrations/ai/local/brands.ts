/**
 * Brands phishing impersonates most often, with the registrable domains they really send from and the
 * words that identify them in domains and display names. A sender on a listed domain is the brand; the
 * same words anywhere else are an impersonation signal.
 */
export interface Brand {
  name: string;
  domains: string[];
  /** Lower-case words; see keywordInTokens for how they match. */
  keywords: string[];
}

export const BRANDS: readonly Brand[] = [
  {
    name: 'Microsoft',
    domains: [
      'microsoft.com', 'microsoftonline.com', 'office.com', 'office365.com', 'office.net', 'outlook.com', 'live.com', 'hotmail.com',
      'sharepoint.com', 'onmicrosoft.com', 'microsoft365.com', 'azure.com', 'windows.net', 'msn.com', 'skype.com', 'bing.com',
      'onedrive.com', 'msftauth.net', 'microsoftstore.com', 'azureedge.net', 'mail.microsoft', 'microsoftsupport.com',
    ],
    keywords: ['microsoft', 'office365', 'o365', 'm365', 'outlook', 'onedrive', 'sharepoint', 'msonline', 'hotmail', 'windowslive', 'azure'],
  },
  {
    name: 'Google',
    domains: ['google.com', 'gmail.com', 'googlemail.com', 'youtube.com', 'google.co.uk', 'withgoogle.com', 'googleapis.com', 'gstatic.com', 'googleusercontent.com', 'googletagmanager.com', 'google-analytics.com', 'doubleclick.net'],
    keywords: ['google', 'gmail', 'gdrive'],
  },
  { name: 'Apple', domains: ['apple.com', 'icloud.com', 'me.com', 'itunes.com'], keywords: ['apple', 'icloud', 'itunes', 'appleid'] },
  { name: 'Amazon', domains: ['amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazonses.com', 'amazonaws.com', 'aws.com'], keywords: ['amazon', 'aws'] },
  { name: 'PayPal', domains: ['paypal.com', 'paypal.me', 'paypal-communication.com'], keywords: ['paypal'] },
  { name: 'DocuSign', domains: ['docusign.com', 'docusign.net'], keywords: ['docusign'] },
  { name: 'Dropbox', domains: ['dropbox.com', 'dropboxmail.com'], keywords: ['dropbox'] },
  { name: 'Adobe', domains: ['adobe.com', 'adobesign.com', 'echosign.com'], keywords: ['adobe'] },
  { name: 'LinkedIn', domains: ['linkedin.com', 'licdn.com'], keywords: ['linkedin'] },
  { name: 'Meta', domains: ['facebook.com', 'facebookmail.com', 'meta.com', 'instagram.com', 'whatsapp.com'], keywords: ['facebook', 'instagram', 'whatsapp'] },
  { name: 'Netflix', domains: ['netflix.com'], keywords: ['netflix'] },
  { name: 'DHL', domains: ['dhl.com', 'dhl.de', 'dhl.co.uk'], keywords: ['dhl'] },
  { name: 'FedEx', domains: ['fedex.com'], keywords: ['fedex'] },
  { name: 'UPS', domains: ['ups.com'], keywords: ['ups'] },
  { name: 'Chase', domains: ['chase.com', 'jpmorgan.com'], keywords: ['chase', 'jpmorgan'] },
  { name: 'Wells Fargo', domains: ['wellsfargo.com'], keywords: ['wellsfargo'] },
  { name: 'Bank of America', domains: ['bankofamerica.com', 'bofa.com'], keywords: ['bankofamerica', 'bofa'] },
  { name: 'HSBC', domains: ['hsbc.com', 'hsbc.co.uk'], keywords: ['hsbc'] },
  { name: 'Okta', domains: ['okta.com', 'oktacdn.com'], keywords: ['okta'] },
  { name: 'Salesforce', domains: ['salesforce.com', 'force.com'], keywords: ['salesforce'] },
  { name: 'Zoom', domains: ['zoom.us', 'zoom.com'], keywords: ['zoom'] },
  { name: 'Slack', domains: ['slack.com'], keywords: ['slack'] },
  { name: 'GitHub', domains: ['github.com', 'githubusercontent.com'], keywords: ['github'] },
  { name: 'Atlassian', domains: ['atlassian.com', 'atlassian.net', 'jira.com'], keywords: ['atlassian', 'jira', 'confluence'] },
  { name: 'Intuit', domains: ['intuit.com', 'quickbooks.com'], keywords: ['intuit', 'quickbooks'] },
  { name: 'WeTransfer', domains: ['wetransfer.com'], keywords: ['wetransfer'] },
  { name: 'Coinbase', domains: ['coinbase.com'], keywords: ['coinbase'] },
];

/** Free mailbox providers: anyone can register any name there, so a business role from them is odd. */
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com',
  'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'protonmail.com', 'proton.me',
  'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'tutanota.com', 'qq.com', '163.com',
]);

/**
 * Free web-hosting and app platforms where anyone gets a subdomain in minutes; credential-phishing
 * pages are hosted there because the parent domain has a good reputation.
 */
export const FREE_HOSTING_DOMAINS = new Set([
  'web.app', 'firebaseapp.com', 'github.io', 'netlify.app', 'vercel.app', 'herokuapp.com', 'pages.dev', 'workers.dev', 'glitch.me',
  'repl.co', 'weebly.com', 'wixsite.com', 'square.site', '000webhostapp.com', 'ngrok.io', 'ngrok-free.app', 'r2.dev', 'ipfs.io',
  'blob.core.windows.net', 'web.core.windows.net', 'onrender.com', 'godaddysites.com', 'sites.google.com', 'forms.gle', 'typeform.com',
]);

/** Link shorteners hide the destination from the reader and from URL reputation. */
export const URL_SHORTENERS = new Set([
  'bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'rb.gy',
  'tiny.cc', 'bl.ink', 't.ly', 'lnkd.in', 'short.io', 's.id', 'v.gd', 'qrco.de', 'urlz.fr', 'shorte.st', 'adf.ly',
]);

/** Display-name words that claim an internal or service role. */
export const ROLE_WORDS = /\b(?:it\s*(?:service\s*desk|support|help\s*desk|department|team|admin)|help\s*desk|service\s*desk|system\s*admin(?:istrator)?|administrator|postmaster|mail(?:box)?\s*(?:admin|administrator|delivery|server|team)|security\s*team|payroll|human\s*resources|hr\s*(?:department|team|portal)|accounts?\s*payable|finance\s*(?:department|team)|voice\s*mail|voicemail|e-?fax|webmail|it\s*security)\b/i;

export function brandOfDomain(domain: string): Brand | undefined {
  const name = domain.toLowerCase();
  return BRANDS.find((brand) => brand.domains.some((owned) => name === owned || name.endsWith(`.${owned}`)));
}

/** Keywords that are also parts of ordinary words (intuitive, purchase): whole tokens only. */
export const TOKEN_ONLY = new Set(['intuit', 'chase', 'apple', 'adobe', 'slack', 'zoom', 'okta', 'jira', 'azure', 'bofa', 'hsbc', 'dhl', 'ups', 'aws', 'o365', 'm365']);

/** Words of a name or label: split on punctuation, spaces and letter/digit boundaries (Office365 → office, 365). */
export function nameTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
    .filter(Boolean);
}

/**
 * True when `keyword` is one token, or two or three consecutive tokens written together (o + 365,
 * wells + fargo), or, for distinctive keywords of six letters or more, a substring (paypalsecure).
 */
export function keywordInTokens(keyword: string, tokens: string[], compact: string): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + 3); j += 1) {
      joined += tokens[j];
      if (joined === keyword) return true;
    }
  }
  return keyword.length >= 6 && !TOKEN_ONLY.has(keyword) && compact.includes(keyword);
}

/** The brand a display name or text claims to be, e.g. "Microsoft 365 Security" → Microsoft. */
export function brandInText(text: string): Brand | undefined {
  const tokens = nameTokens(text);
  const compact = tokens.join('');
  return BRANDS.find((brand) => brand.keywords.some((keyword) => keywordInTokens(keyword, tokens, compact)));
}
