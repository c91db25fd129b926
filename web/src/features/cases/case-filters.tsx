import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitOptions, unitSearch, useCommunes, useDistricts } from '../../shared/hooks/use-units.ts';
import { useMe } from '../../shared/session/session.tsx';
import { CASE_STATUSES, type CaseFilters as Filters, CLASSIFICATIONS, DETECTIONS } from './cases-api.ts';
import { hasFilters } from './case-query.ts';

interface Props {
  value: Filters;
  onChange: (next: Filters) => void;
}

const asDay = (v: string | undefined) => (v ? dayjs(v, 'YYYY-MM-DD') : null);

/** Search, area, status, classification, detection and confirmation-date filters of the cases list. */
export function CaseFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [text, setText] = useState(value.q ?? '');
  useEffect(() => setText(value.q ?? ''), [value.q]);

  const districts = useDistricts(me.provinceCode);
  const communes = useCommunes(value.districtCode);
  // A district team only works in its district: don't offer the others.
  const districtUnits = me.scope.kind === 'district' ? districts.units.filter((u) => u.code === me.scope.code) : districts.units;

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        placeholder={t('cases.searchPlaceholder')}
        enterButton={t('app.search')}
        style={{ width: 320, maxWidth: '100%' }}
        data-testid="cases-search"
      />
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={t('cases.allDistricts')}
        value={value.districtCode}
        options={unitOptions(districtUnits)}
        loading={districts.loading}
        onChange={(d?: string) => onChange({ ...value, districtCode: d, communeCode: undefined })}
        style={{ width: 190 }}
        aria-label={t('cases.district')}
      />
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={value.districtCode ? t('cases.allCommunes') : t('cases.chooseDistrictFirst')}
        disabled={!value.districtCode}
        value={value.communeCode}
        options={unitOptions(communes.units)}
        loading={communes.loading}
        onChange={(c?: string) => onChange({ ...value, communeCode: c })}
        style={{ width: 190 }}
        aria-label={t('cases.commune')}
      />
      <Select
        allowClear
        placeholder={t('cases.allStatuses')}
        value={value.status}
        options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
        onChange={(status?: Filters['status']) => onChange({ ...value, status })}
        style={{ width: 160 }}
        aria-label={t('cases.status')}
        data-testid="cases-status-filter"
      />
      <Select
        allowClear
        placeholder={t('cases.allClassifications')}
        value={value.classification}
        options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`cases.classifications.${c}`) }))}
        onChange={(classification?: Filters['classification']) => onChange({ ...value, classification })}
        style={{ width: 180 }}
        aria-label={t('cases.classification')}
      />
      <Select
        allowClear
        placeholder={t('cases.allDetections')}
        value={value.detection}
        options={DETECTIONS.map((d) => ({ value: d, label: t(`cases.detections.${d}`) }))}
        onChange={(detection?: Filters['detection']) => onChange({ ...value, detection })}
        style={{ width: 230 }}
        popupMatchSelectWidth={false}
        aria-label={t('cases.detection')}
      />
      <DatePicker.RangePicker
        format="DD/MM/YYYY"
        allowEmpty={[true, true]}
        placeholder={[t('cases.confirmedFrom'), t('cases.confirmedTo')]}
        value={[asDay(value.from), asDay(value.to)]}
        onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
          onChange({ ...value, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
        }
        aria-label={t('cases.confirmationDate')}
        style={{ width: 290, maxWidth: '100%' }}
        data-testid="cases-date-range"
      />
      {hasFilters(value) && <Button onClick={() => onChange({})}>{t('app.reset')}</Button>}
    </Space>
  );
}
