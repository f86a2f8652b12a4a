// Sweeplab's icon, drawn per pixel at any size: a rounded dark square with the triangular
// cyclical learning rate as a bright polyline over three faint bars (a sweep's runs). Each pixel
// is the mean of 4×4 samples, so edges are smooth at 16 px as at 1024.

type Rgb = [number, number, number];
const BACKGROUND_TOP: Rgb = [24, 38, 66];
const BACKGROUND_BOTTOM: Rgb = [14, 22, 40];
const BAR: Rgb = [52, 86, 132];
const WAVE: Rgb = [94, 234, 212];

/** The learning-rate wave, in unit coordinates (y down): two cycles. */
const WAVE_POINTS: [number, number][] = [[0.2, 0.72], [0.35, 0.3], [0.5, 0.72], [0.65, 0.3], [0.8, 0.72]];
const BARS = [{ x: 0.3, top: 0.52 }, { x: 0.5, top: 0.4 }, { x: 0.7, top: 0.58 }];

function insideRoundedSquare(x: number, y: number): boolean {
  const margin = 0.06, radius = 0.2;
  const cx = Math.min(Math.max(x, margin + radius), 1 - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), 1 - margin - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin;
}

function distanceToSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** The colour at unit coordinates, or null outside the icon. */
function sample(x: number, y: number): Rgb | null {
  if (!insideRoundedSquare(x, y)) return null;
  for (let i = 1; i < WAVE_POINTS.length; i++) {
    if (distanceToSegment(x, y, WAVE_POINTS[i - 1], WAVE_POINTS[i]) <= 0.035) return WAVE;
  }
  if (BARS.some((bar) => Math.abs(x - bar.x) <= 0.045 && y >= bar.top && y <= 0.8)) return BAR;
  const t = (y - 0.06) / 0.88;
  return BACKGROUND_TOP.map((top, c) => top + (BACKGROUND_BOTTOM[c] - top) * t) as Rgb;
}

export function drawIcon(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = sample((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0]; g += colour[1]; b += colour[2]; a++;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) rgba.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / samples ** 2)], at);
    }
  }
  return rgba;
}
