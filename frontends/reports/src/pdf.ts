/**
 * A small PDF writer (PDF 1.4, the standard Helvetica/Courier fonts, WinAnsi text, A4 pages),
 * enough for a text report with headings, paragraphs, lists and tables. Text is written as PDF
 * literal strings with \, ( and ) escaped, so nothing in the data can end a string or inject
 * operators; characters outside WinAnsi become '?'. Content streams are not compressed, which
 * keeps the file searchable and the writer dependency-free.
 */

type FontKey = 'F1' | 'F2' | 'F3';
const FONT_NAMES: Record<FontKey, string> = { F1: 'Helvetica', F2: 'Helvetica-Bold', F3: 'Courier' };

/** Helvetica advance widths (1/1000 em) for ASCII 32..126, from the standard AFM metrics. */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722,
  667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222,
  222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** WinAnsiEncoding code for a character; '?' for anything it cannot show. */
const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
  '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

function winAnsi(ch: string): number {
  const code = ch.codePointAt(0) ?? 63;
  if (code === 9) return 32;
  if ((code >= 32 && code <= 126) || (code >= 0xa0 && code <= 0xff)) return code;
  return WIN_ANSI_EXTRA[ch] ?? 63;
}

/** Text as a PDF literal string body: WinAnsi bytes (as latin1 chars), with \, ( and ) escaped. */
export function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = winAnsi(ch);
    if (code === 0x5c || code === 0x28 || code === 0x29) out += `\\${String.fromCharCode(code)}`;
    else if (code < 32) out += ' ';
    else out += String.fromCharCode(code);
  }
  return out;
}

function charWidth(code: number, font: FontKey): number {
  if (font === 'F3') return 600;
  const base = code >= 32 && code <= 126 ? HELVETICA[code - 32]! : 556;
  return font === 'F2' ? base * 1.06 : base;
}

export function textWidth(text: string, font: FontKey, size: number): number {
  let width = 0;
  for (const ch of text) width += charWidth(winAnsi(ch), font);
  return (width * size) / 1000;
}

/** Greedy word wrap; words longer than a line (hashes, URLs) are broken. */
export function wrap(text: string, font: FontKey, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, font, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (textWidth(rest, font, size) > maxWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), font, size) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

type Rgb = [number, number, number];

export interface TextStyle {
  font?: FontKey;
  size?: number;
  color?: Rgb;
  indent?: number;
}

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 50;
const CONTENT_W = PAGE_W - 2 * MARGIN;

export class PdfDocument {
  private pages: string[][] = [];
  private ops: string[] = [];
  private y = 0;

