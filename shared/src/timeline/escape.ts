/**
 * Escaping for the exports: every string from the runbook goes through here before it reaches
 * SVG, HTML or CSV text. XML 1.0 also forbids most control characters, so they become U+FFFD.
 */

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value for XML and HTML (both quote styles safe). */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell that starts
 * with `=`, `+`, `-`, `@`, tab or CR would run as a formula in a spreadsheet (OWASP "CSV
 * injection"), so it gets a leading `'`.
 */
export function csvCell(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) || neutral !== neutral.trim() ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}
