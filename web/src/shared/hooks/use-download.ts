import { App } from 'antd';
import { useState } from 'react';
import { apiDownload, errorText } from '../api/client.ts';
import { useLanguage } from '../i18n/index.ts';

/** A file export behind a button: `downloading` while it runs; a failure is shown as a message. */
export function useDownload() {
  const { message } = App.useApp();
  const lang = useLanguage();
  const [downloading, setDownloading] = useState(false);

  const download = async (path: string, fallbackName: string) => {
    setDownloading(true);
    try {
      await apiDownload(path, fallbackName);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setDownloading(false);
    }
  };

  return { downloading, download };
}
