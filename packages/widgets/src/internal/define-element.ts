// Registration with a guard: a page may load the widgets twice (two bundles, two versions).
export const WIDGETS_VERSION = '0.1.0';

interface Versioned {
  widgetsVersion?: string;
}

export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, element);
    return;
  }
  if (existing === element) return;
  const theirs = (existing as unknown as Versioned).widgetsVersion;
  if (theirs !== WIDGETS_VERSION) {
    console.warn(
      `<${tag}> is already registered by ${theirs ? `widgets ${theirs}` : 'other code'}; ` +
        `version ${WIDGETS_VERSION} is not registered again.`,
    );
  }
}
