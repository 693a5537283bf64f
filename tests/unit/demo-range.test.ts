import { describe, expect, it } from 'vitest';
import { checkNumber, describeRange, rangeHint } from '../../src/components/demo/controls/range.ts';

const value = (r: ReturnType<typeof checkNumber>) => ('value' in r ? r.value : r.error);

describe('control ranges', () => {
  it('accepts values inside the range, ends included unless open', () => {
    expect(value(checkNumber('Epochs', '1', { min: 1, max: 10, whole: true }))).toBe(1);
    expect(value(checkNumber('Epochs', ' 10 ', { min: 1, max: 10, whole: true }))).toBe(10);
    expect(value(checkNumber('Rate', '0.5', { min: 0, max: 1, maxOpen: true }))).toBe(0.5);
    expect(checkNumber('Rate', '1', { min: 0, max: 1, maxOpen: true })).toHaveProperty('error');
    expect(checkNumber('Step', '0', { min: 0, max: 10, minOpen: true })).toHaveProperty('error');
  });

  it('says which rule a value breaks: 0 is whole but too small, 2.5 is not whole', () => {
    const r = { min: 1, max: 10, whole: true };
    expect(value(checkNumber('Epochs', '0', r))).toBe(
      'Epochs must be a whole number from 1 to 10 (0 is below 1).',
    );
    expect(value(checkNumber('Epochs', '2.5', r))).toBe(
      'Epochs must be a whole number from 1 to 10 (2.5 is not a whole number).',
    );
    expect(value(checkNumber('Epochs', '11', r))).toContain('(11 is above 10)');
    expect(value(checkNumber('Epochs', '', r))).toContain('(the field is empty)');
    expect(value(checkNumber('Epochs', 'abc', r))).toContain('("abc" is not a number)');
    expect(value(checkNumber('Epochs', '3', r, true))).toContain(
      '(what was typed is not a number)',
    );
  });

  it('adds the reason for a range after the message', () => {
    expect(
      value(
        checkNumber('P', '1', {
          min: 0,
          max: 1,
          maxOpen: true,
          reason: 'tf.dropout refuses a rate of 1',
        }),
      ),
    ).toBe(
      'P must be a number at least 0 and below 1 (1 is not below 1); tf.dropout refuses a rate of 1.',
    );
  });

  it('describes open and half-open ranges and units in words', () => {
    expect(describeRange({ min: 0, max: 1 })).toBe('a number between 0 and 1');
    expect(describeRange({ min: 0, max: 5, minOpen: true })).toBe('a number above 0 and at most 5');
    expect(describeRange({ min: 0, max: 1, maxOpen: true })).toBe(
      'a number at least 0 and below 1',
    );
    expect(describeRange({ min: 0, max: 180, unit: 'degrees' })).toBe(
      'a number between 0 and 180 degrees',
    );
    expect(describeRange({ min: 100, max: 60000, whole: true })).toBe(
      'a whole number from 100 to 60,000',
    );
    expect(describeRange({ min: 1, whole: true })).toBe('a whole number of at least 1');
  });

  it('gives a short hint for beside the field', () => {
    expect(rangeHint({ min: 1, max: 20 })).toBe('1–20');
    expect(rangeHint({ min: 0, max: 5, minOpen: true })).toBe('above 0, ≤ 5');
    expect(rangeHint({ min: 0 })).toBe('≥ 0');
  });
});
