import { Button, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
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

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <SearchInput value={value.q} onSearch={(q) => onChange({ ...value, q })} placeholder={t('cases.searchPlaceholder')} testId="cases-search" />
      <DistrictFilterSelect value={value.districtCode} onChange={(districtCode) => onChange({ ...value, districtCode, communeCode: undefined })} width={190} />
      <CommuneFilterSelect
        districtCode={value.districtCode}
        value={value.communeCode}
        onChange={(communeCode) => onChange({ ...value, communeCode })}
        width={190}
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
