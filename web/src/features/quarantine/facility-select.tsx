import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { foldAccents } from '../../shared/hooks/use-units.ts';
import type { Facility } from './quarantine-api.ts';

interface Props {
  facilities: Facility[];
  loading: boolean;
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  width?: number;
  testId?: string;
}

/** A list filter: one quarantine facility of the user's area, or all of them. */
export function FacilityFilterSelect({ facilities, loading, value, onChange, width = 260, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: (input, option) => foldAccents(String(option?.label ?? '')).includes(foldAccents(input)) }}
      placeholder={t('quarantine.allFacilities')}
      aria-label={t('quarantine.facility')}
      loading={loading}
      value={value}
      options={facilities.map((f) => ({ value: f.id, label: f.name }))}
      onChange={(id?: number) => onChange(id)}
      style={{ width }}
      data-testid={testId}
    />
  );
}
