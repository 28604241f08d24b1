import { type DataSource } from 'typeorm';
import { type AppConfig } from '../../config/app-config';
import { OpenNeedsSnapshot, type PackedOpenNeeds } from './open-needs-snapshot';

/** A snapshot whose version and loads the test drives by hand. */
class Scripted extends OpenNeedsSnapshot {
  versionNow = '1';
  loads: { key: string; resolve: (v: PackedOpenNeeds) => void; reject: (e: Error) => void }[] = [];

  constructor(waitMs: number) {
    super({} as DataSource, { DRY_RUN_FRESH_WAIT_MS: waitMs } as AppConfig);
  }
  protected override version(): Promise<string> {
    return Promise.resolve(this.versionNow);
  }
  protected override load(key: string): Promise<PackedOpenNeeds> {
    return new Promise((resolve, reject) => this.loads.push({ key, resolve, reject }));
  }
}

const packed = (key: string): PackedOpenNeeds =>
  ({
    key,
    firmOf: new Int32Array(0),
    firmCount: 0,
    readAt: new Date(),
  }) as unknown as PackedOpenNeeds;
const tick = () => new Promise((r) => setImmediate(r));
const version = (key: string) => key.split('/')[0];

describe('OpenNeedsSnapshot', () => {
  it('waits for the first read, then serves it until the needs change', async () => {
    const s = new Scripted(10);
    const first = s.get();
    const second = s.get();
    await tick();
    expect(s.loads).toHaveLength(1); // concurrent callers share one read
    s.loads[0].resolve(packed(s.loads[0].key));
    expect(version((await first).key)).toBe('1');
    expect((await second).stale).toBe(false);
    await s.get();
    expect(s.loads).toHaveLength(1);
  });

  it('answers from the previous read when a new one takes longer than the wait, and fresh once it is in', async () => {
    const s = new Scripted(20);
    const first = s.get();
    await tick();
    s.loads[0].resolve(packed(s.loads[0].key));
    await first;

    s.versionNow = '2';
    const during = await s.get();
    expect(during).toMatchObject({ stale: true });
    expect(version(during.key)).toBe('1');
    expect(s.loads).toHaveLength(2);
    s.loads[1].resolve(packed(s.loads[1].key));
    await tick();
    const after = await s.get();
    expect(after.stale).toBe(false);
    expect(version(after.key)).toBe('2');
  });

  it('gives a read that finishes within the wait, not the previous one', async () => {
    const s = new Scripted(1_000);
    const first = s.get();
    await tick();
    s.loads[0].resolve(packed(s.loads[0].key));
    await first;
    s.versionNow = '2';
    const next = s.get();
    await tick();
    s.loads[1].resolve(packed(s.loads[1].key));
    expect(await next).toMatchObject({ stale: false });
    expect(version((await next).key)).toBe('2');
  });

  it('survives a failed read: the first caller sees the error, later ones the previous read, and a retry follows', async () => {
    const s = new Scripted(5);
    const failing = s.get();
    await tick();
    s.loads[0].reject(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');

    const ok = s.get();
    await tick();
    expect(s.loads).toHaveLength(2);
    s.loads[1].resolve(packed(s.loads[1].key));
    await ok;

    s.versionNow = '2';
    const stale = await s.get();
    expect(stale.stale).toBe(true);
    // Nobody awaits this read any more: its failure must not be an unhandled rejection.
    s.loads[2].reject(new Error('timeout'));
    await tick();
    const retried = s.get();
    await tick();
    expect(s.loads).toHaveLength(4);
    s.loads[3].resolve(packed(s.loads[3].key));
    expect((await retried).stale).toBe(false);
  });
});
