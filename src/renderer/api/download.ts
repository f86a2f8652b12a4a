// Saves what the page made (CSV, JSON, a chart's PNG) as a file the browser or Electron downloads.
export function downloadBlob(name: string, blob: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** A `data:image/png;base64,…` URL (ECharts' getDataURL) saved as a .png file. */
export function downloadDataUrl(name: string, url: string): void {
  const [head, base64] = url.split(',', 2);
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  downloadBlob(name, new Blob([bytes], { type: /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream' }));
}
