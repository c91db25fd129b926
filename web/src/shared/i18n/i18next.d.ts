import 'i18next';
import type { vi } from './vi.ts';

// t() keys and their interpolation values are checked against vi.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
