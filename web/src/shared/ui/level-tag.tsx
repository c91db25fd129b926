import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

export type Level = 1 | 2 | 3 | 4;

/** The Vietnamese convention: 1 green, 2 yellow, 3 orange, 4 red. */
export const LEVEL_COLOURS: Record<Level, string> = { 1: '#389e0d', 2: '#d4b106', 3: '#fa8c16', 4: '#cf1322' };

/** "Cấp 3" in its colour (1 green, 2 yellow, 3 orange, 4 red); the risk name on hover. */
export function LevelTag({ level, testId }: { level: Level; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`levels.names.${level}`)}>
      <Tag color={LEVEL_COLOURS[level]} style={{ marginInlineEnd: 0, fontWeight: 600 }} data-testid={testId}>
        {t('levels.level', { level })}
      </Tag>
    </Tooltip>
  );
}
