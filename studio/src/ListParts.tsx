import type { ReactNode } from 'react';
import type { Page, Zone } from './shared/api';
import { SelectField } from './shared/ui/Field';
import { Icon } from './shared/ui/Icon';
import { Pagination } from './shared/ui/Pagination';

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
