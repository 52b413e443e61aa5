import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';

/** Every migration, in order. Listed here rather than globbed so the same list runs compiled and under Jest. */
export const MIGRATIONS = [InitialSchema1764000000000];
