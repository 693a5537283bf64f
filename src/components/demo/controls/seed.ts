/** The largest seed the Seed field accepts: the project's RNG (src/lib/util/random.ts) reads seeds as unsigned 32-bit integers. */
export const SEED_MAX = 2 ** 32 - 1;
