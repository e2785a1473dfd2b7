import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  freshSlicing,
  IDLE_SLICE_BUDGET_MS,
  learnSlice,
  MIN_SLICE,
  nextSliceSize,
  paceFor,
  SLICE_BUDGET_MS,
  type SliceState,
} from '../../../src/main/sync/slice-pace';

/** An idle pass whose slices have settled at `msPerInput`. */
function settled(msPerInput: number): SliceState {
  const state = freshSlicing();
  for (let i = 0; i < 12; i += 1) {
    paceFor(state, 0);
    const size = nextSliceSize(state);
    learnSlice(state, size, size, size * msPerInput);
  }
  return state;
}

describe('slice pace', () => {
  it('starts small, then grows to what the idle budget holds while no call comes in', () => {
    const state = settled(0.5);
    expect(state.budgetMs).toBe(IDLE_SLICE_BUDGET_MS);
    expect(nextSliceSize(state)).toBe(IDLE_SLICE_BUDGET_MS / 0.5);
    expect(freshSlicing().msPerInput).toBeNull();
    expect(nextSliceSize(freshSlicing())).toBe(MIN_SLICE);
  });

  it('drops to the short budget as soon as a call comes in', () => {
    const state = settled(0.5);
    paceFor(state, 1);
    expect(nextSliceSize(state)).toBe(SLICE_BUDGET_MS / 0.5);
  });

  it('is hardly moved by a short remainder that ran fast', () => {
    // Measured in a backfill: 23 inputs in 8 ms, after slices at about 0.5 ms an input; the next slice, sized from
    // the remainder alone, held the thread for 1.8 s against a 1 s budget.
    const state = settled(0.5);
    const planned = nextSliceSize(state);
    learnSlice(state, planned, 23, 8);
    const next = nextSliceSize(state);
    expect(next * 0.5).toBeLessThanOrEqual(IDLE_SLICE_BUDGET_MS * 1.01);
    expect(next).toBeGreaterThanOrEqual(planned);
  });

  it('shrinks the next slice at once after a costlier one, and grows it back by halves', () => {
    const state = settled(0.5);
    learnSlice(state, nextSliceSize(state), nextSliceSize(state), 2000 * 0.8);
    expect(nextSliceSize(state)).toBe(Math.floor(IDLE_SLICE_BUDGET_MS / 0.8));
    const full = nextSliceSize(state);
    learnSlice(state, full, full, full * 0.5);
    expect(state.msPerInput).toBeCloseTo(0.65, 10);
  });

  it('counts a short slice that ran slow by the time it took', () => {
    // Settled at 0.5 ms an input (2,000 planned for 1 s), the batch's last 300 inputs take 5 ms each: 1.5 s, more
    // than a whole slice was expected to take, so the next slice is cut for 5 ms an input.
    const state = settled(0.5);
    learnSlice(state, nextSliceSize(state), 300, 1500);
    expect(nextSliceSize(state)).toBe(IDLE_SLICE_BUDGET_MS / 5);
    // Half a slice's expected time, slow: halfway there.
    const half = settled(0.5);
    learnSlice(half, nextSliceSize(half), 100, 500);
    expect(half.msPerInput).toBeCloseTo(0.5 + (5 - 0.5) / 2, 10);
  });

  it('learns nothing from an empty batch', () => {
    // A sync pass can apply a batch with no inputs; its slice once made the estimate infinite, then NaN, and the
    // next batch's slices empty, so the pass never ended.
    const state = settled(0.5);
    learnSlice(state, nextSliceSize(state), 0, 3);
    expect(state.msPerInput).toBe(0.5);
    const fresh = freshSlicing();
    learnSlice(fresh, MIN_SLICE, 0, 3);
    expect(nextSliceSize(fresh)).toBe(MIN_SLICE);
  });

  it('never cuts a slice below the fewest inputs, however slow, nor an empty one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1e5, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        (slices, busy) => {
          const state = freshSlicing();
          let calls = 0;
          slices.forEach(([inputs, tookMs], i) => {
            paceFor(state, busy[i] ? ++calls : calls);
            const size = nextSliceSize(state);
            expect(Number.isInteger(size)).toBe(true);
            expect(size).toBeGreaterThanOrEqual(MIN_SLICE);
            learnSlice(state, size, Math.min(inputs, size), tookMs);
          });
        },
      ),
    );
  });
});
