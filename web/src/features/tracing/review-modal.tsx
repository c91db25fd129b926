import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { type ReviewDecision, tracingPaths } from './tracing-api.ts';

export interface ReviewRequest {
  decision: ReviewDecision;
  /** Person ids per trace run: one POST per run. */
  byRun: Map<number, number[]>;
}

interface Props {
  request: ReviewRequest | null;
  onClose: () => void;
  onDone: (updated: number) => void;
}

const countOf = (byRun: Map<number, number[]>) => [...byRun.values()].reduce((n, ids) => n + ids.length, 0);

/** Confirms or dismisses traced people, with an optional note kept on the review. */
export function ReviewModal(props: Props) {
  // Each request starts with an empty note.
  return <ReviewDialog key={useOpenCount(props.request)} {...props} />;
}

function ReviewDialog({ request, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const count = request ? countOf(request.byRun) : 0;
  const dismissing = request?.decision === 'dismissed';

  const submit = async () => {
    if (!request) return;
    setSaving(true);
    setError(null);
    let updated = 0;
    try {
      for (const [runId, personIds] of request.byRun) {
        const r = await api.post<{ updated: number }>(tracingPaths.review(runId), {
          personIds,
          decision: request.decision,
          ...(note.trim() ? { note: note.trim() } : {}),
        });
        updated += r.updated;
      }
      message.success(t('tracing.reviewDone', { count: updated }));
      onDone(updated);
    } catch (e) {
      if (updated > 0) {
        // Runs already posted stay reviewed: say what failed and let the list show the rest.
        message.error(errorText(e, lang));
        onDone(updated);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={request !== null}
      title={dismissing ? t('tracing.dismissTitle', { count }) : t('tracing.confirmTitle', { count })}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('app.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={dismissing} loading={saving} onClick={() => void submit()} data-testid="review-submit">
          {dismissing ? t('tracing.dismiss') : t('tracing.confirm')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={error} />
      <p style={{ marginTop: 0 }}>{dismissing ? t('tracing.dismissHint') : t('tracing.confirmHint')}</p>
      <Form layout="vertical">
        <Form.Item label={t('tracing.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={dismissing ? t('tracing.dismissNotePlaceholder') : undefined}
            data-testid="review-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
