// How the CLI shows numbers and tables to a person: one table style (cli-table3, no colours,
// so piped output stays plain text) and the number formats every command shares. Not for
// --json output, which carries the raw values, and not for progress bars (progress.ts).
import Table from 'cli-table3';
import type { HorizontalAlignment } from 'cli-table3';

export interface Column {
  head: string;
  align?: HorizontalAlignment;
  /** Fixed width (content is word-wrapped to it); otherwise the column fits its content. */
  width?: number;
}

/** A table with a header row and no row separators; cells are already formatted strings. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const table = new Table({
    head: columns.map((c) => c.head),
    colAligns: columns.map((c) => c.align ?? 'left'),
    colWidths: columns.map((c) => c.width ?? null),
    wordWrap: true,
    style: { head: [], border: [], compact: true },
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

/** A signed difference in percentage points: 1.234 → "+1.23". */
export function points(difference: number): string {
  const magnitude = Math.abs(difference).toFixed(2);
  return `${difference < 0 && magnitude !== '0.00' ? '-' : '+'}${magnitude}`;
}

// Shared with the app's panels (src/shared/number-text.ts).
export { count, duration, percent, percentSpread, scientific, setting } from '../shared/number-text.ts';

/** A cost or loss: four decimals; NaN and ±Infinity spelt as such. */
export function fixed(value: number, digits = 4): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** Layer widths as the study writes them: [3072, 50, 50, 10] → "3072-50-50-10". */
export function layerList(layers: readonly number[]): string {
  return layers.join('-');
}
