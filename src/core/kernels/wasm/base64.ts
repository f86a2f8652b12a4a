// Base64 → bytes for the embedded WebAssembly modules. src/core may use neither Buffer nor
// the DOM's atob, and the modules are a few kilobytes, so a table loop is enough.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(text: string): Uint8Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, value = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = table[clean.charCodeAt(i)];
    if (v < 0) throw new Error(`invalid base64 character at ${i}`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (value >> bits) & 0xff; }
  }
  return out;
}
