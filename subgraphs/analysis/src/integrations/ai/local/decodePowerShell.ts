/**
 * PowerShell's -EncodedCommand (and every prefix PowerShell accepts: -e, -en, -enc, -ec ...) takes
 * base64 of the UTF-16LE script. Decoding it shows the analyst what ran and lets the IOC extractor see
 * the download URL inside, which is usually the most useful indicator of the incident.
 */
const ENCODED_ARGUMENT = /(?:^|\s)[-/](?:e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedco|encodedcom|encodedcomm|encodedcomma|encodedcomman|encodedcommand)\s+["']?([A-Za-z0-9+/]{16,}={0,2})/gi;

export interface DecodedCommand {
  encoded: string;
  script: string;
}

/** Printable share of a decoded string: real scripts are nearly all printable, random bytes are not. */
function printableRatio(text: string): number {
  if (text.length === 0) return 0;
  const printable = text.replace(/[^\x20-\x7e\t\r\n]/g, '').length;
  return printable / text.length;
}

/** Decoded -EncodedCommand scripts found in a command line (only for powershell/pwsh command lines). */
export function decodePowerShellCommands(commandLine: string): DecodedCommand[] {
  if (!/\b(?:powershell|pwsh)(?:\.exe)?\b/i.test(commandLine)) return [];
  const out: DecodedCommand[] = [];
  for (const match of commandLine.matchAll(ENCODED_ARGUMENT)) {
    const encoded = match[1] ?? '';
    const script = Buffer.from(encoded, 'base64').toString('utf16le').replace(/\u0000+$/, '');
    if (script.length >= 4 && printableRatio(script) > 0.9) out.push({ encoded, script });
  }
  return out;
}

/** Inline base64 in FromBase64String('...') calls (UTF-8 or UTF-16LE payloads). */
export function decodeInlineBase64(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/FromBase64String\(\s*['"]([A-Za-z0-9+/]{12,}={0,2})['"]\s*\)/gi)) {
    const bytes = Buffer.from(match[1] ?? '', 'base64');
    const utf16 = bytes.toString('utf16le');
    const utf8 = bytes.toString('utf8');
    const best = printableRatio(utf16) > printableRatio(utf8) ? utf16 : utf8;
    if (printableRatio(best) > 0.9) out.push(best);
  }
  return out;
}
