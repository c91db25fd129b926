import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { COMMUTE_MODES, type CommuteMode, enterprisePaths, type Structure, type WorkerDetail } from './enterprises-api.ts';
import { type WorkStatus, workPaths } from './work-status-api.ts';
import { WorkStatusTag } from './work-today-tab.tsx';

interface Props { enterpriseId: number; workerId: number | null; mayWrite: boolean; onClose: () => void; onChanged: () => void }

/** One worker and the dated history of their workshop × shift, bus and room: the intervals tracing uses. */
export function WorkerDrawer({ enterpriseId, workerId, mayWrite, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const detail = useApi<WorkerDetail>(workerId ? enterprisePaths.worker(enterpriseId, workerId) : null);
  const w = workerId ? detail.data : undefined;
  const kindColor = { workshop_shift: 'purple', bus_route: 'orange', room: 'cyan' } as const;

  const end = async (v: { employedTo: Dayjs; reason?: string }) => {
    try {
      await apiRequest(enterprisePaths.endWorker(enterpriseId, workerId!), { method: 'POST', json: { employedTo: v.employedTo.format('YYYY-MM-DD'), reason: v.reason || null } });
      message.success(t('enterprises.saved'));
      detail.reload();
      onChanged();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    }
  };

  return (
    <Drawer open={workerId !== null} onClose={onClose} width={640} title={w ? `${w.employeeCode} · ${w.fullName}` : ''} destroyOnHidden data-testid="worker-drawer">
      {detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      {w && w.id === workerId && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('enterpriseWork.today')}><TodayStatus enterpriseId={enterpriseId} workerId={w.id} active={w.active} /></Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.dateOfBirth')}>{fmt.date(w.dateOfBirth)}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.nationalId')}>{w.nationalId ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.phone')}>{w.phone ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.addressDetail')}>{[w.addressDetail, w.communeName].filter(Boolean).join(', ')}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.workshop')}>{[w.workshopName, w.shiftName].filter(Boolean).join(' – ') || '–'}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.commuteMode')}>{t(`enterprises.worker.modes.${w.commuteMode}`)}{w.busRouteName && ` · ${w.busRouteName}`}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.lodging')}>{w.roomLabel ? `${w.lodgingName ?? ''} · ${w.roomLabel}` : (w.homeAddress ?? t('enterprises.worker.home'))}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.worker.employedFrom')}>{fmt.date(w.employedFrom)}{w.employedTo && ` – ${fmt.date(w.employedTo)}`}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('enterprises.worker.history')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('enterprises.worker.historyHint')}</Typography.Paragraph>
            <Table
              size="small" rowKey="id" pagination={false} dataSource={w.history} data-testid="worker-history"
              columns={[
                { title: '', dataIndex: 'kind', width: 150, render: (k: WorkerDetail['history'][number]['kind']) => <Tag color={kindColor[k]}>{t(`enterprises.worker.kinds.${k}`)}</Tag> },
                { title: t('enterprises.worker.group'), dataIndex: 'label', render: (l: string, h) => (h.kind === 'room' && h.orgName ? `${h.orgName} · ${l}` : l) },
                { title: t('enterprises.worker.period'), key: 'when', width: 200, render: (_: unknown, h) => `${fmt.date(h.validFrom)} – ${h.validTo ? fmt.date(h.validTo) : t('enterprises.worker.until')}` },
              ]}
            />
          </div>
          {mayWrite && w.employedTo === null && <AssignmentForm enterpriseId={enterpriseId} worker={w} onSaved={() => { detail.reload(); onChanged(); }} />}
          {mayWrite && w.employedTo === null && (
            <Popover
              trigger="click"
              content={
                <Form layout="vertical" onFinish={(v: { employedTo: Dayjs; reason?: string }) => void end(v)} initialValues={{ employedTo: dayjs(todayInVietnam()) }}>
                  <Form.Item name="employedTo" label={t('enterprises.worker.employedTo')} rules={[{ required: true, message: t('enterprises.required') }]}><DatePicker format="DD/MM/YYYY" allowClear={false} /></Form.Item>
                  <Form.Item name="reason" label={t('enterprises.worker.endReason')}><Input maxLength={500} /></Form.Item>
                  <Button htmlType="submit" danger>{t('enterprises.worker.endEmployment')}</Button>
                </Form>
              }
            >
              <Button danger data-testid="worker-end">{t('enterprises.worker.endEmployment')}</Button>
            </Popover>
          )}
        </Space>
      )}
    </Drawer>
  );
}

