import { AutoComplete, Button, DatePicker, Form, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { AUDIT_ACTIONS, type AuditEntry, type AuditFilters, auditPath, RECORD_KINDS } from './audit-api.ts';

interface FormValues {
  action?: string;
  recordKind?: string;
  recordId?: string;
  username?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTION_COLOURS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  import: 'purple',
  export: 'gold',
  login_failed: 'volcano',
};

function toFilters(v: FormValues): AuditFilters {
  return {
    action: v.action || undefined,
    recordKind: v.recordKind?.trim() || undefined,
    recordId: v.recordId?.trim() || undefined,
    username: v.username?.trim() || undefined,
    fromDate: v.range?.[0]?.format('YYYY-MM-DD'),
    toDate: v.range?.[1]?.format('YYYY-MM-DD'),
  };
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useApi<Paged<AuditEntry>>(auditPath(filters, page, pageSize));

  // Labels for values the server may add later fall back to the raw value.
  const label = (prefix: 'audit.actions' | 'audit.kinds' | 'roles', key: string | null) =>
    key === null ? '–' : i18n.exists(`${prefix}.${key}`) ? t(`${prefix}.${key}` as 'roles.cdc') : key;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => fmt.dateTime(at) },
    { title: t('audit.username'), dataIndex: 'username', width: 130, render: (u: string | null) => u ?? '–' },
    { title: t('audit.role'), dataIndex: 'role', width: 160, render: (r: string | null) => label('roles', r) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 130,
      render: (a: string) => <Tag color={ACTION_COLOURS[a]}>{label('audit.actions', a)}</Tag>,
    },
    { title: t('audit.recordKind'), dataIndex: 'recordKind', width: 120, render: (k: string) => label('audit.kinds', k) },
    { title: t('audit.recordId'), dataIndex: 'recordId', width: 110, render: (id: string | null) => id ?? '–' },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '–' },
  ];

  const apply = (v: FormValues) => {
    setFilters(toFilters(v));
    setPage(1);
  };

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Form<FormValues> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="action">
          <Select
            allowClear
            placeholder={t('audit.action')}
            style={{ width: 160 }}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: label('audit.actions', a) }))}
          />
        </Form.Item>
        <Form.Item name="recordKind">
          <AutoComplete
            allowClear
            placeholder={t('audit.recordKind')}
            style={{ width: 150 }}
            options={RECORD_KINDS.map((k) => ({ value: k, label: `${label('audit.kinds', k)} (${k})` }))}
          />
        </Form.Item>
        <Form.Item name="recordId">
          <Input allowClear placeholder={t('audit.recordId')} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="username">
          <Input allowClear placeholder={t('audit.username')} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker format="DD/MM/YYYY" allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} aria-label={t('audit.dateRange')} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('app.apply')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('app.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>

      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 960 }}
        expandable={{
          rowExpandable: (e) => e.detail !== null && e.detail !== undefined,
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}>
              {typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail, null, 2)}
            </pre>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: (p, size) => {
            setPage(size !== pageSize ? 1 : p);
            setPageSize(size);
          },
        }}
      />
    </div>
  );
}
