// Writes the app's icons into resources/: icon.png (512×512, what electron-builder and the
// Linux packages take), icon.ico (Windows: 16–256), icon.icns (macOS: 16–1024) and the served
// page's favicon.ico (16–48). Run `npx tsx scripts/make-icons.ts` after changing the drawing;
// the files are committed so a build needs nothing but them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawIcon } from './icon/draw-icon.ts';
import { encodeIcns, encodeIco, encodePng } from './icon/image-files.ts';

const resources = fileURLToPath(new URL('../resources', import.meta.url));
const png = (size: number) => ({ size, png: encodePng(drawIcon(size), size) });

const write = (name: string, bytes: Buffer) => {
  writeFileSync(path.join(resources, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
};
write('icon.png', png(512).png);
write('icon.ico', encodeIco([16, 24, 32, 48, 64, 128, 256].map(png)));
write('icon.icns', encodeIcns([16, 32, 64, 128, 256, 512, 1024].map(png)));
write('favicon.ico', encodeIco([16, 32, 48].map(png)));
