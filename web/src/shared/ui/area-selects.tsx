import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, withQuery } from '../api/client.ts';
import { useApi } from '../hooks/use-api.ts';
import { unitOptions, unitSearch, useCommunes, useScopedDistricts } from '../hooks/use-units.ts';
import { useFormat } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { useMe } from '../session/session.tsx';

/** What the caller may set of the Select (inside a Form.Item: value, onChange, id and aria props come from it). */
type ControlProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'disabled'>;

/** One of the districts the user works in (the province's, or a district team's own). */
export function DistrictSelect({ loading, ...props }: ControlProps) {
  const districts = useScopedDistricts();
  return <Select showSearch={unitSearch} options={unitOptions(districts.units)} {...props} loading={districts.loading || loading} />;
}

interface CommuneControlProps extends ControlProps {
  /** The district whose communes are offered; none: the select waits for one. */
  districtCode: string | undefined;
  /** A commune to offer too (a record's own, which the list may leave out), when it lies in `districtCode`. */
  also?: { code: string; name: string; districtCode: string } | null;
  /** A commune team is offered its own commune only. */
  ownCommuneOnly?: boolean;
}

/** After DistrictSelect: one commune of the chosen district (disabled until there is one). */
export function CommuneSelect({ districtCode, also, ownCommuneOnly = false, placeholder, loading, ...props }: CommuneControlProps) {
  const { t } = useTranslation();
  const me = useMe();
  const communes = useCommunes(districtCode);
  const units = ownCommuneOnly && me.scope.kind === 'commune' ? communes.units.filter((u) => u.code === me.scope.code) : communes.units;
  const options = unitOptions(units);
  if (also && also.districtCode === districtCode && !options.some((o) => o.value === also.code)) options.push({ value: also.code, label: also.name });
  return (
    <Select
      showSearch={unitSearch}
      disabled={!districtCode}
      options={options}
      {...props}
      placeholder={districtCode ? placeholder : t('area.chooseDistrictFirst')}
      loading={communes.loading || loading}
    />
  );
}

interface FilterProps {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  width: number;
}

/** A list filter: one of the districts the user works in, or all of them. */
export function DistrictFilterSelect({ value, onChange, width }: FilterProps) {
  const { t } = useTranslation();
  return (
    <DistrictSelect
      allowClear
      placeholder={t('area.allDistricts')}
      value={value}
      onChange={(d?: string) => onChange(d)}
      style={{ width }}
      aria-label={t('area.district')}
    />
  );
}

/** A list filter next to DistrictFilterSelect: one commune of the chosen district, or all of them. */
export function CommuneFilterSelect({ districtCode, value, onChange, width }: FilterProps & { districtCode: string | undefined }) {
  const { t } = useTranslation();
  return (
    <CommuneSelect
      districtCode={districtCode}
      allowClear
      placeholder={t('area.allCommunes')}
      value={value}
      onChange={(c?: string) => onChange(c)}
      style={{ width }}
      aria-label={t('area.commune')}
    />
  );
}

/** GET /api/places/villages?communeCode=: the villages (thôn, tổ dân phố) of a commune and how many live in each. */
export interface VillageList {
  items: Array<{ village: string; people: number }>;
}

export const villagesPath = (communeCode: string) => withQuery('/api/places/villages', { communeCode });

/** After CommuneSelect: one village of the commune, with how many people live there (disabled until there is a commune). */
export function VillageSelect({ communeCode, value, placeholder, loading, ...props }: ControlProps & { communeCode: string | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const villages = useApi<VillageList>(communeCode ? villagesPath(communeCode) : null);
  const options = (communeCode ? (villages.data?.items ?? []) : []).map((v) => ({ value: v.village, label: t('area.villageOption', { village: v.village, people: fmt.number(v.people) }) }));
  // A saved village the list no longer has (or has not loaded yet) is still shown.
  if (typeof value === 'string' && value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      showSearch={unitSearch}
      disabled={!communeCode}
      options={options}
      value={value}
      notFoundContent={villages.error ? errorText(villages.error, lang) : t('area.noVillages')}
      {...props}
      placeholder={communeCode ? placeholder : t('area.chooseCommuneFirst')}
      loading={villages.loading || loading}
    />
  );
}

