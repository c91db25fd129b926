import { Alert, App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { CaseSelect, type PickedCase } from './case-select.tsx';
import {
  type ClusterDetail,
  type ClusterDraft,
  type ClusterInput,
  clusterPatch,
  clustersPaths,
  DEFAULT_CONTROL_DAYS,
  fieldIssuesOf,
  MAX_CONTROL_DAYS,
  MIN_CONTROL_DAYS,
  PLACE_KINDS,
  type PlaceKind,
} from './clusters-api.ts';
import { CommuneField } from './commune-field.tsx';

interface Values {
  name: string;
  placeKind: PlaceKind;
  communeCode?: string | null;
  cases?: PickedCase[];
  controlDays: number;
  note?: string;
}

interface Props {
  /** Create from this draft (empty or a suggestion)… */
  draft?: ClusterDraft | null;
  /** …or edit this cluster (name, control days, note). */
  cluster?: ClusterDetail | null;
  onClose: () => void;
  onSaved: (cluster: ClusterDetail) => void;
}

const FIELDS = new Set(['name', 'placeKind', 'communeCode', 'controlDays', 'note', 'caseIds']);

/** Declares a cluster (ổ dịch) or edits one; the server's rules decide and name the field at fault. */
export function ClusterFormModal(props: Props) {
  return <ClusterFormDialog key={useOpenCount(props.draft ?? props.cluster ?? null)} {...props} />;
}

function ClusterFormDialog({ draft, cluster, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const editing = !!cluster;
  const open = !!draft || !!cluster;

  const initialValues: Partial<Values> = cluster
    ? { name: cluster.name, placeKind: cluster.placeKind, controlDays: cluster.controlDays, note: cluster.note ?? undefined }
    : {
        name: draft?.name ?? '',
        placeKind: draft?.placeKind ?? 'village',
        communeCode: draft?.communeCode ?? null,
        cases: draft?.cases.map((c) => ({ value: c.id, label: c.caseCode })) ?? [],
        controlDays: DEFAULT_CONTROL_DAYS,
      };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      let saved: ClusterDetail;
      if (cluster) {
        const patch = clusterPatch(cluster, { name: v.name, controlDays: v.controlDays, note: v.note ?? null });
        if (Object.keys(patch).length === 0) {
          message.info(t('clusters.form.nothingChanged'));
          onClose();
          return;
        }
        saved = await api.patch<ClusterDetail>(clustersPaths.one(cluster.id), patch);
        message.success(t('clusters.form.saved', { name: saved.name }));
      } else {
        const body: ClusterInput = {
          name: v.name.trim(),
          placeKind: v.placeKind,
          orgUnitId: draft?.orgUnitId ?? null,
          communeCode: v.communeCode ?? null,
          caseIds: (v.cases ?? []).map((c) => c.value),
          controlDays: v.controlDays,
          note: v.note?.trim() || null,
        };
        saved = await api.post<ClusterDetail>(clustersPaths.create, body);
        message.success(t('clusters.form.created', { name: saved.name }));
      }
      onSaved(saved);
    } catch (e) {
      const issues = e instanceof ApiError ? fieldIssuesOf(e.field, e.localised, e.details) : [];
      const placed = issues.filter((i) => FIELDS.has(i.field));
      if (placed.length > 0 && placed.length === issues.length) {
        form.setFields(placed.map((i) => ({ name: (i.field === 'caseIds' ? 'cases' : i.field) as keyof Values, errors: [i.message[lang] || i.message.vi] })));
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('clusters.form.editTitle', { name: cluster.name }) : t('clusters.form.createTitle')}
      onCancel={onClose}
      width={620}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('app.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => void submit()} data-testid="cluster-form-submit">
          {t('clusters.form.submit')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={error} />
      {!editing && draft?.orgUnitId && <Alert type="info" showIcon title={t('clusters.form.fromSuggestion', { name: draft.name })} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" disabled={saving} initialValues={initialValues}>
        <Form.Item name="name" label={t('clusters.name')} rules={[{ required: true, whitespace: true, message: t('clusters.form.required') }]}>
          <Input maxLength={200} data-testid="cluster-name" />
        </Form.Item>
        <Form.Item name="placeKind" label={t('clusters.placeKind')} rules={[{ required: true, message: t('clusters.form.required') }]}>
          <Select disabled={editing} options={PLACE_KINDS.map((k) => ({ value: k, label: t(`clusters.placeKinds.${k}`) }))} />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="communeCode" label={t('clusters.form.commune')} extra={t('clusters.form.communeHint')}>
              <CommuneField />
            </Form.Item>
            <Form.Item name="cases" label={t('clusters.form.cases')}>
              <CaseSelect testId="cluster-cases" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="controlDays"
          label={t('clusters.controlDays')}
          extra={t('clusters.form.controlDaysHint')}
          rules={[{ required: true, message: t('clusters.form.required') }]}
        >
          <InputNumber min={MIN_CONTROL_DAYS} max={MAX_CONTROL_DAYS} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="note" label={t('clusters.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
