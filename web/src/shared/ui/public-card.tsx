import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';

/**
 * The frame of the pages outside the login (sign-in, a unit's registration, the QR check-in and a
 * person's own status): one card on the page with the app's name and the language switch.
 * `top`: the card sits at the top (phone pages), not in the middle.
 */
export function PublicCard({ maxWidth, top = false, children }: { maxWidth: number; top?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="login-page" style={top ? { alignItems: 'flex-start' } : undefined}>
      <Card style={{ width: '100%', maxWidth }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <span className="app-brand">{t('app.name')}</span>
          <LanguageSwitch size="small" />
        </div>
        {children}
      </Card>
    </div>
  );
}
