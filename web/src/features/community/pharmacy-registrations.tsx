import { App, Button, Form, Input, Modal, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';

/** GET /api/community/pharmacy-registrations: the requests of the reviewer's area. */
export interface PharmacyRequest {
  id: number; name: string; licenceNo: string | null; communeCode: string; communeName: string | null; address: string | null; contactName: string; contactPhone: string;
  username: string; status: 'pending' | 'approved' | 'rejected'; decisionNote: string | null; orgUnitId: number | null; createdAt: string; usernameTaken: boolean;
}
const PATH = '/api/community/pharmacy-registrations';
const decisionPath = (id: number) => `${PATH}/${id}/decision`;
const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'default' } as const;

/**
 * Pharmacies that asked to take part on the public page (`/dang-ky-nha-thuoc`): district health
 * approves (the pharmacy and its `pharmacy` account are created; a taken username is replaced
 * here) or refuses with a reason. Only for `pharmacy:manage`.
 */
export function PharmacyRegistrations({ onApproved }: { onApproved: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApi<PharmacyRequest[]>(PATH);
  const [deciding, setDeciding] = useState<{ request: PharmacyRequest; approve: boolean } | null>(null);
  const rows = list.data ?? [];
  const pending = rows.filter((r) => r.status === 'pending').length;
  const columns: TableColumnsType<PharmacyRequest> = [
    { title: t('pharmacyRegistration.name'), key: 'name', render: (_, r) => <><div>{r.name}</div><Typography.Text type="secondary">{r.licenceNo}</Typography.Text></> },
    { title: t('pharmacyRegistration.address'), key: 'address', render: (_, r) => [r.address, r.communeName].filter(Boolean).join(', ') },
    { title: t('pharmacyRegistration.sections.contact'), key: 'contact', render: (_, r) => `${r.contactName} · ${r.contactPhone}` },
    {
      title: t('pharmacyRegistration.review.username'), key: 'username',
      render: (_, r) => <>{r.username}{r.usernameTaken && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('pharmacyRegistration.review.usernameTaken').split(':')[0]}</Tag>}</>,
    },
    { title: t('pharmacyRegistration.review.submitted'), dataIndex: 'createdAt', width: 110, render: (d: string) => fmt.date(d.slice(0, 10)) },
    {
      title: '', key: 'actions', width: 190,
      render: (_, r) => (r.status === 'pending' ? (
        <Space>
          <Button size="small" type="primary" onClick={() => setDeciding({ request: r, approve: true })} data-testid={`pharmacy-request-approve-${r.id}`}>{t('pharmacyRegistration.review.approve')}</Button>
          <Button size="small" danger onClick={() => setDeciding({ request: r, approve: false })}>{t('pharmacyRegistration.review.reject')}</Button>
        </Space>
      ) : <Tag color={STATUS_COLOR[r.status]}>{t(`pharmacyRegistration.review.statuses.${r.status}`)}</Tag>),
    },
  ];
  return (
    <div data-testid="pharmacy-requests">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('pharmacyRegistration.review.title')} {pending > 0 && <Tag color="gold">{t('pharmacyRegistration.review.pending', { count: pending })}</Tag>}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pharmacyRegistration.review.publicLink', { url: `${window.location.origin}/dang-ky-nha-thuoc` })}</Typography.Paragraph>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<PharmacyRequest> rowKey="id" size="small" columns={columns} dataSource={rows} loading={list.loading} scroll={{ x: 900 }}
        pagination={rows.length > 10 ? { pageSize: 10 } : false} locale={{ emptyText: t('pharmacyRegistration.review.empty') }} />
      <Modal
        open={deciding !== null}
        title={deciding ? t(deciding.approve ? 'pharmacyRegistration.review.approveTitle' : 'pharmacyRegistration.review.rejectTitle', { name: deciding.request.name }) : ''}
        onCancel={() => setDeciding(null)}
        footer={null}
        destroyOnHidden
      >
        {deciding && (
          <DecisionForm
            request={deciding.request}
            approve={deciding.approve}
            onClose={() => setDeciding(null)}
            onDone={() => { setDeciding(null); list.reload(); if (deciding.approve) onApproved(); }}
          />
        )}
      </Modal>
    </div>
  );
}

function DecisionForm({ request, approve, onClose, onDone }: { request: PharmacyRequest; approve: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ username?: string; note?: string }>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['username', 'note']));
  const submit = async (v: { username?: string; note?: string }) => {
    await run(async () => {
      const r = await apiRequest<{ username: string | null }>(decisionPath(request.id), {
        method: 'POST', json: { approve, note: v.note?.trim() || null, ...(approve ? { username: v.username?.trim() || null } : {}) },
      });
      message.success(approve ? t('pharmacyRegistration.review.approved', { username: r.username }) : t('pharmacyRegistration.review.rejected'));
      onDone();
    });
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ username: request.username }} onFinish={(v) => void submit(v)} disabled={saving}>
      <FormErrorAlert error={error} />
      {approve && (
        <Form.Item name="username" label={t('pharmacyRegistration.review.username')} extra={request.usernameTaken ? t('pharmacyRegistration.review.usernameTaken') : undefined}
          validateStatus={request.usernameTaken ? 'warning' : undefined}>
          <Input maxLength={50} data-testid="pharmacy-request-username" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('pharmacyRegistration.review.note')} rules={approve ? [] : [{ required: true, whitespace: true, message: t('unitRegistration.required') }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={approve ? t('pharmacyRegistration.review.approve') : t('pharmacyRegistration.review.reject')} testId="pharmacy-request-submit" danger={!approve} />
    </Form>
  );
}
