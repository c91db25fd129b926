import { Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SearchPaths, useDebouncedSearch } from '../hooks/use-debounced-search.ts';

export interface RemoteOption {
  value: number;
  label: string;
}

interface Picked<T> extends RemoteOption {
  /** The row it was picked from (absent for an option offered without a search). */
  item?: T;
}

interface Props<T> {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Called with the chosen row (undefined when cleared, or chosen from `idleOptions`). */
  onPick?: (item: T | undefined) => void;
  /** The list endpoint(s) to search for the typed text; null: no search (`idleOptions` are offered). */
  searchPaths: (text: string) => SearchPaths;
  /** The pause after typing before a search (default SEARCH_DELAY_MS). */
  delayMs?: (text: string) => number;
  idOf: (item: T) => number;
  /** An option's text. */
  labelOf: (item: T) => string;
  /** The text the chosen row keeps once other rows are found (default `labelOf`). */
  pickedLabelOf?: (item: T) => string;
  /** What to offer of the rows found, in order (e.g. some left out, or sorted). */
  arrange?: (items: T[]) => T[];
  /** Offered while there is no search. */
  idleOptions?: RemoteOption[];
  /** The value's label before any search (e.g. the edited record's). */
  initial?: RemoteOption | null;
  /** Shown when nothing is offered; `searching`: a search is under way (default: "no data"). */
  notFound?: (searching: boolean) => ReactNode;
  placeholder: string;
  onOpenChange?: (open: boolean) => void;
  id?: string;
  disabled?: boolean;
  testId?: string;
}

/**
 * One row of a server-side search, found as the user types (the server folds accents): the
 * search waits for a pause in typing, and a newer one cancels the older. The chosen row keeps its
 * label when later searches no longer find it.
 */
export function RemoteSelect<T>({
  value,
  onChange,
  onPick,
  searchPaths,
  delayMs,
  idOf,
  labelOf,
  pickedLabelOf = labelOf,
  arrange,
  idleOptions = [],
  initial,
  notFound,
  placeholder,
  onOpenChange,
  id,
  disabled,
  testId,
}: Props<T>) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Picked<T> | null>(initial ?? null);
  const paths = searchPaths(text);
  const searching = paths !== null;
  const { items, loading } = useDebouncedSearch<T>(paths, delayMs?.(text));
  const found = searching ? (arrange ? arrange(items) : items) : [];

  const options = searching ? found.map((item) => ({ value: idOf(item), label: labelOf(item) })) : [...idleOptions];
  if (picked && picked.value === value && !options.some((o) => o.value === picked.value)) options.unshift({ value: picked.value, label: picked.label });

  return (
    <Select<number>
      id={id}
      value={value}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={onOpenChange}
      placeholder={placeholder}
      loading={loading}
      options={options}
      notFoundContent={loading ? t('app.loading') : notFound ? notFound(searching) : t('app.noData')}
      onChange={(v: number | undefined, option) => {
        const item = v === undefined ? undefined : (found.find((i) => idOf(i) === v) ?? (picked?.value === v ? picked.item : undefined));
        const chosen = Array.isArray(option) ? undefined : option;
        setPicked(v === undefined ? null : { value: v, label: item ? pickedLabelOf(item) : String(chosen?.label ?? v), item });
        setText('');
        onChange?.(v);
        onPick?.(item);
      }}
      allowClear
      data-testid={testId}
    />
  );
}
