// Benchmarks (not tests): figures printed, nothing asserted. Run with `npm run bench`.
import { fixture, html } from '@open-wc/testing';
import { MemoryLicenseSource } from '@smartserver-licensing/client';
import { situationState } from '@smartserver-licensing/policy/testing';
import '../src/define/all.js';
import type { LicDeviceList } from '../src/device-list/device-list.js';
import type { LicManageLicenses } from '../src/manage-licenses/manage-licenses.js';

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('bench', () => {
  it('Manage Licenses: 1,000-license state set -> first paint of the dialog', async () => {
    const times: number[] = [];
    const rendered: number[] = [];
    for (let run = 0; run < 5; run++) {
      const state = situationState('big', { devices: 1199 });
      const source = new MemoryLicenseSource();
      const el = await fixture<LicManageLicenses>(
        html`<lic-manage-licenses open no-auto-open .source=${source}></lic-manage-licenses>`,
      );
      await frame();
      const start = performance.now();
      source.setState(state);
      await el.updateComplete;
      rendered.push(performance.now() - start);
      // The frame after the update is the one that paints it.
      await frame();
      times.push(performance.now() - start);
      const rows = el.shadowRoot!.querySelectorAll('tbody tr').length;
      if (rows !== 1000) throw new Error(`expected 1000 rows, got ${rows}`);
      el.remove();
    }
    console.log(
      `[bench] manage-licenses: 1,000 licenses, state -> first paint: median ${median(times).toFixed(1)} ms ` +
        `(runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; of which rendering the template ` +
        `${median(rendered).toFixed(1)} ms, the rest style, layout and paint)`,
    );
  });

  it('Device list: 10,000 devices, DOM rows and render time', async () => {
    const state = situationState('big');
    const source = new MemoryLicenseSource();
    const el = await fixture<LicDeviceList>(html`<lic-device-list .source=${source}></lic-device-list>`);
    const start = performance.now();
    source.setState(state);
    await el.updateComplete;
    await frame();
    const firstPaint = performance.now() - start;
    const rows = () => el.shadowRoot!.querySelectorAll('.body [role="row"]').length;
    const initialRows = rows();
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    const scrollTimes: number[] = [];
    let maxRows = initialRows;
    for (let i = 1; i <= 50; i++) {
      const t = performance.now();
      viewport.scrollTop = i * 7919;
      viewport.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      await frame();
      scrollTimes.push(performance.now() - t);
      maxRows = Math.max(maxRows, rows());
    }
    const sortStart = performance.now();
    el.sortBy = 'name';
    await el.updateComplete;
    await frame();
    const sortTime = performance.now() - sortStart;
    console.log(
      `[bench] device-list: 10,000 devices: ${initialRows} rows in the DOM (most while scrolling: ${maxRows}; ` +
        `target <= 100); state -> first paint ${firstPaint.toFixed(1)} ms; scroll step median ` +
        `${median(scrollTimes).toFixed(1)} ms; sort by name ${sortTime.toFixed(1)} ms`,
    );
  });
});
