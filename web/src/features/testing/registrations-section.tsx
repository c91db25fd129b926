import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { RegistrationRejectModal } from './registration-reject-modal.tsx';
import { RegistrationStatusTag, useUnitKindText } from './testing-tags.tsx';
import { errorMessages } from './testing-view.ts';
import { APPROVAL } from './unit-form.ts';
import { type DecisionResult, REGISTRATION_PAGE, REGISTRATION_STATUSES, type RegistrationStatus, type UnitRegistration, unitsPaths } from './units-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

interface Props {
  status: RegistrationStatus;
  onStatus: (status: RegistrationStatus) => void;
  /** A unit was created (an approval): the units list is out of date. */
  onUnitCreated: () => void;
}

/** A decision that failed, shown above the list until the next one. */
interface Failure {
  name: string;
  messages: string[];
}

/**
 * "Đơn vị đăng ký tham gia" (province admins): the public link to send to hospitals and clinics,
 * and the requests received, approved (creating the unit and its first account) or refused with a reason.
 */
export function RegistrationsSection({ status, onStatus, onUnitCreated }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const list = useApi<UnitRegistration[]>(unitsPaths.registrations(status));
  const unitKindText = useUnitKindText();
  const [approving, setApproving] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<UnitRegistration | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const link = `${window.location.origin}${REGISTRATION_PAGE}`;

  const approve = async (r: UnitRegistration) => {
    setApproving(r.id);
    setFailure(null);
    try {
      await api.post<DecisionResult>(unitsPaths.decision(r.id), APPROVAL);
      message.success(t('testing.registrations.approved', { name: r.name, username: r.username }));
      list.reload();
      onUnitCreated();
    } catch (e) {
      // 400: a unit of that name now exists, the username is taken...; 409: decided meanwhile.
      setFailure({ name: r.name, messages: errorMessages(e, fmt.lang) });
      if (e instanceof ApiError && e.code === 'ALREADY_DECIDED') list.reload();
    } finally {
      setApproving(null);
    }
  };

  const columns: TableColumnsType<UnitRegistration> = [
    {
      title: t('testing.registrations.unit'),
      key: 'unit',
      fixed: 'left',
      width: 230,
      render: (_, r) => (
        <>
          {r.name}
          <div style={muted}>{unitKindText(r.kind)}</div>
        </>
      ),
    },
    {
      title: t('testing.registrations.address'),
      key: 'address',
      width: 220,
      render: (_, r) => (
        <>
          {r.address ?? '–'}
          <div style={muted}>
            {t('testing.registrations.commune')}: {r.communeCode}
          </div>
        </>
      ),
    },
    { title: t('testing.registrations.capacity'), dataIndex: 'capacityPerDay', width: 100, align: 'right', render: (n: number | null) => fmt.number(n) },
    {
      title: t('testing.registrations.contact'),
      key: 'contact',
      width: 180,
      render: (_, r) => (
        <>
          {r.contactName}
          <div style={muted}>{r.contactPhone}</div>
        </>
      ),
    },
    { title: t('testing.registrations.username'), dataIndex: 'username', width: 140 },
    { title: t('testing.registrations.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => fmt.dateTimeMinutes(d) },
    { title: t('testing.registrations.status'), dataIndex: 'status', width: 120, render: (s: string) => <RegistrationStatusTag status={s} /> },
    {
      title: t('testing.registrations.note'),
      key: 'note',
      width: 200,
      render: (_, r) => (
        <>
          {r.decisionNote ?? (r.orgUnitId === null ? '–' : null)}
          {r.orgUnitId !== null && <div style={muted}>{t('testing.registrations.unitLink', { id: r.orgUnitId })}</div>}
        </>
      ),
    },
  ];
  // Only a pending request is decided.
  if (status === 'pending') {
    columns.push({
      title: t('testing.registrations.actions'),
      key: 'actions',
      width: 190,
      render: (_, r) =>
        r.status === 'pending' && (
          <Space size={4}>
            <Popconfirm
              title={t('testing.registrations.approveConfirm', { name: r.name, username: r.username })}
              onConfirm={() => approve(r)}
              okButtonProps={{ loading: approving === r.id }}
            >
              <Button
                size="small"
                type="primary"
                icon={<CheckOutlined />}
                loading={approving === r.id}
                disabled={approving !== null && approving !== r.id}
                data-testid={`registration-approve-${r.id}`}
              >
                {t('testing.registrations.approve')}
              </Button>
            </Popconfirm>
            <Button
              size="small"
              danger
              icon={<CloseOutlined />}
              disabled={approving === r.id}
              onClick={() => {
                setFailure(null);
                setRejecting(r);
              }}
              data-testid={`registration-reject-${r.id}`}
            >
              {t('testing.registrations.reject')}
            </Button>
          </Space>
        ),
    });
  }

  return (
    <div style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('testing.registrations.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('testing.registrations.linkHint')}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Link href={link} target="_blank" rel="noreferrer" copyable={{ text: link }} data-testid="registration-link">
          {link}
        </Typography.Link>
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<RegistrationStatus>
          aria-label={t('testing.registrations.status')}
          value={status}
          options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`testing.registrations.statuses.${s}`) }))}
          onChange={(s) => {
            setFailure(null);
            onStatus(s);
          }}
          style={{ width: 170 }}
          data-testid="registrations-status"
        />
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {failure && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          title={t('testing.registrations.decideFailed', { name: failure.name })}
          description={failure.messages.map((m, i) => (
            <div key={`${i}:${m}`}>{m}</div>
          ))}
          style={{ marginBottom: 12 }}
          data-testid="registration-error"
        />
      )}
      <Table<UnitRegistration>
        rowKey="id"
        size="middle"
        data-testid="registrations-table"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('testing.registrations.total', { total: fmt.number(total) }) }}
        scroll={{ x: status === 'pending' ? 1530 : 1340 }}
      />
      <RegistrationRejectModal
        registration={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={() => {
          setRejecting(null);
          list.reload();
        }}
        onStale={list.reload}
      />
    </div>
  );
}
