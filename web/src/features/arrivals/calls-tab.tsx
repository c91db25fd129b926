import { HistoryOutlined, PhoneOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Input, Modal, Radio, Segmented, Space, Table, type TableColumnsType, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiRequest } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { arrivalsPaths, CALL_OUTCOMES, type CallAttempt, type CallItem, type CallList, type CallOutcome, type CallQuery, callQueryFromParams, callQueryToParams } from './arrivals-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;
const STATUS_COLOUR: Record<string, string> = { to_call: 'red', not_reached: 'orange', reached: 'green', referred: 'blue', no_action: 'default' };

/** The call list of abnormal health declarations: who is still to call first; record each call's outcome; the attempts made. */
export function CallsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const query = callQueryFromParams(params);
  const list = useApi<CallList>(arrivalsPaths.calls(query));
  const [calling, setCalling] = useState<CallItem | null>(null);
  const [history, setHistory] = useState<CallItem | null>(null);
  const update = (next: CallQuery) => setParams(callQueryToParams(next));
  const filter = (patch: Partial<CallQuery>) => update({ ...query, page: 1, ...patch });
  const open = (c: CallItem) => c.callStatus === 'to_call' || c.callStatus === 'not_reached';

  const columns: TableColumnsType<CallItem> = [
    {
      title: t('arrivals.person'), key: 'person', render: (_, c) => (
        <>
          <span style={{ fontWeight: 500 }} data-testid="call-name">{c.fullName}</span>
          <div style={muted}>{[c.phone, c.communeName].filter(Boolean).join(' · ')}</div>
        </>
      ),
    },
    { title: t('arrivals.calls.declaredAt'), dataIndex: 'declaredAt', width: 130, render: (v: string) => fmt.dateTimeMinutes(v) },
    {
      title: t('arrivals.calls.reasons'), key: 'reasons', render: (_, c) => (
        <Space size={[4, 4]} wrap>
          {c.symptoms.map((s) => <Tag key={s} color="volcano">{t(`declaration.symptoms.${s}`)}</Tag>)}
          {c.reasons.filter((r) => r !== 'symptom').map((r) => <Tag key={r}>{t(`arrivals.calls.reasonLabels.${r}`)}{r === 'travel_epidemic' && c.travelProvinceName ? `: ${c.travelProvinceName}` : ''}</Tag>)}
        </Space>
      ),
    },
    {
      title: t('arrivals.calls.status'), key: 'status', width: 170, render: (_, c) => (
        <>
          <Tag color={STATUS_COLOUR[c.callStatus]} data-testid={`call-status-${c.id}`}>{t(`arrivals.calls.statuses.${c.callStatus}`)}</Tag>
          {c.callAttempts > 0 && <div style={muted}>{t('arrivals.calls.attempts')}: {c.callAttempts}</div>}
        </>
      ),
    },
    {
      title: '', key: 'ops', width: 150, fixed: 'right', render: (_, c) => (
        <Space size={4}>
          {open(c) && <Button size="small" type="primary" icon={<PhoneOutlined />} onClick={() => setCalling(c)} data-testid={`call-record-${c.id}`}>{t('arrivals.calls.record')}</Button>}
          {c.callAttempts > 0 && <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(c)} aria-label={t('arrivals.calls.history')} />}
        </Space>
      ),
    },
  ];

  const counts = list.data?.counts;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<CallQuery['view']>
          value={query.view}
          onChange={(view) => filter({ view })}
          options={[{ value: 'to_call', label: t('arrivals.calls.toCall') }, { value: 'done', label: t('arrivals.calls.done') }, { value: 'all', label: t('arrivals.calls.all') }]}
          data-testid="calls-view"
        />
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('arrivals.fullName')} width={200} testId="calls-search" />
        <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => filter({ districtCode, communeCode: undefined })} width={170} />
        <CommuneFilterSelect districtCode={query.districtCode} value={query.communeCode} onChange={(communeCode) => filter({ communeCode })} width={170} />
      </Space>
      {counts && <Typography.Paragraph type="secondary" data-testid="calls-counts">{t('arrivals.calls.summary', { toCall: fmt.number(counts.toCall), notReached: fmt.number(counts.notReached), done: fmt.number(counts.done) })}</Typography.Paragraph>}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<CallItem>
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: query.view === 'to_call' ? t('arrivals.calls.empty') : undefined }}
        {...pagedTableProps(list, query, (total) => fmt.number(total))}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        data-testid="calls-table"
      />
      <Modal open={calling !== null} title={calling ? `${t('arrivals.calls.record')}: ${calling.fullName}` : ''} onCancel={() => setCalling(null)} destroyOnHidden footer={null}>
        {calling && <CallForm item={calling} onClose={() => setCalling(null)} onSaved={() => { setCalling(null); list.reload(); }} />}
      </Modal>
      <HistoryDrawer item={history} onClose={() => setHistory(null)} />
    </>
  );
}

function CallForm({ item, onClose, onSaved }: { item: CallItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: CallOutcome; note?: string }>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['outcome', 'note'] as const));
  const submit = async (v: { outcome: CallOutcome; note?: string }) => {
    await run(async () => {
      await apiRequest(arrivalsPaths.call(item.id), { method: 'POST', json: { outcome: v.outcome, note: v.note?.trim() || null } });
      message.success(t('arrivals.calls.saved'));
      onSaved();
    });
  };
  return (
    <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} disabled={saving} data-testid="call-form">
      <FormErrorAlert error={error} testId="call-form-error" />
      {item.phone && <Typography.Paragraph><PhoneOutlined /> <a href={`tel:${item.phone}`}>{item.phone}</a></Typography.Paragraph>}
      <Form.Item name="outcome" label={t('arrivals.calls.outcome')} rules={[{ required: true, message: t('declaration.required') }]}>
        <Radio.Group>
          <Space direction="vertical">
            {CALL_OUTCOMES.map((o) => <Radio key={o} value={o} data-testid={`call-outcome-${o}`}>{t(`arrivals.calls.outcomes.${o}`)}</Radio>)}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={t('arrivals.calls.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('arrivals.calls.record')} testId="call-submit" />
    </Form>
  );
}

function HistoryDrawer({ item, onClose }: { item: CallItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const attempts = useApi<CallAttempt[]>(item ? arrivalsPaths.attempts(item.id) : null);
  return (
    <Drawer open={item !== null} onClose={onClose} title={item ? `${t('arrivals.calls.history')}: ${item.fullName}` : ''} width={420} destroyOnHidden>
      {attempts.error && <ErrorAlert error={attempts.error} onRetry={attempts.reload} />}
      <Timeline items={(attempts.data ?? []).map((a) => ({
        children: (
          <>
            <div><b>{t(`arrivals.calls.outcomes.${a.outcome}`)}</b> · {fmt.dateTimeMinutes(a.calledAt)}</div>
            {a.calledBy && <div style={muted}>{a.calledBy}</div>}
            {a.note && <div>{a.note}</div>}
          </>
        ),
      }))} />
    </Drawer>
  );
}
