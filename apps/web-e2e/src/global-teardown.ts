import { stop } from './support/stack';

export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__E2E_SERVICES__ ?? [];
  await Promise.all(services.map((service) => stop(service)));
  globalThis.__E2E_SERVICES__ = undefined;
}
