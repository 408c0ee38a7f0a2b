import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../shared/api';
import type { Zone } from '../../shared/api';
import { useFormSubmit } from '../../shared/hooks';
import type { Translate } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { ReadOnlyField, TextField } from '../../shared/ui/Field';
import { useT } from '../../messages';
import type { StudioKey } from '../../messages';

/** What the dialog is for: a new zone, or renaming one (its code never changes). */
export type ZoneDialogTarget = { kind: 'create' } | { kind: 'rename'; zone: Zone };

interface ZoneDialogProps {
  target: ZoneDialogTarget | null;
  onClose: () => void;
  onSaved: (zone: Zone, kind: ZoneDialogTarget['kind']) => void;
}

export function ZoneDialog({ target, onClose, onSaved }: ZoneDialogProps) {
  const t = useT();
  const renaming = target?.kind === 'rename';
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="sm"
      title={renaming ? t('zoneForm.renameTitle') : t('zoneForm.createTitle')}
      description={renaming ? t('zoneForm.renameDescription') : t('zoneForm.createDescription')}
    >
      {target && <ZoneForm target={target} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

const formFields = ['code', 'name'] as const;

/** The API's rules for a zone, checked first so the messages are in the UI's language. */
const codePattern = /^[A-Z0-9_]{2,32}$/;
const namePattern = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'-]*$/u;
const nameMax = 80;

const normalCode = (code: string) => code.trim().toUpperCase();

function checkZone(code: string | null, name: string, t: Translate<StudioKey>) {
  const fields: Record<string, string> = {};
  if (code !== null && !codePattern.test(normalCode(code))) fields.code = t('zoneForm.codeInvalid');
  const trimmed = name.trim();
  if (trimmed.length < 2) fields.name = t('zoneForm.nameShort');
  else if (!namePattern.test(trimmed)) fields.name = t('zoneForm.nameInvalid');
  return fields;
}

function ZoneForm({ target, onClose, onSaved }: ZoneDialogProps & { target: ZoneDialogTarget }) {
  const t = useT();
  const st = useSharedT();
  const current = target.kind === 'rename' ? target.zone : null;
  const [code, setCode] = useState('');
  const [name, setName] = useState(current?.name ?? '');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: formFields,
    fieldOf: { zone_code_taken: 'code' },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid(checkZone(current ? null : code, name, t))) return;
    if (current && name.trim() === current.name) {
      onClose();
      return;
    }
    await send(async () => {
      const saved = current
        ? await api.patch<Zone>(`/api/zones/${current.id}`, { name: name.trim() })
        : await api.post<Zone>('/api/zones', { code: normalCode(code), name: name.trim() });
      onSaved(saved, target.kind);
    });
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="form__grid zone-form">
          {current ? (
            <ReadOnlyField
              className="field--wide zone-form__code"
              label={t('field.code')}
              value={current.code}
              hint={t('zoneForm.codeFixed')}
            />
          ) : (
            <TextField
              className="field--wide zone-form__code"
              label={t('field.code')}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={32}
              placeholder={t('zoneForm.codePlaceholder')}
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                clear('code');
              }}
              onBlur={() => setCode(normalCode)}
              hint={t('zoneForm.codeHint')}
              error={errors.fields.code}
              autoFocus
            />
          )}
          <TextField
            className="field--wide"
            label={t('field.name')}
            autoComplete="off"
            maxLength={nameMax}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              clear('name');
            }}
            hint={t('zoneForm.nameHint')}
            error={errors.fields.name}
            autoFocus={current !== null}
          />
        </div>
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {current ? t('zoneForm.rename') : t('zoneForm.create')}
        </Button>
      </footer>
    </form>
  );
}
