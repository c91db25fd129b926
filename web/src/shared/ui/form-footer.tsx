import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Cancel and submit at the foot of a dialog's form; cancel stays usable while the form is disabled. */
export function FormFooter({ saving, onClose, submitText, testId, danger }: { saving: boolean; onClose: () => void; submitText: string; testId: string; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
      <Button onClick={onClose} disabled={false}>
        {t('app.cancel')}
      </Button>
      <Button type="primary" htmlType="submit" danger={danger} loading={saving} data-testid={testId}>
        {submitText}
      </Button>
    </div>
  );
}
