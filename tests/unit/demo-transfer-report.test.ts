import { describe, expect, it } from 'vitest';
import { finalSentence } from '../../src/components/demos/transfer-report.ts';
import type { ArmResult } from '../../src/lib/labs/transfer.ts';

describe('transfer report', () => {
  it('states the new task’s digits and its chance level from the lab’s settings', () => {
    const arm = (a: ArmResult['arm'], final: number) =>
      ({ arm: a, accuracy: [0.5, final] }) as unknown as ArmResult;
    const line = finalSentence([arm('fine-tune', 0.9), arm('frozen', 0.8), arm('scratch', 0.6)]);
    expect(line).toMatch(/^Final test accuracy on digits 5–9: fine-tune 90\.0 %/);
    expect(line).toMatch(/\(chance: 20 %\)\.$/);
  });
});
