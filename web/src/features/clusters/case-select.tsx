import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedSearch } from '../../shared/hooks/use-debounced-search.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { type CaseOption, clustersPaths } from './clusters-api.ts';

/** A chosen case with the label it is shown by (the picker keeps labels of earlier searches). */
export interface PickedCase {
  value: number;
  label: string;
}

interface Props {
  value?: PickedCase[];
  onChange?: (cases: PickedCase[]) => void;
  /** Cases that may not be picked again (already in the cluster). */
  exclude?: number[];
  id?: string;
  testId?: string;
}

const labelOf = (c: CaseOption) => `${c.caseCode} · ${c.fullName} · ${formatDate(c.confirmationDate)}`;

/** Several cases, found by code or name on the server as the user types. */
export function CaseSelect({ value = [], onChange, exclude = [], id, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { items: found, loading } = useDebouncedSearch<CaseOption>(text.trim() ? clustersPaths.searchCases(text) : null);

  const excluded = new Set(exclude);
  const options = found.filter((c) => !excluded.has(c.id)).map((c) => ({ value: c.id, label: labelOf(c) }));
  for (const v of value) if (!options.some((o) => o.value === v.value)) options.push({ value: v.value, label: v.label });

  return (
    <Select<PickedCase[]>
      id={id}
      mode="multiple"
      labelInValue
      value={value}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('clusters.form.casesSearch')}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : t('app.noData')}
      onChange={(picked) => {
        setText('');
        onChange?.(picked.map((p) => ({ value: Number(p.value), label: String(p.label) })));
      }}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
