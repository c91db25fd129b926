import { useTranslation } from 'react-i18next';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { casesPaths } from './cases-api.ts';
import { birthYear } from './case-rules.ts';

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
export function PersonPicker(props: Props) {
  const { t } = useTranslation();
  return (
    <RemoteSelect<PickedPerson>
      {...props}
      searchPaths={(text) => (text.trim().length >= MIN_SEARCH ? casesPaths.people(text) : null)}
      idOf={(p) => p.id}
      labelOf={personLabel}
      placeholder={t('cases.form.personSearch')}
      notFound={(searching) => (searching ? t('cases.form.personNone') : null)}
      testId="case-person-picker"
    />
  );
}
