// Report text comes from inventory files, which anyone who can tag or name an Azure resource can
// shape. Every formatter that embeds such text in markup goes through one of these functions.

// C0 controls other than tab, newline and carriage return; DEL and C1 (which include terminal
// escapes); lone surrogates, which no UTF encoding can write; U+FFFE and U+FFFF. The C0 set and
// the last three are what XML 1.0 forbids.
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;

/** Drops control characters and lone surrogates; keeps tabs and line breaks. */
export function clean(text: string): string {
  return text.replace(UNWANTED, '');
}

/** One line of plain text: controls dropped, line breaks and runs of spaces become one space. */
export function oneLine(text: string): string {
  return clean(text).replace(LINE_BREAKS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Cuts text to `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** XML character data: markup escaped, characters XML 1.0 forbids dropped, line breaks kept. */
export function xmlText(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** An XML attribute value: one line (parsers would fold line breaks to spaces anyway), escaped. */
export function xmlAttr(text: string): string {
  return xmlText(oneLine(text));
}

/**
 * Markdown inline text that renders as exactly these characters: one line, cut to `max`, and the
 * characters that start CommonMark or GFM inline syntax backslash-escaped (links and images,
 * autolinks and raw HTML, entities, code spans, emphasis, strikethrough, table pipes, headings).
 * GFM also links bare URLs and e-mail addresses, so their `://`, `www.` and `@` are broken up the
 * same way. List and setext markers matter only at the start of a line, where this text never is.
 */
export function mdText(text: string, max = Infinity): string {
  return truncate(oneLine(text), max)
    .replace(/[\\`*_[\]<>#|~&@]/g, '\\$&')
    .replace(/:(?=\/\/)|(?<=mailto|xmpp):/gi, '\\:')
    // No word boundary: GFM also links `www.` after `_`, `*` or `~` (found by the property test).
    .replace(/(www)\./gi, '$1\\.');
}

/**
 * Plain text for a SARIF message: one line, and square brackets escaped because SARIF reads
 * `[text](target)` in a plain-text message as an embedded link (SARIF 2.1.0 §3.11.6).
 */
export function sarifText(text: string): string {
  return oneLine(text)
    .replace(/\\+(?=[[\]])/g, (run) => run + run)
    .replace(/[[\]]/g, '\\$&');
}