interface AssignmentValues { workshopId?: number | null; shiftId?: number | null; commuteMode: CommuteMode; busRouteId?: number | null; roomId?: number | null; changeDate: Dayjs }

/** Moves a worker to another workshop, shift, bus or dormitory room from a date: the old interval ends the day before. */
function AssignmentForm({ enterpriseId, worker: w, onSaved }: { enterpriseId: number; worker: WorkerDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const structure = useApi<Structure>(enterprisePaths.structure(enterpriseId));
  const s = structure.data;
  const rooms = (s?.dormitories ?? []).flatMap((d) => d.rooms.map((r) => ({ value: r.id, label: `${d.name} · ${r.label}` })));
  if (w.roomId && !rooms.some((r) => r.value === w.roomId)) rooms.push({ value: w.roomId, label: `${w.lodgingName ?? ''} · ${w.roomLabel ?? ''}` });
  const save = async (v: AssignmentValues) => {
    try {
      await apiRequest(enterprisePaths.worker(enterpriseId, w.id), {
        method: 'PUT',
        json: {
          employeeCode: w.employeeCode, fullName: w.fullName, sex: w.sex, dateOfBirth: w.dateOfBirth, nationalId: w.nationalId, phone: w.phone,
          communeCode: w.communeCode, addressDetail: w.addressDetail, homeAddress: w.homeAddress, employedFrom: w.employedFrom,
          commuteMode: v.commuteMode, workshopId: v.workshopId ?? null, shiftId: v.shiftId ?? null, busRouteId: v.busRouteId ?? null, roomId: v.roomId ?? null,
          changeDate: v.changeDate.format('YYYY-MM-DD'),
        },
      });
      message.success(t('enterprises.saved'));
      onSaved();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    }
  };
  return (
    <Form<AssignmentValues>
      layout="vertical" onFinish={(v) => void save(v)} data-testid="worker-assignment"
      initialValues={{ workshopId: w.workshopId, shiftId: w.shiftId, commuteMode: w.commuteMode, busRouteId: w.busRouteId, roomId: w.roomId, changeDate: dayjs(todayInVietnam()) }}
    >
      <Space wrap align="end">
        <Form.Item name="workshopId" label={t('enterprises.worker.workshop')}><Select allowClear style={{ width: 170 }} options={(s?.workshops ?? []).filter((x) => x.active || x.id === w.workshopId).map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
        <Form.Item name="shiftId" label={t('enterprises.worker.shift')}><Select allowClear style={{ width: 150 }} options={(s?.shifts ?? []).filter((x) => x.active || x.id === w.shiftId).map((x) => ({ value: x.id, label: `${x.name} (${x.startTime}–${x.endTime})` }))} /></Form.Item>
        <Form.Item name="commuteMode" label={t('enterprises.worker.commuteMode')}><Select style={{ width: 140 }} options={COMMUTE_MODES.map((m) => ({ value: m, label: t(`enterprises.worker.modes.${m}`) }))} /></Form.Item>
        <Form.Item name="busRouteId" label={t('enterprises.worker.busRoute')}><Select allowClear style={{ width: 200 }} options={(s?.busRoutes ?? []).map((r) => ({ value: r.id, label: r.name }))} /></Form.Item>
        <Form.Item name="roomId" label={t('enterprises.worker.room')}><Select allowClear style={{ width: 200 }} options={rooms} /></Form.Item>
        <Form.Item name="changeDate" label={t('enterprises.worker.changeDate')} rules={[{ required: true, message: t('enterprises.required') }]}><DatePicker format="DD/MM/YYYY" allowClear={false} /></Form.Item>
        <Form.Item><Button htmlType="submit" type="primary">{t('enterprises.save')}</Button></Form.Item>
      </Space>
    </Form>
  );
}

/** The worker's status today under the work-status rule in force (a worker no longer employed has none). */
function TodayStatus({ enterpriseId, workerId, active }: { enterpriseId: number; workerId: number; active: boolean }) {
  const fmt = useFormat();
  const status = useApi<WorkStatus>(active ? workPaths.worker(enterpriseId, workerId) : null);
  const s = status.data;
  if (!active) return <>–</>;
  if (!s) return null;
  return <><WorkStatusTag status={s} /> {s.reason !== 'none' && (fmt.lang === 'vi' ? s.note.vi : s.note.en)}</>;
}
