import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { cornerCount, type DrawnShape } from './zone-shapes.ts';
import type { RingKind } from './zones-api.ts';

interface Props {
  ring: RingKind;
  /** From Form.Item: the ring's shape, null while not drawn. */
  value?: DrawnShape | null;
  onChange?: (shape: DrawnShape | null) => void;
  id?: string;
  /** The map's toolbar draws this ring now. */
  active: boolean;
  onDraw: () => void;
}

/** A ring's shape in the form: what is drawn, a button to draw it on the map, one to clear it. */
export function ShapeField({ ring, value, onChange, id, active, onDraw }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const summary = !value
    ? t('zones.form.notDrawn')
    : value.kind === 'circle'
      ? t('zones.form.circle', { radius: fmt.number(value.radiusM) })
      : t('zones.form.polygon', { corners: cornerCount(value.geometry) });

  return (
    <div id={id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <Typography.Text type={value ? undefined : 'warning'} data-testid={`zone-shape-${ring}`}>
        {summary}
      </Typography.Text>
      <Space size={4}>
        {active ? (
          <Tag color="processing">{t('zones.form.drawingNow')}</Tag>
        ) : (
          <Button size="small" icon={<EditOutlined />} onClick={onDraw} data-testid={`zone-draw-${ring}`}>
            {t('zones.form.draw')}
          </Button>
        )}
        {value && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange?.(null)} aria-label={t('zones.form.clearShape')}>
            {t('zones.form.clearShape')}
          </Button>
        )}
      </Space>
    </div>
  );
}
