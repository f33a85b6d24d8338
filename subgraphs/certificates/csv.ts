/**
 * A small RFC 4180 CSV reader for the bulk import: fields separated by commas, records by CRLF or
 * LF (a lone CR too); a field in double quotes may hold commas, line breaks and doubled quotes
 * (`""`). A UTF-8 byte order mark at the start is dropped. Spaces are kept as they are.
 */

export class CsvError extends Error {
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses the whole text into records of fields. Throws CsvError on an unterminated quoted field or
 * on text after a closing quote. `maxRecords` stops early (with an error) past that many records.
 */
export function parseCsv(text: string, maxRecords = Number.POSITIVE_INFINITY): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    if (records.length > maxRecords) throw new CsvError(records.length, `more than ${maxRecords} records`);
    record = [];
    field = '';
    afterQuote = false;
  };
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && input[i + 1] === '\n') i += 1;
    } else if (c === '"' && field === '' && !afterQuote) {
      quoted = true;
    } else if (afterQuote) {
      throw new CsvError(records.length + 1, `record ${records.length + 1}: text after a closing quote`);
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new CsvError(records.length + 1, `record ${records.length + 1}: a quoted field is not closed`);
  // The last record, unless the text ended with a line break.
  if (field !== '' || record.length > 0 || afterQuote) endRecord();
  return records;
}
