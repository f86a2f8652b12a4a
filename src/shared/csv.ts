// CSV as Sweeplab writes it, from the CLI's `export` and the app's tables alike (RFC 4180): a
// field is quoted only when it holds a comma, a quote or a line break; null and undefined are
// empty fields.
function csvField(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  const text = String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvField).join(',');
}

/** Lines of fields (the first the header) as CSV text ending in a newline. */
export function toCsv(lines: ReadonlyArray<readonly unknown[]>): string {
  return `${lines.map(csvLine).join('\n')}\n`;
}
