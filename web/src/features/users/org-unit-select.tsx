import { useTranslation } from 'react-i18next';
import { SEARCH_DELAY_MS } from '../../shared/hooks/use-debounced-search.ts';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { type OrgUnit, usersPaths } from './users-api.ts';

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
export function OrgUnitSelect({ kinds, current, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const kindLabel = (kind: string) =>
    i18n.exists(`users.orgKinds.${kind}`) ? t(`users.orgKinds.${kind}` as 'users.orgKinds.enterprise') : kind;

  return (
    <RemoteSelect<OrgUnit>
      {...props}
      // With no text yet, the first organisations of each kind, at once.
      searchPaths={(text) => (kinds.length > 0 ? kinds.map((k) => usersPaths.orgUnits(k, text)) : null)}
      delayMs={(text) => (text ? SEARCH_DELAY_MS : 0)}
      idOf={(u) => u.id}
      labelOf={(u) => (kinds.length > 1 ? `${u.name} · ${kindLabel(u.kind)}` : u.name)}
      arrange={(units) => [...units].sort((a, b) => a.name.localeCompare(b.name, 'vi'))}
      initial={current ? { value: current.id, label: current.name } : null}
      placeholder={t('users.form.orgSearch')}
      notFound={() => t('app.noData')}
      testId="org-unit-select"
    />
  );
}
