// A Server-Sent Events parser fed with text chunks: the live channel runs over fetch so that it
// works the same in browsers and in Node, and so that its size can be bounded.

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits an event stream into events (the `text/event-stream` format of the HTML standard). */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #dataChars = 0;

  /** @param maxEventChars an event larger than this is an error, not an ever-growing buffer */
  constructor(readonly maxEventChars: number) {}

  /** Feeds a chunk; returns the events it completed. Throws a RangeError when an event is too large. */
  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    if (this.#buffer.length + this.#dataChars > this.maxEventChars) {
      throw new RangeError(`an event is larger than ${this.maxEventChars} characters`);
    }
    return events;
  }

  #line(line: string): SseEvent | undefined {
    if (line === '') {
      const event = this.#data.length
        ? { event: this.#event || 'message', data: this.#data.join('\n') }
        : undefined;
      this.#event = '';
      this.#data = [];
      this.#dataChars = 0;
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') {
      this.#data.push(value);
      this.#dataChars += value.length + 1;
      if (this.#dataChars > this.maxEventChars) {
        throw new RangeError(`an event is larger than ${this.maxEventChars} characters`);
      }
    }
    return undefined;
  }
}

/**
 * Reads an event stream to its end (or until `signal` aborts), calling `onEvent` for each event.
 * Throws a RangeError for an event over `max` characters.
 */
export async function readEvents(
  body: NonNullable<Response['body']>,
  max: number,
  signal: AbortSignal,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const parser = new SseParser(max);
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      for (const event of parser.push(value)) onEvent(event);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
