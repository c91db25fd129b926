import { DownloadOutlined, PlusOutlined, SwapOutlined, UploadOutlined, WarningFilled } from '@ant-design/icons';
import { App, Button, Card, DatePicker, List, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { type HouseDetail, housePaths, type Tenant, type TenantImportReport } from './boarding-houses-api.ts';
import { TenantFormModal } from './tenant-form-modal.tsx';

const FIELD_LABELS: Record<string, string> = {
  fullName: 'boardingHouses.tenant.fullName', sex: 'boardingHouses.tenant.sex', dateOfBirth: 'boardingHouses.tenant.dateOfBirth', nationalId: 'boardingHouses.tenant.nationalId',
  phone: 'boardingHouses.tenant.phone', communeCode: 'boardingHouses.commune', room: 'boardingHouses.room', validFrom: 'boardingHouses.tenant.from', validTo: 'boardingHouses.tenant.until',
  workplace: 'boardingHouses.tenant.workplace',
};

/** One tenant's line: room, dates, workplace, and the mark of a workplace with a recent case. */
export function TenantLine({ tenant: x }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const work = x.workplaceName ?? x.workplaceText ?? x.employerName;
  return (
    <div>
      <Space size={4} wrap>
        <Typography.Text strong>{x.fullName}</Typography.Text>
        {x.marked && <Tag color="red" icon={<WarningFilled />} data-testid="tenant-marked">{t('boardingHouses.tenant.marked', { name: x.markedEnterprise, cases: x.markedCases })}</Tag>}
        {!x.current && <Tag>{t('boardingHouses.tenant.ended')}</Tag>}
      </Space>
      <div><Typography.Text type="secondary">
        {x.roomLabel} · {t('boardingHouses.tenant.since', { date: fmt.date(x.validFrom) })}{x.validTo ? ` – ${fmt.date(x.validTo)}` : ''}{x.phone ? ` · ${x.phone}` : ''}
      </Typography.Text></div>
      {work && <div><Typography.Text type="secondary">{t('boardingHouses.tenant.worksAt', { name: work })}</Typography.Text></div>}
    </div>
  );
}

/**
 * A house's rooms with occupancy and its tenants: add, move to another room, end; import and
 * export. Phone-sized: one column of cards. Writers only see the buttons.
 */
export function HouseTenants({ house, mayWrite, onChanged }: { house: HouseDetail; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [status, setStatus] = useState<'current' | 'all'>('current');
  const tenants = useApi<Paged<Tenant>>(housePaths.tenants(house.id, { page: 1, pageSize: 500, status }));
  const [adding, setAdding] = useState<{ roomId?: number } | null>(null);
  const [moving, setMoving] = useState<Tenant | null>(null);
  const [ending, setEnding] = useState<Tenant | null>(null);
  const [importing, setImporting] = useState(false);
  const [date, setDate] = useState(todayInVietnam());
  const [roomId, setRoomId] = useState<number | undefined>();
  const { downloading, download } = useDownload();
  const reload = () => { tenants.reload(); onChanged(); };
  const act = async (path: string, json: object, done: () => void) => {
    try {
      await apiRequest(path, { method: 'POST', json });
      done();
      reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  const byRoom = new Map<number, Tenant[]>();
  for (const x of tenants.data?.items ?? []) byRoom.set(x.roomId, [...(byRoom.get(x.roomId) ?? []), x]);

  return (
    <div data-testid="house-tenants">
      <Space wrap style={{ marginBottom: 12 }}>
        {mayWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({})} data-testid="tenant-add">{t('boardingHouses.tenant.add')}</Button>}
        <Select<'current' | 'all'> value={status} onChange={setStatus} style={{ width: 150 }}
          options={[{ value: 'current', label: t('boardingHouses.tenant.current') }, { value: 'all', label: t('boardingHouses.tenant.history') }]} />
        {mayWrite && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="tenants-import">{t('boardingHouses.importer.button')}</Button>}
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(housePaths.export(house.id), 'nguoi-thue-tro.xlsx')}>{t('boardingHouses.export')}</Button>
      </Space>
      {tenants.error && <ErrorAlert error={tenants.error} onRetry={tenants.reload} />}
      {house.roomList.filter((r) => r.active || (byRoom.get(r.id)?.length ?? 0) > 0).map((r) => (
        <Card key={r.id} size="small" style={{ marginBottom: 8 }} data-testid="room-card"
          title={<Space>{r.label}{!r.active && <Tag>{t('boardingHouses.roomInactive')}</Tag>}</Space>}
          extra={<Space>
            {r.capacity !== null && <Progress type="circle" size={28} percent={Math.round((100 * r.occupants) / Math.max(1, r.capacity))} format={() => ''} status={r.occupants >= r.capacity ? 'exception' : 'normal'} />}
            <Typography.Text>{r.occupants}/{r.capacity ?? '–'}</Typography.Text>
            {mayWrite && r.active && <Button size="small" icon={<PlusOutlined />} aria-label={t('boardingHouses.tenant.add')} onClick={() => setAdding({ roomId: r.id })} />}
          </Space>}>
          <List size="small" dataSource={byRoom.get(r.id) ?? []} locale={{ emptyText: t('boardingHouses.tenant.none') }}
            renderItem={(x) => (
              <List.Item actions={mayWrite && x.current && x.validTo === null ? [
                <Button key="m" size="small" icon={<SwapOutlined />} onClick={() => { setMoving(x); setRoomId(undefined); setDate(todayInVietnam()); }}>{t('boardingHouses.tenant.move')}</Button>,
                <Button key="e" size="small" danger onClick={() => { setEnding(x); setDate(todayInVietnam()); }}>{t('boardingHouses.tenant.end')}</Button>,
              ] : []}>
                <TenantLine tenant={x} />
              </List.Item>
            )} />
        </Card>
      ))}
      <TenantFormModal open={adding !== null} houseId={house.id} rooms={house.roomList} roomId={adding?.roomId} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); reload(); }} />
      <Modal open={moving !== null} title={t('boardingHouses.tenant.moveTitle', { name: moving?.fullName })} onCancel={() => setMoving(null)} okButtonProps={{ disabled: !roomId }}
        onOk={() => moving && roomId && void act(housePaths.move(house.id, moving.membershipId), { roomId, date }, () => setMoving(null))}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select<number> style={{ width: '100%' }} placeholder={t('boardingHouses.room')} value={roomId} onChange={setRoomId}
            options={house.roomList.filter((r) => r.active && r.id !== moving?.roomId).map((r) => ({ value: r.id, label: `${r.label} (${r.occupants}/${r.capacity ?? '–'})` }))} />
          <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: '100%' }} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
          <Typography.Text type="secondary">{t('boardingHouses.tenant.moveHint')}</Typography.Text>
        </Space>
      </Modal>
      <Modal open={ending !== null} title={t('boardingHouses.tenant.endTitle', { name: ending?.fullName })} onCancel={() => setEnding(null)} okButtonProps={{ danger: true }}
        onOk={() => ending && void act(housePaths.end(house.id, ending.membershipId), { validTo: date }, () => setEnding(null))}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: '100%' }} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
      </Modal>
      <XlsxImportModal<TenantImportReport>
        open={importing} onClose={() => setImporting(false)} onImported={() => { setImporting(false); reload(); }}
        importUrl={(dryRun) => housePaths.import(house.id, dryRun)} templateUrl={housePaths.template(house.id)}
        fieldLabel={(f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as 'boardingHouses.room') : f)}
        texts={{
          title: t('boardingHouses.importer.title'), hint: t('boardingHouses.importer.hint'), template: t('boardingHouses.importer.template'),
          checkedOk: (total) => t('boardingHouses.importer.checkedOk', { total }), confirm: (total) => t('boardingHouses.importer.confirm', { total }),
          done: (created) => t('boardingHouses.importer.done', { created }),
        }}
        reportNotes={(r) => t('boardingHouses.importer.notes', { created: r.created, moved: r.moved, updated: r.updated, unchanged: r.unchanged })}
      />
    </div>
  );
}
