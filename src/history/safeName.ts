/**
 * The file name stem used for an event type's history file: letters, digits, `_` and `-` are kept,
 * every other character (including `.`, `/`, `%` and spaces) becomes `%XX` of its UTF-8 bytes, so two
 * event types never share a file and no name escapes the history directory.
 *
 * @example
 * safeName('search') // => 'search'
 * safeName('ads/click') // => 'ads%2Fclick'
 * safeName('..') // => '%2E%2E'
 */
export function safeName(eventType: string): string {
  let out = '';
  for (const byte of Buffer.from(eventType, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
