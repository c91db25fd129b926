import { withQuery } from '../../shared/api/client.ts';

export const SAMPLE_METHODS = ['rt_pcr', 'rt_pcr_pool', 'rapid_antigen'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

export type SampleResult = 'negative' | 'positive' | 'invalid';

/** One row of GET /api/samples?personId= (the repository's columns, snake_case), newest first. */
export interface PersonSample {
  id: number;
  /** The tube's barcode; null for a sample in a pool. */
  barcode: string | null;
  method: SampleMethod;
  purpose: string | null;
  order_id: number | null;
  taken_on: string;
  result: SampleResult | null;
  /** numeric, as text. */
  ct: string | null;
  lab: string | null;
  resulted_on: string | null;
  pool_barcode: string | null;
  /** The pool's result; a positive or inconclusive pool leaves its members waiting for a re-test. */
  pool_result: string | null;
  round_code: string | null;
}

export const personTestsPaths = {
  ofPerson: (personId: number) => withQuery('/api/samples', { personId }),
  slip: (sampleId: number) => `/api/samples/${sampleId}/slip.docx`,
};
