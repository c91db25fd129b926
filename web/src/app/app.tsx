import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { BrowserRouter } from 'react-router';
import { useLanguage } from '../shared/i18n/index.ts';
import { SessionProvider } from '../shared/session/session.tsx';
import { AppRoutes } from './routes.tsx';

// Blue for controls: a red primary would make every focused field look like an error. Red stays for cases.
const theme = { token: { colorPrimary: '#0b5cad', borderRadius: 6 } };

export function App() {
  const lang = useLanguage();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
