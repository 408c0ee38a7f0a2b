import { Button } from './shared/ui/Button';
import { Icon } from './shared/ui/Icon';
import { useT } from './messages';

export interface FilterChip {
  key: string;
  /** What the filter keeps, in words: "Zona: Norte". */
  label: string;
  onRemove: () => void;
}

/** The filters a list has on, each removable, and a way to clear them all. */
export function FilterChips({ chips, onClear }: { chips: FilterChip[]; onClear: () => void }) {
  const t = useT();
  if (chips.length === 0) return null;
  return (
    <div className="filter-chip-row">
      <ul role="list" className="filter-chip-list" aria-label={t('filters.active')}>
        {chips.map((chip) => (
          <li key={chip.key} className="filter-chip">
            {chip.label}
            <button
              type="button"
              className="filter-chip__remove"
              aria-label={t('filters.remove', { filter: chip.label })}
              onClick={chip.onRemove}
            >
              <Icon name="x" />
            </button>
          </li>
        ))}
      </ul>
      <Button size="sm" variant="ghost" className="filter-chip-row__clear" onClick={onClear}>
        <Icon name="x" />
        {t('users.clearFilters')}
      </Button>
    </div>
  );
}
