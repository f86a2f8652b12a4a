// Types the renderer's build tools provide: .vue modules, and the preload's bridge when the
// page runs inside Electron (absent in a browser, where serve mode's WebSocket is used).
import type { PreloadApi } from '../shared/lab-api.ts';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    sweeplab?: PreloadApi;
  }
}
