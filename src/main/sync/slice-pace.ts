// How many inputs the next slice of a sync pass carries: the slice's time budget over the expected time per input,
// an estimate each slice moves by its weight, so a short slice cannot make the next one overrun.

/** How long one slice should hold the thread while calls are coming in: they queue behind it (the apply is synchronous). */
export const SLICE_BUDGET_MS = 20;
/**
 * How long a slice may grow to while no call comes in: every commit writes each page its slice dirtied to the WAL
 * again. With 20 ms slices throughout, a backfill of 1/100 of `large` wrote 4.4 GB for a 184 MB database; with this
 * cap, 788 MB (one transaction per batch: 674 MB). The first call after a quiet spell waits for about this long.
 */
export const IDLE_SLICE_BUDGET_MS = 1000;
/** The fewest inputs a slice carries, however slow: each commit's own cost (a sync to disk) is shared by these. */
export const MIN_SLICE = 25;

/** Where the slicing stands, carried from batch to batch of one pass so each batch does not start small again. */
export interface SliceState {
  budgetMs: number;
  /** Expected milliseconds per input; null before the first slice. */
  msPerInput: number | null;
  /** Calls answered when the last slice began. */
  calls: number;
}

export const freshSlicing = (): SliceState => ({
  budgetMs: SLICE_BUDGET_MS,
  msPerInput: null,
  calls: 0,
});

/** Doubles the budget (up to the idle one) while no call came in since the last slice; back to the short one when one did. */
export function paceFor(state: SliceState, answered: number): void {
  state.budgetMs =
    answered === state.calls ? Math.min(state.budgetMs * 2, IDLE_SLICE_BUDGET_MS) : SLICE_BUDGET_MS;
  state.calls = answered;
}

/** Inputs in the next slice: what the budget holds at the expected time per input. */
export function nextSliceSize(state: SliceState): number {
  return state.msPerInput === null
    ? MIN_SLICE
    : Math.max(MIN_SLICE, Math.floor(state.budgetMs / state.msPerInput));
}

/**
 * Learns from a slice cut for `planned` inputs that applied `inputs` in `tookMs`. A cheaper slice moves the estimate toward its time per
 * input by half its share of the inputs it was cut for: a batch's short remainder that ran fast (once 23 inputs in
 * 8 ms, and the next slice, sized from it alone, held the thread 1.8 s) hardly moves it. A costlier one moves it by its
 * share of the time a whole slice was expected to take, so a short slice that ran slow still counts in full once it
 * took that long: an overrun keeps calls waiting, and the time per input swings up to 1.7× between slices.
 */
export function learnSlice(state: SliceState, planned: number, inputs: number, tookMs: number): void {
  // An empty batch's slice says nothing about the time per input (and would make it infinite).
  if (inputs === 0) return;
  const measured = Math.max(tookMs, 0.1) / inputs;
  const old = state.msPerInput;
  if (old === null) {
    state.msPerInput = measured;
    return;
  }
  const weight = measured > old ? Math.min(1, tookMs / (planned * old)) : Math.min(1, inputs / planned) / 2;
  state.msPerInput = old + (measured - old) * weight;
}
