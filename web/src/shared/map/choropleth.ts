/** Colour classes for a choropleth of rates: pure functions, no I/O. */

export const NO_CASES_COLOUR = '#f2f2f2';
const PALETTE = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];

export interface ColourClass {
  /** Exclusive lower bound (the first class starts above 0). */
  from: number;
  /** Inclusive upper bound. */
  to: number;
  colour: string;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ x: round steps read well in a legend. */
export function niceStep(x: number): number {
  if (x <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= x) return m * power;
  return 10 * power;
}

/** Equal, round-numbered intervals from 0 to the largest value. */
export function colourClasses(values: number[], classes = PALETTE.length): ColourClass[] {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  if (max === 0) return [];
  const step = niceStep(max / classes);
  const used = Math.min(classes, Math.ceil(max / step));
  return Array.from({ length: used }, (_, i) => ({
    from: i * step,
    to: (i + 1) * step,
    colour: PALETTE[Math.round((i * (PALETTE.length - 1)) / Math.max(1, used - 1))] ?? PALETTE[0]!,
  }));
}

export function colourFor(value: number, classes: ColourClass[]): string {
  if (!(value > 0)) return NO_CASES_COLOUR;
  const c = classes.find((k) => value <= k.to) ?? classes[classes.length - 1];
  return c?.colour ?? NO_CASES_COLOUR;
}
