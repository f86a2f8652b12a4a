// Mounting a renderer component as the app does (Pinia, a router, Naive UI's providers) over a
// fake LabApi transport: the one boundary the renderer has. Each call the component makes is
// recorded with its input; answers come from per-request handlers, and a handler that throws
// answers the error as data, as the lab does.
import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { NConfigProvider, NMessageProvider } from 'naive-ui';
import { createPinia, setActivePinia } from 'pinia';
import type { Pinia } from 'pinia';
import { defineComponent, h } from 'vue';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { LabClient } from '../../src/renderer/api/client.ts';
import type { LabTransport } from '../../src/renderer/api/client.ts';
import { setLabClient } from '../../src/renderer/api/lab.ts';
import { toAppError } from '../../src/shared/errors.ts';
import type { LabAnswers, LabInput, LabRequestName } from '../../src/shared/lab-api.ts';

export type FakeHandlers = { [N in LabRequestName]?: (input: LabInput<N>) => LabAnswers[N] };
export interface LabCallRecord {
  name: LabRequestName;
  input: unknown;
}

/** Installs a LabClient whose transport answers from `handlers`; returns the calls it receives. */
export function fakeLab(handlers: FakeHandlers): LabCallRecord[] {
  const calls: LabCallRecord[] = [];
  const transport: LabTransport = {
    kind: 'ws',
    call: (async (name: LabRequestName, input: unknown) => {
      calls.push({ name, input });
      const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'internal', message: `no fake answer for ${name}` } };
      try {
        return { ok: true, value: handler(input) };
      } catch (thrown) {
        return { ok: false, error: toAppError(thrown) };
      }
    }) as LabTransport['call'],
    onEvent: () => () => {},
  };
  setLabClient(new LabClient(transport));
  return calls;
}

/** Mounts `component` inside the providers App.vue gives every view, with a fresh Pinia. */
export function mountInApp(component: Component, props: Record<string, unknown> = {}, options: { pinia?: Pinia; stubs?: Record<string, boolean> } = {}): VueWrapper {
  const pinia = options.pinia ?? createPinia();
  setActivePinia(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { render: () => null } }] });
  const Shell = defineComponent({ render: () => h(NConfigProvider, null, () => h(NMessageProvider, null, () => h(component, props))) });
  return mount(Shell, { attachTo: document.body, global: { plugins: [pinia, router], stubs: options.stubs } });
}

/** Lets pending promises (the fake lab's answers) and Vue's re-render settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
