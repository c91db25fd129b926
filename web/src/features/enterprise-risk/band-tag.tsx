import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { BAND_COLOURS, NO_BAND_COLOUR, type RiskBand } from './risk-api.ts';

/** A risk band in its colour (very low green … very high red); "not submitted" in grey. */
export function BandTag({ band, testId }: { band: RiskBand | null; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={band ? BAND_COLOURS[band] : NO_BAND_COLOUR} style={{ marginInlineEnd: 0, fontWeight: 600 }} data-testid={testId}>
      {band ? t(`enterpriseRisk.bands.${band}`) : t('enterpriseRisk.notSubmitted')}
    </Tag>
  );
}
