import type { ReactNode } from 'react';
import { Circle, Polygon } from 'react-leaflet';
import { ringPathStyle } from './zone-rings.ts';
import { type DrawnShape, latLngsOfPolygon } from './zone-shapes.ts';
import type { RingKind } from './zones-api.ts';

interface Props {
  ring: RingKind;
  shape: DrawnShape;
  focused?: boolean;
  /** A ring shown for reference only (another ring than the one drawn, a zone not in force on the day). */
  dashed?: boolean;
  /** A popup or tooltip. */
  children?: ReactNode;
}

/** One ring on a map, in its colour, as a circle or a polygon; geoman leaves it alone. */
export function ShapeLayer({ ring, shape, focused = false, dashed = false, children }: Props) {
  const pathOptions = { ...ringPathStyle(ring, focused), ...(dashed ? { dashArray: '6 4', fillOpacity: 0.08 } : {}) };
  if (shape.kind === 'circle') {
    return (
      <Circle center={[shape.center[1], shape.center[0]]} radius={shape.radiusM} pathOptions={pathOptions} pmIgnore snapIgnore={false} interactive={children !== undefined}>
        {children}
      </Circle>
    );
  }
  return (
    <Polygon positions={latLngsOfPolygon(shape.geometry)} pathOptions={pathOptions} pmIgnore snapIgnore={false} interactive={children !== undefined}>
      {children}
    </Polygon>
  );
}
