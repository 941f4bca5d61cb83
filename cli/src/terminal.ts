/**
 * Terminal safety and colour. Runbook text (names, ids, messages that quote values) is untrusted:
 * an ESC in a VM name could otherwise move the cursor, rewrite earlier lines or set the window
 * title. Every piece of untrusted text goes through `safe()` before it reaches a terminal.
 */

// C0 controls except tab, DEL, C1 controls (ESC is in C0; CSI is U+009B in C1), and the Unicode
// bidirectional controls that can make a line display differently from what it says.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control characters with visible escapes (`\x1b`, `\n`, `\u202e`). */
export function safe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export type Style = 'red' | 'yellow' | 'blue' | 'green' | 'dim' | 'bold';

const SGR: Record<Style, string> = { red: '31', yellow: '33', blue: '34', green: '32', dim: '2', bold: '1' };

export interface Painter {
  readonly enabled: boolean;
  /** Wraps already-safe text in an SGR colour when colour is enabled. */
  paint(text: string, ...styles: Style[]): string;
}

/** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org). */
export function painter(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): Painter {
  const enabled = isTTY && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  return {
    enabled,
    paint: (text, ...styles) => (enabled && styles.length > 0 ? `\u001b[${styles.map((s) => SGR[s]).join(';')}m${text}\u001b[0m` : text),
  };
}

// JSON.stringify escapes C0 controls (ESC included) but leaves DEL, C1 and bidi controls raw.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * Pretty JSON that is also safe to print on a terminal: the characters JSON.stringify leaves raw
 * are written as `\uXXXX` escapes, which parse back to the same text.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
