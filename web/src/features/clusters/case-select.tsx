import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { type CaseOption, clustersPaths } from './clusters-api.ts';

const SEARCH_DELAY_MS = 300;

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
  const [found, setFound] = useState<CaseOption[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!text.trim()) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      apiRequest<Paged<CaseOption>>(clustersPaths.searchCases(text), { signal: controller.signal })
        .then((r) => {
          setFound(r.items);
          setLoading(false);
        })
        .catch(() => {
          if (!controller.signal.aborted) {
            setFound([]);
            setLoading(false);
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

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
