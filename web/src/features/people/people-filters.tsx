import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import type { PeopleFilters as Filters } from './people-api.ts';

interface Props {
  value: Filters;
  onChange: (next: Filters) => void;
}

/** Search box (accent-insensitive on the server) and district → commune pickers. */
export function PeopleFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <SearchInput value={value.q} onSearch={(q) => onChange({ ...value, q })} placeholder={t('people.searchPlaceholder')} testId="people-search" />
      <DistrictFilterSelect value={value.districtCode} onChange={(districtCode) => onChange({ ...value, districtCode, communeCode: undefined })} width={200} />
      <CommuneFilterSelect
        districtCode={value.districtCode}
        value={value.communeCode}
        onChange={(communeCode) => onChange({ ...value, communeCode })}
        width={200}
      />
      {(value.q || value.districtCode || value.communeCode) && <Button onClick={() => onChange({})}>{t('app.reset')}</Button>}
    </Space>
  );
}
