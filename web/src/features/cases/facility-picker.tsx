import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { casesPaths, type Facility, type FacilityKind } from './cases-api.ts';

/**
 * "Bệnh viện dã chiến số 1 (Cơ sở điều trị) · Xã Vân Trung, Huyện Việt Yên": the name, the kind
 * when both kinds are listed (before the place, so a long line keeps it), and where it is.
 */
export function facilityLabel(f: Pick<Facility, 'name' | 'communeName' | 'districtName'>, kindText?: string): string {
  const where = [f.communeName, f.districtName].filter(Boolean).join(', ');
  const name = kindText ? `${f.name} (${kindText})` : f.name;
  return where ? `${name} · ${where}` : name;
}

interface Props {
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** The kinds the status allows: one, or both. */
  kinds: readonly FacilityKind[];
  /** The facility already on the case, shown by name before any search. */
  known?: { id: number; name: string } | null;
  id?: string;
  disabled?: boolean;
}

/**
 * Finds a quarantine or treatment facility of the province (accent-insensitive on the server) as
 * the user types. Nothing is asked of the server until the list is first opened.
 */
export function FacilityPicker({ value, onChange, kinds, known, id, disabled }: Props) {
  const { t } = useTranslation();
  const [wanted, setWanted] = useState(false);
  // One kind: ask for it; both: ask for all facilities.
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  const withKind = kinds.length > 1;

  return (
    <RemoteSelect<Facility>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      disabled={disabled}
      searchPaths={(text) => (wanted ? casesPaths.facilities(kind, text) : null)}
      onOpenChange={(open) => {
        if (open) setWanted(true);
      }}
      idOf={(f) => f.id}
      labelOf={(f) => facilityLabel(f, withKind ? t(`cases.facilityKinds.${f.kind}`) : undefined)}
      pickedLabelOf={(f) => facilityLabel(f)}
      initial={known ? { value: known.id, label: known.name } : null}
      placeholder={t(kind === 'treatment_facility' ? 'cases.form.facilitySearchTreatment' : 'cases.form.facilitySearch')}
      notFound={() => t('cases.form.facilityNone')}
      testId="case-facility-picker"
    />
  );
}
