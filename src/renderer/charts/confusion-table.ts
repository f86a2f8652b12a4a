// The Run view's confusion matrix as a table: true class down, predicted across, each cell
// shaded by its value (counts, or % of the true class) with the class's images and accuracy at
// the end of its row, and the same table as CSV. A table of 100 cells, not a chart: the chart
// (an ECharts custom series of labelled rectangles) makes a long first frame just as the
// watched run ends, while other runs may still stream (figures in bench/README.md).
// The chart remains for the PNG export (confusion-chart.ts).
import type { RunConfusion } from '../../shared/lab-api.ts';
import { toCsv } from '../../shared/csv.ts';

export interface PerClassRow {
  name: string;
  images: number;
  correct: number;
  /** 0..1, null when the test set has no image of the class. */
  accuracy: number | null;
}

export function perClassRows(c: RunConfusion): PerClassRow[] {
  return c.classNames.map((name, t) => ({
    name, images: c.counts[t].reduce((a, b) => a + b, 0), correct: c.counts[t][t], accuracy: c.perClass[t],
  }));
}

/** The cell colours' ends, light (0) to dark (the largest cell). */
const LIGHT = [0xf7, 0xfb, 0xff];
const DARK = [0x42, 0x92, 0xc6];

/** The colour of a cell holding `share` (0..1) of the largest cell's value. */
export function cellColor(share: number): string {
  const mix = LIGHT.map((light, i) => Math.round(light + (DARK[i] - light) * Math.min(1, Math.max(0, share))));
  return `rgb(${mix.join(', ')})`;
}

/** Dark cells take light text. */
export const inkOn = (share: number) => (share > 0.6 ? '#fff' : '#333');

/** Each cell's value: its count, or its share of the true class in percent (one decimal). */
export function cellValues(c: RunConfusion, rowPercent: boolean): readonly (readonly number[])[] {
  if (!rowPercent) return c.counts;
  return c.counts.map((row) => {
    const images = row.reduce((a, b) => a + b, 0);
    return row.map((count) => (images === 0 ? 0 : Number(((100 * count) / images).toFixed(1))));
  });
}

export interface MatrixCell {
  text: string;
  fill: string;
  ink: string;
  /** What the cell says on hover: "true cat → predicted dog: 12". */
  title: string;
}

export interface MatrixRow {
  name: string;
  cells: MatrixCell[];
  images: number;
  /** 0..1, null when the test set has no image of the class. */
  accuracy: number | null;
}

export function matrixRows(c: RunConfusion, rowPercent: boolean): MatrixRow[] {
  const values = cellValues(c, rowPercent);
  const max = Math.max(1, ...values.flat());
  const unit = rowPercent ? '%' : '';
  return perClassRows(c).map((row, t) => ({
    name: row.name,
    images: row.images,
    accuracy: row.accuracy,
    cells: values[t].map((value, p) => ({
      text: String(value), fill: cellColor(value / max), ink: inkOn(value / max),
      title: `true ${c.classNames[t]} → predicted ${c.classNames[p]}: ${value}${unit}`,
    })),
  }));
}

/** The matrix as CSV: counts, one row per true class, with its images, correct and accuracy (%). */
export function confusionCsv(c: RunConfusion): string {
  const rows = perClassRows(c);
  return toCsv([
    ['true \\ predicted', ...c.classNames, 'images', 'correct', 'accuracy (%)'],
    ...rows.map((row, t) => [row.name, ...c.counts[t].map(String), String(row.images), String(row.correct), row.accuracy === null ? '' : (100 * row.accuracy).toFixed(2)]),
  ]);
}
