import type { DemoPerson } from '../demoTenant';
import { benignPositive, falsePositive, truePositive, type AlertDraft, type Scenario, type ScenarioContext } from './scenario';

/** Defender for Cloud Apps ids of the Microsoft 365 workloads. */
const EXCHANGE_ONLINE = ['Office 365 Exchange Online', 20893] as const;
const SHAREPOINT_ONLINE = ['Microsoft SharePoint Online', 20892] as const;

/** Attacks on mail, Microsoft 365 and Azure: phishing, mailbox rules, data theft and cloud abuse. */
export const CLOUD_SCENARIOS: Scenario[] = [
  {
    key: 'phishing-url',
    weight: 6,
    build(ctx) {
      const person = ctx.person();
      ctx.entities.user(person);
      const { url, senderDomain, subject } = deliverPhish(ctx, person);
      const clicked = ctx.rng.chance(0.3);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Email messages containing malicious URL removed after delivery',
          description: `Emails with a malicious URL that were delivered and later removed by zero-hour auto purge. The message "${subject}" from ${senderDomain} reached ${person.upn}.`,
          productName: 'Microsoft Defender for Office 365',
          severity: 'Medium',
          tactics: ['InitialAccess'],
          techniques: ['T1566.002'],
          compromisedEntity: person.upn,
        },
      ];
      if (clicked) {
        alerts.push({
          displayName: 'A potentially malicious URL click was detected',
          description: `${person.upn} clicked ${url} in the message "${subject}" before it was removed. Safe Links allowed the click because the URL was not yet known to be malicious.`,
          productName: 'Microsoft Defender for Office 365',
          severity: 'High',
          tactics: ['Execution'],
          techniques: ['T1204.001'],
          compromisedEntity: person.upn,
        });
      }
      return {
        title: clicked ? `Phishing URL clicked by ${person.upn}` : `Phishing email with malicious URL delivered to ${person.upn}`,
        description: `A credential phishing email from ${senderDomain} with the subject "${subject}" was delivered to ${person.upn}'s inbox.${clicked ? ' The user clicked the link.' : ''}`,
        severity: clicked ? 'High' : 'Medium',
        alerts,
        labels: ['Phishing'],
        workNotes: [
          `Purged the message from all ${ctx.rng.int(1, 40)} mailboxes that received it and blocked ${senderDomain} in the tenant allow/block list.`,
          clicked ? `${person.displayName} entered credentials on the fake page; sessions revoked and password reset.` : `${person.displayName} did not open the link (no Safe Links click events).`,
        ],
        verdicts: [
          truePositive(5, `Credential phishing from ${senderDomain}; message purged tenant-wide and sender blocked.`),
          falsePositive(1, 'URL belongs to the quarterly phishing simulation; simulation domains added to the advanced delivery policy.', 'InaccurateData'),
        ],
      };
    },
  },
  {
    key: 'inbox-forwarding-rule',
    weight: 3,
    build(ctx) {
      const person = ctx.person();
      ctx.entities.user(person);
      ctx.entities.mailbox(person);
      const ip = ctx.externalIp();
      ctx.entities.ip(ip, ctx.foreignLocation());
      ctx.entities.cloudApplication(...EXCHANGE_ONLINE);
      const forwardTo = `${person.accountName.replace('.', '')}${ctx.rng.int(10, 99)}@${ctx.rng.pick(['mailbox-drop', 'securemail-box', 'inbox-archive'])}.example`;
      const alerts: AlertDraft[] = [
        {
          displayName: 'Suspicious inbox forwarding',
          description: `${person.upn} created or updated an inbox rule that forwards all incoming email to the external address ${forwardTo}.`,
          productName: 'Microsoft Defender for Cloud Apps',
          severity: 'Medium',
          tactics: ['Collection'],
          techniques: ['T1114.003'],
          compromisedEntity: person.upn,
        },
      ];
      if (ctx.rng.chance(0.5)) {
        alerts.push({
          displayName: 'Suspicious inbox manipulation rule',
          description: `${person.upn} created an inbox rule that moves messages containing "invoice", "payment" or "wire" to the RSS Subscriptions folder and marks them as read.`,
          productName: 'Microsoft Defender for Cloud Apps',
          severity: 'Medium',
          tactics: ['DefenseEvasion'],
          techniques: ['T1564.008'],
          compromisedEntity: person.upn,
        });
      }
      return {
        title: `Suspicious inbox forwarding rule for ${person.upn}`,
        description: `An inbox rule in ${person.upn}'s mailbox forwards mail to ${forwardTo}; it was created from ${ip}.`,
        severity: 'Medium',
        alerts,
        labels: ['BEC'],
        workNotes: [`Removed the rule with Remove-InboxRule and disabled external auto-forwarding for ${person.upn}.`],
        verdicts: [
          truePositive(3, `Business email compromise: ${person.accountName}'s session token was stolen. Rule removed, sessions revoked, finance team warned.`),
          benignPositive(1, `${person.displayName} forwards mail to a personal address while on leave; reminded of the policy and rule removed.`),
        ],
      };
    },
  },
  {
    key: 'sharepoint-mass-download',
    weight: 3,
    build(ctx) {
      const person = ctx.person();
      ctx.entities.user(person);
      const ip = ctx.externalIp();
      const location = ctx.rng.chance(0.5) ? ctx.foreignLocation() : ctx.tenant.homeLocation;
      ctx.entities.ip(ip, location);
      ctx.entities.cloudApplication(...SHAREPOINT_ONLINE);
      const site = ctx.rng.pick(['Finance', 'HR', 'Legal', 'Engineering', 'M-and-A']);
      ctx.entities.url(`https://${ctx.tenant.org}.sharepoint.example/sites/${site}`);
      const files = ctx.rng.int(300, 5000);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Mass download by a single user',
          description: `${person.upn} downloaded ${files} files from the ${site} site in ${ctx.rng.int(5, 50)} minutes, far above their baseline.`,
          productName: 'Microsoft Defender for Cloud Apps',
          severity: 'Medium',
          tactics: ['Collection'],
          techniques: ['T1213.002', 'T1530'],
          compromisedEntity: person.upn,
        },
      ];
      if (location !== ctx.tenant.homeLocation) {
        alerts.unshift({
          displayName: 'Activity from infrequent country',
          description: `${person.upn} signed in from ${location.countryName} (${ip}), a country not seen for this user or the organisation in the last 30 days.`,
          productName: 'Microsoft Defender for Cloud Apps',
          severity: 'Medium',
          tactics: ['InitialAccess'],
          techniques: ['T1078.004'],
          compromisedEntity: person.upn,
        });
      }
      return {
        title: `Mass download from SharePoint site ${site} by ${person.upn}`,
        description: `${person.upn} downloaded ${files} files from /sites/${site} from ${ip} (${location.city}).`,
        severity: 'Medium',
        alerts,
        labels: ['DataExfiltration'],
        workNotes: [`Checked with ${person.displayName}'s manager; ${person.displayName} has handed in their notice.`, 'Placed a legal hold on the account pending HR review.'],
        verdicts: [
          truePositive(2, `Departing employee exfiltrated ${site} documents; handed to HR and Legal, access revoked.`),
          benignPositive(2, `${person.displayName} synced the ${site} library with OneDrive after a laptop rebuild.`),
        ],
      };
    },
  },
  {
    key: 'anomalous-azure-deployment',
    weight: 2,
    build(ctx) {
      const person = ctx.person();
      ctx.entities.user(person);
      const ip = ctx.externalIp();
      ctx.entities.ip(ip, ctx.foreignLocation());
      const region = ctx.rng.pick(['brazilsouth', 'southeastasia', 'australiaeast', 'westus3']);
      const count = ctx.rng.int(6, 40);
      const resourceGroup = `rg-${ctx.rng.hex(6)}`;
      for (let i = 1; i <= Math.min(count, 3); i += 1) {
        ctx.entities.azureResource(
          `/subscriptions/${ctx.tenant.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/vm-${region}-${i}`,
        );
      }
      const alerts: AlertDraft[] = [
        {
          displayName: 'Suspicious number of resource creation or deployment activities',
          description: `${person.upn} created ${count} Standard_NC24ads_A100_v4 virtual machines in ${region} within an hour from ${ip}, well above their usual deployment activity.`,
          productName: 'Azure Sentinel',
          severity: 'Medium',
          tactics: ['Impact', 'DefenseEvasion'],
          techniques: ['T1496', 'T1578.002'],
          compromisedEntity: person.upn,
        },
      ];
      if (ctx.rng.chance(0.5)) {
        alerts.unshift({
          displayName: 'Unfamiliar sign-in properties',
          description: `The sign-in of ${person.upn} from ${ip} used properties never seen for this user.`,
          productName: 'Azure Active Directory Identity Protection',
          severity: 'Medium',
          alertType: 'UnfamiliarLocation',
          tactics: ['InitialAccess'],
          techniques: ['T1078.004'],
          compromisedEntity: person.upn,
        });
      }
      return {
        title: `Anomalous Azure resource deployment by ${person.upn}`,
        description: `${count} GPU virtual machines were deployed to ${resourceGroup} in ${region} by ${person.upn}.`,
        severity: 'Medium',
        alerts,
        labels: ['Cloud'],
        workNotes: [`Applied a ReadOnly lock on ${resourceGroup} and deallocated the VMs.`],
        verdicts: [
          truePositive(2, `Stolen credentials used to deploy GPU miners; resources deleted, account reset and quota lowered.`),
          benignPositive(1, `Data science team load test in ${region}, approved by the cloud platform owner.`),
        ],
      };
    },
  },
  {
    key: 'fusion-multistage',
    weight: 1,
    ruleName: 'BuiltInFusion',
    build(ctx) {
      const person = ctx.person();
      ctx.entities.user(person);
      ctx.entities.mailbox(person);
      const ip = ctx.externalIp();
      const location = ctx.foreignLocation();
      ctx.entities.ip(ip, location);
      ctx.entities.cloudApplication(...EXCHANGE_ONLINE);
      ctx.entities.cloudApplication(...SHAREPOINT_ONLINE);
      const signIn: AlertDraft = {
        displayName: 'Unfamiliar sign-in properties',
        description: `The sign-in of ${person.upn} from ${ip} (${location.city}, ${location.countryName}) used properties never seen for this user.`,
        productName: 'Azure Active Directory Identity Protection',
        severity: 'Medium',
        alertType: 'UnfamiliarLocation',
        tactics: ['InitialAccess'],
        techniques: ['T1078.004'],
        compromisedEntity: person.upn,
      };
      const inboxRule: AlertDraft = {
        displayName: 'Suspicious inbox manipulation rule',
        description: `${person.upn} created an inbox rule that deletes incoming messages from the IT helpdesk and the security team.`,
        productName: 'Microsoft Defender for Cloud Apps',
        severity: 'Medium',
        tactics: ['DefenseEvasion'],
        techniques: ['T1564.008'],
        compromisedEntity: person.upn,
      };
      const download: AlertDraft = {
        displayName: 'Mass download by a single user',
        description: `${person.upn} downloaded ${ctx.rng.int(400, 3000)} files from SharePoint Online from ${ip}.`,
        productName: 'Microsoft Defender for Cloud Apps',
        severity: 'Medium',
        tactics: ['Collection'],
        techniques: ['T1530'],
        compromisedEntity: person.upn,
      };
      const fusion: AlertDraft = {
        displayName: 'Unfamiliar sign-in properties leading to suspicious inbox manipulation and mass file download',
        description: `Fusion correlated an unfamiliar sign-in by ${person.upn} from ${ip} with a suspicious inbox rule and a mass download from SharePoint Online in the following hours.`,
        productName: 'Azure Sentinel',
        severity: 'High',
        alertType: 'Fusion',
        tactics: ['InitialAccess', 'DefenseEvasion', 'Collection'],
        techniques: ['T1078.004', 'T1564.008', 'T1530'],
        compromisedEntity: person.upn,
      };
      return {
        title: 'Unfamiliar sign-in properties leading to suspicious inbox manipulation and mass file download',
        description:
          'Fusion detected a multistage attack: an unfamiliar sign-in, followed by a suspicious inbox manipulation rule and a mass download of files, for the same user. ' +
          'When you close this incident, please provide feedback on whether it was a True Positive, Benign Positive or False Positive.',
        severity: 'High',
        alerts: [signIn, inboxRule, download, fusion],
        labels: ['Fusion', 'BEC'],
        workNotes: [`Revoked all refresh tokens for ${person.upn} and blocked sign-in.`, `Reviewed the downloaded file list with the data owner.`],
        verdicts: [truePositive(1, `Account takeover of ${person.upn} via AiTM phishing; tokens revoked, rule removed, downloaded data assessed.`)],
      };
    },
  },
];

