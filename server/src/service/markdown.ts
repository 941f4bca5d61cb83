/**
 * Markdown building for hovers. Everything that comes from a runbook is untrusted: `escapeMarkdown`
 * turns it into literal text, so a VM named `[x](javascript:alert(1))` or `<img onerror=...>` shows
 * as typed and never becomes a link, an image, HTML or formatting.
 */

// CommonMark treats any ASCII punctuation after a backslash as a literal (spec 2.4), so escaping
// every punctuation character that has a meaning somewhere in Markdown or GFM is always safe.
// `:` and `.` are included so that GFM's autolinking cannot turn `https://x.y` into a link.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&"':=]/g;

// Control characters (C0 but tab, DEL, C1) and the bidirectional controls that can make a hover read
// differently from the file ("Trojan Source"): shown as `U+202E`, never passed through.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Literal text inside Markdown: no formatting, links, HTML or entities survive; newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return showInvisible(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** A code span that holds any text: the fence is longer than the longest backtick run inside. */
export function inlineCode(text: string): string {
  const flat = showInvisible(text.replace(/[\r\n\u2028\u2029]+/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A Markdown table of label/value rows; cells are escaped here. */
export function table(header: readonly [string, string], rows: readonly (readonly [string, string])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [line(header), '| --- | --- |', ...rows.map(line)].join('\n');
}

/** Joins blocks with blank lines, dropping empty ones. */
export function blocks(...parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n');
}
