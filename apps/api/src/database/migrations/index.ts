import { InitialSchema1763770000000 } from './1763770000000-initial-schema';

/** In order; never edit a migration that has shipped — add a new one. */
export const MIGRATIONS = [InitialSchema1763770000000];
