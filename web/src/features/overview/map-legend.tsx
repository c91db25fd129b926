import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { type ColourClass, NO_CASES_COLOUR } from './choropleth.ts';

const swatch = (colour: string) => (
  <span style={{ display: 'inline-block', width: 16, height: 12, background: colour, border: '1px solid #bbb', marginInlineEnd: 6 }} />
);

/** Drawn over the map's corner (above Leaflet's panes). */
export function MapLegend({ classes }: { classes: ColourClass[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div
      data-testid="map-legend"
      style={{
        position: 'absolute',
        right: 8,
        bottom: 8,
        zIndex: 1000,
        background: 'rgba(255,255,255,0.92)',
        border: '1px solid #ddd',
        borderRadius: 6,
        padding: '6px 10px',
        fontSize: 12,
        lineHeight: '18px',
      }}
    >
      <div style={{ fontWeight: 600, marginBottom: 2 }}>{t('overview.legendTitle')}</div>
      <div>
        {swatch(NO_CASES_COLOUR)}0
      </div>
      {classes.map((c) => (
        <div key={c.to}>
          {swatch(c.colour)}
          {c.from === 0 ? '> 0' : fmt.number(c.from)} – {fmt.number(c.to)}
        </div>
      ))}
    </div>
  );
}
