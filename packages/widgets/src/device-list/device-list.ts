import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DeviceOperation } from '@smartserver-licensing/policy';
import type { DeviceStatus, LicenseState } from '@smartserver-licensing/schemas';
import { LicDeviceOperationEvent } from '../events.js';
import { deviceIcon, deviceIconStyles } from '../internal/device-icon.js';
import { isoDay } from '../internal/format.js';
import { emit } from '../internal/emit.js';
import { LicElement } from '../internal/lic-element.js';
import { checkOperation } from '../internal/rules.js';
import { baseStyles } from '../internal/styles.js';
import { deviceListStyles } from './device-list.styles.js';

export type DeviceSortKey = 'name' | 'protocol' | 'status' | 'created';
export type DeviceStatusFilter = 'all' | 'licensed' | 'unlicensed';

/** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 6;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const compareBy: Record<DeviceSortKey, (a: DeviceStatus, b: DeviceStatus) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  protocol: (a, b) => a.protocol.localeCompare(b.protocol),
  status: (a, b) => Number(a.licensed) - Number(b.licensed),
  created: (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
};

/**
 * The devices of a SmartServer with their licence status (R11) and the operations allowed on each;
 * a refused operation stays focusable and says why. Filter by text and status, sort by column.
 * Only the visible rows are in the DOM, so 10,000 devices scroll as fast as ten.
 *
 * @tagname lic-device-list
 * @summary Devices with licence status and allowed operations (virtualized).
 *
 * @event {LicDeviceOperationEvent} lic-device-operation - An allowed operation was chosen: `detail` is `{ deviceId, operation }`. Cancelable.
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - The filter controls.
 * @csspart table - The table (`role="table"`).
 * @csspart viewport - The scrolling body.
 * @csspart row - Each device row.
 * @csspart icon - The licence icon of each row.
 * @csspart operation - Each operation button.
 * @csspart empty - The "no devices" / "no match" message.
 * @csspart loading - The loading message.
 * @csspart error - The error message.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--lic-device-list-height=24rem] - Height of the scrolling body.
 * @cssproperty [--lic-device-columns] - Grid columns of a row.
 * @cssproperty [--lic-color-unlicensed] - Colour of unlicensed devices (purple).
 */
export class LicDeviceList extends LicElement {
  static override styles = [baseStyles, deviceIconStyles, deviceListStyles];

  /** The operations offered per device, in order. */
  @property({ attribute: false }) operations: DeviceOperation[] = [
    'provision',
    'read-datapoints',
    'write-datapoints',
  ];

  /** Row height in pixels: the virtual scroller places rows by it. */
  @property({ type: Number, attribute: 'row-height' }) rowHeight = 40;

  /** Text that a device's name or id must contain. */
  @property() filter = '';

  @property({ attribute: 'status-filter' }) statusFilter: DeviceStatusFilter = 'all';

  @property({ attribute: 'sort-by' }) sortBy: DeviceSortKey = 'created';

  @property({ attribute: 'sort-direction' }) sortDirection: 'ascending' | 'descending' = 'ascending';

