import { ExperimentOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Collapse, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { dash } from '../../shared/ui/person-details.tsx';
import { type PersonSample, personTestsPaths } from './person-tests-api.ts';
import { ctValue, hasSlip, isSampleMethod, sampleCodeOf, TEST_STATUS_COLOURS, testStatusOf } from './person-tests-view.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

/**
 * "Xét nghiệm" in the person's record: their samples with pool, round and result, and the result
 * slip of each resulted one. Collapsed at first: the list (an audited read) loads on opening.
 */
export function PersonTestsSection({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Collapse
      data-testid="person-tests"
      style={{ marginTop: 16 }}
      onChange={(keys) => keys.length > 0 && setOpened(true)}
      items={[
        {
          key: 'tests',
          label: (
            <span>
              <ExperimentOutlined /> {t('personTests.title')}
            </span>
          ),
          children: opened ? <PersonTestsTable personId={personId} /> : null,
        },
      ]}
    />
  );
}

function PersonTestsTable({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error, loading, reload } = useApi<PersonSample[]>(personTestsPaths.ofPerson(personId));
  const { download } = useDownload();
  const [printing, setPrinting] = useState<number | null>(null);

  const print = async (s: PersonSample) => {
    setPrinting(s.id);
    // A 409 NO_RESULT (or any failure) is shown as a message by useDownload.
    await download(personTestsPaths.slip(s.id), `phieu-ket-qua-xet-nghiem-${s.id}.docx`);
    setPrinting(null);
  };

  const columns: TableColumnsType<PersonSample> = [
    { title: t('personTests.takenOn'), dataIndex: 'taken_on', width: 110, render: (d: string) => fmt.date(d) },
    {
      title: t('personTests.method'),
      dataIndex: 'method',
      render: (m: string) => (isSampleMethod(m) ? t(`personTests.methods.${m}`) : m),
    },
    {
      title: t('personTests.sample'),
      key: 'sample',
      render: (_, s) => {
        const code = sampleCodeOf(s);
        return (
          <>
            <div>{code === null ? '–' : code.kind === 'pool' ? t('personTests.pool', { barcode: code.code }) : code.code}</div>
            {s.round_code && <div style={muted}>{t('personTests.round', { code: s.round_code })}</div>}
          </>
        );
      },
    },
    {
      title: t('personTests.result'),
      key: 'result',
      render: (_, s) => {
        const status = testStatusOf(s);
        const ct = ctValue(s.ct);
        return (
          <>
            <Tag color={TEST_STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }} data-testid={`person-test-result-${s.id}`}>
              {t(`personTests.results.${status}`)}
            </Tag>
            {ct !== null && <div style={muted}>{t('personTests.ct', { ct: fmt.number(ct, 2) })}</div>}
          </>
        );
      },
    },
    {
      title: t('personTests.lab'),
      key: 'lab',
      render: (_, s) => dash(s.lab),
    },
    { title: t('personTests.resultedOn'), dataIndex: 'resulted_on', width: 110, render: (d: string | null) => fmt.date(d) },
    {
      key: 'slip',
      width: 1,
      render: (_, s) =>
        hasSlip(s) && (
          <Button
            size="small"
            icon={<PrinterOutlined />}
            loading={printing === s.id}
            onClick={() => void print(s)}
            style={{ whiteSpace: 'nowrap' }}
            data-testid={`person-test-slip-${s.id}`}
          >
            {t('personTests.slip')}
          </Button>
        ),
    },
  ];

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('personTests.hint')}
      </Typography.Paragraph>
      <Table<PersonSample>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        columns={columns}
        locale={{ emptyText: t('personTests.none') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
