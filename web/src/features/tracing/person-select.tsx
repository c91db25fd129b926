import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/i18n/format.ts';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { type PersonOption, tracingPaths } from './tracing-api.ts';

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
export function PersonSelect({ known = [], ...props }: Props) {
  const { t } = useTranslation();
  return (
    <RemoteSelect<PersonOption>
      {...props}
      searchPaths={(text) => (text.trim().length >= 2 ? tracingPaths.people(text) : null)}
      idOf={(p) => p.id}
      labelOf={describe}
      idleOptions={known.map((k) => ({ value: k.id, label: k.label }))}
      placeholder={t('tracing.add.searchPerson')}
    />
  );
}
