import type { ReactNode } from 'react';

const BOX = {
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
} as const;

/** A map legend drawn over the map's lower right corner (above Leaflet's panes). */
export function MapLegendBox({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId} style={BOX}>
      {children}
    </div>
  );
}
