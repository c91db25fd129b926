import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';

/**
 * Where a round or a screening schedule samples: a commune (district first, then its communes), or
 * an enterprise or facility by its unit id. `testIdPrefix` keeps each form's test ids its own.
 */
export function TargetPlaceFields({ targetKind, districtCode, testIdPrefix }: { targetKind: string | undefined; districtCode: string | undefined; testIdPrefix: string }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('testing.required') };
  if (targetKind === 'commune') {
    return (
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="districtCode" label={t('testing.create.district')} style={{ flex: '1 1 200px' }}>
          <DistrictSelect data-testid={`${testIdPrefix}-district`} />
        </Form.Item>
        <Form.Item name="communeCode" label={t('testing.create.commune')} rules={[required]} style={{ flex: '1 1 200px' }}>
          <CommuneSelect districtCode={districtCode} ownCommuneOnly data-testid={`${testIdPrefix}-commune`} />
        </Form.Item>
      </div>
    );
  }
  if (targetKind === 'enterprise' || targetKind === 'facility') {
    return (
      <Form.Item name="targetOrgId" label={targetKind === 'enterprise' ? t('testing.create.enterpriseId') : t('testing.create.facilityId')} rules={[required]}>
        <InputNumber<number> min={1} precision={0} style={{ width: 200 }} data-testid={`${testIdPrefix}-org-id`} />
      </Form.Item>
    );
  }
  return null;
}
