import { describe, expect, it } from '@jest/globals';
import { parseEventStream, reconnectDelay } from './event-stream';

describe('reading server-sent events', () => {
  it('splits complete events and keeps the unfinished tail', () => {
    const { events, rest } = parseEventStream('retry: 3000\n\nevent: notifications\ndata: {"unreadCount":1}\n\nevent: notif');
    expect(events).toEqual([{ event: 'notifications', data: '{"unreadCount":1}' }]);
    expect(rest).toBe('event: notif');
    expect(parseEventStream(`${rest}ications\ndata: {"unreadCount":2}\n\n`).events).toEqual([
      { event: 'notifications', data: '{"unreadCount":2}' },
    ]);
  });

  it('skips heartbeat comments, joins data lines and reads CRLF', () => {
    const { events, rest } = parseEventStream(': keep-alive\n\ndata: a\r\ndata: b\r\n\r\n');
    expect(events).toEqual([{ event: 'message', data: 'a\nb' }]);
    expect(rest).toBe('');
  });
});

describe('reconnecting', () => {
  it('backs off from a second to half a minute, with jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 6, 10].map((n) => reconnectDelay(n, middle))).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
    expect(reconnectDelay(1, () => 0)).toBe(750);
    expect(reconnectDelay(1, () => 1)).toBe(1_250);
  });
});
