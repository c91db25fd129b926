import { Select, type SelectProps } from 'antd';
import { useApi } from '../../shared/hooks/use-api.ts';
import { unitSearch } from '../../shared/hooks/use-units.ts';
import { type Agency, directivesPaths } from './directives-api.ts';

/** The province's agencies (some forty: loaded whole, filtered in the browser). */
export function useAgencies(includeInactive = false) {
  const r = useApi<{ items: Agency[] }>(directivesPaths.agencies({ includeInactive }));
  return { agencies: r.data?.items ?? [], loading: r.loading, error: r.error, reload: r.reload };
}

/** An agency's option text: its name, and the short name when it differs. */
export function agencyLabel(a: Pick<Agency, 'name' | 'shortName'>): string {
  return a.shortName && a.shortName !== a.name ? `${a.name} (${a.shortName})` : a.name;
}

type ControlProps<V> = Omit<SelectProps<V>, 'options' | 'showSearch' | 'loading'> & {
  /** Agencies not to offer (e.g. the lead among the supports). */
  exclude?: number[];
  /** Offer inactive agencies too (a filter over past tasks). */
  includeInactive?: boolean;
};

/** One agency (or several with mode="multiple"), searched without accents. */
export function AgencySelect<V extends number | number[] = number>({ exclude = [], includeInactive = false, ...props }: ControlProps<V>) {
  const { agencies, loading } = useAgencies(includeInactive);
  const options = agencies.filter((a) => !exclude.includes(a.id)).map((a) => ({ value: a.id, label: agencyLabel(a) }));
  return <Select<V> showSearch={unitSearch} options={options} loading={loading} {...props} />;
}
