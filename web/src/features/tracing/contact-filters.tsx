import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { useKindLabel } from './tracing-tags.tsx';
import { type ContactFilters as Filters, type ContactLevel, EDGE_KINDS, type EdgeKind, hasContactFilters, LEVELS, REVIEW_STATUSES, type ReviewStatus } from './tracing-api.ts';

interface Props {
  value: Filters;
  onChange: (next: Filters) => void;
}

/** Level, exposure kind, commune (picked through its district), review status and a name search. */
export function ContactFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  // The district only narrows the commune list; the API filters by commune.
  const [district, setDistrict] = useState<string>();

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <SearchInput value={value.q} onSearch={(q) => onChange({ ...value, q })} placeholder={t('tracing.filters.search')} width={260} testId="contacts-search" />
      <Select<ContactLevel>
        allowClear
        placeholder={t('tracing.filters.level')}
        value={value.level}
        options={LEVELS.map((l) => ({ value: l, label: `F${l}` }))}
        onChange={(level?: ContactLevel) => onChange({ ...value, level })}
        style={{ width: 130 }}
        data-testid="contacts-level"
      />
      <Select<EdgeKind>
        allowClear
        placeholder={t('tracing.filters.kind')}
        value={value.kind}
        options={EDGE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        onChange={(kind?: EdgeKind) => onChange({ ...value, kind })}
        style={{ width: 210 }}
      />
      <Select<ReviewStatus>
        allowClear
        placeholder={t('tracing.filters.review')}
        value={value.review}
        options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`tracing.review.${s}`) }))}
        onChange={(review?: ReviewStatus) => onChange({ ...value, review })}
        style={{ width: 210 }}
      />
      <DistrictFilterSelect
        value={district}
        onChange={(d) => {
          setDistrict(d);
          if (value.communeCode) onChange({ ...value, communeCode: undefined });
        }}
        width={180}
      />
      <CommuneFilterSelect districtCode={district} value={value.communeCode} onChange={(communeCode) => onChange({ ...value, communeCode })} width={180} />
      {(hasContactFilters(value) || district) && (
        <Button
          onClick={() => {
            setDistrict(undefined);
            onChange({});
          }}
        >
          {t('app.reset')}
        </Button>
      )}
    </Space>
  );
}
