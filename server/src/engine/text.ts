/**
 * Plain position data (LSP-compatible shapes, no LSP import) and the offset <-> line/character
 * conversion. Characters are UTF-16 code units, as in JavaScript strings and LSP's default.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Half-open source span in UTF-16 offsets: the engine's internal location type. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string, lineStarts?: number[]) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    scanLineStarts(text, 0, text.length, starts);
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, which is `previous`'s text with [start, oldEnd) replaced (and `delta`
   * characters longer): lines before the edit are kept, the edited part is scanned, the line starts
   * after it are moved by `delta`. Same result as `new LineIndex(text)` (text.test.ts).
   */
  static afterEdit(previous: LineIndex, text: string, start: number, oldEnd: number, delta: number): LineIndex {
    const old = previous.lineStarts;
    // Keep the line starts before the line holding the character before the edit (a CR there may
    // now pair with an LF the edit inserted).
    let keep = upperBound(old, Math.max(0, start - 1)) - 1;
    if (keep < 0) keep = 0;
    const starts = old.slice(0, keep + 1);
    const from = old[keep];
    const newEnd = oldEnd + delta;
    // Scan up to one line start past the edited part; from there on the text is the old suffix.
    const scanned = scanLineStarts(text, from, text.length, starts, newEnd);
    if (scanned < text.length) {
      for (let k = upperBound(old, scanned - delta); k < old.length; k++) starts.push(old[k] + delta);
    }
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // lineStarts[0] is 0, so the line is never -1.
    const line = upperBound(this.lineStarts, clamped) - 1;
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/**
 * Pushes the line starts of text[from, to) onto `starts`. With `stopAfter`, stops at the first line
 * start beyond it and returns that offset (else `to`). CRLF, CR and LF all end a line.
 */
function scanLineStarts(text: string, from: number, to: number, starts: number[], stopAfter = Infinity): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) starts.push(i + 1);
    else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else continue;
    if (i + 1 > stopAfter) return i + 1;
  }
  return to;
}

/** Index of the first element > value (ascending array). */
function upperBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