  @state() private scrollOffset = 0;
  @state() private viewportHeight = 384;
  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  #resize = new ResizeObserver((entries) => {
    const height = entries[0]?.contentRect.height;
    if (height) this.viewportHeight = height;
  });
  #observed?: Element;
  #memo?: { devices: readonly DeviceStatus[]; key: string; rows: DeviceStatus[] };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('filter') || changed.has('statusFilter')) {
      this.scrollOffset = 0;
      if (this.viewport) this.viewport.scrollTop = 0;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const viewport = this.viewport;
    if (viewport && viewport !== this.#observed) {
      this.#resize.disconnect();
      this.#resize.observe(viewport);
      this.#observed = viewport;
    }
  }

  /** The devices after filter and sort; recomputed only when one of them changes. */
  #rows(devices: readonly DeviceStatus[]): DeviceStatus[] {
    const key = [this.filter, this.statusFilter, this.sortBy, this.sortDirection].join('\u0000');
    if (this.#memo?.devices === devices && this.#memo.key === key) return this.#memo.rows;
    const needle = this.filter.trim().toLowerCase();
    const rows = devices.filter(
      (d) =>
        (this.statusFilter === 'all' || d.licensed === (this.statusFilter === 'licensed')) &&
        (!needle || d.name.toLowerCase().includes(needle) || d.id.toLowerCase().includes(needle)),
    );
    const compare = compareBy[this.sortBy] ?? compareBy.created;
    const sign = this.sortDirection === 'descending' ? -1 : 1;
    rows.sort((a, b) => sign * compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.#memo = { devices, key, rows };
    return rows;
  }

  override render() {
    return this.renderPhase((state) => this.#renderList(state));
  }

  #renderList(state: LicenseState) {
    const t = this.t;
    if (state.devices.length === 0) {
      return html`<div part="empty" class="message empty">${t.noDevices}</div>`;
    }
    const rows = this.#rows(state.devices);
    const height = this.rowHeight;
    const first = Math.max(0, Math.floor(this.scrollOffset / height) - OVERSCAN);
    const last = Math.min(
      rows.length,
      Math.ceil((this.scrollOffset + this.viewportHeight) / height) + OVERSCAN,
    );
    const header = (key: DeviceSortKey, label: string) => {
      const sorted = this.sortBy === key;
      return html`<div role="columnheader" aria-sort=${sorted ? this.sortDirection : 'none'}>
        <button type="button" @click=${() => this.#sort(key)}>
          ${label}<span aria-hidden="true"
            >${sorted ? (this.sortDirection === 'ascending' ? ' ▲' : ' ▼') : ''}</span
          >
        </button>
      </div>`;
    };
    return html`<div part="base" class="base" style=${`--_row-height:${height}px`}>
      <div part="toolbar" class="toolbar">
        <label
          >${t.filter}<input type="search" .value=${this.filter} @input=${this.#onFilter} autocomplete="off"
        /></label>
        <label
          >${t.statusFilter}<select @input=${this.#onStatusFilter} .value=${this.statusFilter}>
            <option value="all">${t.all}</option>
            <option value="licensed">${t.licensed}</option>
            <option value="unlicensed">${t.unlicensed}</option>
          </select></label
        >
        <span class="count" role="status">${t.shown(rows.length, state.devices.length)}</span>
      </div>
      <div part="table" class="table" role="table" aria-label=${t.devices} aria-rowcount=${rows.length + 1}>
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            ${header('name', t.name)} ${header('protocol', t.protocol)} ${header('status', t.status)}
            ${header('created', t.created)}
            <div role="columnheader">${t.actions}</div>
          </div>
        </div>
        ${
          rows.length === 0
            ? html`<div part="empty" class="message empty">${t.noMatches}</div>`
            : html`<div
                role="rowgroup"
                part="viewport"
                class="viewport body"
                tabindex="0"
                @scroll=${this.#onScroll}
              >
                <div class="spacer" style=${`block-size:${rows.length * height}px`}>
                  ${rows.slice(first, last).map((device, i) => this.#renderRow(state, device, first + i))}
                </div>
              </div>`
        }
      </div>
    </div>`;
  }

  #renderRow(state: LicenseState, device: DeviceStatus, index: number) {
    const t = this.t;
    return html`<div
      role="row"
      part="row"
      class="row"
      aria-rowindex=${index + 2}
      style=${`transform:translateY(${index * this.rowHeight}px)`}
    >
      <div role="cell" class="name"><span class="text" title=${device.name}>${device.name}</span></div>
      <div role="cell">${device.protocol}</div>
      <div role="cell">
        ${deviceIcon(device, t)}<span class=${device.licensed ? '' : 'unlicensed-text'} aria-hidden="true"
          >${device.licensed ? t.licensed : t.unlicensed}</span
        >
      </div>
      <div role="cell">${isoDay(device.createdAt, state.timeZone)}</div>
      <div role="cell" class="ops">
        ${this.operations.map((operation, j) => {
          const verdict = checkOperation(state, operation, device.id, t);
          const whyId = `why-${index}-${j}`;
          return html`<button
              type="button"
              part="operation"
              data-operation=${operation}
              aria-disabled=${verdict.allowed ? 'false' : 'true'}
              aria-describedby=${verdict.allowed ? nothing : whyId}
              title=${verdict.allowed ? nothing : verdict.reason}
              @click=${() => this.#run(device, operation, verdict.allowed)}
            >
              ${t.operations[operation]}</button
            >${verdict.allowed ? nothing : html`<span id=${whyId} class="visually-hidden">${verdict.reason}</span>`}`;
        })}
      </div>
    </div>`;
  }

  #sort(key: DeviceSortKey): void {
    if (this.sortBy === key)
      this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortBy = key;
      this.sortDirection = 'ascending';
    }
  }

  #onFilter(event: Event): void {
    this.filter = (event.target as HTMLInputElement).value;
  }

  #onStatusFilter(event: Event): void {
    this.statusFilter = (event.target as HTMLSelectElement).value as DeviceStatusFilter;
  }

  #onScroll(event: Event): void {
    this.scrollOffset = (event.target as HTMLElement).scrollTop;
  }

  #run(device: DeviceStatus, operation: DeviceOperation, allowed: boolean): void {
    if (!allowed) return;
    emit(this, new LicDeviceOperationEvent({ deviceId: device.id, operation }));
  }
}
