/* eslint-disable no-control-regex -- removing control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
// Bidirectional overrides make "exe.pdf" read as "fdp.exe"; zero-width characters hide text.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_LENGTH = 255;

/**
 * The name a file is kept and offered under: the last segment of what the client sent (no path
 * separators, so never "../../etc/passwd"), without control and invisible characters, at most
 * 255 characters (the extension kept), "file" when nothing is left.
 */
export function sanitiseFileName(raw: string | undefined): string {
  const segments = (raw ?? '').split(/[/\\]/);
  let name = (segments[segments.length - 1] ?? '')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, '');
  if (!name) return 'file';
  const chars = [...name];
  if (chars.length > MAX_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
    name = chars.slice(0, MAX_LENGTH - extension.length).join('') + extension.join('');
  }
  return name;
}
