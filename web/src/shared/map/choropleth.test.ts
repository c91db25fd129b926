import { describe, expect, it } from 'vitest';
import { colourClasses, colourFor, NO_CASES_COLOUR, niceStep } from './choropleth.ts';

describe('choropleth classes', () => {
  it('rounds steps up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(13)).toBe(20);
    expect(niceStep(24)).toBe(25);
    expect(niceStep(160)).toBe(200);
    expect(niceStep(480)).toBe(500);
  });

  it('covers the largest value with at most five equal classes', () => {
    const classes = colourClasses([0, 29.2, 746.4, 350]);
    expect(classes.map((c) => [c.from, c.to])).toEqual([
      [0, 200],
      [200, 400],
      [400, 600],
      [600, 800],
    ]);
    expect(new Set(classes.map((c) => c.colour)).size).toBe(4);
  });

  it('gives districts without cases their own colour', () => {
    const classes = colourClasses([10, 20]);
    expect(colourFor(0, classes)).toBe(NO_CASES_COLOUR);
    expect(colourFor(Number.NaN, classes)).toBe(NO_CASES_COLOUR);
    expect(colourFor(20, classes)).toBe(classes[classes.length - 1]?.colour);
    expect(colourClasses([0, 0])).toEqual([]);
  });
});
