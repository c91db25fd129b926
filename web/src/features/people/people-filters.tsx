import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitOptions, unitSearch, useCommunes, useDistricts } from '../../shared/hooks/use-units.ts';
import { useMe } from '../../shared/session/session.tsx';
import type { PeopleFilters as Filters } from './people-api.ts';

interface Props {
  value: Filters;
  onChange: (next: Filters) => void;
}

/** Search box (accent-insensitive on the server) and district → commune pickers. */
export function PeopleFilters({ value, onChange }: Props) {
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
        placeholder={t('people.searchPlaceholder')}
        enterButton={t('app.search')}
        style={{ width: 320, maxWidth: '100%' }}
        data-testid="people-search"
      />
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={t('people.allDistricts')}
        value={value.districtCode}
        options={unitOptions(districtUnits)}
        loading={districts.loading}
        onChange={(d?: string) => onChange({ ...value, districtCode: d, communeCode: undefined })}
        style={{ width: 200 }}
      />
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={value.districtCode ? t('people.allCommunes') : t('people.create.chooseDistrictFirst')}
        disabled={!value.districtCode}
        value={value.communeCode}
        options={unitOptions(communes.units)}
        loading={communes.loading}
        onChange={(c?: string) => onChange({ ...value, communeCode: c })}
        style={{ width: 200 }}
      />
      {(value.q || value.districtCode || value.communeCode) && (
        <Button onClick={() => onChange({})}>{t('app.reset')}</Button>
      )}
    </Space>
  );
}
