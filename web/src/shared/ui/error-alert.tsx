import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.ts';
import { useLanguage } from '../i18n/index.ts';

/** An API error in the current language, with an optional retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const lang = useLanguage();
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, lang)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('app.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
