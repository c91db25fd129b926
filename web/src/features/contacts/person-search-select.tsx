import { useTranslation } from 'react-i18next';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { contactsPaths, type PersonOption } from './contacts-api.ts';
import { personOptionLabel } from './contact-rules.ts';

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
export function PersonSearchSelect({ excludeId, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <RemoteSelect<PersonOption>
      {...props}
      searchPaths={(text) => (text.trim().length >= MIN_SEARCH ? contactsPaths.people(text) : null)}
      idOf={(p) => p.id}
      labelOf={personOptionLabel}
      arrange={(people) => people.filter((p) => p.id !== excludeId)}
      placeholder={t('contacts.manual.searchPerson')}
      notFound={(searching) => (searching ? t('contacts.manual.personNone') : null)}
      testId="contact-person-select"
    />
  );
}
