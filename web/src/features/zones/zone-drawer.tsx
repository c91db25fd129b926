import { Drawer, Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { ZoneEditor } from './zone-editor.tsx';
import type { Zone } from './zones-api.ts';

interface Props {
  /** The zone edited, 'new' for a new one; null: closed. */
  zone: Zone | 'new' | null;
  onClose: () => void;
  onSaved: (zone: Zone) => void;
}

/** "Tạo vùng phong tỏa" / "Sửa vùng phong tỏa": the zone form beside its drawing map. */
export function ZoneDrawer({ zone, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const opening = useOpenCount(zone);
  const title = zone === 'new' ? t('zones.create.title') : zone ? t('zones.edit.title', { name: zone.name }) : '';
  return (
    <Drawer open={zone !== null} onClose={onClose} title={title} size={screens.xl ? 1200 : '100%'} destroyOnHidden data-testid="zone-drawer">
      {zone !== null && <ZoneEditor key={opening} zone={zone === 'new' ? null : zone} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}
