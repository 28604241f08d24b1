import { type ValueTransformer } from 'typeorm';

/**
 * Money is stored as Postgres bigint (whole yuan) and `pg` returns it as a string so no
 * precision is lost; every amount we handle stays below 2^53, so we surface a number and
 * refuse anything that would not round-trip.
 */
export const bigintYuan: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint out of safe range: ${value}`);
    return n;
  },
};
