import type { IconName } from '../../../shared/ui/Icon';
import { Icon } from '../../../shared/ui/Icon';
import { useRulesT } from '../rulesText';
import { groupOfSelection } from './graph';
import { addPart, PART_MIME, type Part } from './parts';
import { useRuleEditor } from './store';

const groups: {
  label: 'palette.conditions' | 'palette.effects' | 'palette.limits';
  parts: [Part, IconName][];
}[] = [
  {
    label: 'palette.conditions',
    parts: [
      ['condition', 'plus'],
      ['all', 'box'],
      ['any', 'box'],
    ],
  },
  {
    label: 'palette.effects',
    parts: [
      ['fixedPoints', 'star'],
      ['pointsPerAmount', 'bag'],
      ['multiplier', 'star'],
      ['message', 'mail'],
    ],
  },
  {
    label: 'palette.limits',
    parts: [
      ['cap', 'lock'],
      ['budget', 'flag'],
    ],
  },
];

/**
 * The parts a rule is made of: click one to add it (a condition goes into the selected group,
 * or the selected condition's group) or drag it onto a group of the canvas.
 */
export function Palette() {
  const t = useRulesT();
  const edit = useRuleEditor((state) => state.edit);
  const select = useRuleEditor((state) => state.select);

  const add = (part: Part) => {
    const { rule, selected } = useRuleEditor.getState();
    if (!rule) return;
    const group = groupOfSelection(rule, selected);
    let added: string | null = null;
    edit((draft) => {
      added = addPart(draft, part, group);
    });
    if (added) select(added);
  };

  return (
    <div className="rule-palette" role="toolbar" aria-label={t('palette.label')}>
      {groups.map((group) => (
        <div key={group.label} className="rule-palette__group">
          <span className="rule-palette__label">{t(group.label)}</span>
          {group.parts.map(([part, icon]) => (
            <button
              key={part}
              type="button"
              draggable
              className={`rule-palette__part rule-palette__part--${group.label.split('.')[1]}`}
              onClick={() => add(part)}
              onDragStart={(event) => {
                event.dataTransfer.setData(PART_MIME, part);
                event.dataTransfer.effectAllowed = 'copy';
              }}
            >
              <Icon name={icon} />
              {t(`part.${part}`)}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