  constructor(
    private readonly title: string,
    private readonly header: string,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.ops = [];
    this.pages.push(this.ops);
    this.y = PAGE_H - MARGIN - 14;
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  private text(x: number, y: number, text: string, style: Required<Pick<TextStyle, 'font' | 'size'>> & { color?: Rgb }): void {
    const [r, g, b] = style.color ?? [0.1, 0.1, 0.12];
    this.ops.push(`BT ${r.toFixed(3)} ${g.toFixed(3)} ${b.toFixed(3)} rg /${style.font} ${style.size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td (${pdfString(text)}) Tj ET`);
  }

  private rule(y: number, color: Rgb = [0.8, 0.82, 0.85]): void {
    this.ops.push(`${color.map((c) => c.toFixed(3)).join(' ')} RG 0.6 w ${MARGIN} ${y.toFixed(2)} m ${(PAGE_W - MARGIN).toFixed(2)} ${y.toFixed(2)} l S`);
  }

  heading(text: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? 17 : level === 2 ? 13 : 11;
    const lines = wrap(text, 'F2', size, CONTENT_W);
    this.ensure(lines.length * size * 1.3 + (level === 2 ? 18 : 8));
    this.y -= level === 1 ? 4 : level === 2 ? 10 : 6;
    for (const line of lines) {
      this.text(MARGIN, this.y, line, { font: 'F2', size, color: level === 1 ? [0.05, 0.2, 0.45] : [0.1, 0.1, 0.12] });
      this.y -= size * 1.3;
    }
    if (level === 2) {
      this.rule(this.y + size * 0.55);
      this.y -= 4;
    }
  }

  paragraph(text: string, style: TextStyle = {}): void {
    const font = style.font ?? 'F1';
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const lineHeight = size * 1.35;
    for (const line of wrap(text, font, size, CONTENT_W - indent)) {
      this.ensure(lineHeight);
      this.text(MARGIN + indent, this.y, line, { font, size, color: style.color });
      this.y -= lineHeight;
    }
    this.y -= 3;
  }

  keyValue(label: string, value: string): void {
    const size = 10;
    const labelWidth = 130;
    const lines = wrap(value || '–', 'F1', size, CONTENT_W - labelWidth);
    const lineHeight = size * 1.35;
    this.ensure(lineHeight * Math.min(lines.length, 3));
    this.text(MARGIN, this.y, label, { font: 'F2', size, color: [0.3, 0.32, 0.36] });
    for (const line of lines) {
      this.ensure(lineHeight);
      this.text(MARGIN + labelWidth, this.y, line, { font: 'F1', size });
      this.y -= lineHeight;
    }
    this.y -= 1;
  }

  bullets(items: string[], numbered = false): void {
    const size = 10;
    const lineHeight = size * 1.35;
    items.forEach((item, i) => {
      const marker = numbered ? `${i + 1}.` : '•';
      const lines = wrap(item, 'F1', size, CONTENT_W - 16);
      lines.forEach((line, j) => {
        this.ensure(lineHeight);
        if (j === 0) this.text(MARGIN + 2, this.y, marker, { font: 'F1', size });
        this.text(MARGIN + 16, this.y, line, { font: 'F1', size });
        this.y -= lineHeight;
      });
    });
    this.y -= 3;
  }

  /** A table with fixed relative column widths; cells wrap. */
  table(headers: string[], rows: string[][], widths: number[], monoColumns: number[] = []): void {
    const size = 8.5;
    const lineHeight = size * 1.3;
    const total = widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => (w / total) * CONTENT_W);
    const drawRow = (cells: string[], header: boolean) => {
      const wrapped = cells.map((cell, i) => wrap(cell || '–', header ? 'F2' : monoColumns.includes(i) ? 'F3' : 'F1', size, cols[i]! - 6));
      const height = Math.max(...wrapped.map((l) => l.length)) * lineHeight + 4;
      this.ensure(height);
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, j) => {
          this.text(x + 2, this.y - j * lineHeight, line, { font: header ? 'F2' : monoColumns.includes(i) ? 'F3' : 'F1', size, color: header ? [0.3, 0.32, 0.36] : undefined });
        });
        x += cols[i]!;
      });
      this.y -= height;
      this.rule(this.y + lineHeight - 2, header ? [0.6, 0.62, 0.66] : [0.88, 0.89, 0.9]);
    };
    drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
    this.y -= 6;
  }

  spacer(height = 6): void {
    this.y -= height;
  }

  /** The finished file. */
  toBytes(): Uint8Array {
    const objects: string[] = [];
    const add = (body: string) => {
      objects.push(body);
      return objects.length;
    };
    const catalog = add('');
    const pagesObj = add('');
    const fontIds = (Object.keys(FONT_NAMES) as FontKey[]).map((key) => [key, add(`<< /Type /Font /Subtype /Type1 /BaseFont /${FONT_NAMES[key]} /Encoding /WinAnsiEncoding >>`)] as const);
    const fontDict = fontIds.map(([key, id]) => `/${key} ${id} 0 R`).join(' ');
    const pageIds: number[] = [];
    const count = this.pages.length;
    this.pages.forEach((ops, i) => {
      const footer = [
        `BT 0.45 0.47 0.5 rg /F1 8 Tf ${MARGIN} ${(MARGIN - 18).toFixed(2)} Td (${pdfString(this.header)}) Tj ET`,
        `BT 0.45 0.47 0.5 rg /F1 8 Tf ${(PAGE_W - MARGIN - 50).toFixed(2)} ${(MARGIN - 18).toFixed(2)} Td (${pdfString(`Page ${i + 1} of ${count}`)}) Tj ET`,
      ];
      const stream = [...ops, ...footer].join('\n');
      const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
      pageIds.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << ${fontDict} >> >> /Contents ${content} 0 R >>`));
    });
    objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
    objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${count} >>`;
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `D:${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}Z`;
    const info = add(`<< /Title (${pdfString(this.title)}) /Producer (SOC Analyst reports) /CreationDate (${date}) >>`);

    let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const bytes = new Uint8Array(out.length);
    for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff;
    return bytes;
  }

  toBlob(): Blob {
    return new Blob([this.toBytes() as BlobPart], { type: 'application/pdf' });
  }
}
