// Jest runs the sources as CommonJS, where `import.meta.env` (read by src/config.ts)
// does not exist; unit tests get the default settings from here instead.
export const config = {
  apiBase: '/api/v1',
} as const;
