import { useFormat } from '../../shared/i18n';
import { cx } from '../../shared/ui/cx';
import { Icon } from '../../shared/ui/Icon';

/** The balance now and after the change being typed (— until it is a valid one); red below 0. */
export function BalanceAfter({
  label,
  balance,
  after,
}: {
  label: string;
  balance: number;
  after: number | null;
}) {
  const format = useFormat();
  return (
    <div className="adjust-preview" aria-live="polite">
      <span className="adjust-preview__label">{label}</span>
      <span className="adjust-preview__value">
        {format.points(balance)}
        <Icon name="arrowRight" />
        <strong className={cx(after !== null && after < 0 && 'points--minus')}>
          {after === null ? '—' : format.points(after)}
        </strong>
      </span>
    </div>
  );
}
