/**
 * The sentences of the gen-q1 and gen-q2 pages that are written as prose rather than computed, checked
 * against the committed shift study (src/data/autoencoder-shifts.json). If a re-run changes what the
 * numbers say, this fails and the pages must be rewritten.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShiftStudyJson } from '../../src/lib/autoencoder/shift-study-json.ts';
import { METHOD_NAMES } from '../../src/lib/autoencoder/shift-study.ts';
import { compareOverSeeds } from '../../src/lib/autoencoder/seed-compare.ts';

const s = JSON.parse(readFileSync('src/data/autoencoder-shifts.json', 'utf8')) as ShiftStudyJson;
const row = (shift: string) => s.rows.find((r) => r.shift === shift)!;
type Key = 'nll' | 'accuracy' | 'ece' | 'entropy';
const at = (shift: string, m: (typeof METHOD_NAMES)[number], k: Key = 'nll') =>
  row(shift).methods[m][k];
const SHIFTED = ['t1', 't2', 't3', 't4', 'blank', 'faint'];

describe('gen-q1: the recommendation follows from the committed numbers', () => {
  it('the ensemble has the lowest clean NLL (clear at every seed) and the best clean accuracy', () => {
    expect(compareOverSeeds(at('clean', 'ensemble'), at('clean', 'single'))).toBe('lower');
    for (const m of METHOD_NAMES)
      expect(at('clean', 'ensemble', 'accuracy').mean).toBeGreaterThanOrEqual(
        at('clean', m, 'accuracy').mean,
      );
  });

  it('against the transferred attack MC dropout is clearly better; under noise the ensemble leads one network on average', () => {
    expect(compareOverSeeds(at('t4', 'mcdropout'), at('t4', 'ensemble'))).toBe('lower');
    expect(at('t3', 'ensemble').mean).toBeLessThan(at('t3', 'single').mean);
  });

  it('on scrambled inputs every method is near chance yet confident', () => {
    for (const shift of ['t1', 't2']) {
      for (const m of METHOD_NAMES) expect(at(shift, m, 'accuracy').mean).toBeLessThan(0.15);
      expect(at(shift, 'ensemble', 'entropy').mean).toBeLessThan(0.6 * Math.log(10));
    }
  });

  it('temperature scaling: no better on clean NLL, better on most shifted sets', () => {
    expect(compareOverSeeds(at('clean', 'temperature'), at('clean', 'single'))).not.toBe('lower');
    const helped = SHIFTED.filter((x) => at(x, 'temperature').mean < at(x, 'single').mean);
    expect(helped.length).toBeGreaterThan(SHIFTED.length / 2);
  });

  it('distillation: the mixtures recover part of the gap; under noise both students trail the ensemble', () => {
    expect(compareOverSeeds(at('clean', 'distilled'), at('clean', 'ensemble'))).toBe('higher');
    expect(compareOverSeeds(at('clean', 'distilledMix'), at('clean', 'distilled'))).toBe('lower');
    for (const m of ['distilled', 'distilledMix'] as const)
      expect(at('t3', m).mean).toBeGreaterThan(at('t3', 'ensemble').mean);
  });
});

describe('gen-q2: where reconstruction error works as an OOD score and where it fails', () => {
  const ood = (shift: string) => row(shift).ood;
  it('high AUROC on scrambled and noisy digits, above the ensemble entropy for noise', () => {
    for (const shift of ['t1', 't2', 't3']) expect(ood(shift).aeError!.mean).toBeGreaterThan(0.9);
    expect(ood('t3').aeError!.mean).toBeGreaterThan(ood('t3').ensembleEntropy!.mean);
  });

  it('below chance on blank and faint images, which the entropy flags; the attack sits in between', () => {
    for (const shift of ['blank', 'faint']) expect(ood(shift).aeError!.mean).toBeLessThan(0.5);
    expect(ood('blank').ensembleEntropy!.mean).toBeGreaterThan(0.9);
    expect(ood('t4').aeError!.mean).toBeGreaterThan(0.5);
    expect(ood('t4').aeError!.mean).toBeLessThan(ood('t1').aeError!.mean);
  });
});
