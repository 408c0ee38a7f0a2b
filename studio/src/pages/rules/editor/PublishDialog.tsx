import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../../shared/api';
import { useFormSubmit } from '../../../shared/hooks';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { TextAreaField } from '../../../shared/ui/Field';
import { useRulesT } from '../rulesText';
import { useRuleEditor } from './store';

const formFields = ['comment'] as const;

/** Publishing asks what changes and why; the comment stays with the version. */
export function PublishDialog({
  open,
  ruleId,
  onClose,
  beforePublish,
  onPublished,
}: {
  open: boolean;
  ruleId: number;
  onClose: () => void;
  /** Saves the draft first, so what is published is what the person sees. */
  beforePublish: () => Promise<void>;
  onPublished: () => void;
}) {
  const t = useRulesT();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title={t('publish.title')}
      description={t('publish.description')}
    >
      <PublishForm
        ruleId={ruleId}
        onClose={onClose}
        beforePublish={beforePublish}
        onPublished={onPublished}
      />
    </Dialog>
  );
}

function PublishForm({
  ruleId,
  onClose,
  beforePublish,
  onPublished,
}: {
  ruleId: number;
  onClose: () => void;
  beforePublish: () => Promise<void>;
  onPublished: () => void;
}) {
  const t = useRulesT();
  const [comment, setComment] = useState('');
  const { errors, clear, pending, invalid, send } = useFormSubmit({ fields: formFields });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid(comment.trim().length < 3 ? { comment: t('publish.commentShort') } : {})) return;
    await send(async () => {
      await beforePublish();
      const { revision, save } = useRuleEditor.getState();
      if (save.status !== 'saved') throw new ApiError(0, 'draft_not_saved', t('publish.notSaved'));
      await api.post(`/api/rules/${ruleId}/publish`, { comment: comment.trim(), revision });
      onPublished();
    });
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <TextAreaField
          label={t('publish.comment')}
          placeholder={t('publish.commentPlaceholder')}
          maxLength={500}
          rows={3}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            clear('comment');
          }}
          error={errors.fields.comment}
          autoFocus
        />
      </div>
      <footer className="dialog__footer">
        <Button variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('publish.confirm')}
        </Button>
      </footer>
    </form>
  );
}
