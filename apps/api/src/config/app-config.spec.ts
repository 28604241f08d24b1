import { DEV_JWT_SECRET, loadConfig } from './app-config';

const STRONG = 'x'.repeat(32);

describe('loadConfig', () => {
  it('takes the development defaults outside production', () => {
    const config = loadConfig({});
    expect(config.JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(config.SEED_DEMO).toBe(false);
  });

  it.each([
    ['missing', {}, /JWT_SECRET: must be set/],
    ['empty', { JWT_SECRET: '' }, /JWT_SECRET: must be set/],
    [
      'the development default',
      { JWT_SECRET: DEV_JWT_SECRET },
      /JWT_SECRET: must not be the development default/,
    ],
    ['31 bytes', { JWT_SECRET: 'x'.repeat(31) }, /JWT_SECRET: must be at least 32 bytes/],
  ])('refuses a production JWT_SECRET that is %s', (_, env, message) => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...env })).toThrow(message);
  });

  it('counts bytes, not characters', () => {
    const sixteenCharsOf32Bytes = 'é'.repeat(16);
    const sixteenCharsOf31Bytes = `${'é'.repeat(15)}x`;
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: sixteenCharsOf32Bytes }).JWT_SECRET,
    ).toBe(sixteenCharsOf32Bytes);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: sixteenCharsOf31Bytes })).toThrow(
      /32 bytes/,
    );
  });

  it('starts in production with a secret of its own', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).JWT_SECRET).toBe(STRONG);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['yes', false],
  ])('reads SEED_DEMO=%s as %s', (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value }).SEED_DEMO).toBe(expected);
  });
});
