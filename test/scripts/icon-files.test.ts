// The icon encoders: a PNG that zlib and the PNG rules accept, and .ico / .icns containers whose
// directories point at those PNGs. Plus the committed icons are what make-icons writes.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon } from '../../scripts/icon/draw-icon.ts';
import { encodeIcns, encodeIco, encodePng } from '../../scripts/icon/image-files.ts';

function pngChunks(png: Buffer): Map<string, Buffer> {
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    chunks.set(png.toString('ascii', at + 4, at + 8), png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return chunks;
}

describe('icon files', () => {
  it('encodes a PNG whose pixels come back unchanged', () => {
    const rgba = drawIcon(16);
    const png = encodePng(rgba, 16);
    const chunks = pngChunks(png);
    expect(chunks.get('IHDR')!.readUInt32BE(0)).toBe(16);
    const rows = inflateSync(chunks.get('IDAT')!);
    expect(rows.length).toBe(16 * (16 * 4 + 1));
    expect(new Uint8Array(rows.subarray(1, 1 + 64))).toEqual(rgba.subarray(0, 64));
    expect(rgba[3]).toBe(0); // the rounded corner is transparent
    expect(rgba[(8 * 16 + 8) * 4 + 3]).toBe(255); // the middle is opaque
  });

  it('writes .ico and .icns directories that point at their PNGs', () => {
    const pngs = [16, 32].map((size) => ({ size, png: encodePng(drawIcon(size), size) }));
    const ico = encodeIco(pngs);
    expect(ico.readUInt16LE(4)).toBe(2);
    const second = ico.readUInt32LE(6 + 16 + 12);
    expect(ico[6 + 16]).toBe(32);
    expect(ico.subarray(second, second + pngs[1].png.length).equals(pngs[1].png)).toBe(true);
    const icns = encodeIcns(pngs);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('ascii', 8, 12)).toBe('icp4');
  });

  it('matches the committed 512×512 icon', () => {
    const committed = readFileSync(new URL('../../resources/icon.png', import.meta.url));
    expect(committed.equals(encodePng(drawIcon(512), 512))).toBe(true);
  });
});
