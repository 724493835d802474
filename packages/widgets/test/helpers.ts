// Small helpers for the component tests.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { LitElement } from 'lit';

/** The element's shadow root. */
export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** The element's shadow root and those of the elements inside it (the dialog's panels), outermost first. */
export function shadowRoots(el: Element): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (shadow: ShadowRoot) => {
    found.push(shadow);
    for (const inner of shadow.querySelectorAll('*')) if (inner.shadowRoot) visit(inner.shadowRoot);
  };
  if (el.shadowRoot) visit(el.shadowRoot);
  return found;
}

/** Text of the shadow trees, whitespace collapsed. */
export const shadowText = (el: Element): string =>
  shadowRoots(el)
    .map((shadow) => shadow.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The first match in the element's shadow trees (its own first). */
export function $<T extends Element = HTMLElement>(el: Element, selector: string): T {
  for (const shadow of shadowRoots(el)) {
    const found = shadow.querySelector<T>(selector);
    if (found) return found;
  }
  throw new Error(`no ${selector} in <${el.localName}>`);
}

export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] =>
  shadowRoots(el).flatMap((shadow) => [...shadow.querySelectorAll<T>(selector)]);

/** Whether a selector matches anything in the element's shadow trees. */
export const has = (el: Element, selector: string): boolean =>
  shadowRoots(el).some((shadow) => shadow.querySelector(selector) !== null);

/** Sends the browser's downloads of this test file to a temporary folder, to read them back. */
export const startDownloads = (): Promise<unknown> => executeServerCommand('lic-downloads-start');

/** The next download that finished: its suggested file name and its text. */
export const nextDownload = (): Promise<{ filename: string; text: string }> =>
  executeServerCommand('lic-downloads-next') as Promise<{ filename: string; text: string }>;

/** Lets the page write to the clipboard without a prompt. */
export const grantClipboard = (): Promise<unknown> => executeServerCommand('lic-clipboard-grant');

/** Waits until the element has rendered after async source work. */
export async function settle(el: LitElement, ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await el.updateComplete;
}

export async function until(predicate: () => boolean, message = 'condition'): Promise<void> {
  await waitUntil(predicate, message, { timeout: 3000 });
}

/** Hostile text must arrive as text: no element made from it, no script run. */
export function expectInert(el: Element): void {
  expect(has(el, 'img')).to.equal(false);
  expect((globalThis as { __licXss?: number }).__licXss).to.equal(undefined);
}

/** The element that has focus, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
