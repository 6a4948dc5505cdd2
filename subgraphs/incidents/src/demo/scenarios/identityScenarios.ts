import { benignPositive, falsePositive, truePositive, type AlertDraft, type Scenario } from './scenario';

/** Attacks on accounts: sign-in anomalies, spraying, Kerberos abuse and group changes. */
export const IDENTITY_SCENARIOS: Scenario[] = [
  {
    key: 'impossible-travel',
    weight: 6,
    build(ctx) {
      const person = ctx.person();
      ctx.entities.user(person);
      const homeIp = ctx.externalIp();
      ctx.entities.ip(homeIp, ctx.tenant.homeLocation);
      const away = ctx.foreignLocation();
      const awayIp = ctx.externalIp();
      ctx.entities.ip(awayIp, away);
      ctx.entities.cloudApplication('Office 365 Exchange Online', 20893);
      const minutes = ctx.rng.int(8, 95);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Atypical travel',
          description: `Sign-in from an atypical location based on the user's recent sign-ins: ${person.upn} signed in from ${ctx.tenant.homeLocation.city} and ${minutes} minutes later from ${away.city}, ${away.countryName}.`,
          productName: 'Azure Active Directory Identity Protection',
          severity: 'Medium',
          alertType: 'ImpossibleTravel',
          tactics: ['InitialAccess'],
          techniques: ['T1078.004'],
          compromisedEntity: person.upn,
        },
      ];
      if (ctx.rng.chance(0.4)) {
        alerts.push({
          displayName: 'Unfamiliar sign-in properties',
          description: `The sign-in of ${person.upn} from ${awayIp} used a browser, device and ASN never seen for this user.`,
          productName: 'Azure Active Directory Identity Protection',
          severity: 'Low',
          alertType: 'UnfamiliarLocation',
          tactics: ['InitialAccess'],
          techniques: ['T1078.004'],
          compromisedEntity: person.upn,
        });
      }
      return {
        title: `Impossible travel activity involving ${person.upn}`,
        description: `${person.upn} signed in from ${ctx.tenant.homeLocation.countryName} and ${away.countryName} within ${minutes} minutes.`,
        severity: 'Medium',
        alerts,
        labels: ['Identity'],
        workNotes: [`MFA was satisfied by ${alerts.length > 1 ? 'a phone call' : 'the Authenticator app'} for the ${away.city} sign-in.`, `Messaged ${person.displayName} on Teams to confirm their location.`],
        verdicts: [
          benignPositive(3, `${person.displayName} uses a commercial VPN exiting in ${away.countryName}; no suspicious mailbox or file activity.`),
          truePositive(2, `${person.displayName} was not travelling; sessions revoked, password reset and MFA re-registered.`),
        ],
      };
    },
  },
  {
    key: 'password-spray',
    weight: 4,
    build(ctx) {
      const attackerIp = ctx.externalIp();
      ctx.entities.ip(attackerIp, ctx.foreignLocation());
      const targets = Array.from({ length: ctx.rng.int(3, 7) }, () => ctx.person());
      for (const person of targets) ctx.entities.user(person);
      const attempts = ctx.rng.int(60, 1500);
      const compromised = ctx.rng.chance(0.2) ? targets[0] : undefined;
      const alerts: AlertDraft[] = [
        {
          displayName: 'Password spray',
          description: `A password spray attack from ${attackerIp} tried ${attempts} sign-ins across ${targets.length * ctx.rng.int(8, 30)} accounts with a few common passwords.`,
          productName: 'Azure Active Directory Identity Protection',
          severity: 'Medium',
          alertType: 'PasswordSpray',
          tactics: ['CredentialAccess'],
          techniques: ['T1110.003'],
          compromisedEntity: targets[0]?.upn ?? ctx.tenant.domain,
        },
        {
          displayName: 'Password spray attack against Azure AD application',
          description: `Identifies evidence of password spray activity against Azure AD applications: ${attempts} failed sign-ins (error 50126) from ${attackerIp}.`,
          productName: 'Azure Sentinel',
          severity: 'Medium',
          tactics: ['CredentialAccess'],
          techniques: ['T1110.003'],
          compromisedEntity: attackerIp,
        },
      ];
      if (compromised) {
        alerts.push({
          displayName: 'Successful sign-in after password spray',
          description: `${compromised.upn} signed in successfully from ${attackerIp} after the spray.`,
          productName: 'Azure Sentinel',
          severity: 'High',
          tactics: ['InitialAccess'],
          techniques: ['T1078.004'],
          compromisedEntity: compromised.upn,
        });
      }
      return {
        title: `Password spray attack from ${attackerIp}`,
        description: `${attempts} failed sign-ins from ${attackerIp} against ${targets.length} or more accounts.${compromised ? ` One account (${compromised.upn}) signed in successfully.` : ''}`,
        severity: compromised ? 'High' : 'Medium',
        alerts,
        labels: ['Identity', 'BruteForce'],
        workNotes: [`Blocked ${attackerIp} with a Conditional Access named location.`],
        verdicts: [
          truePositive(1, compromised ? `${compromised.upn} reset and sessions revoked; legacy authentication blocked tenant-wide.` : `Spray failed against all accounts; IP blocked and smart lockout confirmed working.`),
        ],
      };
    },
  },
  {
    key: 'kerberoasting',
    weight: 2,
    build(ctx) {
      const person = ctx.person();
      const account = ctx.entities.user(person, { onPremises: true });
      const workstation = ctx.workstation();
      ctx.entities.host(workstation);
      ctx.entities.ip(ctx.internalIp());
      const dc = ctx.server('DC');
      ctx.entities.host(dc, { osVersion: 'Windows Server 2022' });
      const services = ctx.rng.sample(['svc_sql', 'svc_backup', 'svc_sharepoint', 'svc_iis', 'svc_scom', 'svc_adfs'], ctx.rng.int(2, 4));
      for (const name of services) ctx.entities.domainAccount(name, `${ctx.tenant.domainSid}-${ctx.rng.int(1100, 9000)}`);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Suspected Kerberos SPN exposure (external ID 2410)',
          description: `${account.properties.accountName} on ${workstation} requested RC4-encrypted Kerberos service tickets for ${services.length} service accounts (${services.join(', ')}) from ${dc}. The tickets can be cracked offline to recover the service account passwords.`,
          productName: 'Microsoft Defender for Identity',
          severity: 'High',
          tactics: ['CredentialAccess'],
          techniques: ['T1558.003'],
          compromisedEntity: workstation,
        },
      ];
      if (ctx.rng.chance(0.6)) {
        alerts.unshift({
          displayName: 'Security principal reconnaissance (LDAP) (external ID 2038)',
          description: `${account.properties.accountName} on ${workstation} ran LDAP queries enumerating accounts with a servicePrincipalName against ${dc}.`,
          productName: 'Microsoft Defender for Identity',
          severity: 'Medium',
          tactics: ['Discovery'],
          techniques: ['T1087.002'],
          compromisedEntity: workstation,
        });
      }
      return {
        title: `Kerberoasting from ${workstation}`,
        description: `${person.upn} requested service tickets for several service accounts, consistent with Kerberoasting.`,
        severity: 'High',
        alerts,
        labels: ['CredentialTheft', 'ActiveDirectory'],
        workNotes: [`Rotating passwords for ${services.join(', ')} (all older than two years).`, `Rubeus.exe found in ${person.accountName}'s Downloads folder on ${workstation}.`],
        verdicts: [
          truePositive(3, `Kerberoasting confirmed; service account passwords rotated to 30+ characters and AES-only enforced.`),
          benignPositive(1, `Authorised red-team exercise (ticket RT-${ctx.rng.int(100, 999)}); red team confirmed the ${workstation} activity.`),
        ],
      };
    },
  },
  {
    key: 'privileged-group-addition',
    weight: 4,
    build(ctx) {
      const admin = ctx.person();
      ctx.entities.user(admin, { onPremises: true });
      const member = ctx.person();
      ctx.entities.user(member, { onPremises: true });
      const [group, rid] = ctx.rng.pick([
        ['Domain Admins', 512],
        ['Enterprise Admins', 519],
        ['Schema Admins', 518],
        ['Account Operators', 548],
      ] as const);
      ctx.entities.securityGroup(group, rid);
      const dc = ctx.server('DC');
      ctx.entities.host(dc, { osVersion: 'Windows Server 2022' });
      return {
        title: `User account added to built in domain local or global group: ${group}`,
        description: `${admin.upn} added ${member.upn} to ${group} on ${dc} (event 4728).`,
        severity: 'Low',
        alerts: [
          {
            displayName: 'User account added to built in domain local or global group',
            description: `Identifies when a user account has been added to a privileged built in domain local group or global group such as ${group}.`,
            productName: 'Azure Sentinel',
            severity: 'Low',
            tactics: ['Persistence', 'PrivilegeEscalation'],
            techniques: ['T1098'],
            compromisedEntity: member.upn,
          },
        ],
        labels: ['ActiveDirectory'],
        workNotes: [`Looking for a change request covering ${member.accountName} in ${group}.`],
        verdicts: [
          benignPositive(4, `Approved change CHG${ctx.rng.int(10000, 99999)}: ${member.displayName} joined the infrastructure team.`),
          truePositive(1, `No change request and ${admin.displayName} denies the change; ${member.accountName} removed from ${group} and both accounts reset.`),
          falsePositive(1, 'Event came from the AD lab forest mis-onboarded to this workspace; connector scope fixed.', 'InaccurateData'),
        ],
      };
    },
  },
];
