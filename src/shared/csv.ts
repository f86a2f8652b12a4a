// CSV as Sweeplab writes it, from the CLI's `export` and the app's tables alike (RFC 4180): a
// field is quoted only when it holds a comma, a quote or a line break; null and undefined are
// empty fields. A text field a spreadsheet would run as a formula (starting with =, +, -, @,
// tab or CR: a run name or sweep label is user text) gets a leading apostrophe, as OWASP
// advises; numbers, and text that is just a number (a formatted -0.5), stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function csvField(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvField).join(',');
}

/** Lines of fields (the first the header) as CSV text ending in a newline. */
export function toCsv(lines: ReadonlyArray<readonly unknown[]>): string {
  return `${lines.map(csvLine).join('\n')}\n`;
}
