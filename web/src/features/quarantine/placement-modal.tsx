import { App, Button, Modal, Skeleton, Table, Typography, Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, apiRequest } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { type Facility, type PlacementSuggestion, type QuarantineOrder, quarantinePaths, type UnplacedOrder } from './quarantine-api.ts';
import { confirmBody, localised, type PlacementRow, placementRows } from './quarantine-view.ts';
import { RejectionAlert } from './rejection-alert.tsx';

interface Props {
  /** The selected orders to place; null: closed. */
  orders: QuarantineOrder[] | null;
  facilities: Facility[];
  onClose: () => void;
  onPlaced: (placed: number) => void;
}

/** Asks the server for rooms for the selected people (households kept together), then confirms them. */
export function PlacementModal(props: Props) {
  // Each opening asks for a fresh suggestion.
  return <PlacementDialog key={useOpenCount(props.orders)} {...props} />;
}

function PlacementDialog({ orders, facilities, onClose, onPlaced }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [suggestion, setSuggestion] = useState<PlacementSuggestion | null>(null);
  const [suggestError, setSuggestError] = useState<unknown>(null);
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  // Asking again after a refused confirmation: the rooms may have filled meanwhile.
  const [round, setRound] = useState(0);
  const orderIds = orders?.map((o) => o.id) ?? [];
  const idsKey = orderIds.join(',');

  useEffect(() => {
    if (!idsKey) return;
    const controller = new AbortController();
    setSuggestion(null);
    setSuggestError(null);
    apiRequest<PlacementSuggestion>(quarantinePaths.suggest, {
      method: 'POST',
      json: { orderIds: idsKey.split(',').map(Number), keepHouseholdsTogether: true },
      signal: controller.signal,
    })
      .then(setSuggestion)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setSuggestError(e);
      });
    return () => controller.abort();
  }, [idsKey, round]);

  const names = new Map((orders ?? []).map((o) => [o.id, o.full_name]));
  const byPerson = new Map((orders ?? []).map((o) => [o.person_id, o.full_name]));
  const rows = suggestion ? placementRows(suggestion, orders ?? [], facilities) : [];

  const confirm = async () => {
    if (!suggestion) return;
    setConfirming(true);
    setConfirmError(null);
    try {
      const r = await api.post<{ placed: number }>(quarantinePaths.confirm, confirmBody(suggestion));
      message.success(t('quarantine.placement.done', { placed: fmt.number(r.placed) }));
      onPlaced(r.placed);
    } catch (e) {
      setConfirmError(e);
    } finally {
      setConfirming(false);
    }
  };

  const rejected = confirmError instanceof ApiError && confirmError.code === 'PLACEMENT_REJECTED';

  return (
    <Modal
      open={orders !== null}
      title={t('quarantine.placement.title', { count: orderIds.length })}
      onCancel={onClose}
      width={760}
      data-testid="placement-modal"
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('app.cancel')}
        </Button>,
        rejected && (
          <Button key="again" onClick={() => { setConfirmError(null); setRound((r) => r + 1); }}>
            {t('quarantine.placement.suggest')}
          </Button>
        ),
        <Button
          key="ok"
          type="primary"
          loading={confirming}
          disabled={!suggestion || suggestion.placements.length === 0 || rejected}
          onClick={() => void confirm()}
          data-testid="placement-confirm"
        >
          {t('quarantine.placement.confirm')}
        </Button>,
      ]}
    >
      <RejectionAlert error={suggestError} code="PLACEMENT_REJECTED" title={t('quarantine.placement.rejected')} testId="placement-error" />
      <RejectionAlert
        error={confirmError}
        code="PLACEMENT_REJECTED"
        title={t('quarantine.placement.rejected')}
        subjects={{ byOrder: names, byPerson, requestOrderIds: suggestion?.placements.map((p) => p.orderId) ?? [] }}
        testId="placement-rejected"
      />
      {!suggestion && suggestError === null && <Skeleton active />}
      {suggestion && (
        <>
          {suggestion.splitHouseholds.length > 0 && (
            <Alert type="warning" showIcon title={t('quarantine.placement.splitHouseholds', { count: suggestion.splitHouseholds.length })} style={{ marginBottom: 12 }} />
          )}
          {suggestion.placements.length === 0 ? (
            <Alert type="info" showIcon title={t('quarantine.placement.nothingPlaced')} style={{ marginBottom: 12 }} />
          ) : (
            <>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('quarantine.placement.placedTitle', { count: suggestion.placements.length })}
              </Typography.Title>
              <Table<PlacementRow>
                rowKey="orderId"
                size="small"
                data-testid="placement-rows"
                dataSource={rows}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('quarantine.placement.person'), dataIndex: 'fullName' },
                  { title: t('quarantine.placement.facility'), dataIndex: 'facilityName' },
                  { title: t('quarantine.placement.room'), dataIndex: 'roomLabel', width: 110 },
                ]}
                style={{ marginBottom: 12 }}
              />
            </>
          )}
          {suggestion.unplaced.length > 0 && (
            <>
              <Typography.Title level={5}>{t('quarantine.placement.unplacedTitle', { count: suggestion.unplaced.length })}</Typography.Title>
              <Table<UnplacedOrder>
                rowKey="orderId"
                size="small"
                data-testid="placement-unplaced"
                dataSource={suggestion.unplaced}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('quarantine.placement.person'), key: 'person', width: 220, render: (_, u) => names.get(u.orderId) ?? `#${u.personId}` },
                  { title: t('quarantine.placement.reason'), key: 'reason', render: (_, u) => localised(u.message, fmt.lang) },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
