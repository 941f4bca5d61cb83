/** Rule-message formatting that quantity.ts does not cover. */
import { formatDuration } from '../../../../../shared/src/units/quantity';

/**
 * Switchover times compared against a bound in seconds (1 s, 100 s) stay in seconds: "150 s", not
 * formatDuration's rounded "3 min", so the reader can compare them with the limit.
 */
export function formatStunSeconds(seconds: number): string {
  return seconds >= 1 && seconds < 1000 ? `${seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds)} s` : formatDuration(seconds);
}
