import { Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceUnit } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { unitOptions, unitSearch, useCommunes, useDistricts } from '../../shared/hooks/use-units.ts';
import { useMe } from '../../shared/session/session.tsx';

interface Props {
  value?: string | null;
  onChange?: (communeCode: string | null) => void;
  id?: string;
}

/** District, then commune. A commune given from outside (a suggestion) finds its district itself. */
export function CommuneField({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [district, setDistrict] = useState<string>();
  const given = useApi<PlaceUnit>(value && !district ? `/api/places/units/${value}` : null);
  const districtCode = district ?? (given.data?.code === value ? (given.data?.districtCode ?? given.data?.parentCode ?? undefined) : undefined);
  const districts = useDistricts(me.provinceCode);
  const communes = useCommunes(districtCode);
  const districtUnits = me.scope.kind === 'district' ? districts.units.filter((u) => u.code === me.scope.code) : districts.units;

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={t('people.district')}
        value={districtCode}
        options={unitOptions(districtUnits)}
        loading={districts.loading}
        onChange={(d?: string) => {
          setDistrict(d);
          onChange?.(null);
        }}
        style={{ width: '50%' }}
      />
      <Select
        id={id}
        allowClear
        showSearch={unitSearch}
        placeholder={districtCode ? t('people.commune') : t('people.create.chooseDistrictFirst')}
        disabled={!districtCode}
        value={value ?? undefined}
        options={unitOptions(communes.units)}
        loading={communes.loading || given.loading}
        onChange={(c?: string) => onChange?.(c ?? null)}
        style={{ width: '50%' }}
      />
    </Space.Compact>
  );
}
