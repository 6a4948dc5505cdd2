import { alertListRows } from './webhookFixtures';
import { csvObjects, parseCsv } from './parseCsv';

test('quoted fields hold commas, line breaks and doubled quotes; CRLF and LF both end records', () => {
  expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line 1\nline 2",\n')).toEqual([
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
    ['2', 'line 1\nline 2', ''],
  ]);
  expect(parseCsv('a,b\n"",x')).toEqual([['a', 'b'], ['', 'x']]);
  expect(parseCsv('')).toEqual([]);
  expect(parseCsv('only\n')).toEqual([['only']]);
});

test('malformed CSV is an error, not a guess', () => {
  expect(() => parseCsv('a,"open\n')).toThrow(/not closed/);
  expect(() => parseCsv('a,b"c\n')).toThrow(/quote inside an unquoted field/);
  expect(() => parseCsv('"a"b,c\n')).toThrow(/after a closing quote/);
  expect(() => csvObjects('a,b\n1\n')).toThrow(/1 fields; the header has 2/);
});

test('msticpy alert list: 189 rows whose JSON columns parse', () => {
  const rows = alertListRows();
  expect(rows).toHaveLength(189);
  expect(new Set(rows.map((row) => row.SystemAlertId)).size).toBe(189);
  for (const row of rows) {
    expect(JSON.parse(row.ExtendedProperties!)).toEqual(expect.any(Object));
    if (row.Entities) expect(Array.isArray(JSON.parse(row.Entities))).toBe(true);
  }
  expect(rows[0]).toMatchObject({ SystemAlertId: '047f47d6-79b7-4502-824b-97abc4905a73', AlertDisplayName: 'DC local group addition - Demo', Severity: 'Low' });
});
