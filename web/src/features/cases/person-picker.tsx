import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { casesPaths } from './cases-api.ts';
import { birthYear } from './case-rules.ts';

const SEARCH_DELAY_MS = 300;
const MIN_SEARCH = 2;

/** What the picker needs of GET /api/people's rows. */
export interface PickedPerson {
  id: number;
  fullName: string;
  dateOfBirth: string | null;
  phone: string | null;
  communeCode: string;
  communeName: string;
  districtCode: string;
  districtName: string;
}

/** "Nguyễn Văn An · 1990 · Phường Trần Phú, Thành phố Bắc Giang": enough to tell namesakes apart. */
export function personLabel(p: PickedPerson): string {
  return [p.fullName, birthYear(p.dateOfBirth), `${p.communeName}, ${p.districtName}`].filter(Boolean).join(' · ');
}

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Called with the chosen person (the form takes the commune from it). */
  onPick?: (person: PickedPerson | undefined) => void;
  id?: string;
  disabled?: boolean;
}

/** Finds the patient in the person register (accent-insensitive on the server) as the user types. */
export function PersonPicker({ value, onChange, onPick, id, disabled }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<PickedPerson>();

  useEffect(() => {
    if (text.trim().length < MIN_SEARCH) {
      setPeople([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      apiRequest<Paged<PickedPerson>>(casesPaths.people(text), { signal: controller.signal })
        .then((r) => {
          setPeople(r.items);
          setLoading(false);
        })
        .catch(() => {
          // Aborted by the next keystroke, or failed: the form's submit reports real errors.
          if (!controller.signal.aborted) {
            setPeople([]);
            setLoading(false);
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const options = people.map((p) => ({ value: p.id, label: personLabel(p) }));
  if (picked && picked.id === value && !options.some((o) => o.value === picked.id)) options.unshift({ value: picked.id, label: personLabel(picked) });

  return (
    <Select<number>
      id={id}
      value={value}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('cases.form.personSearch')}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : text.trim().length >= MIN_SEARCH ? t('cases.form.personNone') : null}
      onChange={(v: number | undefined) => {
        const person = v === undefined ? undefined : (people.find((p) => p.id === v) ?? picked);
        setPicked(person);
        setText('');
        onChange?.(v);
        onPick?.(person);
      }}
      allowClear
      data-testid="case-person-picker"
    />
  );
}
