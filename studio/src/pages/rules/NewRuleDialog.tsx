import { useState } from 'react';
import type { FormEvent } from 'react';
import { TRIGGER_TYPES, type TriggerType } from '@lealtad/rules-schema';
import { api } from '../../shared/api';
import { useFormSubmit } from '../../shared/hooks';
import { oneOf } from '../../shared/queryParams';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { SelectField, TextField } from '../../shared/ui/Field';
import { useAccess } from '../../access';
import type { RuleDetail } from './rulesApi';
import { useRulesT } from './rulesText';
import { foldText } from '../../shared/text';

const formFields = ['name', 'key'] as const;

/** "Cumpleaños 2026" → "cumpleanos-2026": the rule's key, stable across its versions. */
function keyFromName(name: string): string {
  return foldText(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

const keyPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A new rule starts as a draft with a name and a trigger; the editor does the rest. */
export function NewRuleDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const t = useRulesT();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title={t('newRule.title')}
      description={t('newRule.description')}
    >
      <NewRuleForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewRuleForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const t = useRulesT();
  const { user, zoneScoped } = useAccess();
  const [name, setName] = useState('');
  const [key, setKey] = useState<string | null>(null);
  const [trigger, setTrigger] = useState<TriggerType>('purchase');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: formFields,
    fieldOf: { rule_key_taken: 'key' },
  });
  const ruleKey = key ?? keyFromName(name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim() === '') found.name = t('newRule.nameRequired');
    if (!keyPattern.test(ruleKey)) found.key = t('newRule.keyInvalid');
    if (invalid(found)) return;
    await send(async () => {
      const created = await api.post<RuleDetail>('/api/rules', {
        document: {
          key: ruleKey,
          name: name.trim(),
          trigger:
            trigger === 'inactivity' || trigger === 'points_expiring'
              ? { type: trigger, days: 30 }
              : { type: trigger },
          // A zone admin's rules are for its own zone; the audience says so from the start.
          ...(zoneScoped && user.zone ? { audience: { zones: [user.zone.code] } } : {}),
        },
      });
      onCreated(created.id);
    });
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="form__grid">
          <TextField
            className="field--wide"
            label={t('newRule.name')}
            placeholder={t('newRule.namePlaceholder')}
            maxLength={120}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              clear('name');
            }}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            className="field--wide"
            label={t('newRule.key')}
            hint={t('newRule.keyHint')}
            spellCheck={false}
            maxLength={64}
            value={ruleKey}
            onChange={(event) => {
              setKey(event.target.value);
              clear('key');
            }}
            error={errors.fields.key}
          />
          <SelectField
            className="field--wide"
            label={t('rules.trigger')}
            hint={t(`triggerHint.${trigger}`)}
            value={trigger}
            onChange={(event) => setTrigger(oneOf(TRIGGER_TYPES, event.target.value) ?? 'purchase')}
          >
            {TRIGGER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`trigger.${type}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <footer className="dialog__footer">
        <Button variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('newRule.create')}
        </Button>
      </footer>
    </form>
  );
}
