// Build-time settings, read in one place. The default relative base works behind the
// Vite dev/preview proxy and behind any reverse proxy that serves web and API together.
export const config = {
  apiBase: (import.meta.env.VITE_API_BASE as string | undefined) ?? '/api/v1',
} as const;
