import { withQuery } from '../api/client.ts';
import type { Paged, PlaceUnit } from '../api/types.ts';
import { useMe } from '../session/session.tsx';
import { useApi } from './use-api.ts';

/** Districts of a province (a province has fewer than 50). */
export function useDistricts(provinceCode: string) {
  const r = useApi<Paged<PlaceUnit>>(withQuery('/api/places/units', { level: 'district', province: provinceCode, pageSize: 100 }));
  return { units: r.data?.items ?? [], loading: r.loading, error: r.error };
}

/** The districts the signed-in user works in: the province's, or only their own for a district team. */
export function useScopedDistricts() {
  const me = useMe();
  const districts = useDistricts(me.provinceCode);
  const units = me.scope.kind === 'district' ? districts.units.filter((u) => u.code === me.scope.code) : districts.units;
  return { ...districts, units };
}

/** Communes of one district; nothing until a district is chosen. */
export function useCommunes(districtCode: string | undefined) {
  const r = useApi<Paged<PlaceUnit>>(
    districtCode ? withQuery('/api/places/units', { level: 'commune', parent: districtCode, pageSize: 500 }) : null,
  );
  return { units: districtCode ? (r.data?.items ?? []) : [], loading: r.loading, error: r.error };
}

/** Select options sorted the Vietnamese way. */
export function unitOptions(units: PlaceUnit[]) {
  return units
    .map((u) => ({ value: u.code, label: u.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

/** "bac giang" matches "Bắc Giang", as the server's search does. */
export function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** showSearch config for unit pickers: accent-insensitive on the label. */
export const unitSearch = {
  filterOption: (input: string, option?: { label?: unknown }) => foldAccents(String(option?.label ?? '')).includes(foldAccents(input)),
};
