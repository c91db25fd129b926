import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitOptions, unitSearch, useCommunes, useDistricts } from '../../shared/hooks/use-units.ts';
import { useMe } from '../../shared/session/session.tsx';
import { useKindLabel } from './tracing-tags.tsx';
import { type ContactFilters as Filters, type ContactLevel, EDGE_KINDS, type EdgeKind, hasContactFilters, LEVELS, REVIEW_STATUSES, type ReviewStatus } from './tracing-api.ts';

interface Props {
  value: Filters;
  onChange: (next: Filters) => void;
}

/** Level, exposure kind, commune (picked through its district), review status and a name search. */
export function ContactFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const kindLabel = useKindLabel();
  const [text, setText] = useState(value.q ?? '');
  useEffect(() => setText(value.q ?? ''), [value.q]);
  // The district only narrows the commune list; the API filters by commune.
  const [district, setDistrict] = useState<string>();
  const districts = useDistricts(me.provinceCode);
  const communes = useCommunes(district);
  const districtUnits = me.scope.kind === 'district' ? districts.units.filter((u) => u.code === me.scope.code) : districts.units;

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        placeholder={t('tracing.filters.search')}
        enterButton={t('app.search')}
        style={{ width: 260, maxWidth: '100%' }}
        data-testid="contacts-search"
      />
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
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={t('people.allDistricts')}
        value={district}
        options={unitOptions(districtUnits)}
        loading={districts.loading}
        onChange={(d?: string) => {
          setDistrict(d);
          if (value.communeCode) onChange({ ...value, communeCode: undefined });
        }}
        style={{ width: 180 }}
      />
      <Select
        allowClear
        showSearch={unitSearch}
        placeholder={district ? t('people.allCommunes') : t('people.create.chooseDistrictFirst')}
        disabled={!district}
        value={value.communeCode}
        options={unitOptions(communes.units)}
        loading={communes.loading}
        onChange={(c?: string) => onChange({ ...value, communeCode: c })}
        style={{ width: 180 }}
      />
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
