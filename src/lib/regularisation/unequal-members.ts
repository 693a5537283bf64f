/**
 * The averaged model's expected squared error when members differ in quality: with member error
 * covariances Σ (Σ_ii = v_i, Σ_ij = c_ij), E[η̄²] = Σ_ij Σ_ij / k². Equal variances give back
 * v/k + (k−1)c/k ≤ v, so the average is never worse than any member in expectation; with unequal
 * variances only E[η̄²] ≤ mean_i v_i is guaranteed, and the best member can beat the average.
 */
export function averagedError(cov: readonly (readonly number[])[]): number {
  const k = cov.length;
  if (!k || cov.some((row) => row.length !== k))
    throw new Error('Need a square covariance matrix.');
  return cov.flat().reduce((s, v) => s + v, 0) / (k * k);
}

/** Covariance matrix of members with variances `vs` and pairwise correlation `rho`. */
export function covariance(vs: readonly number[], rho = 0): number[][] {
  return vs.map((vi, i) => vs.map((vj, j) => (i === j ? vi : rho * Math.sqrt(vi * vj))));
}

export interface MemberComparison {
  variances: number[];
  ensemble: number;
  best: number;
  meanMember: number;
}

/** The ensemble of members with variances `vs` (correlation rho) against its best and its average member. */
export function compareWithMembers(vs: readonly number[], rho = 0): MemberComparison {
  return {
    variances: [...vs],
    ensemble: averagedError(covariance(vs, rho)),
    best: Math.min(...vs),
    meanMember: vs.reduce((s, v) => s + v, 0) / vs.length,
  };
}
