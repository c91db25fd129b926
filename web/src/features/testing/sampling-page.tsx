import { ArrowLeftOutlined, CheckCircleFilled } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Input, type InputRef, Progress, Result, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDebouncedSearch } from '../../shared/hooks/use-debounced-search.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { barcodeAfterError, barcodeAfterRecord, fieldToFix, isPoolFull, parsePersonId, poolOf, type SampleProblem, sampleProblem } from './sampling.ts';
import { type MissingPerson, type Pool, type RoundDetail, type SampleBody, type SampleRecorded, testingPaths, testingRoutes } from './testing-api.ts';
import { isOpenRound, methodLabel, sampledPercent } from './testing-view.ts';

/** What the last record did, for the confirmation. */
interface Recorded {
  personId: number;
  sample: SampleRecorded;
  /** The pool after the record (from the round read again); undefined for a tube or when the round could not be read. */
  pool: Pool | undefined;
}

const bigInput = { fontSize: 22, height: 56 } as const;

/**
 * Sampling on a phone (/testing/rounds/:id/sample): scan or type the person's id, then the tube's
 * barcode (for a pooled round the pool's, kept for the next person until the pool is full), and
 * record. The cursor goes back to the person after each record, ready for the next scan.
 */
export default function SamplingPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const loaded = useApi<RoundDetail>(validId ? testingPaths.round(id) : null);
  // The round read again after each record (its pools' members), newer than the one read on opening.
  const [fresh, setFresh] = useState<RoundDetail>();
  const round = fresh && fresh.id === id ? fresh : loaded.data && loaded.data.id === id ? loaded.data : undefined;
  const [personText, setPersonText] = useState('');
  const [barcode, setBarcode] = useState('');
  const [saving, setSaving] = useState(false);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [problem, setProblem] = useState<SampleProblem | null>(null);
  const personRef = useRef<InputRef>(null);
  const barcodeRef = useRef<InputRef>(null);
  // Without a QR code: find the person by name among those of the round still to sample.
  const [nameQuery, setNameQuery] = useState('');
  const found = useDebouncedSearch<MissingPerson>(validId && nameQuery.trim().length >= 2 ? testingPaths.missingSearch(id, nameQuery.trim()) : null);

  if (!validId || loaded.error?.status === 404) {
    return (
      <Result
        status="404"
        title={t('testing.detail.notFound')}
        extra={
          <Link to={testingRoutes.page()}>
            <Button type="primary">{t('testing.detail.back')}</Button>
          </Link>
        }
      />
    );
  }

  const pooled = round?.method === 'rt_pcr_pool';
  const open = round ? isOpenRound(round.status) : false;
  const focus = (field: 'personId' | 'barcode') => (field === 'personId' ? personRef : barcodeRef).current?.focus({ cursor: 'all' });

  const refusal = (text: string, field: 'personId' | 'barcode') => {
    setProblem({ code: 'INPUT', lines: [text], hint: null });
    setRecorded(null);
    focus(field);
  };

  const record = async () => {
    if (!round || saving) return;
    const personId = parsePersonId(personText);
    if (personId === null) return refusal(t('testing.sample.personInvalid'), 'personId');
    const code = barcode.trim();
    if (!code) return refusal(t('testing.sample.barcodeRequired'), 'barcode');
    setSaving(true);
    setProblem(null);
    try {
      const body: SampleBody = { personId, barcode: code };
      const sample = await api.post<SampleRecorded>(testingPaths.samples(round.id), body);
      // The pool's members as the server counts them; without them the barcode is kept (a full pool is refused anyway).
      const detail = await api.get<RoundDetail>(testingPaths.round(round.id)).catch(() => undefined);
      if (detail) setFresh(detail);
      const pool = poolOf(detail, sample.poolId);
      setRecorded({ personId, sample, pool });
      setBarcode(barcodeAfterRecord(pooled, sample.barcode, pool));
      setPersonText('');
      setSaving(false);
      setTimeout(() => personRef.current?.focus(), 0);
    } catch (e) {
      setSaving(false);
      setRecorded(null);
      setProblem(sampleProblem(e, fmt.lang));
      const kept = barcodeAfterError(pooled, code, e);
      setBarcode(kept);
      if (e instanceof ApiError && e.code === 'ROUND_CLOSED') loaded.reload();
      // A pool that cannot take anyone else: the cursor goes to the barcode for a new pool.
      const field = kept === '' ? 'barcode' : fieldToFix(e);
      setTimeout(() => focus(field), 0);
    }
  };

  const currentPool = pooled && round ? round.pools.find((p) => p.barcode === barcode.trim().toUpperCase()) : undefined;
  // A pool typed again that cannot take anyone: said before the server refuses it.
  const unusable = currentPool !== undefined && (currentPool.result !== null || isPoolFull(currentPool));

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }} data-testid="sampling-page">
      <Link to={testingRoutes.round(id)}>
        <ArrowLeftOutlined /> {t('testing.sample.back')}
      </Link>
      {loaded.error && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {loaded.loading && !round && <Skeleton active style={{ marginTop: 16 }} />}
      {round && (
        <>
          <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
            {t('testing.sample.title', { code: round.code })}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {round.targetLabel} · {methodLabel(round.method, round.poolSize, fmt.lang)}
          </Typography.Paragraph>
          <div data-testid="sample-progress" style={{ marginBottom: 12 }}>
            {t('testing.sample.progress', { sampled: fmt.number(round.sampled), expected: fmt.number(round.expected) })}
            <Progress percent={sampledPercent(round.sampled - round.unexpected, round.expected)} size="small" status="normal" />
          </div>

          {!open && <Alert type="warning" showIcon title={t('testing.sample.closed')} style={{ marginBottom: 12 }} />}

          <form
            onSubmit={(e) => {
              e.preventDefault();
              void record();
            }}
          >
            <label htmlFor="sample-person" style={{ display: 'block', fontWeight: 500, marginBottom: 4 }}>
              {t('testing.sample.personId')}
            </label>
            <Input
              id="sample-person"
              ref={personRef}
              value={personText}
              onChange={(e) => setPersonText(e.target.value)}
              onPressEnter={(e) => {
                // A scanner ends with Enter: on to the barcode, or straight to recording when the pool's barcode is kept.
                e.preventDefault();
                if (barcode.trim()) void record();
                else focus('barcode');
              }}
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              disabled={!open}
              style={{ ...bigInput, marginBottom: 12 }}
              data-testid="sample-person"
            />
            <AutoComplete
              value={nameQuery}
              onChange={setNameQuery}
              options={found.items.map((p) => ({ value: String(p.id), label: `${p.fullName} · ${p.id}` }))}
              onSelect={(value: string) => {
                setPersonText(value);
                setNameQuery('');
                focus('barcode');
              }}
              placeholder={t('testing.sample.searchName')}
              disabled={!open}
              style={{ width: '100%', marginBottom: 12 }}
              data-testid="sample-search"
            />
            <label htmlFor="sample-barcode" style={{ display: 'block', fontWeight: 500, marginBottom: 4 }}>
              {pooled ? t('testing.sample.barcodePool') : t('testing.sample.barcodeTube')}
            </label>
            <Input
              id="sample-barcode"
              ref={barcodeRef}
              value={barcode}
              onChange={(e) => setBarcode(e.target.value)}
              onPressEnter={(e) => {
                e.preventDefault();
                void record();
              }}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              disabled={!open}
              style={{ ...bigInput, marginBottom: 4 }}
              data-testid="sample-barcode"
            />
            <div style={{ fontSize: 13, color: unusable ? '#cf1322' : 'rgba(0,0,0,0.55)', minHeight: 20, marginBottom: 12 }} data-testid="sample-current-pool">
              {currentPool
                ? `${t('testing.sample.currentPool', { barcode: currentPool.barcode, members: fmt.number(currentPool.members), size: fmt.number(currentPool.size) })}${
                    unusable ? ` – ${currentPool.result !== null ? t('testing.sample.hints.POOL_RESULTED') : t('testing.sample.hints.POOL_FULL')}` : ''
                  }`
                : pooled && round.poolSize
                  ? t('testing.sample.keptHint', { size: round.poolSize })
                  : null}
            </div>
            <Button type="primary" htmlType="submit" block loading={saving} disabled={!open} style={{ height: 64, fontSize: 22 }} data-testid="sample-submit">
              {t('testing.sample.submit')}
            </Button>
          </form>

          {recorded && <RecordedAlert recorded={recorded} />}
          {problem && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 16, fontSize: 16 }}
              title={problem.lines.map((line, i) => (
                <div key={`${i}:${line}`}>{line}</div>
              ))}
              data-testid="sample-error"
              data-code={problem.code}
              description={problem.hint ?? undefined}
            />
          )}
        </>
      )}
    </div>
  );
}

function RecordedAlert({ recorded }: { recorded: Recorded }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { sample, pool } = recorded;
  const full = pool ? isPoolFull(pool) : false;
  return (
    <Alert
      type="success"
      icon={<CheckCircleFilled />}
      showIcon
      style={{ marginTop: 16, fontSize: 16 }}
      title={<strong>{t('testing.sample.ok', { personId: recorded.personId })}</strong>}
      data-testid="sample-ok"
      data-person={recorded.personId}
      description={
        <>
          <div data-testid="sample-ok-barcode">
            {sample.poolId !== null
              ? pool
                ? t('testing.sample.okPool', { barcode: sample.barcode, members: fmt.number(pool.members), size: fmt.number(pool.size) })
                : sample.barcode
              : t('testing.sample.okTube', { barcode: sample.barcode })}
          </div>
          {full && <div style={{ fontWeight: 500 }}>{t('testing.sample.poolFull')}</div>}
          {sample.retestId !== null && <div>{t('testing.sample.retest', { id: sample.retestId })}</div>}
        </>
      }
    />
  );
}
