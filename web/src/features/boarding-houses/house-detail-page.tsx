import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { type HouseDetail, housePaths } from './boarding-houses-api.ts';
import { HouseFormModal } from './house-form-modal.tsx';
import { HouseTenants } from './house-tenants.tsx';
import { AssessModal, AssessmentHistory, SmartTag } from './smart-status.tsx';

/** One boarding house: owner and address, rooms and tenants, the "smart boarding house" assessments. */
export default function HouseDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const id = Number(useParams().id);
  const house = useApi<HouseDetail>(housePaths.one(id));
  const [editing, setEditing] = useState(false);
  const [assessing, setAssessing] = useState(false);
  const [version, setVersion] = useState(0);
  const h = house.data;
  const reload = () => { house.reload(); setVersion((v) => v + 1); };
  if (house.error) return <ErrorAlert error={house.error} onRetry={house.reload} />;
  if (!h) return null;
  return (
    <div>
      <PageHeader title={h.name} extra={
        <Space wrap>
          {can(me, 'boarding_house:write') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('boardingHouses.edit')}</Button>}
          {can(me, 'boarding_house:assess') && <Button icon={<SafetyCertificateOutlined />} onClick={() => setAssessing(true)} data-testid="house-assess">{t('boardingHouses.smart.assess')}</Button>}
        </Space>
      } />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('boardingHouses.ownerName')}>{h.ownerName ?? '–'}{h.ownerPhone ? ` · ${h.ownerPhone}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('boardingHouses.address')}>{[h.addressDetail, h.communeName, h.districtName].filter(Boolean).join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('boardingHouses.occupancy')}>{fmt.number(h.tenants)} / {fmt.number(h.capacity)} · {t('boardingHouses.roomCount', { n: h.rooms })}</Descriptions.Item>
          <Descriptions.Item label={t('boardingHouses.smart.title')}><SmartTag status={h.smartStatus} selfAssessed={h.selfAssessed} />{h.assessedOn ? fmt.date(h.assessedOn) : ''}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs items={[
        { key: 'tenants', label: t('boardingHouses.tenants'), children: <HouseTenants house={h} mayWrite={can(me, 'boarding_house:write')} onChanged={house.reload} /> },
        { key: 'smart', label: t('boardingHouses.smart.history'), children: <AssessmentHistory houseId={h.id} version={version} /> },
      ]} />
      <HouseFormModal open={editing} house={h} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); reload(); }} />
      <AssessModal open={assessing} houseId={h.id} onClose={() => setAssessing(false)} onSaved={() => { setAssessing(false); reload(); }} />
    </div>
  );
}