/** Adds the entities of a credential-phishing mail delivered to the person's inbox. */
function deliverPhish(
  ctx: ScenarioContext,
  person: DemoPerson,
): { url: string; senderDomain: string; subject: string } {
  const senderDomain = ctx.rng.pick([
    `${ctx.tenant.org}-hr-portal.example`,
    `${ctx.tenant.org}-invoices.example`,
    'secure-docshare.example',
    'm365-passwordreset.example',
  ]);
  const [senderName, senderLocal, subject] = ctx.rng.pick([
    ['IT Service Desk', 'it-support', 'Action required: your password expires today'],
    ['Accounts Payable', 'billing', `Overdue invoice INV-${ctx.rng.int(10000, 99999)}`],
    ['SharePoint', 'no-reply', `${ctx.person().displayName} shared "Salary review Q${ctx.rng.int(1, 4)}.xlsx" with you`],
    ['DocuSign', 'dse', 'Please review and sign: Employment agreement amendment'],
  ] as const);
  const url = `https://${senderDomain}/${ctx.rng.pick(['s', 'auth', 'view'])}/${ctx.rng.hex(12)}?u=${Buffer.from(person.upn).toString('base64url')}`;
  const senderIp = ctx.externalIp();
  const sender = `${senderLocal}@${senderDomain}`;
  ctx.entities.mailbox(person);
  ctx.entities.ip(senderIp);
  ctx.entities.mailMessage({
    subject,
    recipient: person.upn,
    p1Sender: `bounce-${ctx.rng.hex(6)}@mail.${senderDomain}`,
    p1SenderDomain: `mail.${senderDomain}`,
    p2Sender: sender,
    p2SenderDisplayName: senderName,
    p2SenderDomain: senderDomain,
    senderIP: senderIp,
    receiveDate: ctx.at(0).toISOString(),
    networkMessageId: ctx.rng.guid(),
    internetMessageId: `<${ctx.rng.hex(16).toUpperCase()}.${ctx.rng.hex(8)}@mail.${senderDomain}>`,
    urls: [url],
    threats: ['Phish'],
    threatDetectionMethods: ['URL detonation reputation'],
    antispamDirection: 'Inbound',
    deliveryAction: 'Delivered',
    deliveryLocation: 'Inbox',
    language: 'en',
  });
  ctx.entities.url(url);
  return { url, senderDomain, subject };
}
