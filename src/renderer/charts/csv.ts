// CSV as the app's exports write it: one header line, fields quoted only when they must be.
const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Lines of fields (the first the header) as CSV text ending in a newline. */
export function toCsv(lines: ReadonlyArray<readonly string[]>): string {
  return `${lines.map((fields) => fields.map(csvField).join(',')).join('\n')}\n`;
}
