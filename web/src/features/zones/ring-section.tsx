import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { AreasEditor } from './areas-editor.tsx';
import { ShapeField } from './shape-field.tsx';
import { areasField, shapeField } from './zone-form.ts';
import { RING_COLOURS } from './zone-rings.ts';
import { RingSwatch } from '../../shared/map/rings.tsx';
import type { RingKind } from './zones-api.ts';

interface Props {
  ring: RingKind;
  /** The map's toolbar draws this ring now. */
  active: boolean;
  onDraw: () => void;
  /** Absent for the core, which every zone has. */
  onRemove?: () => void;
}

/** One ring of the zone form: its shape (drawn on the map) and the areas whose residents it holds. */
export function RingSection({ ring, active, onDraw, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={`zone-ring-section-${ring}`}
      title={
        <span>
          <RingSwatch ring={ring} />
          {t(`zones.rings.${ring}`)}
        </span>
      }
      extra={
        onRemove && (
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={onRemove} data-testid={`zone-ring-remove-${ring}`}>
            {t('zones.form.removeRing')}
          </Button>
        )
      }
      style={{ marginBottom: 12, borderColor: active ? RING_COLOURS[ring] : undefined }}
    >
      <Form.Item name={shapeField(ring)} label={t('zones.form.shape')} required style={{ marginBottom: 8 }}>
        <ShapeField ring={ring} active={active} onDraw={onDraw} />
      </Form.Item>
      <Form.Item name={areasField(ring)} label={t('zones.form.areas')} required={ring === 'core'} extra={t(`zones.form.areasHint.${ring}`)} style={{ marginBottom: 0 }}>
        <AreasEditor ring={ring} />
      </Form.Item>
    </Card>
  );
}
