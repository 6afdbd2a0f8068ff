import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { packageRoot } from './package-root.js';
import type { Env, Problems } from './problems.js';

export interface Signatory {
  name: string;
  role: string;
}

/** Who the documents speak for, and where their templates are. */
export interface DocumentsConfig {
  organisation: {
    name: string;
    /** Postal address, one line per entry. */
    address: string[];
    website: string | null;
    /** PNG or JPEG, printed at the top of every public document. */
    logo: Buffer | null;
  };
  /** Who signs statements and reports, in this order. */
  signatories: Signatory[];
  templatesDir: string;
  /** IANA time zone in which dates and times are printed (the organisation's). */
  timeZone: string;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

function splitList(value: string): string[] {
  return value
    .split(/\s*[;\n]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reads the document settings; a bad value stops the service at start-up, naming the variable:
 * - ORG_NAME: the organisation's name (default "Example e.V.");
 * - ORG_ADDRESS: postal address, lines separated by ";" (default none);
 * - ORG_WEBSITE: shown under the address (default none);
 * - ORG_LOGO: path of a PNG or JPEG file (default none);
 * - ORG_SIGNATORIES: "Name, Role; Name, Role" (default: the board, unnamed);
 * - TEMPLATES_DIR: where the templates are (default templates/ of the project).
 */
export function documentsSettings(env: Env, timeZone: string, problems: Problems): DocumentsConfig {
  const bad = problems.bad;

  const name = (env.ORG_NAME ?? '').trim() || 'Example e.V.';
  if (name.length > 200) bad('ORG_NAME', name, 'must be at most 200 characters');
  const address = splitList(env.ORG_ADDRESS ?? '');
  if (address.length > 6) bad('ORG_ADDRESS', env.ORG_ADDRESS ?? '', 'must have at most 6 lines');
  const website = (env.ORG_WEBSITE ?? '').trim() || null;
  if (website && !/^https?:\/\/[^\s"'<>]+$/.test(website))
    bad('ORG_WEBSITE', website, 'must be an http:// or https:// address');

  let logo: Buffer | null = null;
  const logoPath = (env.ORG_LOGO ?? '').trim();
  if (logoPath) {
    try {
      const bytes = readFileSync(logoPath);
      if (bytes.subarray(0, 8).equals(PNG) || bytes.subarray(0, 3).equals(JPEG)) logo = bytes;
      else bad('ORG_LOGO', logoPath, 'must be a PNG or JPEG file');
    } catch (e) {
      bad('ORG_LOGO', logoPath, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  const signatories: Signatory[] = [];
  for (const entry of splitList(env.ORG_SIGNATORIES ?? '')) {
    const comma = entry.indexOf(',');
    const person = (comma < 0 ? entry : entry.slice(0, comma)).trim();
    const role = comma < 0 ? '' : entry.slice(comma + 1).trim();
    if (!person || !role) {
      bad('ORG_SIGNATORIES', env.ORG_SIGNATORIES ?? '', `"${entry}" must be "Name, Role"`);
      break;
    }
    signatories.push({ name: person, role });
  }

  const templatesRaw = (env.TEMPLATES_DIR ?? '').trim();
  const templatesDir = templatesRaw
    ? isAbsolute(templatesRaw)
      ? templatesRaw
      : resolve(templatesRaw)
    : join(packageRoot(), 'templates');
  if (!existsSync(templatesDir) || !statSync(templatesDir).isDirectory())
    bad('TEMPLATES_DIR', templatesRaw || templatesDir, 'is not a directory');

  return { organisation: { name, address, website, logo }, signatories, templatesDir, timeZone };
}
