import { benignPositive, falsePositive, systemBinary, truePositive, type Scenario } from './scenario';

/** Noise every SOC sees: authorised scans, product test alerts and odd-but-legitimate processes. */
export const BENIGN_SCENARIOS: Scenario[] = [
  {
    key: 'scheduled-vulnerability-scan',
    weight: 5,
    build(ctx) {
      const scanner = ctx.server('SCAN');
      const host = ctx.entities.host(scanner, { osVersion: 'Windows Server 2022' });
      const account = ctx.entities.domainAccount('svc_nessus', `${ctx.tenant.domainSid}-${ctx.rng.int(1100, 9000)}`);
      const scannerIp = ctx.internalIp();
      ctx.entities.ip(scannerIp);
      const subnet = `10.${ctx.rng.int(0, 40)}.${ctx.rng.int(0, 255)}.0/24`;
      ctx.entities.process({
        commandLine: `"C:\\Program Files\\Tenable\\Nessus\\nessusd.exe" --scan "Weekly internal" --targets ${subnet}`,
        image: ctx.entities.file('C:\\Program Files\\Tenable\\Nessus', 'nessusd.exe'),
        host,
        account,
        createdAt: ctx.at(0),
      });
      const ports = ctx.rng.int(200, 5000);
      return {
        title: `Port scan detected from ${scanner}`,
        description: `${scannerIp} (${scanner}) connected to ${ports} distinct ports across ${subnet} within 10 minutes.`,
        severity: 'Informational',
        alerts: [
          {
            displayName: 'Port scan detected',
            description: `A single source (${scannerIp}) attempted connections to ${ports} ports on hosts in ${subnet}, which may indicate network reconnaissance.`,
            productName: 'Azure Sentinel',
            severity: 'Informational',
            tactics: ['Discovery'],
            techniques: ['T1046'],
            compromisedEntity: scanner,
          },
        ],
        labels: ['Scanner'],
        workNotes: [`${scanner} is the vulnerability scanner; the weekly scan of ${subnet} is scheduled for this window.`],
        verdicts: [
          benignPositive(5, `Scheduled weekly Nessus scan from ${scanner} under standing change CHG${ctx.rng.int(10000, 99999)}; added the scanner to the rule's allow list.`),
          falsePositive(1, 'Rule threshold too low for the scanner subnet; threshold raised.'),
        ],
      };
    },
  },
  {
    key: 'defender-sample-alert',
    weight: 3,
    build(ctx) {
      const vmName = `Sample-VM-${ctx.rng.int(1, 9)}`;
      const host = ctx.entities.host(vmName, {
        azureID: `/subscriptions/${ctx.tenant.subscriptionId}/resourceGroups/Sample-RG/providers/Microsoft.Compute/virtualMachines/${vmName}`,
        domainJoined: false,
      });
      const account = ctx.entities.localAccount('Sample-account', host, 'S-0-0-00');
      ctx.entities.process({
        commandLine: 'c:\\windows\\inf\\sample.exe',
        image: ctx.entities.file('c:\\windows\\inf', 'sample.exe'),
        host,
        account,
        createdAt: ctx.at(0),
      });
      const analyst = ctx.rng.pick(ctx.tenant.analysts);
      return {
        title: '[SAMPLE ALERT] Executable found running from a suspicious location',
        description: `THIS IS A SAMPLE ALERT: Analysis of host data detected an executable file on ${vmName} that is running from a location in common with known suspicious files.`,
        severity: 'Informational',
        alerts: [
          {
            displayName: '[SAMPLE ALERT] Executable found running from a suspicious location',
            description: `THIS IS A SAMPLE ALERT: Analysis of host data detected an executable file on ${vmName} that is running from a location in common with known suspicious files. This executable could either be legitimate activity, or an indication of a compromised host.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'Informational',
            alertType: 'SIMULATED_VM_SuspectExecutablePath',
            tactics: ['Execution'],
            techniques: ['T1204.002'],
            compromisedEntity: vmName,
          },
        ],
        labels: ['Test'],
        workNotes: [`${analyst.displayName} generated sample alerts from Defender for Cloud to test the incident pipeline.`],
        verdicts: [benignPositive(1, 'Sample alert created with "Create sample alerts" in Defender for Cloud; no action needed.')],
      };
    },
  },
  {
    key: 'rare-svchost-service-group',
    weight: 2,
    build(ctx) {
      const hostName = ctx.server(ctx.rng.pick(['APP', 'FS']));
      const host = ctx.entities.host(hostName, { osVersion: 'Windows Server 2019' });
      const group = ctx.rng.pick(['WerSvcGroup', 'smbsvcs', 'McpManagementServiceGroup']);
      ctx.entities.process({
        commandLine: `C:\\Windows\\System32\\svchost.exe -k ${group} -p`,
        image: systemBinary(ctx, 'svchost.exe'),
        host,
        createdAt: ctx.at(0),
      });
      return {
        title: `Rare SVCHOST service group executed on ${hostName}`,
        description: `svchost.exe ran the rarely seen service group ${group} on ${hostName}.`,
        severity: 'Informational',
        alerts: [
          {
            displayName: 'Rare SVCHOST service group executed',
            description: `The system process SVCHOST was observed running a rare service group (${group}) on ${hostName}. Malware often use SVCHOST to masquerade its malicious activity.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'Informational',
            alertType: 'VM_SvcHostRunInRareServiceGroup',
            tactics: ['DefenseEvasion'],
            techniques: ['T1036.005'],
            compromisedEntity: hostName,
          },
        ],
        labels: [],
        workNotes: [`${group} is a built-in Windows service group started by the latest cumulative update on ${hostName}.`],
        verdicts: [
          benignPositive(3, `Legitimate Windows service group ${group}, started after patching.`),
          truePositive(1, `svchost.exe parent chain on ${hostName} was not services.exe; injected process found and host isolated.`),
        ],
      };
    },
  },
];
