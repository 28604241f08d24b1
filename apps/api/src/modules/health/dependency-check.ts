import { Logger } from '@nestjs/common';
import { type HealthIndicatorService } from '@nestjs/terminus';

const logger = new Logger('Health');

/**
 * Asks one dependency with a deadline. The probe's body says only which dependency is
 * down: a driver's message can name hosts, users or versions, which an unauthenticated
 * caller has no business reading, so it goes to the log instead.
 */
export async function checkDependency<const Key extends string>(
  indicators: HealthIndicatorService,
  key: Key,
  timeoutMs: number,
  ask: () => Promise<boolean>,
) {
  const check = indicators.check(key);
  let timer: NodeJS.Timeout | undefined;
  try {
    const ok = await Promise.race([
      ask(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (ok) return check.up();
    logger.warn(`${key}: unexpected answer`);
  } catch (e) {
    logger.warn(`${key}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
  return check.down();
}
