import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedSearch } from '../../shared/hooks/use-debounced-search.ts';
import { type ContactGroup, contactsPaths, type GroupKind } from './contacts-api.ts';

interface Props {
  kind: GroupKind | undefined;
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Called with the chosen group (its label names it in messages). */
  onPick?: (group: ContactGroup | undefined) => void;
  /** A group to offer even before any search (e.g. one just created). */
  known?: ContactGroup;
  id?: string;
}

const details = (g: ContactGroup) => [g.orgName, g.communeName].filter(Boolean).join(' · ');

/** Finds a contact group of one kind in the user's area by its name, as the user types. */
export function GroupSelect({ kind, value, onChange, onPick, known, id }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<ContactGroup>();
  // With no text yet, the first groups of the kind (by name): often enough in a small commune.
  const { items, loading } = useDebouncedSearch<ContactGroup>(kind ? contactsPaths.groups({ kind, q: text }) : null);

  const groups = [...items];
  for (const g of [picked, known]) if (g && g.kind === kind && !groups.some((x) => x.id === g.id)) groups.unshift(g);

  return (
    <Select<number>
      id={id}
      value={value}
      disabled={!kind}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('contacts.membership.groupSearch')}
      loading={loading}
      options={groups.map((g) => ({ value: g.id, label: g.label }))}
      optionRender={(o) => {
        const g = groups.find((x) => x.id === o.value);
        return (
          <div>
            <div>{o.label}</div>
            {g && (
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>
                {[details(g), t('contacts.membership.members', { count: g.members })].filter(Boolean).join(' · ')}
              </div>
            )}
          </div>
        );
      }}
      notFoundContent={loading ? t('app.loading') : t('contacts.membership.groupNone')}
      onChange={(v: number | undefined) => {
        const group = v === undefined ? undefined : groups.find((g) => g.id === v);
        setPicked(group);
        setText('');
        onChange?.(v);
        onPick?.(group);
      }}
      allowClear
      data-testid="contact-group-select"
    />
  );
}
