import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { areasText, isRingKind, RING_COLOURS, ZONE_STATUS_COLOURS } from './zone-rings.ts';
import { RingSwatch } from '../../shared/map/rings.tsx';
import { type ZoneRing, ZONE_STATUSES, type ZoneStatus } from './zones-api.ts';

const tagStyle = { marginInlineEnd: 0 } as const;

const isZoneStatus = (s: string): s is ZoneStatus => (ZONE_STATUSES as readonly string[]).includes(s);

export function ZoneStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isZoneStatus(status)) return <Tag style={tagStyle}>{status}</Tag>;
  return (
    <Tag color={ZONE_STATUS_COLOURS[status]} style={tagStyle} data-testid={`zone-status-${status}`}>
      {t(`zones.statuses.${status}`)}
    </Tag>
  );
}


/** A ring's short name; its areas on hover. */
export function RingTag({ ring }: { ring: ZoneRing }) {
  const { t } = useTranslation();
  const label = isRingKind(ring.ring) ? t(`zones.ringShort.${ring.ring}`) : ring.ring;
  const areas = areasText(ring.areas);
  return (
    <Tooltip title={areas || t('zones.noAreas')}>
      <Tag style={{ ...tagStyle, borderColor: RING_COLOURS[ring.ring] }} data-testid={`zone-ring-${ring.ring}`}>
        <RingSwatch ring={ring.ring} />
        {label}
      </Tag>
    </Tooltip>
  );
}
