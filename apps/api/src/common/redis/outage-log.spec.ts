import { EventEmitter } from 'node:events';
import { type Logger } from '@nestjs/common';
import { OutageLog } from './outage-log';

describe('OutageLog', () => {
  it('warns once per outage, however many reconnection attempts fail', () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) } as unknown as Logger;
    const log = new OutageLog(logger, 'Queue matching');
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    for (let t = 0; t <= 20_000; t += 50) log.failed(refused, 1_000_000 + t);
    expect(warnings).toEqual(['Queue matching unavailable: connect ECONNREFUSED 127.0.0.1:6379']);
    // A later outage is news again.
    log.failed(refused, 1_000_000 + 20_000 + 60_000);
    expect(warnings).toHaveLength(2);
  });

  it('listens to the emitter, so nothing is reported as an unhandled error event', () => {
    const emitter = new EventEmitter();
    new OutageLog({ warn: () => undefined } as unknown as Logger, 'Redis').watch(emitter);
    expect(() => emitter.emit('error', new Error('Connection is closed.'))).not.toThrow();
  });
});
