import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Page, Zone } from './shared/api';
import { useDebouncedCallback } from './shared/hooks';
import type { Resource } from './shared/hooks';
import { SelectField, TextField } from './shared/ui/Field';
import { LoadError, LoadingBlock } from './shared/ui/FullPage';
import { Icon } from './shared/ui/Icon';
import { Pagination } from './shared/ui/Pagination';

type UpdateParams = (changes: Record<string, string | null>) => void;

/** A page's title and subtitle, with its main actions (if any) beside them. */
export function PageHeader({
  title,
  subtitle,
  children,
}: {
  title: ReactNode;
  subtitle: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="page__header">
      <div>
        <h1 className="page__title">{title}</h1>
        <p className="page__subtitle">{subtitle}</p>
      </div>
      {children}
    </header>
  );
}

/** A column header that sorts the list by its column; a second press flips the order. */
export function SortHeader({
  label,
  active,
  order,
  onSort,
  iconClassName,
}: {
  label: string;
  active: boolean;
  order: 'asc' | 'desc' | undefined;
  onSort: () => void;
  iconClassName?: string;
}) {
  const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={onSort}>
        {label}
        <Icon
          name={active ? (order === 'asc' ? 'sortAsc' : 'sortDesc') : 'sortNone'}
          className={iconClassName}
        />
      </button>
    </th>
  );
}

/** The zone filter of a list: any zone, or one of `zones` (its id as text). */
export function ZoneFilter({
  label,
  anyLabel,
  zones,
  value,
  onChange,
}: {
  label: string;
  anyLabel: string;
  zones: readonly Pick<Zone, 'id' | 'name'>[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{anyLabel}</option>
      {zones.map((zone) => (
        <option key={zone.id} value={String(zone.id)}>
          {zone.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The pager under a list of `result`; gives the page for the address (none for the first). */
export function ListPagination({
  result,
  onPage,
}: {
  result: Page<unknown>;
  onPage: (page: string | null) => void;
}) {
  return (
    <Pagination
      page={result.page}
      pageSize={result.pageSize}
      total={result.total}
      onPage={(next) => onPage(next > 1 ? String(next) : null)}
    />
  );
}

/**
 * A list's search box: it shows each key at once while the list (the `q` of the address)
 * follows when typing pauses. `reset` forgets what was typed, for "clear filters".
 */
export function useListSearch(q: string, update: UpdateParams) {
  const [value, setValue] = useState(q);
  const apply = useDebouncedCallback((typed: string) => update({ q: typed.trim(), page: null }));
  return {
    value,
    change: (typed: string) => {
      setValue(typed);
      apply.run(typed);
    },
    reset: () => {
      apply.cancel();
      setValue('');
    },
  };
}

export type ListSearch = ReturnType<typeof useListSearch>;

export function SearchBox({
  search,
  label,
  placeholder,
  hint,
  className,
  autoFocus,
}: {
  search: ListSearch;
  label: string;
  placeholder: string;
  hint?: string;
  className?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      className={className ? `toolbar__search ${className}` : 'toolbar__search'}
      label={label}
      type="search"
      placeholder={placeholder}
      hint={hint}
      value={search.value}
      onChange={(event) => search.change(event.target.value)}
      icon={<Icon name="search" />}
      autoFocus={autoFocus}
    />
  );
}

/**
 * A list's table and what surrounds it: the load error (keeping the last rows shown), the
 * empty state, the loading block (none while there is nothing to ask), and the pager.
 */
export function ListResult({
  resource,
  emptyTitle,
  emptyHint,
  onPage,
  children,
}: {
  resource: Resource<Page<unknown>>;
  /** What to say when no row matches, and what to do about it. */
  emptyTitle: string;
  emptyHint?: ReactNode;
  onPage: (page: string | null) => void;
  children: ReactNode;
}) {
  const result = resource.data;
  return (
    <>
      {resource.error && <LoadError error={resource.error} onRetry={resource.reload} />}
      {!resource.error || result ? (
        <>
          <div className="table-wrap">
            {children}
            {result && result.items.length === 0 && (
              <div className="empty-state">
                <p className="empty-state__title">{emptyTitle}</p>
                {emptyHint && <p>{emptyHint}</p>}
              </div>
            )}
            {!result && resource.loading && <LoadingBlock />}
          </div>
          {result && <ListPagination result={result} onPage={onPage} />}
        </>
      ) : null}
    </>
  );
}
