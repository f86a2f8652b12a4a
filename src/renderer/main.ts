// Renderer entry: picks the transport (Electron preload, else serve mode's WebSocket), wires
// the lab's events into the stores, and mounts the app with Pinia, the router and Naive UI.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createRouter, createWebHashHistory } from 'vue-router';
import { LabClient } from './api/client.ts';
import { setLabClient } from './api/lab.ts';
import { pickTransport } from './api/transport.ts';
import App from './App.vue';
import './charts/echarts-setup.ts';
import { useLabStore } from './stores/lab.ts';
import { useRunStore } from './stores/run.ts';
import CompareView from './views/CompareView.vue';
import QueueView from './views/QueueView.vue';
import ReplicationView from './views/ReplicationView.vue';
import RunView from './views/RunView.vue';
import SettingsView from './views/SettingsView.vue';
import SweepsView from './views/SweepsView.vue';

const client = new LabClient(pickTransport());
setLabClient(client);

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: QueueView },
    { path: '/run/:id(\\d+)', component: RunView, props: (route) => ({ id: Number(route.params.id) }) },
    { path: '/compare', component: CompareView },
    { path: '/sweeps', component: SweepsView },
    { path: '/replication', component: ReplicationView },
    { path: '/settings', component: SettingsView },
  ],
});

const app = createApp(App).use(createPinia()).use(router);
const lab = useLabStore();
const run = useRunStore();
client.onEvent((event) => {
  lab.handleEvent(event);
  run.handleEvent(event);
});
app.mount('#app');
void lab.refresh();
