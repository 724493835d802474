import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from '../src/index.js';

describe('SseParser', () => {
  it('joins data lines, skips comments and handles CRLF split across chunks', () => {
    const parser = new SseParser(1000);
    assert.deepEqual(parser.push(': hello\r\nevent: state\r'), []);
    assert.deepEqual(parser.push('\ndata: a\ndata:b\r\n\r\n'), [{ event: 'state', data: 'a\nb' }]);
    assert.deepEqual(parser.push('data: x\n\n'), [{ event: 'message', data: 'x' }]);
  });

  it('throws a RangeError for an event over the limit', () => {
    const parser = new SseParser(10);
    assert.throws(() => parser.push('data: 0123456789abc'), RangeError);
  });
});
