import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactsPaths, type PersonOption } from './contacts-api.ts';
import { personOptionLabel } from './contact-rules.ts';
import { useDebouncedSearch } from './use-search.ts';

const MIN_SEARCH = 2;

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Left out of the results (the person whose contacts these are). */
  excludeId?: number;
  /** Called with the chosen person (messages name them). */
  onPick?: (person: PersonOption | undefined) => void;
  id?: string;
}

/** Finds a person in the register (accent-insensitive, masked per role on the server) as the user types. */
export function PersonSearchSelect({ value, onChange, onPick, excludeId, id }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<PersonOption>();
  const searching = text.trim().length >= MIN_SEARCH;
  const { items, loading } = useDebouncedSearch<PersonOption>(searching ? contactsPaths.people(text) : null);

  const options = (searching ? items : []).filter((p) => p.id !== excludeId).map((p) => ({ value: p.id, label: personOptionLabel(p) }));
  if (picked && picked.id === value && !options.some((o) => o.value === picked.id)) options.unshift({ value: picked.id, label: personOptionLabel(picked) });

  return (
    <Select<number>
      id={id}
      value={value}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('contacts.manual.searchPerson')}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : searching ? t('contacts.manual.personNone') : null}
      onChange={(v: number | undefined) => {
        const person = v === undefined ? undefined : (items.find((p) => p.id === v) ?? picked);
        setPicked(person);
        setText('');
        onChange?.(v);
        onPick?.(person);
      }}
      allowClear
      data-testid="contact-person-select"
    />
  );
}
