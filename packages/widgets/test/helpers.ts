// Small helpers for the component tests.
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';

/** The element's shadow root. */
export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** Text of the shadow tree, whitespace collapsed. */
export const shadowText = (el: Element): string =>
  (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${el.localName}>`);
  return found;
}

export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

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
  expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  expect((globalThis as { __licXss?: number }).__licXss).to.equal(undefined);
}

/** The element that has focus, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
