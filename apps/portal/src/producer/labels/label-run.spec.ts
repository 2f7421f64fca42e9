import { describe, expect, it } from 'vitest';
import {
  jobRequest,
  labellingBlock,
  MAX_QUANTITY,
  newRunKey,
  progressOf,
  quantityProblem,
  unitsRequest,
} from './label-run';
import { sheetsFor, templateOf, TEMPLATES } from './templates';

const template = (id: string) => {
  const found = templateOf(id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
};

describe('the number of labels', () => {
  it('must be given, whole, at least 1 and within what the units service accepts', () => {
    expect(quantityProblem(undefined)).toBe('required');
    expect(quantityProblem(null)).toBe('required');
    expect(quantityProblem('')).toBe('required');
    expect(quantityProblem(2.5)).toBe('whole');
    expect(quantityProblem(0)).toBe('min');
    expect(quantityProblem(-3)).toBe('min');
    expect(quantityProblem(MAX_QUANTITY + 1)).toBe('max');
    expect(quantityProblem(1)).toBeUndefined();
    expect(quantityProblem(500)).toBeUndefined();
    expect(quantityProblem(MAX_QUANTITY)).toBeUndefined();
  });

  it('turns into that many signed units, then one job over exactly their serials', () => {
    expect(unitsRequest(500)).toEqual({ count: 500, signed: true });
    expect(jobRequest('pdf', 'a4-3x8', { firstSeq: 101, lastSeq: 600 })).toEqual({
      format: 'pdf',
      layout: 'a4-3x8',
      fromSeq: 101,
      toSeq: 600,
    });
  });
});

describe('sheets a run takes', () => {
  it('counts whole sheets and what the last one carries', () => {
    const a4 = template('a4-3x8');
    expect(sheetsFor(500, a4)).toEqual({ sheets: 21, onLast: 20 });
    expect(sheetsFor(24, a4)).toEqual({ sheets: 1, onLast: 24 });
    expect(sheetsFor(25, a4)).toEqual({ sheets: 2, onLast: 1 });
    expect(sheetsFor(500, template('a4-4x10'))).toEqual({ sheets: 13, onLast: 20 });
    expect(sheetsFor(7, template('thermal-40x30'))).toEqual({ sheets: 7, onLast: 1 });
  });

  it('knows every template the service offers, each grid on its page', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'a4-3x8',
      'a4-4x10',
      'a4-3x7',
      'a4-2x7',
      'a4-2x8',
      'thermal-40x30',
      'thermal-50x30',
      'thermal-60x40',
    ]);
    for (const t of TEMPLATES) {
      const right = t.marginLeftMm + t.columns * t.labelWidthMm + (t.columns - 1) * t.gapXMm;
      const bottom = t.marginTopMm + t.rows * t.labelHeightMm;
      expect({ id: t.id, fits: right <= t.pageWidthMm + 0.01 && bottom <= t.pageHeightMm + 0.01 }).toEqual({
        id: t.id,
        fits: true,
      });
    }
  });
});

describe('a job as a person follows it', () => {
  it('is queued, then running with labels made out of the total, then done or failed', () => {
    expect(progressOf({ status: 'queued', done: 0 })).toEqual({ state: 'queued', done: 0, percent: 0 });
    expect(progressOf({ status: 'running', done: 0 })).toEqual({ state: 'running', done: 0 });
    expect(progressOf({ status: 'running', done: 240, total: 500 })).toEqual({
      state: 'running',
      done: 240,
      total: 500,
      percent: 48,
    });
    // All labels drawn but the file not stored yet: not 100 % until the service says it succeeded.
    expect(progressOf({ status: 'running', done: 500, total: 500 }).percent).toBe(99);
    expect(progressOf({ status: 'succeeded', done: 500, total: 500 })).toEqual({
      state: 'done',
      done: 500,
      total: 500,
      percent: 100,
    });
    expect(progressOf({ status: 'failed', done: 240, total: 500 }).state).toBe('failed');
  });
});

describe('whether labels may be made', () => {
  const active = { status: 'active' };
  const verified = { status: 'verified' };
  it('says why not, batch first, then producer, then product', () => {
    expect(labellingBlock({ status: 'released' }, active, verified)).toBeUndefined();
    expect(labellingBlock({ status: 'open' }, active, verified)).toBeUndefined();
    expect(labellingBlock({ status: 'recalled' }, active, verified)).toBe('recalled');
    expect(labellingBlock({ status: 'expired' }, active, verified)).toBe('expired');
    expect(labellingBlock({ status: 'released' }, active, { status: 'suspended' })).toBe('producerSuspended');
    expect(labellingBlock({ status: 'released' }, { status: 'discontinued' }, verified)).toBe(
      'productDiscontinued',
    );
    expect(labellingBlock({ status: 'released' }, { status: 'draft' }, verified)).toBe('productDraft');
    // Not known yet: the form stays open and the service decides.
    expect(labellingBlock({ status: 'released' })).toBeUndefined();
  });
});

describe('retries', () => {
  it('send a fresh idempotency key per run, within what the services accept', () => {
    const a = newRunKey();
    expect(a).toMatch(/^[\x21-\x7e]{1,200}$/);
    expect(newRunKey()).not.toBe(a);
  });
});
