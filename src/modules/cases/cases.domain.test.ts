import { describe, expect, it } from 'vitest';
// The labels the web app shows: an import must take what people copy from the screen.
import { en } from '../../../web/src/shared/i18n/en.ts';
import { vi } from '../../../web/src/shared/i18n/vi.ts';
import {
  acceptedWordings, CLASSIFICATION_VOCABULARY, DETECTION_VOCABULARY, type ImportVocabulary, parseClassification, parseDetection, parseStatus,
  STATUS_VOCABULARY, validateCase,
} from './cases.domain.ts';

/** The same words as typed in a hurry: upper case, without accents, with odd spacing. */
const variants = (label: string) => [
  label,
  label.toUpperCase(),
  label.toLowerCase(),
  label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'),
  ` ${label.replace(/ /g, '  ')} `,
  label.normalize('NFD'),
];

interface Field {
  name: string;
  vocab: ImportVocabulary<string>;
  parse: (raw: string) => string | null;
  /** The web app's labels of the field's values: Vietnamese, English. */
  ui: Array<Record<string, string>>;
}
const FIELDS: Field[] = [
  { name: 'detection', vocab: DETECTION_VOCABULARY, parse: parseDetection, ui: [vi.cases.detections, en.cases.detections] },
  { name: 'classification', vocab: CLASSIFICATION_VOCABULARY, parse: parseClassification, ui: [vi.cases.classifications, en.cases.classifications] },
  { name: 'status', vocab: STATUS_VOCABULARY, parse: parseStatus, ui: [vi.cases.statuses, en.cases.statuses] },
];

describe('import wording', () => {
  it.each(FIELDS)('reads every $name label of the web app, in Vietnamese and English, any case, with or without accents', ({ vocab, parse, ui }) => {
    for (const value of vocab.values) {
      for (const labels of ui) {
        const label = labels[value];
        expect(label, `the web app has a label for ${value}`).toBeTypeOf('string');
        for (const v of variants(label!)) expect(parse(v), `${JSON.stringify(v)} -> ${value}`).toBe(value);
      }
    }
  });

  it('reads the labels of the brief as written', () => {
    const detections = {
      'Phát hiện tại cộng đồng': 'community',
      'Trong khu cách ly': 'quarantine',
      'Phát hiện trong khu cách ly': 'quarantine',
      'Sàng lọc vùng phong tỏa': 'lockdown_screening',
      'Sàng lọc vùng phong toả': 'lockdown_screening',
      'Sàng lọc doanh nghiệp': 'enterprise_screening',
      'Nhập cảnh': 'arrival',
    };
    for (const [label, value] of Object.entries(detections)) expect(parseDetection(label), label).toBe(value);
    const classifications = { 'Ca nhập cảnh': 'imported', 'Ca cộng đồng': 'community', 'Ca trong khu cách ly': 'in_quarantine' };
    for (const [label, value] of Object.entries(classifications)) expect(parseClassification(label), label).toBe(value);
    const statuses = { 'Đang cách ly': 'isolated', 'Đang điều trị': 'in_treatment', 'Khỏi bệnh': 'recovered', 'Tử vong': 'died' };
    for (const [label, value] of Object.entries(statuses)) expect(parseStatus(label), label).toBe(value);
  });

  it.each(FIELDS)('still reads the server’s own shorter $name labels, the English labels and the codes', ({ vocab, parse }) => {
    for (const value of vocab.values) {
      const label = vocab.labels[value]!;
      for (const w of [label.vi, label.en, value, value.toUpperCase(), value.replace(/_/g, ' '), value.replace(/_/g, '-')]) {
        expect(parse(w), `${w} -> ${value}`).toBe(value);
      }
    }
  });

  it('keeps the short forms older files use', () => {
    expect([parseDetection('Cộng đồng'), parseDetection('khu cach ly'), parseDetection('phong toa'), parseClassification('ca xam nhap'), parseStatus('cach ly'), parseStatus('ra vien')]).toEqual([
      'community', 'quarantine', 'lockdown_screening', 'imported', 'isolated', 'recovered',
    ]);
  });

  it('refuses words that name no value, and a value of another field', () => {
    expect(parseDetection('UFO')).toBeNull();
    expect(parseDetection('')).toBeNull();
    expect(parseStatus('Ca cộng đồng')).toBeNull();
    expect(parseClassification('Tử vong')).toBeNull();
  });

  it('lists every accepted wording beside the code once, the server label first', () => {
    expect(acceptedWordings(STATUS_VOCABULARY, 'isolated')).toEqual(['Cách ly', 'Đang cách ly', 'Isolated']);
    expect(acceptedWordings(STATUS_VOCABULARY, 'recovered')).toEqual(['Khỏi bệnh', 'Khỏi', 'Ra viện', 'Recovered']);
    expect(acceptedWordings(DETECTION_VOCABULARY, 'lockdown_screening')).toContain('Sàng lọc vùng phong tỏa');
  });

  it('validates a case written with the web app’s labels', () => {
    const r = validateCase(
      { sampleDate: '12/05/2021', confirmationDate: '13/05/2021', detection: 'PHAT HIEN TAI CONG DONG', classification: 'Ca nhập cảnh', status: 'đang điều trị' },
      { today: '2021-06-01' },
    );
    expect(r).toMatchObject({ ok: true, value: { detection: 'community', classification: 'imported', status: 'in_treatment' } });
  });
});
