import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { withQuery } from '../../shared/api/client.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type House, type HouseDetail, housePaths } from './boarding-houses-api.ts';
import { HouseTenants } from './house-tenants.tsx';
import { AssessModal, SmartTag } from './smart-status.tsx';

/**
 * The owner's phone page (/nha-tro): the rooms with their occupancy and tenants, add a tenant,
 * move one to another room, end a tenancy, import the list. A commune officer picks a house first.
 */
export default function OwnerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const own = me.role === 'boarding_house_owner' && me.scope.kind === 'org' ? Number(me.scope.code) : null;
  const chosen = own ?? (Number(params.get('house')) || null);
  const [q, setQ] = useState('');
  const options = useApi<Paged<House>>(own === null ? withQuery('/api/boarding-houses', { q: q || undefined, pageSize: 50 }) : null);

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }} data-testid="owner-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('boardingHouses.phoneTitle')}</Typography.Title>
      {own === null && (
        <Select<number> showSearch filterOption={false} onSearch={setQ} style={{ width: '100%', marginBottom: 12 }} placeholder={t('boardingHouses.pickHouse')}
          value={chosen ?? undefined} loading={options.loading} onChange={(id) => setParams({ house: String(id) })} data-testid="owner-house-select"
          options={(options.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.name} – ${h.communeName ?? ''}` }))} />
      )}
      {chosen !== null && <OwnerHouse id={chosen} mayWrite={can(me, 'boarding_house:write')} mayAssess={can(me, 'boarding_house:assess')} />}
    </div>
  );
}

function OwnerHouse({ id, mayWrite, mayAssess }: { id: number; mayWrite: boolean; mayAssess: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const house = useApi<HouseDetail>(housePaths.one(id));
  const [assessing, setAssessing] = useState(false);
  if (house.error) return <ErrorAlert error={house.error} onRetry={house.reload} />;
  const h = house.data;
  if (!h) return null;
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Text strong>{h.name}</Typography.Text>
        <div><Typography.Text type="secondary">{[h.addressDetail, h.communeName].filter(Boolean).join(', ')}</Typography.Text></div>
        <Space wrap style={{ marginTop: 6 }}>
          <Typography.Text>{t('boardingHouses.occupancy')}: {fmt.number(h.tenants)} / {fmt.number(h.capacity)}</Typography.Text>
          <SmartTag status={h.smartStatus} selfAssessed={h.selfAssessed} />
          {mayAssess && <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setAssessing(true)}>{t('boardingHouses.smart.assess')}</Button>}
        </Space>
      </Card>
      <HouseTenants house={h} mayWrite={mayWrite} onChanged={house.reload} />
      <AssessModal open={assessing} houseId={h.id} onClose={() => setAssessing(false)} onSaved={() => { setAssessing(false); house.reload(); }} />
    </>
  );
}
