/**
 * Confidence and calibration of a classifier's softmax outputs (plain arrays, no tensors).
 * Expected calibration error: bin the test examples by confidence (the top probability), and average
 * |accuracy − mean confidence| over bins, weighted by the fraction of examples in each bin.
 */

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** Mean confidence in the bin (NaN when empty). */
  confidence: number;
  /** Accuracy in the bin (NaN when empty). */
  accuracy: number;
}

export interface CalibrationReport {
  accuracy: number;
  /** Mean top-class probability. */
  meanConfidence: number;
  /** Mean negative log-likelihood of the true class (nats). */
  nll: number;
  /** Expected calibration error with equal-width bins. */
  ece: number;
  bins: ReliabilityBin[];
}

/**
 * Calibration of probabilities `probs` (count×k, row-major) against integer labels.
 * Equal-width confidence bins over [0, 1]; 15 by default, as in Guo et al. (2017).
 */
export function calibration(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  nBins = 15,
): CalibrationReport {
  const n = labels.length;
  if (probs.length !== n * k) throw new Error('calibration: probs must be count×k');
  const sums = Array.from({ length: nBins }, () => ({ count: 0, conf: 0, correct: 0 }));
  let correct = 0;
  let confSum = 0;
  let nll = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
    const conf = probs[i * k + best]!;
    const ok = best === labels[i] ? 1 : 0;
    correct += ok;
    confSum += conf;
    nll -= Math.log(Math.max(probs[i * k + labels[i]!]!, 1e-12));
    const b = Math.min(nBins - 1, Math.floor(conf * nBins));
    sums[b]!.count++;
    sums[b]!.conf += conf;
    sums[b]!.correct += ok;
  }
  let ece = 0;
  const bins = sums.map((s, b) => {
    const bin: ReliabilityBin = {
      lo: b / nBins,
      hi: (b + 1) / nBins,
      count: s.count,
      confidence: s.count ? s.conf / s.count : NaN,
      accuracy: s.count ? s.correct / s.count : NaN,
    };
    if (s.count) ece += (s.count / n) * Math.abs(bin.accuracy - bin.confidence);
    return bin;
  });
  return {
    accuracy: n ? correct / n : 0,
    meanConfidence: n ? confSum / n : 0,
    nll: n ? nll / n : 0,
    ece,
    bins,
  };
}
