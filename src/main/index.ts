// Electron main process entry: opens the LabService of the Sweeplab home, one window on the
// built renderer (context isolation and sandbox on, no Node in the page, navigation and new
// windows denied, a strict CSP on every response), and wires them with the IPC adapter. All
// behaviour lives in LabService; this file is only the window and its lifecycle.
import path from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { rendererDir, resourceFile, workerEntry } from './app-layout.ts';
import { resolveHome } from './home.ts';
import { registerLabIpc } from './ipc.ts';
import { LabService } from './lab-service.ts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

let service: LabService | undefined;

async function createWindow(): Promise<void> {
  service ??= await LabService.open({ home: resolveHome(), workerFile: workerEntry('train'), analysisWorkerFile: workerEntry('analysis') });
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Sweeplab',
    icon: resourceFile('icon.png'), // Linux and Windows; macOS takes the bundle's .icns
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const unregister = registerLabIpc(service, window);
  window.on('closed', unregister);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url); // links open in the user's browser, never in the app
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  await window.loadFile(path.join(rendererDir(), 'index.html'));
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
