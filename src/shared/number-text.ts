// Number formats shared by the CLI's tables and the app's panels, so a figure reads the same
// in a terminal and in the window. Plain functions of a number; no locale, no units.

/** Two significant digits in exponent form, for errors and tolerances: 3.1e-10. */
export function scientific(value: number): string {
  return value === 0 ? '0' : value.toExponential(1);
}

/** A setting as written on a command line: 1e-5 rather than 0.00001, 0.005 as is. */
export function setting(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? value.toExponential() : String(value);
}

/** A duration for people: "0.4 s", "12.3 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
