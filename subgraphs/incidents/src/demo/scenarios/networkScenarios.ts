import { benignPositive, falsePositive, truePositive, type AlertDraft, type Scenario } from './scenario';

/** Attacks seen in network and application traffic: brute force, injection, C2 and tunnelling. */
export const NETWORK_SCENARIOS: Scenario[] = [
  {
    key: 'rdp-brute-force',
    weight: 6,
    build(ctx) {
      const vmName = `${ctx.tenant.org}-${ctx.rng.pick(['rdp', 'mgmt', 'test', 'legacy'])}-vm${ctx.rng.int(1, 9)}`;
      const azureId = `/subscriptions/${ctx.tenant.subscriptionId}/resourceGroups/${ctx.tenant.org}-infra-rg/providers/Microsoft.Compute/virtualMachines/${vmName}`;
      const host = ctx.entities.host(vmName, { azureID: azureId, domainJoined: false, osVersion: 'Windows Server 2019' });
      const attackerIp = ctx.externalIp();
      ctx.entities.ip(attackerIp, ctx.foreignLocation());
      const failed = ctx.rng.int(40, 900);
      const nonExistent = ctx.rng.int(5, Math.floor(failed / 2));
      const succeeded = ctx.rng.chance(0.25);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Failed RDP Brute Force Attack',
          description: `Several Remote Desktop login attempts were detected from FreeRDP (${attackerIp}), none of them succeeded. Event logs analysis shows that in the last ${ctx.rng.int(20, 90)} minutes there were ${failed} failed attempts. ${nonExistent} of the failed login attempts aimed at non-existent users.`,
          productName: 'Microsoft Defender for Cloud',
          severity: 'Low',
          alertType: 'VM_FailedRDPBruteForce',
          tactics: ['CredentialAccess'],
          techniques: ['T1110.001'],
          compromisedEntity: vmName,
        },
      ];
      if (succeeded) {
        ctx.entities.localAccount('administrator', host, `S-1-5-21-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1e9, 4e9)}-500`);
        alerts.push({
          displayName: 'Successful RDP brute force attack',
          description: `Several Remote Desktop login attempts were detected from FreeRDP (${attackerIp}), some of which were able to successfully login to the machine. 1 of the successful logins was to the existing user 'administrator'.`,
          productName: 'Microsoft Defender for Cloud',
          severity: 'High',
          alertType: 'VM_RDPBruteForce',
          tactics: ['CredentialAccess', 'LateralMovement'],
          techniques: ['T1110.001', 'T1021.001'],
          compromisedEntity: vmName,
        });
      }
      return {
        title: succeeded ? `Successful RDP brute force attack on ${vmName}` : `Failed RDP brute force attack on ${vmName}`,
        description: `${vmName} exposes RDP to the internet and received ${failed} failed logons from ${attackerIp}${succeeded ? ', followed by a successful administrator logon' : ''}.`,
        severity: succeeded ? 'High' : 'Low',
        alerts,
        labels: ['BruteForce', 'Cloud'],
        workNotes: [
          `${vmName} has TCP 3389 open to 0.0.0.0/0 on its NSG. Requested JIT access instead.`,
          `${attackerIp} is on several public brute-force blocklists.`,
        ],
        verdicts: succeeded
          ? [truePositive(1, `Attacker logged on as administrator to ${vmName}; VM rebuilt, RDP closed, JIT enabled.`)]
          : [
              truePositive(2, `Brute force from ${attackerIp} blocked; no successful logon. RDP moved behind Bastion.`),
              benignPositive(1, `Internet background noise against a test VM; NSG fixed so RDP is no longer exposed.`),
            ],
      };
    },
  },
  {
    key: 'sql-injection',
    weight: 3,
    build(ctx) {
      const server = `${ctx.tenant.org}-sqlprod${String(ctx.rng.int(1, 4)).padStart(2, '0')}`;
      const database = ctx.rng.pick(['orders', 'customers', 'webshop', 'crm']);
      const resourceId = `/subscriptions/${ctx.tenant.subscriptionId}/resourceGroups/${ctx.tenant.org}-data-rg/providers/Microsoft.Sql/servers/${server}/databases/${database}`;
      ctx.entities.host(server, { domainJoined: false, osVersion: 'Azure SQL Database' });
      ctx.entities.azureResource(resourceId);
      const attackerIp = ctx.externalIp();
      ctx.entities.ip(attackerIp, ctx.foreignLocation());
      const blocked = ctx.rng.chance(0.4);
      const statement = `SELECT * FROM ${database}_users WHERE username = 'admin' AND password = '' OR 1=1--'`;
      return {
        title: blocked ? `SQL injection blocked on ${server}` : `Potential SQL injection on database ${database}`,
        description: `A web application sent a malformed query to ${database} on ${server}.database.windows.net originating from ${attackerIp}.`,
        severity: blocked ? 'Low' : 'High',
        alerts: [
          blocked
            ? {
                displayName: 'SQL injection blocked',
                description: `The web application firewall in front of ${server} blocked a SQL injection attempt from ${attackerIp}.`,
                productName: 'Azure Sentinel',
                severity: 'Low',
                tactics: ['InitialAccess'],
                techniques: ['T1190'],
                compromisedEntity: server,
              }
            : {
                displayName: 'Potential SQL Injection',
                description: `Potential SQL injection was detected on your database ${database} on server ${server}.database.windows.net. Vulnerable statement: ${statement}`,
                productName: 'Microsoft Defender for Cloud',
                severity: 'High',
                alertType: 'SQL.DB_PotentialSqlInjection',
                tactics: ['InitialAccess'],
                techniques: ['T1190'],
                compromisedEntity: server,
              },
        ],
        labels: ['WebApp'],
        workNotes: [`Shared the vulnerable statement with the ${database} application team.`],
        verdicts: blocked
          ? [
              benignPositive(2, 'Blocked automated scanner traffic; WAF working as intended.'),
              truePositive(1, `Targeted injection attempts from ${attackerIp}; IP added to the WAF deny list.`),
            ]
          : [
              truePositive(2, `Injection reached the database; parameterised the login query and rotated the SQL credentials for ${database}.`),
              falsePositive(1, "Query came from the application's own penetration test harness; excluded the test principal.", 'InaccurateData'),
            ],
      };
    },
  },
  {
    key: 'dns-tunnelling',
    weight: 3,
    build(ctx) {
      const hostName = ctx.workstation();
      const host = ctx.entities.host(hostName);
      const person = ctx.person();
      const account = ctx.entities.user(person, { onPremises: true });
      const tunnelDomain = `${ctx.rng.pick(['t', 'ns1', 'cdn'])}.${ctx.rng.pick(['azure-update-check', 'telemetry-sync', 'o365-cdn-edge'])}.example`;
      const resolver = ctx.entities.ip(ctx.externalIp(), ctx.foreignLocation());
      ctx.entities.dnsResolution(`${ctx.rng.hex(48)}.${tunnelDomain}`, [resolver]);
      const tool = ctx.entities.file('C:\\ProgramData\\Microsoft\\Crypto', 'dnsclient.exe', ctx.entities.randomHashes());
      ctx.entities.process({
        commandLine: `C:\\ProgramData\\Microsoft\\Crypto\\dnsclient.exe --dns domain=${tunnelDomain} --secret=${ctx.rng.hex(16)}`,
        image: tool,
        host,
        account,
        createdAt: ctx.at(0),
      });
      const queries = ctx.rng.int(4000, 60000);
      const exfiltration = ctx.rng.chance(0.5);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Potential DNS tunnelling: long subdomain queries',
          description: `${hostName} sent ${queries} DNS queries with long random-looking subdomains of ${tunnelDomain} in one hour, consistent with command and control over DNS.`,
          productName: 'Azure Sentinel',
          severity: 'Medium',
          tactics: ['CommandAndControl'],
          techniques: ['T1071.004', 'T1572'],
          compromisedEntity: hostName,
        },
      ];
      if (exfiltration) {
        alerts.push({
          displayName: 'Unusual volume of outbound DNS data',
          description: `${hostName} sent about ${ctx.rng.int(20, 400)} MB encoded in DNS query names to ${tunnelDomain}, far above its baseline.`,
          productName: 'Azure Sentinel',
          severity: 'Medium',
          tactics: ['Exfiltration'],
          techniques: ['T1048.003'],
          compromisedEntity: hostName,
        });
      }
      return {
        title: `Possible DNS tunnelling from ${hostName}`,
        description: `DNS traffic from ${hostName} to ${tunnelDomain} looks like a tunnel${exfiltration ? ' carrying data out of the network' : ''}.`,
        severity: 'Medium',
        alerts,
        labels: ['C2'],
        workNotes: [`Sinkholed ${tunnelDomain} on the internal resolvers.`, `dnsclient.exe on ${hostName} is unsigned and not in the software inventory.`],
        verdicts: [
          truePositive(3, `DNS tunnelling tool on ${hostName} removed; device reimaged and ${tunnelDomain} blocked.`),
          falsePositive(1, `Traffic is the endpoint DLP agent's DNS-based licence check; excluded its domain from the rule.`),
        ],
      };
    },
  },
  {
    key: 'threat-intel-ip-match',
    weight: 5,
    build(ctx) {
      const hostName = ctx.workstation();
      ctx.entities.host(hostName);
      const internal = ctx.internalIp();
      ctx.entities.ip(internal);
      const malicious = ctx.externalIp();
      ctx.entities.ip(malicious, ctx.foreignLocation());
      const family = ctx.rng.pick(['Dridex', 'Emotet', 'QakBot', 'Cobalt Strike']);
      return {
        title: `TI map IP entity to CommonSecurityLog: ${malicious}`,
        description: `Firewall logs show ${internal} (${hostName}) connecting to ${malicious}, an indicator associated with ${family} command and control.`,
        severity: 'Low',
        alerts: [
          {
            displayName: 'Network communication with a malicious machine detected',
            description: `Network traffic analysis indicates that your machine (IP ${internal}) has communicated with what is possibly a command and control center for malware of type ${family} at IP ${malicious}.`,
            productName: 'Azure Sentinel',
            severity: 'Low',
            tactics: ['CommandAndControl'],
            techniques: ['T1071.001'],
            compromisedEntity: hostName,
          },
        ],
        labels: ['ThreatIntel'],
        workNotes: [`Only ${ctx.rng.int(1, 6)} short HTTPS sessions to ${malicious}; no payload download seen in proxy logs.`],
        verdicts: [
          falsePositive(3, `${malicious} is a shared hosting address; the ${family} indicator is stale. Expired it in the TI platform.`, 'InaccurateData'),
          truePositive(1, `${hostName} had a ${family} loader in the user's startup folder; removed and device reimaged.`),
        ],
      };
    },
  },
];
