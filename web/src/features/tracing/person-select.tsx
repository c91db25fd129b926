import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { type PersonOption, tracingPaths } from './tracing-api.ts';

const SEARCH_DELAY_MS = 300;

export interface KnownPerson {
  id: number;
  label: string;
}

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Offered before any search (e.g. the F0 and the people already traced). */
  known?: KnownPerson[];
  id?: string;
  testId?: string;
}

const describe = (p: PersonOption) => [p.fullName, formatDate(p.dateOfBirth), p.communeName].filter((x) => x && x !== '–').join(' · ');

/** Finds a person in the register (the server folds accents and masks per role) as the user types. */
export function PersonSelect({ value, onChange, known = [], id, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<PersonOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<KnownPerson>();

  useEffect(() => {
    if (text.trim().length < 2) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      apiRequest<Paged<PersonOption>>(tracingPaths.people(text), { signal: controller.signal })
        .then((r) => {
          setFound(r.items);
          setLoading(false);
        })
        .catch(() => {
          // Aborted by the next keystroke, or failed: the form's submit reports real errors.
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

  const options = text.trim().length >= 2 ? found.map((p) => ({ value: p.id, label: describe(p) })) : known.map((k) => ({ value: k.id, label: k.label }));
  if (picked && picked.id === value && !options.some((o) => o.value === picked.id)) options.unshift({ value: picked.id, label: picked.label });

  return (
    <Select<number>
      id={id}
      value={value}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('tracing.add.searchPerson')}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : t('app.noData')}
      onChange={(v: number | undefined, option) => {
        const o = Array.isArray(option) ? undefined : option;
        setPicked(v === undefined ? undefined : { id: v, label: String(o?.label ?? v) });
        setText('');
        onChange?.(v);
      }}
      allowClear
      data-testid={testId}
    />
  );
}
