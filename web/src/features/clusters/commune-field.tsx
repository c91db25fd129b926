import { Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceUnit } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';

interface Props {
  value?: string | null;
  onChange?: (communeCode: string | null) => void;
  id?: string;
}

/** District, then commune. A commune given from outside (a suggestion) finds its district itself. */
export function CommuneField({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [district, setDistrict] = useState<string>();
  const given = useApi<PlaceUnit>(value && !district ? `/api/places/units/${value}` : null);
  const districtCode = district ?? (given.data?.code === value ? (given.data?.districtCode ?? given.data?.parentCode ?? undefined) : undefined);

  return (
    <Space.Compact style={{ width: '100%' }}>
      <DistrictSelect
        allowClear
        placeholder={t('people.district')}
        value={districtCode}
        onChange={(d?: string) => {
          setDistrict(d);
          onChange?.(null);
        }}
        style={{ width: '50%' }}
      />
      <CommuneSelect
        id={id}
        districtCode={districtCode}
        allowClear
        placeholder={t('people.commune')}
        value={value ?? undefined}
        loading={given.loading}
        onChange={(c?: string) => onChange?.(c ?? null)}
        style={{ width: '50%' }}
      />
    </Space.Compact>
  );
}
