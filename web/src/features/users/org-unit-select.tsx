import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { type OrgUnit, usersPaths } from './users-api.ts';

const SEARCH_DELAY_MS = 300;

interface Props {
  /** Kinds of organisation the role may be tied to (one search per kind, merged). */
  kinds: string[];
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** The organisation already chosen (editing a user), labelled before any search. */
  current?: { id: number; name: string };
  id?: string;
  disabled?: boolean;
}

/** Searches organisations on the server (accent-insensitive there) as the user types. */
export function OrgUnitSelect({ kinds, value, onChange, current, id, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<{ id: number; name: string } | undefined>(current);
  const kindsKey = kinds.join(',');

  useEffect(() => {
    const list = kindsKey ? kindsKey.split(',') : [];
    if (list.length === 0) {
      setUnits([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      Promise.all(list.map((k) => apiRequest<{ items: OrgUnit[] }>(usersPaths.orgUnits(k, text), { signal: controller.signal })))
        .then((answers) => {
          setUnits(answers.flatMap((a) => a.items).sort((a, b) => a.name.localeCompare(b.name, 'vi')));
          setLoading(false);
        })
        .catch(() => {
          // Aborted by the next keystroke, or failed: the form's submit reports real errors.
          if (!controller.signal.aborted) {
            setUnits([]);
            setLoading(false);
          }
        });
    }, text ? SEARCH_DELAY_MS : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kindsKey, text]);

  const kindLabel = (kind: string) =>
    i18n.exists(`users.orgKinds.${kind}`) ? t(`users.orgKinds.${kind}` as 'users.orgKinds.enterprise') : kind;
  const options = units.map((u) => ({ value: u.id, label: kinds.length > 1 ? `${u.name} · ${kindLabel(u.kind)}` : u.name }));
  if (picked && picked.id === value && !options.some((o) => o.value === picked.id)) options.unshift({ value: picked.id, label: picked.name });

  return (
    <Select<number>
      id={id}
      value={value}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('users.form.orgSearch')}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : t('app.noData')}
      onChange={(v: number | undefined, option) => {
        const o = Array.isArray(option) ? undefined : option;
        setPicked(v === undefined ? undefined : { id: v, name: String(o?.label ?? v) });
        setText('');
        onChange?.(v);
      }}
      allowClear
      data-testid="org-unit-select"
    />
  );
}
