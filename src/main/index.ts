// Electron main process entry: opens the LabService of the Sweeplab home, one window on the
// built renderer (context isolation and sandbox on, no Node in the page, navigation and new
// windows denied, a strict CSP on every response), and wires them with the IPC adapter. All
// behaviour lives in LabService; this file is only the window and its lifecycle.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { resolveHome } from './home.ts';
import { registerLabIpc } from './ipc.ts';
import { LabService } from './lab-service.ts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

let service: LabService | undefined;

async function createWindow(): Promise<void> {
  // The built worker entries sit next to this file (electron.vite.config.ts builds it).
  service ??= await LabService.open({
    home: resolveHome(), workerFile: path.join(import.meta.dirname, 'train.js'), analysisWorkerFile: path.join(import.meta.dirname, 'analysis.js'),
  });
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Sweeplab',
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const page = path.join(import.meta.dirname, '../renderer/index.html');
  const unregister = registerLabIpc(service, window, pathToFileURL(page).href);
  window.on('closed', unregister);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url); // links open in the user's browser, never in the app
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  await window.loadFile(page);
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  return createWindow();
});

app.on('window-all-closed', () => {
  void (service?.close() ?? Promise.resolve()).finally(() => app.quit());
});
