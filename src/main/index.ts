// Electron main process entry: one instance per user (a second launch focuses the first
// window), the LabService of the Sweeplab home, one window on the built renderer served from
// sweeplab://app/ (context isolation and sandbox on, no Node in the page, navigation and new
// windows denied, a strict CSP on every response), wired with the IPC adapter. A home that
// cannot be opened is a dialog saying why; main-process errors go to main.log in the home. All
// behaviour lives in LabService; this file is only the window and its lifecycle.
import path from 'node:path';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { rendererDir, resourceFile, workerEntry } from './app-layout.ts';
import { resolveHome } from './home.ts';
import { describeHomeOpenError } from './home-open-error.ts';
import { registerLabIpc } from './ipc.ts';
import { LabService } from './lab-service.ts';
import { MAIN_LOG, RotatingLog } from './rotating-log.ts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const home = resolveHome();
const log = new RotatingLog(path.join(home, MAIN_LOG));
let service: LabService | undefined;
let window: BrowserWindow | undefined;

process.on('uncaughtException', (err) => log.error('uncaught exception', err));
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

async function openService(): Promise<LabService | undefined> {
  try {
    return await LabService.open({ home, workerFile: workerEntry('train'), analysisWorkerFile: workerEntry('analysis') });
  } catch (err) {
    log.error(`cannot open the home ${home}`, err);
    const problem = describeHomeOpenError(err, home);
    dialog.showMessageBoxSync({ type: 'error', title: problem.title, message: problem.message, detail: problem.detail, buttons: ['Quit'] });
    return undefined;
  }
}

async function createWindow(lab: LabService): Promise<void> {
  window = new BrowserWindow({
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
  // IPC answers only the app's own page in this window (ipc.ts compares the sender's URL).
  const unregister = registerLabIpc(lab, window, APP_URL);
  window.on('closed', () => {
    unregister();
    window = undefined;
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url); // links open in the user's browser, never in the app
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  await window.loadURL(APP_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the first instance gets 'second-instance' and shows its window
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  void app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    serveRenderer(rendererDir(), CSP);
    service = await openService();
    if (!service) return app.quit();
    await createWindow(service);
    // macOS keeps an app without windows until its dock icon is clicked.
    app.on('activate', () => {
      if (!window && service) void createWindow(service);
    });
  }).catch((err: unknown) => {
    log.error('start-up failed', err);
    dialog.showErrorBox('Sweeplab could not start', `${err instanceof Error ? err.message : String(err)}\n\nDetails are in ${log.file}.`);
    app.quit();
  });

  app.on('window-all-closed', () => {
    void (service?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
