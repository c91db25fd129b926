import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { casesPaths, type Facility, type FacilityKind } from './cases-api.ts';

const SEARCH_DELAY_MS = 300;

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
  const [text, setText] = useState('');
  const [facilities, setFacilities] = useState<Facility[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(known ?? null);
  // One kind: ask for it; both: ask for all facilities.
  const kind = kinds.length === 1 ? kinds[0] : undefined;

  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      apiRequest<Paged<Facility>>(casesPaths.facilities(kind, text), { signal: controller.signal })
        .then((r) => {
          setFacilities(r.items);
          setLoading(false);
        })
        .catch(() => {
          // Aborted by the next keystroke, or failed: the form's submit reports real errors.
          if (!controller.signal.aborted) {
            setFacilities([]);
            setLoading(false);
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [wanted, kind, text]);

  const withKind = kinds.length > 1;
  const options = facilities.map((f) => ({
    value: f.id,
    label: facilityLabel(f, withKind ? t(`cases.facilityKinds.${f.kind}`) : undefined),
  }));
  if (picked && picked.id === value && !options.some((o) => o.value === picked.id)) options.unshift({ value: picked.id, label: picked.name });

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={(open) => {
        if (open) setWanted(true);
      }}
      placeholder={t(kind === 'treatment_facility' ? 'cases.form.facilitySearchTreatment' : 'cases.form.facilitySearch')}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : t('cases.form.facilityNone')}
      onChange={(v: number | undefined) => {
        const f = v === undefined ? undefined : facilities.find((x) => x.id === v);
        setPicked(f ? { id: f.id, name: facilityLabel(f) } : v === undefined ? null : picked);
        setText('');
        onChange?.(v ?? null);
      }}
      allowClear
      data-testid="case-facility-picker"
    />
  );
}
