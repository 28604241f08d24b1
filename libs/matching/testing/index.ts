// @lianrong/matching/testing — seeded synthetic data for benchmarks, tests and the scale
// seeder. Never part of the engine's public entry: nothing in production decides on it.
export * from './synthetic-data';
