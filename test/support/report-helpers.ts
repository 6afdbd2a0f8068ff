import { loadDemoData, type InjectFn } from '../../src/cli/demo-loader.js';
import type { TestApp } from './test-app.js';

/** Helpers shared by the report, document and publication tests. */

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF after every record) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
      continue;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** An InjectFn for the demo loader that calls the test app over HTTP as its board user. */
export function httpInject(t: TestApp): InjectFn {
  return async (method, url, body, headers = {}) => {
    const res = await t.http[method.toLowerCase() as 'get' | 'post' | 'patch'](url)
      .set(headers)
      .send(body as object);
    return { statusCode: res.status, json: res.body as unknown };
  };
}

/** Loads the three demo cases through the API; returns their ids by reference. */
export async function loadDemoCases(t: TestApp): Promise<Record<string, string>> {
  return (await loadDemoData(httpInject(t))).cases;
}

/** The settings of the document and publication tests: exact counts, Berlin time, an organisation with an umlaut. */
export const DOCUMENT_ORG_NAME = 'Piratenpartei Deutschland, Landesverband Nordrhein-Westfalen Ü';
export const DOCUMENT_TEST_ENV: Record<string, string> = {
  REPORT_COUNTS: 'exact',
  REPORT_TIME_ZONE: 'Europe/Berlin',
  ORG_NAME: DOCUMENT_ORG_NAME,
  ORG_SIGNATORIES: 'Patrick Schiffer, Vorsitzender',
};

/**
 * A row of the DSA member-state orders CSV (the template's layout: a row per member state, named
 * in English, and `Total`) as an object keyed by the template's column names.
 */
export function dsaScope(csv: string[][], scope: string): Record<string, string> {
  const [header, ...rows] = csv;
  const row = rows.find((r) => r[header.indexOf('Scope')] === scope);
  if (!row) throw new Error(`no row for ${scope}`);
  return Object.fromEntries(header.map((name, i) => [name, row[i]]));
}

/** The three figures of one kind of order in one row of the DSA CSV. */
export function dsaOrders(csv: string[][], kind: 'act' | 'information', scope: string) {
  const row = dsaScope(csv, scope);
  return kind === 'act'
    ? {
        orders: row['Number of orders to act against illegal content received'],
        ack: row[
          'Median time to inform the authority of the receipt of the order to act against illegal content'
        ],
        effect: row['Median time to give effect to the order to act against illegal content'],
      }
    : {
        orders: row['Number of orders to provide information'],
        ack: row[
          'Median time to inform the authority of the receipt of the order to provide information'
        ],
        effect: row['Median time to give effect to the order to provide information'],
      };
}
