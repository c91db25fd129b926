import { GlobalOutlined } from '@ant-design/icons';
import { Segmented, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage, useLanguage } from '../i18n/index.ts';

/** VI | EN toggle; the choice is remembered in localStorage. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const lang = useLanguage();
  const { t } = useTranslation();
  return (
    <Tooltip title={t('language.label')}>
      <Segmented<Language>
        data-testid="language-switch"
        size={size}
        value={lang}
        onChange={(v) => setLanguage(v)}
        options={[
          { value: 'vi', label: <span lang="vi" title={t('language.vi')}><GlobalOutlined /> VI</span> },
          { value: 'en', label: <span lang="en" title={t('language.en')}>EN</span> },
        ]}
      />
    </Tooltip>
  );
}
