import L from 'leaflet';
// geoman patches the L it finds on window, which Leaflet sets when imported: keep this order.
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { RING_COLOURS, ringPathStyle } from './zone-rings.ts';
import { type DrawnShape, latLngsOfPolygon, shapeOfLayer } from './zone-shapes.ts';
import type { RingKind } from './zones-api.ts';

interface Props {
  /** The ring being drawn: the toolbar draws and edits it only. */
  ring: RingKind;
  shape: DrawnShape | null;
  onChange: (shape: DrawnShape | null) => void;
}

/** geoman knows no Vietnamese: its texts are filled from the UI language (in its 'en' slot). */
function geomanTexts(t: TFunction): L.PM.Translations {
  return {
    tooltips: {
      firstVertex: t('zones.draw.tips.firstVertex'),
      continueLine: t('zones.draw.tips.continueLine'),
      finishPoly: t('zones.draw.tips.finishPoly'),
      finishRect: t('zones.draw.tips.finishRect'),
      startCircle: t('zones.draw.tips.startCircle'),
      finishCircle: t('zones.draw.tips.finishCircle'),
    },
    actions: { finish: t('zones.draw.actions.finish'), cancel: t('zones.draw.actions.cancel'), removeLastVertex: t('zones.draw.actions.removeLastVertex') },
    buttonTitles: {
      drawPolyButton: t('zones.draw.buttons.polygon'),
      drawRectButton: t('zones.draw.buttons.rectangle'),
      drawCircleButton: t('zones.draw.buttons.circle'),
      editButton: t('zones.draw.buttons.edit'),
      dragButton: t('zones.draw.buttons.drag'),
      deleteButton: t('zones.draw.buttons.remove'),
    },
  };
}

function layerOfShape(shape: DrawnShape, ring: RingKind): L.Layer {
  const style = ringPathStyle(ring, true);
  return shape.kind === 'circle'
    ? L.circle([shape.center[1], shape.center[0]], { ...style, radius: shape.radiusM })
    : L.polygon(latLngsOfPolygon(shape.geometry), style);
}

/**
 * geoman's toolbar on the drawing map, for one ring (key the component by ring): a polygon,
 * rectangle or circle; drawing again replaces the ring's shape; edit, move and delete act on it.
 * The other rings and the outlines are drawn with pmIgnore, so the toolbar leaves them alone.
 */
export function RingDrawControls({ ring, shape, onChange }: Props) {
  const map = useMap();
  const { t } = useTranslation();
  const layerRef = useRef<L.Layer | null>(null);
  /** The shape last sent up: the same shape coming back down is the layer already on the map. */
  const sentRef = useRef<DrawnShape | null | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  /** Sends the layer's shape up (null: deleted). Reads refs only, so it never changes. */
  const send = useCallback((layer: L.Layer | null) => {
    const next = layer ? shapeOfLayer(layer) : null;
    sentRef.current = next;
    onChangeRef.current(next);
  }, []);

  /** Makes `layer` the ring's layer: its edits (vertices, radius, moves) are sent up. */
  const adopt = useCallback(
    (layer: L.Layer) => {
      layer.on('pm:edit', () => send(layer));
      layerRef.current = layer;
    },
    [send],
  );

  // The toolbar, and what drawing and deleting do to the ring.
  useEffect(() => {
    map.pm.setLang('en', geomanTexts(t), 'en');
    map.pm.setGlobalOptions({
      pathOptions: ringPathStyle(ring, true),
      templineStyle: { color: RING_COLOURS[ring] },
      hintlineStyle: { color: RING_COLOURS[ring], dashArray: '5 5' },
      allowSelfIntersection: false,
      continueDrawing: false,
    });
    map.pm.addControls({
      position: 'topleft',
      drawMarker: false,
      drawCircleMarker: false,
      drawPolyline: false,
      drawText: false,
      drawRectangle: true,
      drawPolygon: true,
      drawCircle: true,
      editMode: true,
      dragMode: true,
      cutPolygon: false,
      removalMode: true,
      rotateMode: false,
      optionsControls: false,
      customControls: false,
    });
    const onCreate = (e: { layer: L.Layer }) => {
      if (layerRef.current) map.removeLayer(layerRef.current);
      adopt(e.layer);
      send(e.layer);
    };
    const onRemove = (e: { layer: L.Layer }) => {
      if (e.layer !== layerRef.current) return;
      layerRef.current = null;
      send(null);
    };
    map.on('pm:create', onCreate);
    map.on('pm:remove', onRemove);
    return () => {
      map.off('pm:create', onCreate);
      map.off('pm:remove', onRemove);
      // Only the modes on: geoman's disabling of a mode never enabled unbinds unset handlers (and warns).
      if (map.pm.globalDrawModeEnabled()) map.pm.disableDraw();
      if (map.pm.globalEditModeEnabled()) map.pm.disableGlobalEditMode();
      if (map.pm.globalDragModeEnabled()) map.pm.disableGlobalDragMode();
      if (map.pm.globalRemovalModeEnabled()) map.pm.disableGlobalRemovalMode();
      map.pm.removeControls();
    };
    // t changes with the language only: the texts follow it.
  }, [map, ring, t, adopt, send]);

  // A shape from the form (the saved ring, or cleared there) replaces the layer on the map.
  useEffect(() => {
    if (shape === sentRef.current) return;
    if (layerRef.current) map.removeLayer(layerRef.current);
    layerRef.current = null;
    sentRef.current = shape;
    if (shape) adopt(layerOfShape(shape, ring).addTo(map));
  }, [map, ring, shape, adopt]);

  // The ring's layer belongs to this component: it goes with it (the map then draws the ring
  // itself). Forgetting what was sent lets a remount (StrictMode's too) draw the shape again.
  useEffect(
    () => () => {
      if (layerRef.current) map.removeLayer(layerRef.current);
      layerRef.current = null;
      sentRef.current = undefined;
    },
    [map],
  );

  return null;
}
