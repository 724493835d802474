// Helpers of the Manage Licenses dialog's tests: open a panel, pick a file.
import { fixture } from '@open-wc/testing';
import type { MemoryLicenseSource } from '@smartserver-licensing/client';
import type { LicManageLicenses } from '../src/manage-licenses/manage-licenses.js';
import { template } from '../src/manage-licenses/manage-licenses.stories.js';
import { $, settle, until } from './helpers.js';

export const dialog = (el: Element) => $<HTMLDialogElement>(el, 'dialog');
export const action = (el: Element, view: string) => $<HTMLButtonElement>(el, `[data-view="${view}"]`);
export const source = (el: LicManageLicenses) => el.source as MemoryLicenseSource;

export async function openOn(view: string, args: Parameters<typeof template>[0] = {}) {
  const el = await fixture<LicManageLicenses>(template({ open: true, ...args }));
  action(el, view).click();
  await until(() => el.shadowRoot!.querySelector('#view-title') !== null, 'panel');
  await settle(el, 10);
  return el;
}

export function pickFile(el: Element, text: string, name = 'licenses.json') {
  const input = $<HTMLInputElement>(el, 'input[type="file"]');
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
