/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (a bare LF is accepted too), fields
 * optionally in double quotes, inside which commas, line breaks and doubled quotes ("") are data.
 * Malformed input (a stray quote, text after a closing quote, an unclosed quote) is an error, not
 * a guess. A final line break does not start an empty record.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let closed = false; // just after a quoted field's closing quote
  let fieldStart = true;
  let line = 1;

  const endField = () => {
    record.push(field);
    field = '';
    closed = false;
    fieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
          closed = true;
        }
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === ',') {
      endField();
    } else if (char === '\r' && text[i + 1] === '\n') {
      // CRLF: the LF ends the record on the next turn.
    } else if (char === '\n') {
      endRecord();
      line += 1;
    } else if (closed) {
      throw new Error(`CSV line ${line}: unexpected ${JSON.stringify(char)} after a closing quote`);
    } else if (char === '"') {
      if (!fieldStart) throw new Error(`CSV line ${line}: a quote inside an unquoted field`);
      quoted = true;
      fieldStart = false;
    } else {
      field += char;
      fieldStart = false;
    }
  }
  if (quoted) throw new Error(`CSV line ${line}: a quoted field is not closed`);
  // The last record, unless the text ended with its line break.
  if (!fieldStart || closed || record.length > 0) endRecord();
  return records;
}

/** Records as objects keyed by the header row; every record must have as many fields as the header. */
export function csvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) throw new Error(`CSV record ${index + 1} has ${row.length} fields; the header has ${header.length}`);
    return Object.fromEntries(header.map((name, column) => [name, row[column] ?? '']));
  });
}
