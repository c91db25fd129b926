import { Card, Statistic } from 'antd';
import { useFormat } from '../../shared/i18n/format.ts';
import { levelColour } from './chain-elements.ts';
import type { ContactCounts as Counts } from './tracing-api.ts';

/** F1 / F2 / F3 totals of the case (whatever the filters). */
export function ContactCounts({ counts, loading }: { counts: Counts | undefined; loading: boolean }) {
  const fmt = useFormat();
  const items: Array<[1 | 2 | 3, number | undefined]> = [
    [1, counts?.f1],
    [2, counts?.f2],
    [3, counts?.f3],
  ];
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {items.map(([level, n]) => (
        <Card key={level} size="small" style={{ minWidth: 96, borderTop: `3px solid ${levelColour(level)}` }}>
          <div data-testid={`contacts-count-f${level}`} data-count={n ?? ''}>
            <Statistic title={`F${level}`} value={fmt.number(n)} loading={loading && n === undefined} styles={{ content: { fontSize: 22 } }} />
          </div>
        </Card>
      ))}
    </div>
  );
}
