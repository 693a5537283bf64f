import { describe, expect, it } from 'vitest';
import { digitsText, finalSentence } from '../../src/components/demos/transfer-report.ts';
import type { ArmResult } from '../../src/lib/labs/transfer.ts';

describe('transfer report', () => {
  it('writes digits that run on as a range, others as a list', () => {
    expect(digitsText([0, 1, 2, 3, 4])).toBe('0–4');
    expect(digitsText([5, 6, 7, 8, 9])).toBe('5–9');
    expect(digitsText([0, 2, 4])).toBe('0, 2, 4');
    expect(digitsText([3, 4])).toBe('3, 4');
  });

  it('states the new task’s digits and its chance level from the lab’s settings', () => {
    const arm = (a: ArmResult['arm'], final: number) =>
      ({ arm: a, accuracy: [0.5, final] }) as unknown as ArmResult;
    const line = finalSentence([arm('fine-tune', 0.9), arm('frozen', 0.8), arm('scratch', 0.6)]);
    expect(line).toMatch(/^Final test accuracy on digits 5–9: fine-tune 90\.0 %/);
    expect(line).toMatch(/\(chance: 20 %\)\.$/);
  });
});
