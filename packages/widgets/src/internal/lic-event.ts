// The base of every event the components raise: bubbling and composed, so a host page hears it
// through the shadow roots.
export abstract class LicEvent<D> extends Event {
  constructor(
    type: string,
    readonly detail: D,
    cancelable: boolean,
  ) {
    super(type, { bubbles: true, composed: true, cancelable });
  }
}
