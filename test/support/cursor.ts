/** Test helper: a text with one `|` cursor marker -> the text without it and the LSP position. */
import type { Position } from 'vscode-languageserver-types';

export function withCursor(marked: string): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('the text needs exactly one | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text, position: { line, character }, offset };
}
