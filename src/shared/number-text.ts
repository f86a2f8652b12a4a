// Number formats shared by the CLI's tables and the app's panels, so a figure reads the same
// in a terminal and in the window. Plain functions of a number; no locale, no units.

/**
 * A whole number with its thousands separated by commas, as en-US writes it: 10,000. Not
 * toLocaleString('en-US'): its first call in a page loads ICU's number formats in one long
 * task, and the Run view's first count appears as a run ends, with others still streaming.
 */
export function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Two significant digits in exponent form, for errors and tolerances: 3.1e-10. */
export function scientific(value: number): string {
  return value === 0 ? '0' : value.toExponential(1);
}

/** A setting as written on a command line: 1e-5 rather than 0.00001, 0.005 as is. */
export function setting(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? value.toExponential() : String(value);
}

/** A fraction 0..1 as a percentage with `digits` decimals: 0.52457 → "52.46%". */
export function percent(fraction: number, digits = 2): string {
  return `${(100 * fraction).toFixed(digits)}%`;
}

/** `percent`, or "–" where there is no figure (no final metrics yet, no images of a class). */
export function percentOrDash(fraction: number | null | undefined, digits = 2): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '–' : percent(fraction, digits);
}

/**
 * Mean ± std of fractions, in percent with two decimals: "53.40 ± 0.21"; a single value shows
 * its mean alone. `mark` follows the mean ("%" in the CLI's tables).
 */
export function percentSpread(stat: { mean: number; std: number; n: number }, mark = ''): string {
  const mean = `${(100 * stat.mean).toFixed(2)}${mark}`;
  return stat.n > 1 ? `${mean} ± ${(100 * stat.std).toFixed(2)}` : mean;
}

/** A duration for people: "0.4 s", "12.3 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
