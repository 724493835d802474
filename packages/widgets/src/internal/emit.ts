// Raises an event. Kept out of the classes so the manifest analyzer lists only the events
// their JSDoc names, not an unnamed one per call site.
export const emit = (target: EventTarget, event: Event): boolean => target.dispatchEvent(event);
