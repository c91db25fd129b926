import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { MapLegendBox } from '../../shared/ui/map-legend-box.tsx';
import { type ColourClass, NO_CASES_COLOUR } from '../../shared/map/choropleth.ts';

const swatch = (colour: string) => (
  <span style={{ display: 'inline-block', width: 16, height: 12, background: colour, border: '1px solid #bbb', marginInlineEnd: 6 }} />
);

/** The colour classes of the choropleth, over the map's corner. */
export function MapLegend({ classes }: { classes: ColourClass[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <MapLegendBox testId="map-legend">
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
    </MapLegendBox>
  );
}
