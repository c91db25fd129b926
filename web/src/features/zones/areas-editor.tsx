import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommuneSelect, DistrictSelect, VillageSelect } from '../../shared/ui/area-selects.tsx';
import type { AreaDraft } from './zone-form.ts';
import type { RingKind } from './zones-api.ts';

interface Props {
  ring: RingKind;
  /** From Form.Item. */
  value?: AreaDraft[];
  onChange?: (areas: AreaDraft[]) => void;
  id?: string;
}

/** The areas whose residents a ring holds: rows of a commune, optionally one of its villages. */
export function AreasEditor({ ring, value = [], onChange, id }: Props) {
  const { t } = useTranslation();
  const set = (i: number, row: AreaDraft) => onChange?.(value.map((r, j) => (j === i ? row : r)));
  return (
    <div id={id} data-testid={`zone-areas-${ring}`}>
      {value.map((row, i) => (
        <AreaRow
          // Rows have no id; a row keeps no state of its own, so the index will do.
          key={i}
          row={row}
          testId={`zone-area-${ring}-${i}`}
          onChange={(next) => set(i, next)}
          onRemove={() => onChange?.(value.filter((_, j) => j !== i))}
        />
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange?.([...value, {}])} data-testid={`zone-area-add-${ring}`}>
        {t('zones.form.addArea')}
      </Button>
    </div>
  );
}

interface RowProps {
  row: AreaDraft;
  onChange: (row: AreaDraft) => void;
  onRemove: () => void;
  testId: string;
}

function AreaRow({ row, onChange, onRemove, testId }: RowProps) {
  const { t } = useTranslation();
  const districtCode = row.districtCode;
  const also = row.communeCode && row.communeName && districtCode ? { code: row.communeCode, name: row.communeName, districtCode } : null;

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 6 }} data-testid={testId}>
      <DistrictSelect
        value={districtCode}
        onChange={(d?: string) => onChange({ districtCode: d })}
        placeholder={t('area.district')}
        aria-label={t('area.district')}
        style={{ flex: '1 1 150px', minWidth: 0 }}
        data-testid={`${testId}-district`}
      />
      <CommuneSelect
        districtCode={districtCode}
        also={also}
        value={row.communeCode}
        onChange={(c?: string) => onChange({ districtCode, communeCode: c, village: null })}
        placeholder={t('area.commune')}
        aria-label={t('area.commune')}
        style={{ flex: '1 1 150px', minWidth: 0 }}
        data-testid={`${testId}-commune`}
      />
      <div style={{ flex: '1 1 150px', minWidth: 0 }}>
        <VillageSelect
          communeCode={row.communeCode}
          value={row.village ?? undefined}
          onChange={(village?: string) => onChange({ ...row, districtCode, village: village ?? null })}
          allowClear
          placeholder={t('zones.form.wholeCommune')}
          aria-label={t('zones.form.village')}
          style={{ width: '100%' }}
          data-testid={`${testId}-village`}
        />
      </div>
      <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('zones.form.removeArea')} />
    </div>
  );
}
